import CausalCore
import Propensity
import Resampling

/// An error from a mediation analysis.
///
/// Each case says what went wrong and, in ``description``, what to do. Errors of the
/// underlying fits keep their context: which model (for example `mediator model for emo`)
/// failed and the original error.
public enum MediationError: Error, Sendable, Equatable, CustomStringConvertible {
  /// An option is invalid (an empty name, a confidence level outside (0, 1), too few draws).
  case invalidOption(OptionError)
  /// A variable takes a single value in the estimation sample, so its model cannot be fitted.
  case noVariation(variable: String, role: String)
  /// The treatment must be binary (two values, the control and treated values) here.
  case treatmentNotBinary(variable: String, values: [Double])
  /// A mediator is the treatment (or the outcome) itself.
  case mediatorIsTreatment(variable: String)
  /// Absorbed fixed effects need linear mediator and outcome models.
  case fixedEffectsNeedLinearModels
  /// A needed column is missing or not numeric; the message comes from the data layer.
  case data(String)
  /// A linear (fixed-effects) model failed; `model` names it, `reason` is the original error.
  case linearModelFailed(model: String, reason: String)
  /// A logit or probit model failed (for example it did not converge); `model` names it.
  case binaryModelFailed(model: String, error: PropensityError)
  /// A term the effects need (treatment, mediator, interaction) was removed from a model as
  /// collinear or absorbed by the fixed effects.
  case termRemoved(model: String, term: String)
  /// The bootstrap failed.
  case bootstrap(BootstrapError)
  /// The requested analysis is not available for this specification.
  case unavailable(reason: String)

  /// A sentence saying what went wrong and what to do.
  public var description: String {
    switch self {
    case .invalidOption(let error):
      return error.description
    case .noVariation(let variable, let role):
      return "The \(role) '\(variable)' takes a single value in the estimation sample; mediation needs it to vary."
    case .treatmentNotBinary(let variable, let values):
      let shown = values.prefix(5).map { "\($0)" }.joined(separator: ", ")
      return "The treatment '\(variable)' must take exactly the control and treated values here, but it has values \(shown)."
    case .mediatorIsTreatment(let variable):
      return "'\(variable)' is used both as a mediator and as the treatment or outcome; choose distinct variables."
    case .fixedEffectsNeedLinearModels:
      return "Absorbed fixed effects (| fe) are only available when both the mediator and outcome models are linear; "
        + "with a logit or probit model add the fixed effects as categorical covariates."
    case .data(let message):
      return message
    case .linearModelFailed(let model, let reason):
      return "The \(model) failed: \(reason)"
    case .binaryModelFailed(let model, let error):
      return "The \(model) failed: \(error.description)"
    case .termRemoved(let model, let term):
      return "The term '\(term)' was removed from the \(model) (collinear or absorbed by the fixed effects), "
        + "so its effect cannot be estimated."
    case .bootstrap(let error):
      return "The bootstrap failed: \(error.description)"
    case .unavailable(let reason):
      return "Not available: \(reason)."
    }
  }
}
