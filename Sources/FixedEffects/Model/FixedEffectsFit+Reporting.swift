import CausalCore

/// A fixed-effects (or OLS) fit tabulates with its variance type, absorbed dimensions, R² and
/// within R².
extension FixedEffectsFit: RegressionSummary {
  /// The names of the absorbed fixed-effect dimensions (``fixedEffectLevels``), in formula
  /// order.
  public var absorbedFixedEffects: [String] { fixedEffectLevels.map(\.name) }
}
