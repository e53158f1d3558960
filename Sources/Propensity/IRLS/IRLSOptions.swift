import CausalCore

/// Settings of the iteratively reweighted least-squares (Fisher scoring) iterations of a
/// `BinaryRegression`.
///
/// Convergence is declared, as in R's `glm.fit`, when the deviance changes by less than
/// ``tolerance`` relative to itself:
///
///     |D_t − D_(t−1)| / (|D_t| + 0.1) < tolerance
///
/// Newton's method converges quadratically, so once the deviance changes by less than
/// `1e-12` the coefficients are typically exact to 1e-10 or better (R's default `epsilon`,
/// `1e-8`, leaves them accurate to about 1e-5 only). A step that increases the deviance by more
/// than the tolerance is halved, up to ``maxStepHalvings`` times.
///
/// ```swift
/// var options = IRLSOptions()
/// options.maxIterations = 50
/// let model = try BinaryRegression(formula: "treat ~ age + educ", iteration: options)
/// ```
public struct IRLSOptions: Sendable, Equatable, Codable {
  /// The largest number of weighted least-squares solves, 100 by default.
  public var maxIterations: Int
  /// The relative change in deviance below which the fit has converged, `1e-12` by default.
  public var tolerance: Double
  /// How many times a step that increases the deviance may be halved, 30 by default.
  public var maxStepHalvings: Int

  /// Creates options.
  ///
  /// - Parameters:
  ///   - maxIterations: The iteration cap (positive).
  ///   - tolerance: The convergence tolerance on the relative change in deviance (positive).
  ///   - maxStepHalvings: The cap on step halvings per iteration (non-negative).
  public init(maxIterations: Int = 100, tolerance: Double = 1e-12, maxStepHalvings: Int = 30) {
    self.maxIterations = maxIterations
    self.tolerance = tolerance
    self.maxStepHalvings = maxStepHalvings
  }

  /// Checks the values.
  ///
  /// - Throws: `OptionError.invalid(option:value:expected:)` naming the field.
  func validate() throws(OptionError) {
    try OptionError.requireCount(maxIterations, atLeast: 1, option: "IRLSOptions.maxIterations")
    try OptionError.requirePositive(tolerance, option: "IRLSOptions.tolerance", example: "1e-12")
    try OptionError.requireCount(maxStepHalvings, atLeast: 0, option: "IRLSOptions.maxStepHalvings")

  }
}
