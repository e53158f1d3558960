import CausalKit
import Foundation

/// `causalkit-bench cs`: Callaway-Sant'Anna (`CallawaySantAnna(...).fit(table)` followed by
/// `.aggregated(.dynamic())`) on a staggered-adoption workload already in memory, with the
/// protocol of `fit` (untimed load, peak-RSS reset, one untimed warm-up, timed runs within a
/// budget, one JSON line). The same settings as `cs_bench.py`: did's `"dr"` (traditional doubly
/// robust), never-treated controls, varying base period, analytic standard errors; panels by
/// `id`, repeated cross-sections (cs3) clustered by `school`.
enum StaggeredBenchmark {
  struct Record: Codable, TimedRecord {
    var tool = "causalkit"
    var workload: String
    var config: String
    var method = "CallawaySantAnna dr, never treated, varying base, analytic SE; aggregated(.dynamic())"
    var status = "ok"
    var error: String?
    var rows: Int
    var threads: Int
    var data_bytes: Int
    var rss_before_kb: Int = 0
    var rss_peak_kb: Int = -1
    var peak_reset = false
    var warmup_s: Double?
    var times_s: [Double]?
    var best_s: Double?
    var median_s: Double?
    /// The fit alone (`CallawaySantAnna.fit`), timed once after the runs.
    var fit_s: Double?
    var load_before: Double?
    var load_after: Double?
    var cells: Int?
    var units: Int?
    var overall: RecordedCoefficient?
    var dynamic: [String: RecordedCoefficient]?
  }

  /// `cs --workload cs1 [--covariates 0|3] [--reps 5] [--budget 30] [--serial]`.
  static func run(_ args: Arguments) throws {
    let dir = args.value("--data") ?? "Benchmarks/.data"
    guard let name = args.value("--workload") else { throw BenchError("cs needs --workload") }
    let covariateCount = Int(args.value("--covariates") ?? "0") ?? 0
    let reps = Int(args.value("--reps") ?? "5") ?? 5
    let budget = Double(args.value("--budget") ?? "30") ?? 30
    let workload = try Workload(directory: dir + "/" + name)
    let panel = workload.codes["id"] != nil
    let covariates = covariateCount > 0 ? ["x1", "x2", "x3"] : []
    var columns = [Column]()
    columns.append(Column(name: "y", doubles: workload.doubles["y"] ?? []))
    for c in covariates { columns.append(Column(name: c, doubles: workload.doubles[c] ?? [])) }
    var intNames = ["year", "first_treat"]
    intNames.append(panel ? "id" : "school")
    for c in intNames {
      guard let codes = workload.codes[c] else { throw BenchError("column \(c) missing in \(name)") }
      columns.append(Column(name: c, ints: codes.map { Int($0) }))
    }
    let table = try DataTable(columns: columns)
    let model = try CallawaySantAnna(
      outcome: "y", time: "year", unit: panel ? "id" : nil, cohort: "first_treat",
      covariates: Covariates(columns: covariates), cluster: panel ? nil : "school")
    var record = Record(
      workload: name, config: "covariates=\(covariateCount)", rows: workload.meta.rows,
      threads: ProcessInfo.processInfo.activeProcessorCount,
      data_bytes: workload.meta.rows * (8 * (1 + covariates.count) + 4 * 3))
    record.load_before = loadAverage()
    do {
      record.peak_reset = ProcessMemory.resetPeak()
      record.rss_before_kb = ProcessMemory.kilobytes("VmRSS")
      let (timings, result) = try measure(reps: reps, budget: budget) { () throws -> (CallawaySantAnnaResult, AggregatedEffect) in
        let fit = try model.fit(table)
        return (fit, try fit.aggregated(.dynamic()))
      }
      record.record(timings)
      let clock = ContinuousClock()
      record.fit_s = try clock.measure { _ = try model.fit(table) }.seconds
      let (fit, dynamic) = result
      record.cells = fit.effects.count
      record.units = fit.unitCount
      record.overall = RecordedCoefficient(estimate: dynamic.overall.estimate, std_error: dynamic.overall.standardError)
      var rows: [String: RecordedCoefficient] = [:]
      for row in dynamic.breakdown {
        rows[String(row.key)] = RecordedCoefficient(estimate: row.row.estimate, std_error: row.row.standardError)
      }
      record.dynamic = rows
    } catch let error as BenchError {
      throw error
    } catch {
      record.recordFailure(error)
    }
    record.load_after = loadAverage()
    print(try jsonLine(record))
  }
}
