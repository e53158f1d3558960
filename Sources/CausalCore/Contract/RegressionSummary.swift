/// What a regression reports beyond its tidy rows: the variance estimator, the absorbed fixed
/// effects and the fit statistics.
///
/// Regression tables (the Reporting module's `RegressionTableModel`) read these from any result
/// that conforms, so they never need to know the estimator module that made it. Linear
/// fixed-effects fits and the designs built on them (difference-in-differences, event studies)
/// conform, as does an effect estimated by a regression on a matched sample.
///
/// ```swift
/// func describe(_ result: some RegressionSummary) -> String {
///   "N = \(result.observationCount), R² = \(result.r2), FE: \(result.absorbedFixedEffects)"
/// }
/// ```
///
/// See also ``EstimationResult`` (what every result has) and ``TreatmentEffectSummary``.
public protocol RegressionSummary: EstimationResult {
  /// The variance estimator the standard errors come from.
  var varianceType: VarianceType { get }
  /// Names of the absorbed fixed-effect dimensions, in formula order; empty without.
  var absorbedFixedEffects: [String] { get }
  /// R² of the full model (fixed effects included); NaN when it is not defined.
  var r2: Double { get }
  /// R² of the regressors after the fixed effects are partialled out, or `nil` without fixed
  /// effects.
  var withinR2: Double? { get }
}
