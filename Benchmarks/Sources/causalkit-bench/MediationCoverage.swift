import CausalKit
import Foundation

/// `causalkit-bench mediation-coverage`: a Monte Carlo study of the mediation estimators'
/// recovery of known effects and of their 95% intervals' coverage (issue 13).
///
///     causalkit-bench mediation-coverage [--design NAME|all] [--reps 1000] [--seed 20261204]
///                                        [--json FILE] [--n N] [--B B] [--draws L]
///                                        [--schools G] [--students S] [--replicates FILE]
///
/// Designs (see each type): `linear-chain` (``LinearChainDesign``), `nonlinear`
/// (``NonlinearDesign``), `clustered` (``ClusteredDesign``), `four-way` and `four-way-binary`
/// (``FourWayDesign``); `all` (default) runs them in that order. Replication `r` of a design draws
/// its data from `SeededGenerator(seed: seed).derived(stream: r)` and then takes the seed of its
/// bootstrap or draws from the same generator, so the same seed gives identical output whatever
/// the number of threads. Replications run concurrently on all cores (the library's bootstrap
/// inside each also runs in parallel). A replication whose fit throws is counted as failed and
/// left out. Prints one Markdown table per design; `--json` also writes one JSON line per
/// design × effect (``CoverageSummary``), `--replicates` one JSON line per data set × effect
/// (estimate, standard error, interval) for closer study of an effect's sampling distribution.
enum MediationCoverage {
  /// The designs' names, in the order `all` runs them.
  static let names = ["linear-chain", "nonlinear", "clustered", "four-way", "four-way-binary"]

  /// The design called `name`, with the defaults overridden by the command line.
  static func design(_ name: String, _ args: Arguments) throws -> any CoverageDesign {
    func int(_ option: String, _ fallback: Int) throws -> Int {
      guard let text = args.value(option) else { return fallback }
      guard let value = Int(text), value > 0 else { throw BenchError("\(option) needs a positive integer, not \(text)") }
      return value
    }
    switch name {
    case "linear-chain":
      return LinearChainDesign(observations: try int("--n", 1_000), bootstrap: try int("--B", 299))
    case "nonlinear":
      return NonlinearDesign(observations: try int("--n", 1_000), bootstrap: try int("--B", 199), draws: try int("--draws", 10))
    case "clustered":
      return ClusteredDesign(schools: try int("--schools", 150), students: try int("--students", 20), bootstrap: try int("--B", 499))
    case "four-way", "four-way-binary":
      return FourWayDesign(
        binary: name == "four-way-binary", observations: try int("--n", 1_000), bootstrap: try int("--B", 199),
        draws: try int("--draws", 10))
    default:
      throw BenchError("unknown --design \(name); use one of \(names.joined(separator: ", ")) or all")
    }
  }

  static func run(_ args: Arguments) throws {
    let reps = Int(args.value("--reps") ?? "1000") ?? 0
    let seed = UInt64(args.value("--seed") ?? "20261204") ?? 20_261_204
    guard reps > 1 else { throw BenchError("mediation-coverage needs --reps > 1") }
    let chosen = args.value("--design") ?? "all"
    let designs = try (chosen == "all" ? names : [chosen]).map { try design($0, args) }
    let command = (["causalkit-bench"] + CommandLine.arguments.dropFirst()).joined(separator: " ")
    var lines: [String] = [], replicateLines: [String] = []
    var tables: [String] = []
    for design in designs {
      let (rows, replicates) = try study(design, reps: reps, seed: seed)
      if let path = args.value("--replicates") {
        replicateLines += try replicates.map(jsonLine)
        try (replicateLines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      }
      lines += try rows.map(jsonLine)
      tables.append(CoverageSummary.markdown(rows, command: command))
      if let path = args.value("--json") {
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
      }
    }
    print(tables.joined(separator: "\n\n"))
  }

  /// One data set's estimate of one effect, as written by `--replicates`.
  struct ReplicateRecord: Codable {
    var design: String
    var replicate: Int
    var effect: String
    var truth: Double
    var estimate: Double
    var std_error: Double
    var conf_low: Double
    var conf_high: Double
  }

  /// Runs `reps` replications of `design`; summarises each effect and returns every estimate.
  static func study(
    _ design: any CoverageDesign, reps: Int, seed: UInt64
  ) throws -> (summaries: [CoverageSummary], replicates: [ReplicateRecord]) {
    let truths = design.truths
    let clock = ContinuousClock()
    let loadBefore = loadAverage()
    let start = clock.now
    let root = SeededGenerator(seed: seed)
    let progress = Progress(total: reps, label: design.name)
    let results = try MonteCarlo.parallelReplications(reps) { r -> Result<[EffectEstimate], BenchError> in
      defer { progress.tick() }
      var generator = root.derived(stream: UInt64(r))
      do {
        let estimates = try design.estimates(using: &generator)
        guard estimates.count == truths.count else {
          return .failure(BenchError("replication \(r): \(estimates.count) estimates for \(truths.count) effects"))
        }
        return .success(estimates)
      } catch {
        return .failure(BenchError("replication \(r): \(error)"))
      }
    }
    let seconds = (clock.now - start).seconds
    let loads = (loadBefore, loadAverage())
    let succeeded = results.compactMap { try? $0.get() }
    let failures = results.compactMap { result -> String? in
      if case .failure(let error) = result { return error.description }
      return nil
    }
    if let first = failures.first {
      FileHandle.standardError.write(Data("\(design.name): \(failures.count) failed replications; first: \(first)\n".utf8))
    }
    guard !succeeded.isEmpty else { throw BenchError("\(design.name): every replication failed") }
    FileHandle.standardError.write(Data("\(design.name): \(reps) replications in \(String(format: "%.1f", seconds)) s\n".utf8))
    let summaries = truths.indices.map { j in
      CoverageSummary(
        design: design, truth: truths[j], estimates: succeeded.map { $0[j] }, failed: failures.count, seed: seed,
        seconds: seconds, loads: loads)
    }
    var records: [ReplicateRecord] = []
    for (r, result) in results.enumerated() {
      guard let estimates = try? result.get() else { continue }
      for (truth, e) in zip(truths, estimates) {
        records.append(ReplicateRecord(
          design: design.name, replicate: r, effect: truth.name, truth: truth.value, estimate: e.estimate,
          std_error: e.standardError, conf_low: e.low, conf_high: e.high))
      }
    }
    return (summaries, records)
  }
}

/// A thread-safe counter that reports progress on standard error every 10%.
final class Progress: @unchecked Sendable {
  private let lock = NSLock()
  private var done = 0
  private let total: Int
  private let label: String

  init(total: Int, label: String) {
    self.total = total
    self.label = label
  }

  /// Counts one finished job.
  func tick() {
    lock.lock()
    done += 1
    let now = done
    lock.unlock()
    if total >= 10, now % (total / 10) == 0 {
      FileHandle.standardError.write(Data("\(label): \(now) / \(total)\n".utf8))
    }
  }
}
