import CausalCore

extension FixedEffectsFit {
  /// Writes the keys every design built on a regression (difference-in-differences, event
  /// study) writes besides its own: `coefficients` (the tidy rows), `nobs`, `dropped` and `fit`.
  func encodeAsDesignRegression(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("coefficients", coefficients), .value("nobs", observationCount), .value("dropped", drops),
      .value("fit", self),
    ])
  }
}
