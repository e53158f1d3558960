import CausalCore
import FixedEffects

/// An effect on a matched sample tabulates as a treatment effect (its estimand and how its
/// standard error was computed) and as a regression (R² and the rest from ``fit``).
extension MatchedSampleEffect: TreatmentEffectSummary, RegressionSummary {
  /// The estimand's short name (``estimand``'s raw value).
  public var estimandName: String { estimand.rawValue }
  /// `Clustered (pair)` for standard errors clustered by matched set (``method``
  /// `wls-cluster-subclass`), else the regression's variance type (`HC3`).
  public var standardErrorLabel: String {
    method == "wls-cluster-subclass" ? "Clustered (pair)" : fit.varianceType.tableLabel
  }
  /// The regression's variance type.
  public var varianceType: VarianceType { fit.varianceType }
  /// The regression's absorbed fixed effects.
  public var absorbedFixedEffects: [String] { fit.absorbedFixedEffects }
  /// The regression's R².
  public var r2: Double { fit.r2 }
  /// The regression's within R².
  public var withinR2: Double? { fit.withinR2 }
}
