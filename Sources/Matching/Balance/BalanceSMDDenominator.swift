/// The standard deviation that scales standardized mean differences, chosen by the estimand as
/// MatchIt 4.5.1's `summary()` chooses it.
///
/// For a covariate x with base weights s (all 1 without sampling weights), using MatchIt's
/// variance (``BalanceCovariateType``: p(1 − p) for binary variables, the bias-corrected
/// weighted variance otherwise):
///
/// - ATT: s_t, the SD among the treated;
/// - ATC: s_c, the SD among the controls;
/// - ATE: √((s_t² + s_c²) / 2), the pooled SD with equal contributions.
///
/// The SD is **always** computed on the full, unmatched sample with the base weights only,
/// never with matching weights, so the "before" and "after" SMDs of a covariate share one
/// denominator and differ only in their numerators (the weighted mean differences).
///
/// When that SD is zero (below √ε ≈ 1.49e-8) or not finite, for example a covariate constant
/// among the treated, MatchIt falls back to the pooled SD with proportional contributions
/// (residuals about each group's mean, pooled over all units); if that is zero as well, the
/// SMD of a non-zero difference is ±∞.
public enum BalanceSMDDenominator: String, Sendable, Equatable, Codable, CaseIterable, CustomStringConvertible {
  /// The SD among the treated (the ATT).
  case treatedSD = "treated"
  /// The SD among the controls (the ATC).
  case controlSD = "control"
  /// The equally weighted pooled SD √((s_t² + s_c²) / 2) (the ATE).
  case pooledSD = "pooled"

  /// The denominator MatchIt uses for an estimand.
  ///
  /// - Parameter estimand: The matching estimand.
  public init(estimand: MatchingEstimand) {
    switch estimand {
    case .att: self = .treatedSD
    case .atc: self = .controlSD
    case .ate: self = .pooledSD
    }
  }

  /// A phrase naming the denominator, e.g. "treated SD (unmatched sample)".
  public var description: String {
    switch self {
    case .treatedSD: return "treated SD (unmatched sample)"
    case .controlSD: return "control SD (unmatched sample)"
    case .pooledSD: return "pooled SD sqrt((s_t^2 + s_c^2)/2) (unmatched sample)"
    }
  }

  /// The denominator for one covariate, with MatchIt's fallback.
  ///
  /// - Parameters:
  ///   - x: The covariate.
  ///   - baseWeights: The base (sampling) weights.
  ///   - treated: Indices of the treated units.
  ///   - control: Indices of the control units.
  ///   - binary: Whether the covariate is binary.
  /// - Complexity: O(n).
  func value(_ x: [Double], baseWeights s: [Double], treated: [Int], control: [Int], binary: Bool) -> Double {
    let sd: Double
    switch self {
    case .treatedSD:
      sd = BalanceMoments.variance(x, s, treated, binary: binary).squareRoot()
    case .controlSD:
      sd = BalanceMoments.variance(x, s, control, binary: binary).squareRoot()
    case .pooledSD:
      let vt = BalanceMoments.variance(x, s, treated, binary: binary)
      let vc = BalanceMoments.variance(x, s, control, binary: binary)
      sd = ((vt + vc) / 2).squareRoot()
    }
    if sd.isFinite && sd >= BalanceStatistics.tolerance { return sd }
    return BalanceMoments.proportionalPooledSD(x, s, groups: [treated, control], binary: binary)
  }
}
