import CausalCore

/// The replicate loop shared by the model bootstraps: replicate `r` evaluates a statistic on
/// `ResamplingPlan.sample(data, seed:, replicate: r)` (the same resample as
/// ``BootstrapResampler/resample(_:replicate:)``), in parallel or not with identical output.
///
/// Unlike ``BootstrapResampler/run(on:progress:isCancelled:statistic:)``, a replicate may be
/// partly valid: the statistic returns NaN for the entries it could not compute (a coefficient
/// dropped in that resample), and only those entries count as failures.
package enum ReplicateLoop {
  /// The replicate matrix and the first failure message.
  package struct Output {
    /// `rows[r]`: replicate `r`'s `width` values, NaN where it failed.
    package let rows: [[Double]]
    /// The message of the lowest-numbered replicate that threw, if any.
    package let firstFailure: String?

    /// Wraps the replicate matrix and the first failure.
    package init(rows: [[Double]], firstFailure: String?) {
      self.rows = rows
      self.firstFailure = firstFailure
    }
  }

  /// Replicates per chunk of work: fixed (never derived from the number of cores), so the
  /// output does not depend on the threads; each chunk reuses one scratch value.
  package static let chunkSize = 8

  /// Runs `count` replicates of a model refit on the materialized resamples.
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
  package static func run(
    plan: ResamplingPlan, data: DataTable, seed: UInt64, count: Int, width: Int, parallel: Bool,
    progress: (@Sendable (Int, Int) -> Void)?, isCancelled: (@Sendable () -> Bool)?,
    statistic: @escaping @Sendable (DataTable) throws -> [Double]
  ) throws(ResampledInferenceError) -> Output {
    try run(
      count: count, width: width, parallel: parallel, progress: progress, isCancelled: isCancelled,
      makeScratch: { [Int]() }
    ) { r, rows in
      try statistic(try plan.sample(data, seed: seed, replicate: r, rows: &rows))
    }
  }

  /// Runs `count` replicates in fixed chunks of ``chunkSize``; each chunk creates one scratch
  /// value with `makeScratch` and passes it to every replicate it runs, so buffers are
  /// allocated once per chunk rather than once per replicate.
  ///
  /// - Parameters:
  ///   - count: `B`.
  ///   - width: Values per replicate.
  ///   - parallel: Run the chunks concurrently (same output either way, as long as a
  ///     replicate's values depend only on its number, never on the scratch's previous contents).
  ///   - progress: Called with `(completed, B)` after each replicate.
  ///   - isCancelled: Checked before each replicate.
  ///   - makeScratch: Creates a worker's scratch.
  ///   - replicate: Computes replicate `r`'s `width` values (NaN for entries that failed).
  /// - Throws: ``ResampledInferenceError/invalidOption(_:)`` when the `B` replicates'
  ///   results would not fit in the machine's memory (checked before any is run, see
  ///   ``memory(width:)``); ``ResampledInferenceError/cancelled``.
  /// - Complexity: `B` replicate calls, `⌈B / chunkSize⌉` scratch values.
  package static func run<Scratch>(
    count: Int, width: Int, parallel: Bool,
    progress: (@Sendable (Int, Int) -> Void)?, isCancelled: (@Sendable () -> Bool)?,
    makeScratch: @escaping @Sendable () -> Scratch,
    replicate: @escaping @Sendable (Int, inout Scratch) throws -> [Double]
  ) throws(ResampledInferenceError) -> Output {
    do throws(OptionError) {
      try memory(width: width).check(count: count, option: "replicates")
    } catch { throw .invalidOption(error) }
    let counter = ProgressCounter()
    let chunks = ReplicateMemory.chunks(count: count, size: chunkSize)
    let job: @Sendable (Int) -> [ReplicateOutcome] = { c in
      var scratch = makeScratch()
      var outcomes: [ReplicateOutcome] = []
      for r in (c * chunkSize)..<min(count, (c + 1) * chunkSize) {
        if let isCancelled, isCancelled() {
          outcomes.append(.cancelled)
          break
        }
        do {
          let values = try replicate(r, &scratch)
          outcomes.append(
            values.count == width
              ? .success(values) : .failure("replicate \(r): \(values.count) values, expected \(width)"))
        } catch {
          outcomes.append(.failure("replicate \(r): \(error)"))
        }
        if let progress { progress(counter.increment(), count) }
      }
      return outcomes
    }
    let perChunk: [[ReplicateOutcome]]
    if parallel {
      // The job never throws, so ParallelMap cannot fail.
      perChunk = (try? ParallelMap.map(chunks, job)) ?? []
    } else {
      perChunk = (0..<chunks).map(job)
    }
    var rows: [[Double]] = []
    rows.reserveCapacity(count)
    var firstFailure: String?
    for outcome in perChunk.joined() {
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

  /// The peak memory of one replicate of ``run(count:width:parallel:progress:isCancelled:makeScratch:replicate:)``:
  /// its outcome in its chunk's list and its chunk's share of the parallel map's slots, its
  /// row of `width` values, and the four columns a summary extracts from the rows at a time
  /// (values, variances, the finite values, their sorted copy).
  ///
  /// - Parameter width: Values per replicate.
  /// - Returns: The footprint ``run(count:width:parallel:progress:isCancelled:makeScratch:replicate:)`` checks.
  package static func memory(width: Int) -> ReplicateMemory {
    let slot = MemoryLayout<Result<[ReplicateOutcome], any Error>?>.stride + ReplicateMemory.arrayOverhead
    return ReplicateMemory(
      doubles: ReplicateMemory.sum(width, 4), arrays: 1,
      overhead: MemoryLayout<ReplicateOutcome>.stride + ReplicateMemory.chunks(count: slot, size: chunkSize))
  }
}
