import CausalCore
import Resampling

/// How the wild bootstraps (``WildClusterBootstrap``, ``WildBootstrap``) draw their replicates'
/// weights and spread the replicates over threads, so that every replicate's value depends only
/// on its index.
///
/// Replicate `b` draws its weights (one per cluster, or one per observation) from
/// `SeededGenerator(seed: seed).derived(stream: UInt64(b))`, or takes Rademacher sign vector
/// number `b` when all sign vectors are enumerated. Replicates are computed in consecutive
/// chunks that may run concurrently and are reassembled in replicate order.
enum WildReplicateSchedule {
  /// Fills `v` with the weights of replicate `b`.
  ///
  /// - Parameters:
  ///   - v: The weight vector to overwrite (its length is the number of weights).
  ///   - b: The replicate index.
  ///   - enumerated: Take sign vector `b` of the `2^G` enumeration instead of drawing.
  ///   - distribution: The weight distribution of random draws.
  ///   - root: `SeededGenerator(seed: seed)`.
  static func fill(
    _ v: inout [Double], replicate b: Int, enumerated: Bool, distribution: BootstrapWeightDistribution,
    root: SeededGenerator
  ) {
    if enumerated {
      fillEnumeratedSigns(&v, index: b)
    } else {
      var generator = root.derived(stream: UInt64(b))
      distribution.fill(&v, using: &generator)
    }
  }

  /// `job(range)` for consecutive ranges of at most `chunk` replicates covering `0..<count`,
  /// concatenated in replicate order.
  ///
  /// - Parameters:
  ///   - count: Number of replicates.
  ///   - chunk: Replicates per job (at least 1).
  ///   - parallel: Run the jobs concurrently.
  ///   - job: Computes the values of the replicates in its range, in order.
  /// - Throws: The error of the lowest-indexed job that threw.
  /// - Complexity: `count / chunk` jobs.
  static func run<T: Sendable>(
    count: Int, chunk: Int, parallel: Bool, _ job: @escaping @Sendable (Range<Int>) throws -> [T]
  ) throws -> [T] {
    let size = max(1, chunk)
    let chunks = ReplicateMemory.chunks(count: count, size: size)
    let body: @Sendable (Int) throws -> [T] = { c in try job((c * size)..<min(count, (c + 1) * size)) }
    let parts = parallel ? try ParallelMap.map(chunks, body) : try (0..<chunks).map(body)
    return parts.flatMap { $0 }
  }
}
