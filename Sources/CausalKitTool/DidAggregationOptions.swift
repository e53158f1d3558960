import ArgumentParser
import CausalKit

/// `--aggregate` and the event-time options of the dynamic aggregation (`causalkit did`).
struct DidAggregationOptions: ParsableArguments {
  @Option(name: .long, help: "Aggregation: simple, dynamic (default), group or calendar.")
  var aggregate: String = "dynamic"

  @Option(name: .long, parsing: .unconditional, help: "Dynamic aggregation: keep cohorts observed this many periods after treatment (did's balance_e).")
  var balanceE: Int?

  @Option(name: .long, parsing: .unconditional, help: "Dynamic aggregation: the smallest event time reported (did's min_e).")
  var minE: Int?

  @Option(name: .long, parsing: .unconditional, help: "Dynamic aggregation: the largest event time reported (did's max_e).")
  var maxE: Int?

  /// The aggregation `--aggregate` (and the event-time options) name.
  ///
  /// - Throws: `ValidationError` for an unknown aggregation, or event-time options with another
  ///   aggregation than dynamic.
  func aggregation() throws -> GroupTimeAggregation {
    let dynamic = GroupTimeAggregation.dynamic(balance: balanceE, minEventTime: minE, maxEventTime: maxE)
    let chosen = try OptionValues.choice(
      aggregate, "--aggregate", ["simple": .simple, "dynamic": dynamic, "group": .group, "calendar": .calendar])
    if chosen != dynamic, balanceE != nil || minE != nil || maxE != nil {
      throw ValidationError("--balance-e, --min-e and --max-e apply to --aggregate dynamic only.")
    }
    return chosen
  }
}
