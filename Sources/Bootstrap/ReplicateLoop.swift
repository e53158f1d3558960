import CausalCore

/// The replicate loop shared by the model bootstraps: replicate `r` evaluates a statistic on
/// `ResamplingPlan.sample(data, seed:, replicate: r)` (the same resample as
/// ``BootstrapResampler/resample(_:replicate:)``), in parallel or not with identical output.
///
/// Unlike ``BootstrapResampler/run(on:progress:isCancelled:statistic:)``, a replicate may be
/// partly valid: the statistic returns NaN for the entries it could not compute (a coefficient
/// dropped in that resample), and only those entries count as failures.
enum ReplicateLoop {
  /// The replicate matrix and the first failure message.
  struct Output {
    /// `rows[r]`: replicate `r`'s `width` values, NaN where it failed.
    var rows: [[Double]]
    /// The message of the lowest-numbered replicate that threw, if any.
    var firstFailure: String?
  }

  /// Runs `count` replicates.
  ///
  /// - Parameters:
  ///   - plan: The resampling plan.
  ///   - data: The table to resample.
  ///   - seed: The root seed.
  ///   - count: `B`.
  ///   - width: Values per replicate.
  ///   - parallel: Run concurrently (same output either way).
  ///   - progress: Called with `(completed, B)` after each replicate.
  ///   - isCancelled: Checked before each replicate.
  ///   - statistic: Maps a resample to `width` values, NaN for entries that failed.
  /// - Throws: ``ResampledInferenceError/cancelled``.
  /// - Complexity: `B` statistic calls plus O(B × n × columns) copying.
  static func run(
    plan: ResamplingPlan, data: DataTable, seed: UInt64, count: Int, width: Int, parallel: Bool,
    progress: (@Sendable (Int, Int) -> Void)?, isCancelled: (@Sendable () -> Bool)?,
    statistic: @escaping @Sendable (DataTable) throws -> [Double]
  ) throws(ResampledInferenceError) -> Output {
    let counter = ProgressCounter()
    let job: @Sendable (Int) -> ReplicateOutcome = { r in
      if let isCancelled, isCancelled() { return .cancelled }
      let outcome: ReplicateOutcome
      do {
        let values = try statistic(try plan.sample(data, seed: seed, replicate: r))
        outcome = values.count == width
          ? .success(values)
          : .failure("replicate \(r): \(values.count) values, expected \(width)")
      } catch {
        outcome = .failure("replicate \(r): \(error)")
      }
      if let progress { progress(counter.increment(), count) }
      return outcome
    }
    let outcomes: [ReplicateOutcome]
    if parallel {
      // The job never throws, so ParallelMap cannot fail.
      outcomes = (try? ParallelMap.map(count, job)) ?? []
    } else {
      outcomes = (0..<count).map(job)
    }
    var rows: [[Double]] = []
    rows.reserveCapacity(count)
    var firstFailure: String?
    for outcome in outcomes {
      switch outcome {
      case .cancelled: throw .cancelled
      case .success(let values):
        rows.append(values)
      case .failure(let message):
        if firstFailure == nil { firstFailure = message }
        rows.append([Double](repeating: .nan, count: width))
      }
    }
    // Defensive: a lost result would otherwise shorten the matrix silently.
    while rows.count < count {
      rows.append([Double](repeating: .nan, count: width))
      if firstFailure == nil { firstFailure = "replicate \(rows.count - 1): no result" }
    }
    return Output(rows: rows, firstFailure: firstFailure)
  }
}
