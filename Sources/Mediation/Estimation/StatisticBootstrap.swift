import CausalCore
import Resampling

/// The nonparametric bootstrap of a vector of mediation statistics: pairs or whole clusters
/// resampled from the complete cases, the statistics re-computed on each resample, and the
/// summaries (`boot.ci` conventions) the mediation estimators report.
///
/// Replicate `r`'s sample depends only on `(seed, r)` (`BootstrapResampler`); replicates run in
/// parallel and the result is identical for any thread count. A replicate whose statistic
/// fails or is not finite is a NaN row, counted in a note and skipped by the summaries. The
/// estimate is the value on the original sample, the standard error the replicates' standard
/// deviation, the p-value `2 · min(#>0, #<0) / B'` over the `B'` successful replicates, and the
/// interval the percentile interval or BCa (acceleration from a jackknife over rows or clusters).
struct StatisticBootstrap {
  /// `B`.
  let replicates: Int
  /// Resample whole clusters of this column, or `nil` for the pairs bootstrap.
  let cluster: String?
  /// The interval.
  let interval: MediationBootstrapInterval
  /// The seed of the resampling.
  let seed: UInt64
  /// The confidence level.
  let level: Double

  /// The summaries, the replicate rows and the notes.
  struct Outcome {
    var rows: [CoefficientRow]
    var draws: [[Double]]
    var notes: [String]
  }

  /// Runs the bootstrap.
  ///
  /// - Parameters:
  ///   - sample: The complete cases.
  ///   - names: The statistics' term names.
  ///   - statistic: The statistics of a table; the second argument is the replicate's stream
  ///     (`B` for the original sample), for statistics that draw random numbers.
  ///   - byCounts: For the cluster bootstrap, an optional shortcut computing a replicate's
  ///     statistics from how many times it holds each cluster (in the resampling plan's
  ///     numbering, given to `makeShortcut` with each row's cluster); a replicate it returns
  ///     `nil` for is re-computed from the materialised resample.
  /// - Throws: ``MediationError/bootstrap(_:)`` when the original statistic, resampling, every
  ///   replicate or the interval computation fails; ``MediationError/invalidOption(_:)`` before
  ///   any replicate when the replicates' results would not fit in the machine's memory.
  /// - Complexity: `B` (plus `n` or `G` for BCa) evaluations of `statistic`.
  func run(
    sample: DataTable, names: [String], statistic: @escaping @Sendable (DataTable, UInt64) throws -> [Double],
    byCounts makeShortcut: ((_ clusterOfRow: [Int], _ clusterCount: Int) -> (@Sendable ([Int]) -> [Double]?)?)? = nil
  ) throws(MediationError) -> Outcome {
    // One value more than the row: `BootstrapResult` holds a second list of references to the rows.
    try MediationAnalysis.checkMemory(count: replicates, width: names.count + 1, option: "replicates")
    let t0: [Double]
    do { t0 = try statistic(sample, UInt64(replicates)) } catch { throw .bootstrap(.originalStatisticFailed("\(error)")) }
    let resampler = BootstrapResampler(
      scheme: cluster.map { .cluster(column: $0) } ?? .pairs, replicates: replicates, seed: seed)
    do { _ = try resampler.resample(sample, replicate: 0) } catch { throw .bootstrap(error) }
    var shortcut: (@Sendable ([Int]) -> [Double]?)?
    var plan: ResamplingPlan?
    if let makeShortcut, let cluster, let p = try? ResamplingPlan(scheme: .cluster(column: cluster), data: sample),
      let groups = p.groups
    {
      plan = p
      shortcut = makeShortcut(groups.groupOfRow, groups.members.count)
    }
    let fast = shortcut, fastPlan = plan, seed = seed
    let outcomes: [[Double]?]
    do {
      outcomes = try ParallelMap.map(replicates) { r -> [Double]? in
        if let fast, let fastPlan {
          var counts: [Int] = []
          fastPlan.multiplicities(seed: seed, replicate: r, into: &counts)
          if let values = fast(counts), values.allSatisfy(\.isFinite) { return values }
        }
        guard let resample = try? resampler.resample(sample, replicate: r),
          let values = try? statistic(resample, UInt64(r)), values.allSatisfy(\.isFinite)
        else { return nil }
        return values
      }
    } catch { throw .bootstrap(.originalStatisticFailed("\(error)")) }
    let failed = outcomes.indices.filter { outcomes[$0] == nil }
    guard failed.count < replicates else {
      throw .bootstrap(.allReplicatesFailed(count: replicates, firstError: "every re-fit failed"))
    }
    let draws = outcomes.map { $0 ?? Array(repeating: .nan, count: t0.count) }
    let result = BootstrapResult(t0: t0, t: draws, failedReplicateIndices: failed, firstFailure: nil)
    var influence: [[Double]] = []
    if interval == .bca {
      let jack: JackknifeResult
      do {
        jack = try Jackknife.run(on: sample, clusterColumn: cluster) { try statistic($0, UInt64(replicates)) }
      } catch { throw .bootstrap(error) }
      do { influence = try t0.indices.map { (j: Int) throws(BootstrapError) -> [Double] in try jack.influence(index: j) } } catch {
        throw .bootstrap(error)
      }
    }
    var rows: [CoefficientRow] = []
    var constant: [String] = []
    for j in t0.indices {
      let column = draws.map { $0[j] }.filter(\.isFinite)
      // A statistic with the same value in every replicate (the mediator dependence of linear
      // models, zero by construction) has no sampling variation: its interval is that value.
      if let first = column.first, column.count >= 2, column.allSatisfy({ $0 == first }) {
        constant.append(names[j])
        rows.append(
          CoefficientRow(
            term: names[j], estimate: t0[j], standardError: 0, pValue: .nan,
            interval: ConfidenceInterval(lower: first, upper: first)))
        continue
      }
      let ci: BootstrapInterval
      do {
        ci = interval == .bca
          ? try result.bcaInterval(level: level, index: j, influence: influence[j])
          : try result.percentileInterval(level: level, index: j)
      } catch { throw .bootstrap(error) }
      rows.append(
        CoefficientRow(
          term: names[j], estimate: t0[j], standardError: SimulationSummary.standardDeviation(column),
          pValue: SimulationSummary.pValue(column), interval: ci.interval))
    }
    var notes = failed.isEmpty ? [] : ["\(failed.count) of \(replicates) bootstrap replicates failed to fit and were skipped."]
    if !constant.isEmpty {
      notes.append(
        "\(constant.joined(separator: ", ")): the same value in every bootstrap replicate (no sampling variation, e.g. "
          + "zero by construction); its interval is that value, its standard error 0 and its p-value undefined.")
    }
    return Outcome(rows: rows, draws: draws, notes: notes)
  }
}
