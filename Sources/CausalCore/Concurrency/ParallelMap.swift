import Dispatch

/// Runs independent jobs on all cores and collects their results in index order.
///
/// The result at index `i` depends only on `i` (never on which thread ran it or in which
/// order), so callers that seed each job from its index get bit-identical output whatever the
/// number of threads.
package enum ParallelMap {
  /// Evaluates `body(i)` for `i` in `0..<count`, concurrently, returning results in order.
  ///
  /// - Parameters:
  ///   - count: Number of jobs.
  ///   - body: The job; it must not mutate shared state.
  /// - Returns: `[body(0), body(1), …]`.
  /// - Throws: The error of the lowest-indexed job that threw.
  /// - Complexity: O(count) jobs spread over the available cores.
  package static func map<T: Sendable>(
    _ count: Int, _ body: @Sendable (Int) throws -> T
  ) throws -> [T] {
    if count <= 1 { return try (0..<count).map(body) }
    let box = ResultBox<T>(count: count)
    DispatchQueue.concurrentPerform(iterations: count) { i in
      box.store(i, Result { try body(i) })
    }
    return try box.results.map { try ($0 ?? .failure(ParallelMapMissingResult())).get() }
  }

  /// Evaluates `body(i)` for `i` in `0..<count`, concurrently, returning results in order, for
  /// jobs that cannot fail.
  ///
  /// - Parameters:
  ///   - count: Number of jobs.
  ///   - body: The job; it must not mutate shared state.
  /// - Returns: `[body(0), body(1), …]`, or an empty array if a job's result was never stored
  ///   (a defect that callers detect by the count).
  /// - Complexity: O(count) jobs spread over the available cores.
  package static func values<T: Sendable>(_ count: Int, _ body: @Sendable (Int) -> T) -> [T] {
    (try? map(count, body)) ?? []
  }
}

/// Thrown only if a job's result was never stored, which would be a defect.
struct ParallelMapMissingResult: Error {}

/// Fixed-size storage where each index is written by exactly one job.
private final class ResultBox<T>: @unchecked Sendable {
  private(set) var results: [Result<T, any Error>?]
  private let lock = SemaphoreLock()

  init(count: Int) { results = Array(repeating: nil, count: count) }

  func store(_ i: Int, _ value: Result<T, any Error>) {
    lock.withLock { results[i] = value }
  }
}
