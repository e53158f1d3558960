import CausalCore
import Foundation

/// Runs a statistic on `B` bootstrap resamples of a table, reproducibly and in parallel.
///
/// Replicate `r` (0-based) draws its sample with `SeededGenerator(seed: seed).derived(stream:
/// UInt64(r))`, so its values depend only on `(seed, r)` and the output is bit-identical for any
/// number of threads, including the sequential path (`parallel: false`). The original statistic
/// `t0` is computed once on the unresampled table.
///
/// A replicate **fails** when the statistic throws, returns a different number of values than
/// `t0`, or returns a non-finite value. Failures are never dropped silently: the replicate's row
/// of ``BootstrapResult/t`` is all NaN, it is counted in ``BootstrapResult/failures``
/// and listed in ``BootstrapResult/failedReplicateIndices``, and the lowest-numbered failure's
/// message is kept. The interval methods then skip non-finite rows exactly as `boot.ci` does.
///
/// ```swift
/// let resampler = BootstrapResampler(scheme: .cluster(column: "school"), replicates: 999, seed: 1)
/// let result = try resampler.run(on: table) { sample in [try meanOf(sample)] }
/// let ci = try result.percentileInterval(level: 0.95)
/// ```
public struct BootstrapResampler: Sendable {
  /// The name of the column added by the cluster bootstrap: the draw number of the cluster copy.
  public static let clusterColumnName = "bootstrap_cluster"

  /// How each replicate resamples the rows.
  public let scheme: ResamplingScheme
  /// The number of replicates `B`.
  public let replicates: Int
  /// The root seed.
  public let seed: UInt64
  /// Whether to run replicates concurrently with `ParallelMap` (the output is identical either way).
  public let parallel: Bool

  /// Creates a resampler.
  ///
  /// - Parameters:
  ///   - scheme: The resampling scheme (default ``ResamplingScheme/pairs``).
  ///   - replicates: `B`, at least 1 (checked by ``run(on:progress:isCancelled:statistic:)``).
  ///   - seed: The root seed.
  ///   - parallel: Run replicates on all cores (default `true`).
  public init(scheme: ResamplingScheme = .pairs, replicates: Int, seed: UInt64, parallel: Bool = true) {
    self.scheme = scheme
    self.replicates = replicates
    self.seed = seed
    self.parallel = parallel
  }

  /// The resampled table of replicate `replicate`, exactly as ``run(on:progress:isCancelled:statistic:)``
  /// passes it to the statistic.
  ///
  /// - Parameters:
  ///   - data: The original table.
  ///   - replicate: The replicate number `r` (any value; it selects the random stream).
  /// - Returns: The resample (with a `bootstrap_cluster` column for the cluster scheme).
  /// - Throws: ``BootstrapError/data(_:)``, ``BootstrapError/missingGroupValue(column:row:)``,
  ///   ``BootstrapError/tooFewObservations(needed:found:)`` for an empty table.
  /// - Complexity: O(n × columns).
  public func resample(_ data: DataTable, replicate: Int) throws(BootstrapError) -> DataTable {
    let plan = try ResamplingPlan(scheme: scheme, data: data)
    return try plan.sample(data, seed: seed, replicate: replicate)
  }

