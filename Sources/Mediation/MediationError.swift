import CausalCore
import FixedEffects
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
  /// A needed column is missing, not numeric or clashes with a generated name, or no row is
  /// complete; the data layer's error is kept.
  case data(DataError)
  /// A model formula could not be built or read; the formula layer's error is kept.
  case formula(FormulaError)
  /// A linear (fixed-effects) model failed; `model` names it, `error` is the original error.
  case linearModelFailed(model: String, error: FixedEffectsError)
  /// A logit or probit model failed (for example it did not converge); `model` names it.
  case binaryModelFailed(model: String, error: PropensityError)
  /// A term the effects need (treatment, mediator, interaction) was removed from a model as
  /// collinear or absorbed by the fixed effects.
  case termRemoved(model: String, term: String)
  /// The bootstrap failed.
  case bootstrap(BootstrapError)
  /// The requested analysis is not available for this specification.
  case unavailable(reason: String)
  /// A cluster-level mediator (or the treatment of an analysis with one) takes different values
  /// within one cluster: `cluster` is the cluster column, `level` the cluster's value, `values`
  /// two of the values seen.
  case variesWithinCluster(variable: String, cluster: String, level: String, values: [Double])

  /// A sentence saying what went wrong and what to do.
  public var description: String {
    // A formula error keeps its caret lines; its own description has escaped the formula.
    if case .formula(let error) = self { return "A model formula could not be built: \(error.description)" }
    return VisibleText.escape(unescapedDescription)
  }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .invalidOption(let error): return error.description
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
    case .data(let error): return error.description
    case .formula(let error): return "A model formula could not be built: \(error.description)"
    case .linearModelFailed(let model, let error): return "The \(model) failed: \(error.description)"
    case .binaryModelFailed(let model, let error): return "The \(model) failed: \(error.description)"
    case .termRemoved(let model, let term):
      return "The term '\(term)' was removed from the \(model) (collinear or absorbed by the fixed effects), "
        + "so its effect cannot be estimated."
    case .bootstrap(let error): return "The bootstrap failed: \(error.description)"
    case .unavailable(let reason): return "Not available: \(reason)."
    case .variesWithinCluster(let variable, let cluster, let level, let values):
      let shown = values.map { "\($0)" }.joined(separator: " and ")
      return "'\(variable)' must be constant within each \(cluster) to be modelled at the \(cluster) level, but "
        + "\(cluster) \(level) has the values \(shown); fix the data, or model '\(variable)' at the observation level "
        + "(leave it out of the cluster-level mediators)."
    }
  }
}

extension MediationError {
  /// An error of a fit or of the data layer as a mediation error, its value kept: a
  /// ``MediationError`` as it is, a `DataError` as ``data(_:)``, a `FormulaError` as
  /// ``formula(_:)``, a `FixedEffectsError` as ``linearModelFailed(model:error:)`` and a
  /// `PropensityError` as ``binaryModelFailed(model:error:)`` (both naming `model`); anything
  /// else (never thrown by CausalKit's fits) as ``unavailable(reason:)``.
  static func wrapping(_ error: any Error, model: String) -> MediationError {
    switch error {
    case let error as MediationError: return error
    case let error as DataError: return .data(error)
    case let error as FormulaError: return .formula(error)
    case let error as FixedEffectsError: return .linearModelFailed(model: model, error: error)
    case let error as PropensityError: return .binaryModelFailed(model: model, error: error)
    default: return .unavailable(reason: "the \(model) failed: \(error)")
    }
  }
}
