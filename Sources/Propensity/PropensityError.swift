import CausalCore

/// An error from fitting a binary-response (logit or probit) model.
///
/// Each case says what went wrong and, in ``description``, what to do about it. Errors from
/// the model frame (unknown columns, text columns where numbers are needed, negative weights)
/// are thrown as `DataError`, malformed formulas as `FormulaError`, and options the
/// initializer rejects (a `| fe` part, a confidence level outside (0, 1), iteration settings)
/// as `OptionError`.
public enum PropensityError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The response takes values other than 0 and 1 (or, for a text or logical column, does not
  /// have exactly two levels); `examples` lists some offending values.
  case responseNotBinary(variable: String, examples: [String])
  /// The response has no events (no 1s) or no non-events (no 0s) among the observations used.
  case noOutcomeVariation(variable: String, value: Double)
  /// The iterations did not reach the tolerance.
  case notConverged(iterations: Int, relativeDevianceChange: Double, tolerance: Double)
  /// The outcome is (quasi-)completely separated, so the estimates do not exist.
  case separation(variables: [String], observationsAtBounds: Int)
  /// The information matrix became numerically singular during the iterations.
  case singularInformation(iteration: Int)
  /// Every regressor was removed as collinear.
  case allRegressorsRemoved(terms: [String])
  /// Fewer observations than estimated coefficients.
  case tooFewObservations(observations: Int, parameters: Int)
  /// A variance type that is not available (HC2/HC3 with clustering, or missing cluster codes).
  case varianceUnavailable(type: String, reason: String)
  /// Clustered variance needs at least two clusters.
  case singleCluster(variable: String)
  /// Cluster codes given to the variance computation do not match the observations (an
  /// internal consistency check of the variance kernel).
  case invalidInput(reason: String)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .responseNotBinary(let variable, let examples):
      return "The response '\(variable)' must be coded 0/1 (or be a text or logical column with two levels), "
        + "but it has values such as \(examples.joined(separator: ", ")). Recode it, for example with I(\(variable) == value)."
    case .noOutcomeVariation(let variable, let value):
      return "The response '\(variable)' is \(value == 1 ? "1 (an event)" : "0 (a non-event)") for every observation used; "
        + "a binary model needs both outcomes."
    case .notConverged(let iterations, let change, let tolerance):
      return "The fit did not converge in \(iterations) iterations (relative change in deviance \(change), tolerance \(tolerance)). "
        + "Raise IRLSOptions.maxIterations, rescale the regressors, or check for separation."
    case .separation(let variables, let count):
      let vars = variables.isEmpty ? "" : " by \(variables.joined(separator: ", "))"
      return "The outcome is (quasi-)completely separated\(vars): \(count) fitted probabilit\(count == 1 ? "y is" : "ies are") numerically 0 or 1 "
        + "and the coefficients diverge, so the maximum-likelihood estimates do not exist. Remove or merge the separating "
        + "variables or levels, or pass allowSeparation: true to get the (non-convergent) fit with a warning."
    case .singularInformation(let iteration):
      return "The information matrix XᵀWX became singular at iteration \(iteration); the regressors are (numerically) "
        + "collinear once weighted, which usually means separation or regressors on extreme scales."
    case .allRegressorsRemoved(let terms): return "All regressors were removed as collinear: \(terms.joined(separator: ", "))."
    case .tooFewObservations(let n, let k): return "\(n) observations are too few for \(k) coefficients."
    case .varianceUnavailable(let type, let reason): return "Variance type \(type) is not available: \(reason)."
    case .singleCluster(let variable):
      return "Clustering by '\(variable)' needs at least two clusters, but all observations are in one. Choose another cluster variable."
    case .invalidInput(let reason): return "Invalid input: \(reason)."
    }
  }
}
