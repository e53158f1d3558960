import ArgumentParser
import CausalKit

/// How `causalkit match` pairs units: the nearest-neighbour matcher (`--ratio`, `--replace`,
/// `--caliper`, `--std-caliper`, `--order`, `--estimand`) and the columns matched exactly
/// (`--exact`).
struct MatcherOptions: ParsableArguments {
  @Option(name: .long, help: "Controls matched to each treated unit.")
  var ratio: Int = 1

  @Flag(name: .long, help: "Match with replacement.")
  var replace = false

  @Option(name: .long, parsing: .unconditional, help: "Caliper width (in standard deviations of the distance unless --std-caliper false).")
  var caliper: Double?

  @Option(name: .long, help: "Whether the caliper is in standard deviations of the distance (true, default) or raw units.")
  var stdCaliper: Bool = true

  @Option(name: .long, help: "Columns to match exactly on, e.g. \"region + sex\".")
  var exact: String?

  @Option(name: .long, help: "Matching order: largest (default), smallest, data or random.")
  var order: String = "largest"

  @Option(name: .long, help: "Estimand: ATT (default) or ATC.")
  var estimand: String = "ATT"

  /// The columns of `--exact`, split at `+`.
  var exactColumns: [String] {
    exact.map { $0.split(separator: "+").map { $0.trimmingCharacters(in: .whitespaces) } } ?? []
  }

  /// The matcher the options describe.
  ///
  /// - Parameter seed: The seed of `--order random`.
  /// - Throws: `ValidationError` for an unknown estimand or order; the library's `OptionError`
  ///   for a ratio below 1 or a caliper that is not positive and finite.
  func matcher(seed: UInt64) throws -> NearestNeighborMatcher {
    guard let target = MatchingEstimand(rawValue: estimand.uppercased()), target != .ate else {
      throw ValidationError("--estimand must be ATT or ATC, not '\(estimand)'.")
    }
    let matchingOrder: MatchingOrder
    switch order {
    case "largest": matchingOrder = .largest
    case "smallest": matchingOrder = .smallest
    case "data": matchingOrder = .data
    case "random": matchingOrder = .random(seed: seed)
    default: throw ValidationError("--order must be largest, smallest, data or random, not '\(order)'.")
    }
    return try NearestNeighborMatcher(
      estimand: target, ratio: ratio, replace: replace,
      caliper: caliper.map { Caliper($0, scale: stdCaliper ? .standardDeviation : .raw) }, order: matchingOrder)
  }
}
