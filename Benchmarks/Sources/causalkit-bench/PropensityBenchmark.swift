import CausalKit
import Foundation

/// `causalkit-bench match` and `causalkit-bench logit`: propensity-score matching and logistic
/// regression on a table already in memory, with the same protocol as `fit` (untimed load,
/// peak-RSS reset, one untimed warm-up, timed runs within a budget, one JSON line).
enum PropensityBenchmark {
  typealias Coefficient = RecordedCoefficient

  struct Record: Codable, TimedRecord {
    var tool = "causalkit"
    var workload: String
    var config: String
    var status = "ok"
    var error: String?
    var rows: Int
    var formula: String
    var data_bytes: Int
    var rss_before_kb: Int
    var rss_peak_kb: Int = -1
    var peak_reset: Bool
    var warmup_s: Double?
    var times_s: [Double]?
    var best_s: Double?
    var median_s: Double?
    var load_before: Double?
    var load_after: Double?
    // Matching
    var treated: Int?
    var treated_matched: Int?
    var treated_unmatched: Int?
    var control_matched: Int?
    var caliper_width: Double?
    /// Largest |score difference| within a matched pair, and pairs wider than the caliper
    /// (checked after timing; 0 expected).
    var max_pair_gap: Double?
    var pairs_outside_caliper: Int?
    /// Pipeline only: max |p̂ − ps| between CausalKit's fitted scores and the generator's.
    var max_abs_score_diff: Double?
    /// Pipeline only: the stages of `PropensityScoreMatching.run` timed separately (median, s):
    /// logit fit, matching on its scores, row selection + balance table.
    var stage_logit_s: Double?
    var stage_match_s: Double?
    var stage_balance_s: Double?
    // Logit
    var nobs: Int?
    var iterations: Int?
    var converged: Bool?
    var coefficients: [String: Coefficient]?
  }

  static func baseRecord(_ workload: Workload, name: String, config: String) -> Record {
    Record(
      workload: name, config: config, rows: workload.meta.rows, formula: workload.meta.formula,
      data_bytes: workload.dataBytes, rss_before_kb: 0, peak_reset: false)
  }

  static func emit(_ record: Record) throws { print(try jsonLine(record)) }

  static func table(_ workload: Workload, columns names: [String]) throws -> DataTable {
    try DataTable(
      columns: try names.map { name in
        guard let d = workload.doubles[name] else { throw BenchError("column \(name) missing") }
        return Column(name: name, doubles: d)
      })
  }

  /// `match --workload m1 --mode matcher|pipeline`: 1:1 nearest-neighbour matching without
  /// replacement, ATT, largest score first, caliper 0.2 SD of the score.
  static func runMatch(_ args: Arguments) throws {
    let dir = args.value("--data") ?? "Benchmarks/.data"
    guard let name = args.value("--workload") else { throw BenchError("match needs --workload") }
    let mode = args.value("--mode") ?? "matcher"
    let reps = Int(args.value("--reps") ?? "5") ?? 5
    let budget = Double(args.value("--budget") ?? "30") ?? 30
    let workload = try Workload(directory: dir + "/" + name)
    guard let treat = workload.doubles["treat"], let ps = workload.doubles["ps"] else {
      throw BenchError("\(name) is not a matching workload (needs treat and ps)")
    }
    let covariates = workload.meta.formula.split(separator: "~")[1].trimmingCharacters(in: .whitespaces)
    let covariateNames = covariates.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }
    let matcher = try NearestNeighborMatcher(
      estimand: .att, ratio: 1, replace: false, caliper: Caliper(0.2), order: .largest, discard: .none)
    var record = baseRecord(workload, name: name, config: mode)
    let treatment = treat.map { $0 == 1 }
    record.treated = treatment.filter { $0 }.count
    record.load_before = loadAverage()

