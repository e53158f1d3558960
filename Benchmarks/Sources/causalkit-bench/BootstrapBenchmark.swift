import CausalKit
import Foundation

/// `causalkit-bench wild` (B1) and `causalkit-bench pairs` (B2): the bootstrap workloads, timed
/// with the same protocol as `fit` (data in memory as a `DataTable`, peak RSS reset, one untimed
/// warm-up, timed runs within a budget, one JSON line).
///
/// * `wild`: `WildClusterBootstrap(model:, cluster:, hypothesis: .term(term), replicates: B, seed:)`
///   (WCR, Rademacher, symmetric p-value) run on the workload's formula; the timed call includes
///   the model fit, as a user's call does. `--serial` runs the replicates on one thread;
///   `--formula` replaces the workload's formula (e.g. to time a model without the year effects).
/// * `pairs --statistic bootstrap [--method percentile|studentized|...]`: `FixedEffectsBootstrap(model: model, scheme:
///   .cluster(column:), replicates: B, seed:, method:, terms: ["x1", "x2"], parallel:).fit()`,
///   the public API users call.
/// * `pairs`, other statistics: `BootstrapResampler(scheme: .cluster(column:), replicates: B, seed:,
///   parallel:)` with one of three statistics, each returning the coefficients of `x1` and `x2`:
///   `feols` fits `FixedEffectsModel(formula:)` on every resample (what users write), `lean`
///   solves the 3 × 3 normal equations of `y ~ 1 + x1 + x2` with `Cholesky` (OLS without a model
///   frame or variance), `resample` returns the resample's row count (resampling cost alone).
enum BootstrapBenchmark {
  struct Record: Codable, TimedRecord {
    var tool = "causalkit"
    var workload: String
    var config: String
    var status = "ok"
    var error: String?
    var rows: Int
    var formula: String
    var replicates: Int
    var parallel: Bool
    var threads = ProcessInfo.processInfo.activeProcessorCount
    var data_bytes: Int
    var rss_before_kb: Int
    var rss_peak_kb: Int = -1
    var peak_reset: Bool
    var warmup_s: Double?
    var times_s: [Double]?
    var best_s: Double?
    var median_s: Double?
    var clusters: Int?
    /// Wild: the bootstrap p-value, the t statistic, the estimate, the analytic CR1 p-value.
    var p_value: Double?
    var statistic: Double?
    var estimate: Double?
    var analytic_p_value: Double?
    var enumerated: Bool?
    /// Pairs: the full-sample statistic and the bootstrap standard deviations of the replicates.
    var t0: [Double]?
    var bootstrap_sd: [Double]?
    var failed_replicates: Int?
    /// `FixedEffectsBootstrap`: the replicate path taken and how many replicates were refitted.
    var path: String?
    var refitted_replicates: Int?
    /// CPU seconds (user + system, all threads) per run, averaged over the warm-up and timed
    /// runs: a measure of work that a busy machine inflates less than wall time.
    var cpu_per_run_s: Double?
    var load_before: Double?
    var load_after: Double?
  }

