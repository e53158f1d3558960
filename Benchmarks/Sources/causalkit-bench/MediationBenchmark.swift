import CausalKit
import Foundation

/// `causalkit-bench mediate`: `MediationAnalysis` (`method: .quasiBayesian`) on a table already in memory,
/// with the same protocol as `fit` (untimed load, peak-RSS reset, one untimed warm-up, timed runs
/// within a budget, one JSON line). The timed call includes both model fits and the simulations.
enum MediationBenchmark {
  struct Effect: Codable {
    var estimate: Double
    var conf_low: Double
    var conf_high: Double
    var p_value: Double
    /// Standard deviation of the draws.
    var sd: Double
  }

  struct Record: Codable, TimedRecord {
    var tool = "causalkit"
    var workload: String
    var config: String
    var method: String
    var status = "ok"
    var error: String?
    var rows: Int
    var simulations: Int
    var threads: Int
    var data_bytes: Int
    var rss_before_kb: Int = 0
    var rss_peak_kb: Int = -1
    var peak_reset = false
    var warmup_s: Double?
    var times_s: [Double]?
    var best_s: Double?
    var median_s: Double?
    var load_before: Double?
    var load_after: Double?
    var nobs: Int?
    var effects: [String: Effect]?
    /// Linear outcome only: the closed-form (product-of-coefficients) ACME and ADE, untimed,
    /// which the simulated means estimate.
    var closed_form_acme: Double?
    var closed_form_ade: Double?
  }

  /// `mediate --workload md1 [--outcome-model linear|logit] [--sims 1000] [--seed 1] [--reps 5] [--budget 30]`.
  static func run(_ args: Arguments) throws {
    let dir = args.value("--data") ?? "Benchmarks/.data"
    guard let name = args.value("--workload") else { throw BenchError("mediate needs --workload") }
    let family = args.value("--outcome-model") ?? "linear"
    let simulations = Int(args.value("--sims") ?? "1000") ?? 1_000
    let seed = UInt64(args.value("--seed") ?? "1") ?? 1
    let reps = Int(args.value("--reps") ?? "5") ?? 5
    let budget = Double(args.value("--budget") ?? "30") ?? 30
    let workload = try Workload(directory: dir + "/" + name)
    let outcomeFamily: MediationModelFamily
    let outcome: String
    switch family {
    case "linear": (outcomeFamily, outcome) = (.linear, "y")
    case "logit": (outcomeFamily, outcome) = (.logit, "ybin")
    default: throw BenchError("unknown --outcome-model \(family); use linear or logit")
    }
    let covariates = ["x1", "x2", "x3", "x4", "x5"]
    let data = try PropensityBenchmark.table(workload, columns: ["treat", "m", outcome] + covariates)
    let analysis = try MediationAnalysis(
      treatment: "treat", mediators: ["m"], outcome: outcome, covariates: Covariates(columns: covariates),
      outcomeFamily: outcomeFamily, method: .quasiBayesian(simulations: simulations), seed: seed)
    var record = Record(
      workload: name, config: family,
      method: "MediationAnalysis(method: .quasiBayesian(simulations: \(simulations))), linear mediator, \(family) outcome",
      rows: workload.meta.rows, simulations: simulations, threads: ProcessInfo.processInfo.activeProcessorCount,
      data_bytes: workload.meta.rows * 8 * (3 + covariates.count))
    record.load_before = loadAverage()
    do {
      record.peak_reset = ProcessMemory.resetPeak()
      record.rss_before_kb = ProcessMemory.kilobytes("VmRSS")
      let (timings, result) = try measure(reps: reps, budget: budget) {
        try analysis.fit(data)
      }
      record.record(timings)
      record.nobs = result.observationCount
      var effects: [String: Effect] = [:]
      for row in result.effects.rows {
        effects[row.term] = Effect(
          estimate: row.estimate, conf_low: row.confLow, conf_high: row.confHigh, p_value: row.pValue, sd: row.standardError)
      }
      record.effects = effects
      if outcomeFamily == .linear {
        let closed = try MediationAnalysis(
          treatment: "treat", mediators: ["m"], outcome: outcome, covariates: Covariates(columns: covariates),
          method: .closedForm
        ).fit(data)
        record.closed_form_acme = closed.effects.acmeAverage.estimate
        record.closed_form_ade = closed.effects.adeAverage.estimate
      }
    } catch let error as BenchError {
      throw error
    } catch {
      record.recordFailure(error)
    }
    record.load_after = loadAverage()
    print(try jsonLine(record))
  }
}
