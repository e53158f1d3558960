import CausalKit
import Foundation

/// `causalkit-bench fit`: times `FixedEffectsModel.fit` on a table already in memory.
enum FitBenchmark {
  typealias Coefficient = RecordedCoefficient

  struct Record: Codable, TimedRecord {
    var tool = "causalkit"
    var workload: String
    var config: String
    var tolerance: String
    var status = "ok"
    var error: String?
    var rows: Int
    var formula: String
    var data_bytes: Int
    var rss_data_kb: Int
    var rss_before_kb: Int
    var rss_peak_kb: Int = -1
    var peak_reset: Bool
    var warmup_s: Double?
    var times_s: [Double]?
    var best_s: Double?
    var median_s: Double?
    var nobs: Int?
    var coefficients: [String: Coefficient]?
    var demeaning_methods: [String]?
    var demeaning_iterations: [Int]?
    var fixed_effect_levels: [String: Int]?
    /// Model-frame construction alone (formula expansion, factor coding), timed separately.
    var frame_best_s: Double?
    var frame_median_s: Double?
    /// `DemeaningOptions.switchIterations` in force (alternating-projection sweeps before the
    /// switch to conjugate gradient with the automatic method).
    var switch_iterations: Int?
    /// (D − 1) × Σ_g n_g² / n over the levels g of the largest dimension: the cost the library
    /// weighs (against 50) before forming the Schur complement explicitly (SparseSchurComplement).
    var schur_cost_per_observation: Double?
    /// 1-minute load average before and after the runs.
    var load_before: Double?
    var load_after: Double?
  }

  static func run(_ args: Arguments) throws {
    let dir = args.value("--data") ?? "Benchmarks/.data"
    guard let name = args.value("--workload") else { throw BenchError("fit needs --workload") }
    let reps = Int(args.value("--reps") ?? "5") ?? 5
    let budget = Double(args.value("--budget") ?? "30") ?? 30
    let methodText = args.value("--method") ?? "automatic"
    guard let method = DemeaningOptions.Method(rawValue: methodText) else {
      throw BenchError("unknown --method \(methodText); use automatic, alternating-projections or conjugate-gradient")
    }
    let tolText = args.value("--tol") ?? "default"
    let defaults = DemeaningOptions(method: method)
    let options = DemeaningOptions(
      method: method, tolerance: tolText == "default" ? defaults.tolerance : Double(tolText) ?? defaults.tolerance,
      maxIterations: args.value("--max-iterations").flatMap { Int($0) } ?? defaults.maxIterations)

    let workload = try Workload(directory: dir + "/" + name)
    let schurCost = workload.schurCostPerObservation
    let rssData = ProcessMemory.kilobytes("VmRSS")
    let table = try workload.table()
    let dataBytes = workload.dataBytes
    let meta = workload.meta
    // Drop the raw arrays: only the table stays resident.
    _ = consume workload

    let vcov: VarianceType
    var clusters = [String]()
    switch meta.vcov {
    case .iid: vcov = .iid
    case .cluster(let c):
      vcov = .cluster([c])
      clusters = [c]
    }
    var record = Record(
      workload: name, config: method.rawValue, tolerance: tolText == "default" ? "default (\(options.tolerance))" : tolText,
      rows: meta.rows, formula: meta.formula, data_bytes: dataBytes, rss_data_kb: rssData,
      rss_before_kb: 0, peak_reset: false)
    record.switch_iterations = options.switchIterations
    record.schur_cost_per_observation = schurCost
    record.load_before = loadAverage()
    record.peak_reset = ProcessMemory.resetPeak()
    record.rss_before_kb = ProcessMemory.kilobytes("VmRSS")
    do {
      let model = try FixedEffectsModel(formula: meta.formula, vcov: vcov, demeaning: options)
      let (timings, fit) = try measure(reps: reps, budget: budget) { try model.fit(table) }
      record.record(timings)
      record.nobs = fit.observationCount
      var coefs = [String: Coefficient]()
      for row in fit.coefficients { coefs[row.term] = Coefficient(estimate: row.estimate, std_error: row.standardError) }
      record.coefficients = coefs
      record.demeaning_methods = fit.demeaning.methods
      record.demeaning_iterations = fit.demeaning.iterations
      record.fixed_effect_levels = Dictionary(uniqueKeysWithValues: fit.fixedEffectLevels.map { ($0.name, $0.levels) })
      if !args.flag("--no-frame") {
        let (frameTimings, _) = try measure(reps: reps, budget: budget / 4) {
          try ModelFrame(meta.formula, data: table, clusters: clusters)
        }
        record.frame_best_s = frameTimings.best
        record.frame_median_s = frameTimings.median
      }
    } catch {
      record.recordFailure(error)
    }
    record.load_after = loadAverage()
    print(try jsonLine(record))
  }
}
