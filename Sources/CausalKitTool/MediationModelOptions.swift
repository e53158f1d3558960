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

  @Option(name: .long, help: "The outcome column.")
  var outcome: String

  @OptionGroup var covariates: CovariateOptions

  @Option(name: .long, help: "Fixed effects to absorb, e.g. \"school + year\" (linear models only).")
  var absorb: String = ""

  @Option(name: .long, help: "Mediator model family: linear, logit or probit.")
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
