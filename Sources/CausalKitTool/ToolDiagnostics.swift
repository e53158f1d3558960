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
      "vcov": "--cluster", "weights": "--weights",
    ],
  ]

  /// Runs a subcommand's work; an error other than a usage error (`ValidationError`, which
  /// ArgumentParser prints with the usage) is written to standard error as
  /// `causalkit <command>: <message>` and ends the tool with a failure status.
  ///
  /// - Parameters:
  ///   - command: The subcommand's name, a key of ``optionFlags``.
  ///   - input: The subcommand's input options, for messages about the data file.
  ///   - body: The work.
  /// - Throws: `ValidationError` as it is; `ExitCode.failure` after printing any other error.
  static func reportingErrors(of command: String, input: InputOptions, _ body: () throws -> Void) throws {
    do {
      try body()
    } catch let error as ValidationError {
      throw error
    } catch {
      let text = message(for: error, command: command, input: input)
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
  /// - Returns: One or two sentences for standard error.
  static func message(for error: any Error, command: String, input: InputOptions? = nil) -> String {
    if let text = CSVInputDiagnostics.message(for: error, input: input) { return text }
    let flags = optionFlags[command] ?? [:]
    if case .invalid(let option, let value, let expected)? = optionError(in: error), let flag = flags[option] {
      return OptionError.invalid(option: flag, value: value, expected: expected).description
    }
    switch error {
    case MatchingError.tooFewUnits(let group, let available, let required, let option):
      if let flag = flags[option] {
        return "The \(group) group has \(available) units available as matches but \(flag) asks for \(required); "
          + "lower \(flag) or use more data."
      }
    case ResampledInferenceError.matchingWithReplacement:
      return "The matching was done with replacement (--replace): the matched-set bootstrap is not valid for "
        + "nearest-neighbour matching with replacement (Abadie and Imbens 2008). Use --estimator abadie-imbens "
        + "for its standard error."
    case let error as FixedEffectsError:
      return fixedEffectsMessage(error, command: command)
    case let error as PropensityError:
      return propensityMessage(error)
    case MediationError.linearModelFailed(let model, let error):
      return "The \(model) failed: \(fixedEffectsMessage(error, command: command))"
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
    case MediationError.bootstrap(let error): return optionError(in: error)
    case MediationError.linearModelFailed(_, let error): return optionError(in: error)
    default: return nil
    }
  }

  /// A fixed-effects error whose advice names the tool's flags (`--max-iterations`,
  /// `--tolerance`, `--solver`, `--keep-singletons` for `feols`; `--absorb` for `mediate`).
  private static func fixedEffectsMessage(_ error: FixedEffectsError, command: String) -> String {
    switch error {
    case .notConverged(let method, let iterations, let tolerance):
      let advice = command == "feols"
        ? "Raise --max-iterations, loosen --tolerance, or use --solver conjugate-gradient."
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
