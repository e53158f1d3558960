/// Kernel matching on a one-dimensional score (Heckman, Ichimura and Todd 1997; Stata
/// psmatch2's `kernel` option).
///
/// A lower-level building block over arrays (a treatment indicator and a score estimated
/// elsewhere, for example `BinaryRegressionFit.fittedProbabilities`); no table-level estimator
/// covers kernel matching yet. Its weights feed ``MatchedSampleRegression`` and
/// ``BalanceAssessment`` as a weight column.
///
/// Every focal unit `t` (treated for the ATT, control for the ATC) is compared with a weighted
/// average of **all** units of the other group, weighted by a kernel of the score difference:
///
///     K_tc = K((d_c − d_t) / h),      w_tc = K_tc / Σ_c' K_tc'
///
/// with bandwidth `h`. The unit weights of the matched sample are then
/// - focal unit `t`: 1 if `Σ_c K_tc > 0`, else 0 (no support: with the Epanechnikov kernel,
///   no unit of the other group lies within `h`);
/// - other unit `c`: `w_c = Σ_{t supported} w_tc`.
///
/// So the non-focal weights sum to the number of supported focal units, and the weighted mean
/// outcome of the non-focal group equals the average over focal units of their kernel-weighted
/// counterfactuals. No rescaling is applied. Discarded units (``CommonSupport``) take no part.
///
/// ```swift
/// let kernel = try KernelMatcher(kernel: .epanechnikov, bandwidth: 0.06)
/// let result = try kernel.match(treatment: treated, score: propensity)
/// ```
public struct KernelMatcher: Sendable, Equatable {
  /// The kernel.
  public let kernel: KernelFunction
  /// The bandwidth `h` in score units; positive and finite (psmatch2's default is 0.06).
  public let bandwidth: Double
  /// ATT (treated units get counterfactuals from controls) or ATC (the reverse).
  public let estimand: MatchingEstimand
  /// The common-support rule applied to the score before matching.
  public let discard: CommonSupport

  /// Creates a kernel matcher.
  ///
  /// - Parameters:
  ///   - kernel: The kernel; Epanechnikov by default.
  ///   - bandwidth: The bandwidth in score units; 0.06 by default (as psmatch2).
  ///   - estimand: ATT or ATC.
  ///   - discard: The common-support rule.
  /// - Throws: `OptionError` for the ATE or a bandwidth that is not positive and finite.
  public init(
    kernel: KernelFunction = .epanechnikov, bandwidth: Double = 0.06,
    estimand: MatchingEstimand = .att, discard: CommonSupport = .none
  ) throws(OptionError) {
    guard estimand != .ate else {
      throw .invalid(option: "estimand", value: "ATE", expected: "ATT or ATC (kernel matching targets one group at a time)")
    }
    try OptionError.requirePositive(bandwidth, option: "bandwidth (in score units)", example: "0.06")

    self.kernel = kernel
    self.bandwidth = bandwidth
    self.estimand = estimand
    self.discard = discard
  }

  /// Computes the kernel-matching weights.
  ///
  /// - Parameters:
  ///   - treatment: `true` for treated units.
  ///   - score: One finite score per unit (a propensity score or its logit).
  /// - Returns: The weights and sample sizes.
  /// - Throws: `DataError.lengthMismatch` or `DataError.invalidValues` for a score of the wrong
  ///   length or with non-finite values; ``MatchingError``: `.noTreatedUnits` /
  ///   `.noControlUnits`; `.noOverlap`; `.noMatches` when no focal unit has support.
  /// - Complexity: Epanechnikov: O(n log n + Σ_t window size); Gaussian: O(f · m) for f focal
  ///   and m other units.
  public func match(treatment: [Bool], score: [Double]) throws -> KernelMatchedSet {
    let n = treatment.count
    guard score.count == n else {
      throw DataError.lengthMismatch(column: "The score", expected: n, found: score.count)
    }
    if let bad = score.firstIndex(where: { !$0.isFinite }) {
      throw DataError.invalidValues(column: "The score", reason: "not finite at unit \(bad) (0-based); remove or impute that unit first")
    }
    guard treatment.contains(true) else { throw MatchingError.noTreatedUnits(sample: "the input") }
    guard treatment.contains(false) else { throw MatchingError.noControlUnits(sample: "the input") }
    let discarded = discard.discardedUnits(treatment: treatment, score: score)
    for (group, isTreated) in [("treated", true), ("control", false)] {
      let members = treatment.indices.filter { treatment[$0] == isTreated }
      if members.allSatisfy({ discarded[$0] }) {
        throw MatchingError.noOverlap(group: group, discarded: members.count)
      }
    }
    let focal = estimand == .att ? treatment : treatment.map { !$0 }

    var candidates = (0..<n).filter { !focal[$0] && !discarded[$0] }
    candidates.sort { score[$0] != score[$1] ? score[$0] < score[$1] : $0 < $1 }
    let sortedScores = candidates.map { score[$0] }
    var weights = [Double](repeating: 0, count: n)
    var kernelValues = [Double](repeating: 0, count: candidates.count)
    var withoutSupport = 0
    for t in 0..<n where focal[t] && !discarded[t] {
      var range = 0..<candidates.count
      if let halfWidth = kernel.support {
        // Slightly widened window; the kernel itself returns 0 outside |u| < 1.
        let reach = halfWidth * bandwidth * (1 + 1e-12)
        range = lowerBound(sortedScores, score[t] - reach)..<lowerBound(sortedScores, score[t] + reach, strict: false)
      }
      var total = 0.0
      for j in range {
        let k = kernel.value(at: (sortedScores[j] - score[t]) / bandwidth)
        kernelValues[j] = k
        total += k
      }
      guard total > 0 else {
        withoutSupport += 1
        continue
      }
      weights[t] = 1
      for j in range where kernelValues[j] > 0 {
        weights[candidates[j]] += kernelValues[j] / total
      }
    }
    guard weights.contains(where: { $0 > 0 }) else {
      throw MatchingError.noMatches(unmatched: (0..<n).filter { focal[$0] && !discarded[$0] }.count)
    }
    let counts = MatchCounts(
      treatment: treatment, weights: weights, discarded: discarded, focalUnitsShortOfRatio: 0)
    return KernelMatchedSet(
      estimand: estimand, kernel: kernel, bandwidth: bandwidth, treatment: treatment,
      weights: weights, discarded: discarded, counts: counts,
      focalUnitsWithoutSupport: withoutSupport)
  }

  /// First index whose value is `≥ x` (or `> x` when `strict` is false).
  private func lowerBound(_ values: [Double], _ x: Double, strict: Bool = true) -> Int {
    var low = 0, high = values.count
    while low < high {
      let mid = (low + high) / 2
      let before = strict ? values[mid] < x : values[mid] <= x
      if before { low = mid + 1 } else { high = mid }
    }
    return low
  }
}