  /// Runs the statistic on the original table and on `B` resamples.
  ///
  /// - Parameters:
  ///   - data: The original table.
  ///   - progress: Called after each finished replicate with `(completed, total)`; with
  ///     `parallel: true` it is called from worker threads, with `completed` increasing.
  ///   - isCancelled: Checked before each replicate; once it returns `true` the remaining
  ///     replicates are skipped and the run throws ``BootstrapError/cancelled``.
  ///   - statistic: Maps a table to `k ≥ 1` values; it must not mutate shared state.
  /// - Returns: `t0`, the `B × k` replicate matrix and the failure count.
  /// - Throws: ``BootstrapError/invalidOption(_:)`` when `B ≤ 0` or when the `B × k` results
  ///   would not fit in the machine's memory (checked after `t0`, before any replicate runs;
  ///   see `memory(width:)`),
  ///   ``BootstrapError/originalStatisticFailed(_:)`` / ``BootstrapError/invalidOriginalStatistic(_:)``,
  ///   ``BootstrapError/cancelled``, ``BootstrapError/allReplicatesFailed(count:firstError:)``, and
  ///   the errors of ``resample(_:replicate:)``.
  /// - Complexity: `B + 1` statistic calls plus O(B × n × columns) copying, spread over the cores.
  public func run(
    on data: DataTable,
    progress: (@Sendable (Int, Int) -> Void)? = nil,
    isCancelled: (@Sendable () -> Bool)? = nil,
    statistic: @escaping @Sendable (DataTable) throws -> [Double]
  ) throws(BootstrapError) -> BootstrapResult {
    guard replicates >= 1 else { throw BootstrapError.invalidReplicates(replicates) }
    let plan = try ResamplingPlan(scheme: scheme, data: data)
    let t0: [Double]
    do { t0 = try statistic(data) } catch { throw .originalStatisticFailed(String(describing: error)) }
    guard !t0.isEmpty, t0.allSatisfy(\.isFinite) else { throw .invalidOriginalStatistic(t0) }
    do throws(OptionError) {
      try Self.memory(width: t0.count).check(count: replicates, option: "replicates")
    } catch { throw .invalidOption(error) }

    let total = replicates
    let seed = self.seed
    let counter = ProgressCounter()
    let job: @Sendable (Int) -> ReplicateOutcome = { r in
      if let isCancelled, isCancelled() { return .cancelled }
      let outcome: ReplicateOutcome
      do {
        let sample = try plan.sample(data, seed: seed, replicate: r)
        let values = try statistic(sample)
        if values.count != t0.count {
          outcome = .failure("replicate \(r): statistic returned \(values.count) values, expected \(t0.count)")
        } else if !values.allSatisfy(\.isFinite) {
          outcome = .failure("replicate \(r): statistic returned non-finite values \(values)")
        } else {
          outcome = .success(values)
        }
      } catch {
        outcome = .failure("replicate \(r): \(error)")
      }
      if let progress { progress(counter.increment(), total) }
      return outcome
    }
    let outcomes: [ReplicateOutcome]
    if parallel {
      // The job never throws, so ParallelMap cannot fail; the catch is unreachable in practice.
      do { outcomes = try ParallelMap.map(total, job) } catch { throw .originalStatisticFailed(String(describing: error)) }
    } else {
      outcomes = (0..<total).map(job)
    }

    var t: [[Double]] = []
    t.reserveCapacity(total)
    var failed: [Int] = []
    var firstError: String?
    for (r, outcome) in outcomes.enumerated() {
      switch outcome {
      case .cancelled:
        throw .cancelled
      case .success(let values):
        t.append(values)
      case .failure(let message):
        failed.append(r)
        if firstError == nil { firstError = message }
        t.append(Array(repeating: .nan, count: t0.count))
      }
    }
    if failed.count == total { throw .allReplicatesFailed(count: total, firstError: firstError ?? "") }
    return BootstrapResult(t0: t0, t: t, failedReplicateIndices: failed, firstFailure: firstError)
  }

  /// The peak memory of one replicate of ``run(on:progress:isCancelled:statistic:)`` with a
  /// statistic of `width` values: its slot in the parallel map and its outcome, its row of the
  /// replicate matrix, and the two columns an interval extracts from it at a time (the
  /// replicates of one value and the finite ones).
  ///
  /// - Parameter width: `k`, the number of values of the statistic.
  /// - Returns: The footprint the run checks against the machine's memory.
  package static func memory(width: Int) -> ReplicateMemory {
    ReplicateMemory(
      doubles: ReplicateMemory.sum(width, 2), arrays: 1,
      overhead: MemoryLayout<Result<ReplicateOutcome, any Error>?>.stride + MemoryLayout<ReplicateOutcome>.stride + 8)
  }
}