  /// Process CPU time so far (user + system, all threads), in seconds.
  static func cpuSeconds() -> Double {
    var time = timespec()
    guard clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &time) == 0 else { return .nan }
    return Double(time.tv_sec) + Double(time.tv_nsec) * 1e-9
  }

  /// `measure` plus the CPU seconds per run.
  static func measureWithCPU<T>(reps: Int, budget: Double, _ body: () throws -> T) rethrows -> (Timings, T, Double) {
    let cpu = cpuSeconds()
    let (timings, value) = try measure(reps: reps, budget: budget, body)
    return (timings, value, (cpuSeconds() - cpu) / Double(timings.seconds.count + 1))
  }

  /// Loads a workload as a table and a record skeleton (data-resident RSS, peak reset).
  private static func prepare(_ args: Arguments, config: String, parallel: Bool, defaultB: Int)
    throws -> (DataTable, Workload.Meta, Record)
  {
    let dir = args.value("--data") ?? "Benchmarks/.data"
    guard let name = args.value("--workload") else { throw BenchError("needs --workload") }
    let b = Int(args.value("--B") ?? String(defaultB)) ?? defaultB
    let workload = try Workload(directory: dir + "/" + name)
    let table = try workload.table()
    let meta = workload.meta
    // glibc malloc tuning from the environment changes the timings: say so in the configuration.
    let malloc = ProcessInfo.processInfo.environment.filter { $0.key.hasPrefix("MALLOC_") }.sorted { $0.key < $1.key }
    let suffix = malloc.isEmpty ? "" : " (" + malloc.map { "\($0.key)=\($0.value)" }.joined(separator: " ") + ")"
    var record = Record(
      workload: name, config: config + suffix, rows: meta.rows, formula: meta.formula, replicates: b, parallel: parallel,
      data_bytes: workload.dataBytes, rss_before_kb: 0, peak_reset: false)
    _ = consume workload
    record.load_before = loadAverage()
    record.peak_reset = ProcessMemory.resetPeak()
    record.rss_before_kb = ProcessMemory.kilobytes("VmRSS")
    return (table, meta, record)
  }

  private static func emit(_ record: Record) throws { print(try jsonLine(record)) }

  static func runWild(_ args: Arguments) throws {
    let parallel = !args.flag("--serial")
    let reps = Int(args.value("--reps") ?? "5") ?? 5
    let budget = Double(args.value("--budget") ?? "30") ?? 30
    let term = args.value("--term") ?? "treat_post"
    let seed = UInt64(args.value("--seed") ?? "1") ?? 1
    var (table, meta, record) = try prepare(
      args, config: "WCR rademacher " + (parallel ? "parallel" : "serial"), parallel: parallel, defaultB: 9_999)
    guard case .cluster(let cluster) = meta.vcov else { throw BenchError("wild needs a clustered workload") }
    if let formula = args.value("--formula") {
      record.formula = formula
      record.config += " (formula \(formula))"
    }
    do {
      let model = try FixedEffectsModel(formula: record.formula, vcov: .cluster([cluster]))
      let test = try WildClusterBootstrap(
        model: model, cluster: cluster, hypothesis: .term(term), replicates: record.replicates, seed: seed,
        parallel: parallel)
      let (timings, result, cpu) = try measureWithCPU(reps: reps, budget: budget) { try test.fit(table) }
      record.cpu_per_run_s = cpu
      record.record(timings)
      record.clusters = result.clusterCount
      record.p_value = result.pValue
      record.statistic = result.statistic
      record.estimate = result.estimate
      record.enumerated = result.enumerated
      record.failed_replicates = result.failures
      record.analytic_p_value = try model.fit(table).coefficient(term)?.pValue
    } catch {
      record.recordFailure(error)
    }
    record.load_after = loadAverage()
    try emit(record)
  }

  static func runPairs(_ args: Arguments) throws {
    let parallel = !args.flag("--serial")
    let reps = Int(args.value("--reps") ?? "3") ?? 3
    let budget = Double(args.value("--budget") ?? "60") ?? 60
    let mode = args.value("--statistic") ?? "feols"
    let seed = UInt64(args.value("--seed") ?? "1") ?? 1
    var (table, meta, record) = try prepare(
      args, config: mode + " " + (parallel ? "parallel" : "serial"), parallel: parallel, defaultB: 999)
    guard case .cluster(let cluster) = meta.vcov else { throw BenchError("pairs needs a clustered workload") }
    if mode == "bootstrap" {
      let name = args.value("--method") ?? "percentile"
      guard let method = IntervalMethod.allCases.first(where: { "\($0)" == name }) else {
        throw BenchError("unknown --method \(name)")
      }
      record.config = "bootstrap \(name) B=\(record.replicates) " + (parallel ? "parallel" : "serial")
      try runFixedEffectsBootstrap(
        record: record, table: table, cluster: cluster, seed: seed, method: method, reps: reps, budget: budget)
      return
    }
    do {
      let statistic = try pairsStatistic(mode: mode, formula: meta.formula)
      let resampler = BootstrapResampler(
        scheme: .cluster(column: cluster), replicates: record.replicates, seed: seed, parallel: parallel)
      let (timings, result, cpu) = try measureWithCPU(reps: reps, budget: budget) {
        try resampler.run(on: table, statistic: statistic)
      }
      record.cpu_per_run_s = cpu
      record.record(timings)
      record.t0 = result.t0
      record.failed_replicates = result.failures
      record.bootstrap_sd = (0..<result.t0.count).map { j in standardDeviation(result.t.map { $0[j] }.filter(\.isFinite)) }
      record.clusters = meta.columns.first { $0.name == cluster }?.levels
    } catch {
      record.recordFailure(error)
    }
    record.load_after = loadAverage()
    try emit(record)
  }

  /// `pairs --statistic bootstrap`: the public user API, `FixedEffectsBootstrap(model: model, scheme:
  /// .cluster(column:), replicates: B, seed:, terms: ["x1", "x2"], parallel:).fit()` with
  /// `FixedEffectsModel(formula:)` (percentile intervals unless `--method`, e.g. `studentized`, which
  /// needs every replicate's variance and so refits the model per resample; the model fit on the
  /// full data included).
  static func runFixedEffectsBootstrap(
    record start: Record, table: DataTable, cluster: String, seed: UInt64, method: IntervalMethod, reps: Int,
    budget: Double
  ) throws {
    var record = start
    do {
      let model = try FixedEffectsModel(formula: record.formula)
      let bootstrap = try FixedEffectsBootstrap(
        model: model, scheme: .cluster(column: cluster), replicates: record.replicates, seed: seed, method: method,
        terms: ["x1", "x2"], parallel: record.parallel)
      let (timings, result, cpu) = try measureWithCPU(reps: reps, budget: budget) { try bootstrap.fit(table) }
      record.cpu_per_run_s = cpu
      record.record(timings)
      record.t0 = result.estimates.map(\.estimate)
      record.failed_replicates = result.estimates.map(\.failures).max()
      record.bootstrap_sd = result.estimates.map(\.standardError)
      record.clusters = result.clusterCount
      record.path = result.path.rawValue
      record.refitted_replicates = result.refittedReplicates
    } catch {
      record.recordFailure(error)
    }
    record.load_after = loadAverage()
    try emit(record)
  }

  /// The statistic of `pairs --statistic mode` for the formula `y ~ x1 + x2`.
  static func pairsStatistic(mode: String, formula: String) throws -> @Sendable (DataTable) throws -> [Double] {
    switch mode {
    case "feols":
      let model = try FixedEffectsModel(formula: formula)
      return { sample in
        let fit = try model.fit(sample)
        guard let b1 = fit.coefficient("x1")?.estimate, let b2 = fit.coefficient("x2")?.estimate else {
          throw BenchError("x1 or x2 was dropped")
        }
        return [b1, b2]
      }
    case "lean":
      return { sample in
        let y = try sample.column(named: "y").doubles()
        let x1 = try sample.column(named: "x1").doubles()
        let x2 = try sample.column(named: "x2").doubles()
        return try normalEquationSlopes(y: y, x1: x1, x2: x2)
      }
    case "resample":
      return { sample in [Double(sample.rowCount)] }
    default:
      throw BenchError("unknown --statistic \(mode); use bootstrap, feols, lean or resample")
    }
  }

  /// The slopes of `y ~ 1 + x1 + x2` from the normal equations (one pass for `X'X` and `X'y`,
  /// then a 3 × 3 Cholesky solve).
  static func normalEquationSlopes(y: [Double], x1: [Double], x2: [Double]) throws -> [Double] {
    var s = [Double](repeating: 0, count: 9)  // n, Σx1, Σx2, Σx1², Σx1x2, Σx2², Σy, Σx1y, Σx2y
    for i in y.indices {
      let a = x1[i], b = x2[i], c = y[i]
      s[0] += 1
      s[1] += a
      s[2] += b
      s[3] += a * a
      s[4] += a * b
      s[5] += b * b
      s[6] += c
      s[7] += a * c
      s[8] += b * c
    }
    let xtx = try Matrix(rows: 3, columns: 3, columnMajor: [s[0], s[1], s[2], s[1], s[3], s[4], s[2], s[4], s[5]])
    let beta = try Cholesky(xtx).solve([s[6], s[7], s[8]])
    return [beta[1], beta[2]]
  }

  /// The sample standard deviation (n − 1), NaN for fewer than two values.
  static func standardDeviation(_ x: [Double]) -> Double {
    guard x.count > 1 else { return .nan }
    let mean = x.reduce(0, +) / Double(x.count)
    return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
  }
}
