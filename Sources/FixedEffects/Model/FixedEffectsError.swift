import CausalCore

/// An error from fitting a fixed-effects linear model.
///
/// Each case says what went wrong and, in ``description``, what to do about it.
public enum FixedEffectsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The iterative demeaning did not reach the tolerance within the iteration cap.
  case notConverged(method: String, iterations: Int, tolerance: Double)
  /// No residual degrees of freedom are left.
  case noResidualDegreesOfFreedom(observations: Int, parameters: Int)
  /// Every regressor was removed as collinear or absorbed by the fixed effects.
  case allRegressorsRemoved(terms: [String])
  /// After removing singletons no observation is left.
  case allSingletons(fixedEffects: [String])
  /// Clustered variance needs at least two clusters.
  case singleCluster(variable: String)
  /// The outcome is constant (after removing the fixed effects), so nothing can be explained.
  case constantOutcome
  /// A variance type that is not defined with absorbed fixed effects (HC2, HC3).
  case varianceUnavailable(type: String, reason: String)
  /// An option value is invalid: the shared `OptionError` says which option, the value and
  /// what is accepted.
  case invalidOption(OptionError)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .notConverged(let method, let iterations, let tolerance):
      let advice = method == DemeaningOptions.Method.conjugateGradient.rawValue
        ? "The conjugate-gradient method was already in use: loosen the tolerance (values near 1e-16 are below the "
          + "rounding error of the data), raise DemeaningOptions.maxIterations if the iterations reached it, or check "
          + "the fixed effects for many small, weakly connected groups."
        : "Raise DemeaningOptions.maxIterations, loosen the tolerance, or choose the automatic or conjugate-gradient "
          + "method, which need far fewer iterations on weakly connected fixed effects."
      return "Fixed-effect demeaning (\(method)) did not converge to tolerance \(tolerance) in \(iterations) iterations. "
        + advice
    case .noResidualDegreesOfFreedom(let n, let k):
      return "No residual degrees of freedom: \(n) observations for \(k) parameters (including fixed effects). "
        + "Use fewer regressors or fixed effects, or more data."
    case .allRegressorsRemoved(let terms):
      return "All regressors were removed as collinear or absorbed by the fixed effects: \(terms.joined(separator: ", ")). "
        + "Check that each regressor varies within the fixed-effect groups."
    case .allSingletons(let fes):
      return "Every observation is a singleton in the fixed effects \(fes.joined(separator: ", ")), so none is left. "
        + "Check the fixed-effect columns, or keep singletons (FixedEffectsModel(singletons: .keep), causalkit feols --keep-singletons)."
    case .singleCluster(let variable):
      return "Clustering by '\(variable)' needs at least two clusters, but all observations are in one. Choose another cluster variable."
    case .constantOutcome: return "The outcome does not vary once the fixed effects are removed; there is nothing to estimate."
    case .varianceUnavailable(let type, let reason): return "Variance type \(type) is not available: \(reason)."
    case .invalidOption(let error): return error.description
    }
  }
}