    func fill(_ timings: Timings, _ matched: MatchedSet) {
      if let score = matched.score, let width = matched.caliperWidth {
        var gap = 0.0
        var outside = 0
        for (k, unit) in matched.focalUnits.enumerated() {
          for c in matched.matches[k] {
            let g = abs(score[unit] - score[c])
            gap = max(gap, g)
            if g > width { outside += 1 }
          }
        }
        record.max_pair_gap = gap
        record.pairs_outside_caliper = outside
      }
      record.record(timings)
      record.treated_matched = matched.counts.treated.matched
      record.treated_unmatched = matched.counts.treated.unmatched
      record.control_matched = matched.counts.control.matched
      record.caliper_width = matched.caliperWidth
    }
    do {
      switch mode {
      case "matcher":
        record.peak_reset = ProcessMemory.resetPeak()
        record.rss_before_kb = ProcessMemory.kilobytes("VmRSS")
        let (timings, matched) = try measure(reps: reps, budget: budget) {
          try matcher.match(treatment: treatment, distance: .score(ps))
        }
        fill(timings, matched)
      case "pipeline":
        let data = try table(workload, columns: ["treat"] + covariateNames)
        record.peak_reset = ProcessMemory.resetPeak()
        record.rss_before_kb = ProcessMemory.kilobytes("VmRSS")
        let design = try PropensityScoreMatching(
          treatment: "treat", covariates: Covariates(formula: covariates), matcher: matcher)
        let (timings, result) = try measure(reps: reps, budget: budget) { try design.fit(data) }
        fill(timings, result.matched)
        let fitted = result.propensity.fittedProbabilities
        record.max_abs_score_diff = zip(result.rows, fitted).map { abs(ps[$0] - $1) }.max()
        record.iterations = result.propensity.iterations
        record.nobs = result.propensity.observationCount
        if !args.flag("--no-stages") {
          let model = try BinaryRegression(formula: "treat ~ \(covariates)", link: .logit, allowSeparation: false)
          let (tLogit, fit) = try measure(reps: reps, budget: budget / 4) { try model.fit(data) }
          let treated = fit.outcome.map { $0 == 1 }
          let (tMatch, m) = try measure(reps: reps, budget: budget / 4) {
            try matcher.match(treatment: treated, distance: .score(fit.fittedProbabilities))
          }
          var units = data.selecting(rows: fit.observationRows)
          try units.append(Column(name: "matching_weight", doubles: m.weights))
          let assessment = try BalanceAssessment(
            treatment: "treat", covariates: Covariates(formula: covariates), estimand: m.estimand,
            weights: "matching_weight")
          let (tBalance, _) = try measure(reps: reps, budget: budget / 4) { try assessment.fit(units) }
          record.stage_logit_s = tLogit.median
          record.stage_match_s = tMatch.median
          record.stage_balance_s = tBalance.median
        }
      default:
        throw BenchError("unknown --mode \(mode); use matcher or pipeline")
      }
    } catch let error as BenchError {
      throw error
    } catch {
      record.recordFailure(error)
    }
    record.load_after = loadAverage()
    try emit(record)
  }

  /// `logit --workload l1 --mode formula|arrays`: `BinaryRegression(formula:).fit(table)` from
  /// formula text, or from a `Formula` built in code on a table made from the arrays.
  static func runLogit(_ args: Arguments) throws {
    let dir = args.value("--data") ?? "Benchmarks/.data"
    guard let name = args.value("--workload") else { throw BenchError("logit needs --workload") }
    let mode = args.value("--mode") ?? "formula"
    let reps = Int(args.value("--reps") ?? "5") ?? 5
    let budget = Double(args.value("--budget") ?? "30") ?? 30
    var iteration = IRLSOptions()
    if let t = args.value("--tol"), let v = Double(t) { iteration.tolerance = v }
    let workload = try Workload(directory: dir + "/" + name)
    let formula = workload.meta.formula
    let response = formula.split(separator: "~")[0].trimmingCharacters(in: .whitespaces)
    let regressors = formula.split(separator: "~")[1].split(separator: "+").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    var record = baseRecord(workload, name: name, config: mode)
    record.load_before = loadAverage()
    do {
      let fit: BinaryRegressionFit
      let timings: Timings
      switch mode {
      case "formula":
        let data = try table(workload, columns: [response] + regressors)
        record.peak_reset = ProcessMemory.resetPeak()
        record.rss_before_kb = ProcessMemory.kilobytes("VmRSS")
        let model = try BinaryRegression(formula: formula, link: .logit, iteration: iteration)
        (timings, fit) = try measure(reps: reps, budget: budget) { try model.fit(data) }
      case "arrays":
        // The array entry point is package-level now: this mode builds the table from the
        // workload's arrays (untimed) and times the model built in code with
        // `Formula(response:regressors:)`, no formula text parsed.
        let data = try DataTable(
          columns: ([response] + regressors).map { Column(name: $0, doubles: workload.doubles[$0] ?? []) })
        let model = try BinaryRegression(
          formula: Formula(response: response, regressors: regressors), link: .logit, iteration: iteration)
        record.peak_reset = ProcessMemory.resetPeak()
        record.rss_before_kb = ProcessMemory.kilobytes("VmRSS")
        (timings, fit) = try measure(reps: reps, budget: budget) { try model.fit(data) }
      default:
        throw BenchError("unknown --mode \(mode); use formula or arrays")
      }
      record.record(timings)
      record.nobs = fit.observationCount
      record.iterations = fit.iterations
      record.converged = fit.converged
      var coefs = [String: Coefficient]()
      for row in fit.coefficients { coefs[row.term] = Coefficient(estimate: row.estimate, std_error: row.standardError) }
      record.coefficients = coefs
    } catch let error as BenchError {
      throw error
    } catch {
      record.recordFailure(error)
    }
    record.load_after = loadAverage()
    try emit(record)
  }
}
