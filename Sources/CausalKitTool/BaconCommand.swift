import ArgumentParser
import CausalKit
import Foundation

/// `causalkit bacon`: the Goodman-Bacon decomposition of a two-way fixed-effects DiD coefficient.
struct BaconCommand: ResultCommand {
  static let configuration = CommandConfiguration(
    commandName: "bacon",
    abstract: "Goodman-Bacon decomposition of the two-way fixed-effects DiD coefficient (R's bacondecomp).",
    discussion: """
      Writes the coefficient of outcome ~ treatment | unit + time as the weighted average of \
      every 2x2 difference-in-differences comparison between groups of units first treated in \
      different periods: treated vs never treated, earlier vs later treated (before the later \
      group is treated), later vs earlier treated (after the earlier group is treated: the \
      'forbidden' comparison that biases the coefficient when effects change over time) and \
      treated vs always treated. Prints the weight and average estimate of each type, the \
      coefficient with standard errors clustered by unit, and every comparison.

      The data must be a balanced panel (each unit once in every period, no missing values), \
      the treatment a 0/1 indicator that stays 1 once it is 1, and time integer-coded. \
      Unbalanced panels are refused, not balanced silently. Observation weights are not \
      supported.

      Example:
        causalkit bacon --data castle.csv --outcome l_homicide --unit state --time year --treatment post
      """)

  @OptionGroup var input: InputOptions

  // The panel's four columns, then the level.
  @Option(name: .long, help: "The outcome column.") var outcome: String
  @Option(name: .long, help: "The unit identifier column.") var unit: String
  @Option(name: .long, help: "The time column (integer codes such as years).") var time: String
  @Option(name: .long, help: "The treatment column: 0/1, absorbing (once 1, 1 in every later period).")
  var treatment: String
  @Option(name: .long, parsing: .unconditional, help: "Confidence level of the coefficient's interval.")
  var level: Double = 0.95

  /// Runs the decomposition described by the options.
  ///
  /// - Throws: The library's option, data and panel errors.
  func estimate(_ table: DataTable) throws -> BaconDecompositionResult {
    try BaconDecomposition(outcome: outcome, unit: unit, time: time, treatment: treatment, confidenceLevel: level)
      .fit(table)
  }
}
