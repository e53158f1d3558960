import CausalKit
import Dispatch
import Foundation

/// `causalkit-bench montecarlo`: rejection rates of tests of a true null (`β_treat_post = 0`)
/// in the difference-in-differences design of ``PanelDesign``, for several cluster counts.
///
/// For each `G`, replication `s` draws its data from
/// `SeededGenerator(seed: seed + G).derived(stream: s)`; the same generator then gives the seed of
/// the replication's bootstrap draws, so every number is reproducible and independent of the
/// number of threads. Replications run concurrently on all cores (each bootstrap runs
/// sequentially inside its replication). A test rejects when its p-value is below 0.05; with
/// `B = 999` random draws that is when fewer than 50 replicates are at least as extreme, the
/// exact-level rule for `α(B + 1) = 50`. The Monte Carlo standard error of a rate `p` is
/// `√(p(1 − p)/S)`.
///
///     causalkit-bench montecarlo [--replications 1000] [--clusters 10,20,50] [--reps 999]
///                                [--seed 20261122] [--json FILE]
///
/// Tests at every `G`: the analytic CR1 t test with `G − 1` degrees of freedom, WCR with
/// Rademacher weights and `B` random draws, WCU Rademacher and WCR Webb. At `G ≤ 10` also WCR
/// Rademacher with all `2^G` sign vectors (exact enumeration). Prints a Markdown table on
/// standard output; `--json` also writes one JSON line per `G` × test.
enum MonteCarlo {
  /// One `G` × test row of the result.
  struct Record: Codable {
    var study = "montecarlo"
    var clusters: Int
    var test: String
    var replications: Int
    var valid: Int
    var rejections: Int
    var rate: Double
    var mc_se: Double
    var bootstrap_replicates: Int?
    var seed: UInt64
    var design: String
    var seconds_for_this_g: Double
    var load_before: Double
    var load_after: Double
  }

  static func run(_ args: Arguments) throws {
    let replications = Int(args.value("--replications") ?? "1000") ?? 1000
    let clusterCounts = (args.value("--clusters") ?? "10,20,50").split(separator: ",").compactMap { Int($0) }
    let b = Int(args.value("--reps") ?? "999") ?? 999
    let seed = UInt64(args.value("--seed") ?? "20261122") ?? 20_261_122
    guard replications > 0, b > 0, !clusterCounts.isEmpty, clusterCounts.allSatisfy({ $0 >= 4 }) else {
      throw BenchError("montecarlo needs --replications > 0, --reps > 0 and cluster counts ≥ 4")
    }
    let clock = ContinuousClock()
    var records = [Record]()
    let model = try FixedEffectsModel(
      formula: "y ~ treat_post + x | cluster + period", vcov: .cluster(["cluster"]))
    let started = clock.now
    let loadAtStart = loadAverage()
    for g in clusterCounts {
      let design = PanelDesign(clusters: g)
      var list: [RejectionTest] = [
        .analytic,
        .wild(imposeNull: true, weights: .rademacher, replicates: b),
        .wild(imposeNull: false, weights: .rademacher, replicates: b),
        .wild(imposeNull: true, weights: .webb, replicates: b),
      ]
      if g <= 10 && (1 << g) > b { list.append(.wild(imposeNull: true, weights: .rademacher, replicates: 1 << g)) }
      let tests = list
      let loadBefore = loadAverage()
      let start = clock.now
      let root = SeededGenerator(seed: seed &+ UInt64(g))
      let pValues = try parallelReplications(replications) { s in
        var generator = root.derived(stream: UInt64(s))
        let data = try design.table(using: &generator)
        let bootstrapSeed = generator.next()
        return tests.map { test in (try? test.pValue(data: data, model: model, seed: bootstrapSeed)) ?? .nan }
      }
      let seconds = (clock.now - start).seconds
      let loadAfter = loadAverage()
      for (j, test) in tests.enumerated() {
        let p = pValues.map { $0[j] }.filter(\.isFinite)
        let rejections = p.filter { $0 < 0.05 }.count
        let rate = p.isEmpty ? .nan : Double(rejections) / Double(p.count)
        var bootstrapReplicates: Int? = nil
        if case .wild(_, _, let count) = test { bootstrapReplicates = count }
        records.append(Record(
          clusters: g, test: test.label(clusters: g), replications: replications, valid: p.count,
          rejections: rejections, rate: rate, mc_se: (rate * (1 - rate) / Double(max(1, p.count))).squareRoot(),
          bootstrap_replicates: bootstrapReplicates, seed: seed, design: design.summary, seconds_for_this_g: seconds,
          load_before: loadBefore, load_after: loadAfter))
      }
      FileHandle.standardError.write(Data("montecarlo: G = \(g) done in \(String(format: "%.1f", seconds)) s\n".utf8))
    }
    let total = (clock.now - started).seconds
    if let path = args.value("--json") {
      let lines = try records.map(jsonLine)
      try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }
    print(markdown(records, replications: replications, seed: seed, total: total, loads: (loadAtStart, loadAverage())))
  }

  /// The Markdown report: one row per `G` × test.
  static func markdown(_ records: [Record], replications: Int, seed: UInt64, total: Double, loads: (Double, Double)) -> String {
    var out = [String]()
    out.append("Rejection rates at the 5% level of a true null (β = 0), S = \(replications) replications per G, seed \(seed).")
    out.append("")
    out.append("| G | test | rejections | rejection rate | MC s.e. | failed replications |")
    out.append("|---|---|---|---|---|---|")
    for r in records {
      out.append(
        "| \(r.clusters) | \(r.test) | \(r.rejections) / \(r.valid) | \(fixed(r.rate, 3)) | \(fixed(r.mc_se, 4)) | \(r.replications - r.valid) |")
    }
    out.append("")
    var seen = Set<Int>()
    for r in records where seen.insert(r.clusters).inserted {
      out.append(
        "* \(r.design); \(fixed(r.seconds_for_this_g, 1)) s (load \(fixed(r.load_before, 2)) → \(fixed(r.load_after, 2))).")
    }
    out.append(String(
      format: "* Total %.1f s on %d cores; 1-minute load average %.2f at the start, %.2f at the end.",
      total, ProcessInfo.processInfo.activeProcessorCount, loads.0, loads.1))
    return out.joined(separator: "\n")
  }

  /// `x` with `digits` decimals.
  static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }

  /// `body(s)` for `s` in `0..<count`, concurrently on all cores, in index order.
  static func parallelReplications<T: Sendable>(_ count: Int, _ body: @Sendable (Int) throws -> T) throws -> [T] {
    let slots = Slots<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { s in
      slots.store(s, Result { try body(s) })
    }
    return try slots.values()
  }
}

/// Results stored by index from concurrent jobs.
final class Slots<T: Sendable>: @unchecked Sendable {
  private let lock = NSLock()
  private var results: [Result<T, any Error>?]

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func store(_ i: Int, _ value: Result<T, any Error>) {
    lock.lock()
    results[i] = value
    lock.unlock()
  }

  /// The values in index order; the first error, if any job threw.
  func values() throws -> [T] {
    lock.lock()
    defer { lock.unlock() }
    return try results.map { slot in
      guard let slot else { throw BenchError("a replication produced no result") }
      return try slot.get()
    }
  }
}
