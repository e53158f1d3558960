import Propensity

/// The regression family of a mediator or outcome model in a ``MediationAnalysis``.
///
/// Linear models are fitted by OLS/WLS with `FixedEffectsModel` (so they may
/// absorb fixed effects); binary models by maximum likelihood with
/// `BinaryRegression`. For a binary outcome the effects are differences of
/// predicted probabilities averaged over the sample, as in R's `mediation` and statsmodels.
public enum MediationModelFamily: String, Sendable, Equatable, CaseIterable, Codable {
  /// Linear regression (OLS, or WLS with weights).
  case linear
  /// Logistic regression of a 0/1 variable.
  case logit
  /// Probit regression of a 0/1 variable.
  case probit

  /// The link of a binary family, `nil` for ``linear``.
  var link: LinkFunction? {
    switch self {
    case .linear: return nil
    case .logit: return .logit
    case .probit: return .probit
    }
  }
}
