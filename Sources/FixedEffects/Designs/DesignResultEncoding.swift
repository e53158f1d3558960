/// The keys every design built on a regression (difference-in-differences, event study)
/// writes besides its own: the tidy rows, the sample size, the drop report and the full fit.
enum DesignResultKeys: String, CodingKey {
  case coefficients
  case observationCount = "nobs"
  case drops = "dropped"
  case fit
}

extension FixedEffectsFit {
  /// Writes the shared keys of a design result (``DesignResultKeys``) built on this fit.
  func encodeAsDesignRegression(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: DesignResultKeys.self)
    try c.encode(coefficients, forKey: .coefficients)
    try c.encode(observationCount, forKey: .observationCount)
    try c.encode(drops, forKey: .drops)
    try c.encode(self, forKey: .fit)
  }
}
