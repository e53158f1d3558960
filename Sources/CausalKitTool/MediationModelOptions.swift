import ArgumentParser
import CausalKit
import Foundation

/// The models of `causalkit mediate`: their variables (treatment, mediators, outcome,
/// covariates, absorbed fixed effects), their families, the treatment x mediator interaction
/// and the two treatment values compared.
struct MediationModelOptions: ParsableArguments {
  @Option(name: .long, help: "The treatment column (numeric; evaluated at --control-value and --treated-value).")
  var treatment: String

  @Option(name: .long, help: "The mediator column, or several separated by commas (m1,m2).")
  var mediator: String

  @Option(name: .long, help: "The outcome column; several separated by commas (y1,y2) with --effects interventional.")
  var outcome: String

  @OptionGroup var covariates: CovariateOptions

  @Option(name: .long, help: "Fixed effects to absorb, e.g. \"school + year\" (linear models only).")
  var absorb: String = ""

  @Option(name: .long, help: "Mediator model family: linear, logit or probit; with --effects interventional also per mediator, e.g. \"linear,peer=logit\" (a default, then mediator=family).")
  var mediatorModel: String = "linear"

  @Option(name: .long, help: "Outcome model family: linear, logit or probit.")
  var outcomeModel: String = "linear"

  @Flag(name: .long, help: "Add treatment x mediator interactions to the outcome model.")
  var interaction = false

  @Option(name: .long, help: "The control value of the treatment.")
  var controlValue: Double = 0

  @Option(name: .long, help: "The treated value of the treatment.")
  var treatedValue: Double = 1

  /// The mediator names of `--mediator`, split at commas.
  var mediatorNames: [String] {
    mediator.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// The fixed effects of `--absorb`, split at `+`.
  var fixedEffects: [String] {
    absorb.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// The `--outcome` columns (several separated by commas).
  var outcomeNames: [String] {
    outcome.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
  }

  /// The `--mediator-model` default family and per-mediator families (`linear,peer=logit`).
  ///
  /// - Throws: `ValidationError` for an unknown family or a name that is not a `--mediator`.
  func mediatorFamilies() throws -> (default: MediationModelFamily, byMediator: [String: MediationModelFamily]) {
    var fallback = MediationModelFamily.linear
    var byMediator: [String: MediationModelFamily] = [:]
    for part in mediatorModel.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
      let pair = part.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
      guard pair.count == 2 else {
        fallback = try Self.family(part, option: "--mediator-model")
        continue
      }
      guard mediatorNames.contains(pair[0]) else {
        throw ValidationError("--mediator-model names '\(pair[0])', which is not one of --mediator \(mediator).")
      }
      byMediator[pair[0]] = try Self.family(pair[1], option: "--mediator-model")
    }
    return (fallback, byMediator)
  }


  /// The `--outcome-model` family.
  ///
  /// - Throws: `ValidationError` for an unknown family.
  func outcomeFamily() throws -> MediationModelFamily { try Self.family(outcomeModel, option: "--outcome-model") }

  /// The families of `--mediator-model` and `--outcome-model`.
  ///
  /// - Throws: `ValidationError` for a family other than linear, logit or probit.
  func families() throws -> (mediator: MediationModelFamily, outcome: MediationModelFamily) {
    (try Self.family(mediatorModel, option: "--mediator-model"), try Self.family(outcomeModel, option: "--outcome-model"))
  }

  /// The family named by a `--…-model` option.
  private static func family(_ name: String, option: String) throws -> MediationModelFamily {
    guard let family = MediationModelFamily(rawValue: name.lowercased()) else {
      throw ValidationError("\(option) must be linear, logit or probit, not '\(name)'.")
    }
    return family
  }
}
