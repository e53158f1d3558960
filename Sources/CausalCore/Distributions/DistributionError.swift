/// An error raised when a distribution or a random-number routine is given an invalid argument.
///
/// Every case names the function that rejected the value, the value itself and the requirement it
/// broke, so the message tells a user what went wrong, where, and what to pass instead. Distribution
/// parameters are validated once, in the throwing initializers; after that `cdf`, `survival`,
/// `quantile` and `density` never throw.
public enum DistributionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A distribution parameter is outside its domain (for example negative degrees of freedom).
  ///
  /// - Parameters:
  ///   - distribution: The type being constructed, e.g. `"StudentTDistribution"`.
  ///   - parameter: The argument label, e.g. `"degreesOfFreedom"`.
  ///   - value: The rejected value.
  ///   - requirement: The condition it must satisfy, e.g. `"a positive number (or +infinity)"`.
  case invalidParameter(distribution: String, parameter: String, value: Double, requirement: String)
  /// A probability passed to a checked quantile is NaN or outside `[0, 1]`.
  ///
  /// - Parameters:
  ///   - function: The function that rejected it, e.g. `"StudentTDistribution.checkedQuantile"`.
  ///   - value: The rejected probability.
  case invalidProbability(function: String, value: Double)
  /// An integer bound for random sampling is not positive (e.g. `nextInt(below: 0)`).
  ///
  /// - Parameters:
  ///   - function: The function that rejected it.
  ///   - value: The rejected bound.
  case invalidBound(function: String, value: Int)

  /// A sentence that says what was rejected, where, and what to pass instead.
  public var description: String {
    switch self {
    case .invalidParameter(let distribution, let parameter, let value, let requirement):
      return "\(distribution): parameter '\(parameter)' is \(value), but it must be \(requirement); "
        + "pass a value that satisfies this."
    case .invalidProbability(let function, let value):
      return "\(function): probability \(value) is outside [0, 1]; pass a probability between 0 and 1."
    case .invalidBound(let function, let value):
      return "\(function): bound \(value) is not positive; pass an upper bound of at least 1."
    }
  }
}
