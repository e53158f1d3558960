import ArgumentParser
import CausalKit
import Foundation

/// How the subcommands report errors: in the terms of the command line.
///
/// The library names its own options (`replicates`, `confidenceLevel`,
/// `demeaning.maxIterations`); a user of the tool typed `--reps`, `--level`,
/// `--max-iterations`. ``message(for:command:)`` translates through one table,
/// ``optionFlags``, and rewords the few library messages whose advice names a library setting.
enum ToolDiagnostics {
  /// Library option name -> the subcommand's flag, per subcommand: the one table every error
  /// message goes through.
  static let optionFlags: [String: [String: String]] = [
    "feols": [
      "confidenceLevel": "--level", "replicates": "--reps", "demeaning.tolerance": "--tolerance",
      "demeaning.maxIterations": "--max-iterations", "weights": "--weights", "vcov": "--vcov",
      "singletons": "--keep-singletons", "terms": "--test",
    ],
    "logit": [
      "confidenceLevel": "--level", "weights": "--weights", "vcov": "--vcov", "BinaryRegression formula": "--formula",
    ],
    "match": [
      "caliper": "--caliper", "ratio": "--ratio", "matches": "--ratio", "replicates": "--reps", "exact": "--exact",
      "covariates": "--covariates", "estimand": "--estimand",
    ],
    "mediate": [
      "confidenceLevel": "--level", "simulations": "--sims", "replicates": "--sims", "treatment": "--treatment",
      "outcome": "--outcome", "mediators": "--mediator", "controlValue/treatedValue": "--control-value/--treated-value",
      "vcov": "--cluster", "weights": "--weights", "mediatorValue": "--mediator-value", "mediator": "--mediator",
    ],
    "did": [
      "confidenceLevel": "--level", "anticipation": "--anticipation", "outcome": "--outcome", "time": "--time",
      "cohort": "--cohort", "cluster": "--cluster", "design": "--unit", "weights": "--weights", "replicates": "--reps",
      "mbar": "--mbar", "m": "--m", "gridPoints": "--sensitivity",
    ],
    "sunab": [
      "confidenceLevel": "--level", "outcome": "--outcome", "unit": "--unit", "time": "--time", "cohort": "--cohort",
      "referencePeriods": "--reference", "weights": "--weights", "mbar": "--mbar", "m": "--m",
      "gridPoints": "--sensitivity",
    ],
    "did2s": [
      "confidenceLevel": "--level", "outcome": "--outcome", "unit": "--unit", "time": "--time", "cohort": "--cohort",
      "referencePeriods": "--reference", "weights": "--weights", "preTrendLeads": "--pre-trend-leads",
      "variance": "--variance",
    ],
    "bacon": [
      "confidenceLevel": "--level", "outcome": "--outcome", "unit": "--unit", "time": "--time",
      "treatment": "--treatment",
    ],
    "drdid": [
      "confidenceLevel": "--level", "outcome": "--outcome", "time": "--time", "treatment": "--treatment",
      "unit": "--unit", "weights": "--weights", "covariates": "--covariates",
    ],
  ]

  /// Runs a subcommand's work; an error other than a usage error (`ValidationError`, which
  /// ArgumentParser prints with the usage) is written to standard error as
  /// `causalkit <command>: <message>` and ends the tool with a failure status. Control
  /// characters the message echoes from the input are shown escaped (`VisibleText`), in usage
  /// errors too.
  ///
  /// - Parameters:
  ///   - command: The subcommand's name, a key of ``optionFlags``.
  ///   - input: The subcommand's input options, for messages about the data file (`nil`: their defaults).
  ///   - maxIterations: The `--max-iterations` given to `feols`, so that the advice on a
  ///     demeaning that did not converge can tell a solver that stalled from one that ran out
  ///     of iterations.
  ///   - body: The work.
  /// - Throws: `ValidationError` as it is; `ExitCode.failure` after printing any other error.
  static func reportingErrors(
    of command: String, input: InputOptions? = nil, maxIterations: Int? = nil, _ body: () throws -> Void
  ) throws {
    do {
      try body()
    } catch let error as ValidationError {
      throw ValidationError(VisibleText.escapeLines(error.message))
    } catch {
      let text = VisibleText.escapeLines(
        message(for: error, command: command, input: input, maxIterations: maxIterations))
      FileHandle.standardError.write(Data("causalkit \(command): \(text)\n".utf8))
      throw ExitCode.failure
    }
  }

  /// The message printed for an error of `command`: an invalid library option names the
  /// subcommand's flag, and advice that names a library setting names the flag instead.
  ///
  /// - Parameters:
  ///   - error: What the library (or the tool) threw.
  ///   - command: The subcommand's name.
  ///   - input: The subcommand's input options, for messages about the data file (`--na`,
  ///     `--delimiter`); `nil` assumes their defaults.
  ///   - maxIterations: `feols`'s `--max-iterations`, when known (see
  ///     ``reportingErrors(of:input:maxIterations:_:)``).
  /// - Returns: One or two sentences for standard error.
  static func message(
    for error: any Error, command: String, input: InputOptions? = nil, maxIterations: Int? = nil
  ) -> String {
    if let text = CSVInputDiagnostics.message(for: error, input: input) { return text }
    let flags = optionFlags[command] ?? [:]
    if let option = optionError(in: error), let flag = flags[option.option] {
      return option.renamingOption(flag).description
    }
    switch error {
    case MatchingError.tooFewUnits(let group, let available, let required, let option):
      if let flag = flags[option] {
        return "The \(group) group has \(available) units available as matches but \(flag) asks for \(required); "
          + "lower \(flag) or use more data."
      }
    case MatchingError.tooManyTies(let matched, let total, let pairs, let bytes, let memory):
      return MatchingError.tiesFinding(matched: matched, total: total, pairs: pairs, bytesPerPair: bytes, physicalMemory: memory)
        + " Covariates with few distinct values tie each unit with much of the "
        + "other group: match on covariates with more distinct values (--covariates), or drop --estimator "
        + "abadie-imbens (nearest-neighbour matching breaks ties)."
    case ResampledInferenceError.matchingWithReplacement:
      return "The matching was done with replacement (--replace): the matched-set bootstrap is not valid for "
        + "nearest-neighbour matching with replacement (Abadie and Imbens 2008). Use --estimator abadie-imbens "
        + "for its standard error."
    case let error as FixedEffectsError:
      return fixedEffectsMessage(error, command: command, maxIterations: maxIterations)
    case let error as PropensityError:
      return propensityMessage(error)
    case MediationError.linearModelFailed(let model, let error):
      return "The \(model) failed: \(fixedEffectsMessage(error, command: command, maxIterations: nil))"
    case MediationError.binaryModelFailed(let model, let error):
      return "The \(model) failed: \(propensityMessage(error))"
    default:
      break
    }
    return "\(error)"
  }

  /// The `OptionError` an error carries, if any: thrown as it is or wrapped by a module's error.
  static func optionError(in error: any Error) -> OptionError? {
    switch error {
    case let error as OptionError: return error
    case FixedEffectsError.invalidOption(let error): return error
    case ResampledInferenceError.invalidOption(let error): return error
    case BootstrapError.invalidOption(let error): return error
    case WildBootstrapError.invalidOption(let error): return error
    case MediationError.invalidOption(let error): return error
    case DiDError.invalidOption(let error): return error
    case MediationError.bootstrap(let error): return optionError(in: error)
    case MediationError.linearModelFailed(_, let error): return optionError(in: error)
    default: return nil
    }
  }

  /// A fixed-effects error whose advice names the tool's flags (`--max-iterations`,
  /// `--tolerance`, `--solver`, `--keep-singletons` for `feols`; `--absorb` for `mediate`).
  private static func fixedEffectsMessage(_ error: FixedEffectsError, command: String, maxIterations: Int?) -> String {
    switch error {
    case .notConverged(let method, let iterations, let tolerance):
      let advice = command == "feols"
        ? demeaningAdvice(method: method, iterations: iterations, maxIterations: maxIterations)
        : "Check the absorbed fixed effects (--absorb) for many small, weakly connected groups."
      return "Fixed-effect demeaning (\(method)) did not converge to tolerance \(tolerance) in \(iterations) iterations. "
        + advice
    case .allSingletons(let fixedEffects):
      let advice = command == "feols"
        ? "Check the fixed-effect columns, or keep singletons with --keep-singletons."
        : "Check the fixed-effect columns (--absorb)."
      return "Every observation is a singleton in the fixed effects \(fixedEffects.joined(separator: ", ")), so none is left. "
        + advice
    default:
      return error.description
    }
  }

  /// What `feols` suggests when the demeaning did not converge, by the solver that finished:
  /// conjugate gradient is never suggested when it is the solver that failed, and more
  /// iterations are not suggested when it stopped before `--max-iterations` (its steps no
  /// longer reduced the residual: the tolerance is below the rounding level of the data).
  ///
  /// - Parameters:
  ///   - method: The solver named by the error (`alternating-projections`, `conjugate-gradient`).
  ///   - iterations: The iterations it ran.
  ///   - maxIterations: `--max-iterations`, when known.
  /// - Returns: One sentence naming the flags to change.
  static func demeaningAdvice(method: String, iterations: Int, maxIterations: Int?) -> String {
    let weak = "check the fixed effects for many small, weakly connected groups"
    guard method == DemeaningOptions.Method.conjugateGradient.rawValue else {
      return "Raise --max-iterations, loosen --tolerance, or use --solver automatic or conjugate-gradient, "
        + "which need far fewer iterations on weakly connected fixed effects."
    }
    if let maxIterations, iterations < maxIterations {
      return "The conjugate-gradient solver was already in use and stopped improving before --max-iterations "
        + "(\(SummaryFormat.grouped(maxIterations))), so more iterations will not help: loosen --tolerance (the "
        + "default is 1e-10; values near 1e-16 are below the rounding error of the data), or \(weak)."
    }
    return "The conjugate-gradient solver was already in use: raise --max-iterations, loosen --tolerance, or \(weak)."
  }

  /// A logit or probit error without the library's advice on `IRLSOptions` or
  /// `allowSeparation` (the tool has neither).
  private static func propensityMessage(_ error: PropensityError) -> String {
    switch error {
    case .notConverged(let iterations, let change, let tolerance):
      return "The fit did not converge in \(iterations) iterations (relative change in deviance \(change), "
        + "tolerance \(tolerance)). Rescale the regressors, or check for separation."
    case .separation(let variables, let count):
      let by = variables.isEmpty ? "" : " by \(variables.joined(separator: ", "))"
      return "The outcome is (quasi-)completely separated\(by): \(count) fitted "
        + "probabilit\(count == 1 ? "y is" : "ies are") numerically 0 or 1 and the coefficients diverge, so the "
        + "maximum-likelihood estimates do not exist. Remove or merge the separating variables or levels."
    default:
      return error.description
    }
  }
}
