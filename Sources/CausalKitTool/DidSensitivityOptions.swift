import ArgumentParser
import CausalKit
import Foundation

/// The HonestDiD options of `causalkit did` and `causalkit sunab`: `--sensitivity`, its bounds (`--mbar`, `--m`) and
/// its target (`--sensitivity-event-time`).
struct DidSensitivityOptions: ParsableArguments {
  @Option(name: .long, help: "HonestDiD sensitivity of the event study: relative-magnitude or smoothness (did with the default varying base period uses a universal-base refit of the same model; the printed tables stay varying).")
  var sensitivity: String?

  @Option(name: .long, help: "Relative-magnitude bounds M-bar, comma-separated (default 0.5,1,1.5,2).")
  var mbar: String?

  @Option(name: .long, help: "Smoothness bounds M, comma-separated (default 0,0.01,0.02,0.03).")
  var m: String?

  @Option(name: .long, parsing: .unconditional, help: "The event time the sensitivity analysis targets (default: the first post period; 'average' for the mean of the post periods).")
  var sensitivityEventTime: String?

  /// The analysis `--sensitivity` asks for, or `nil` without it.
  ///
  /// - Parameters:
  ///   - confidenceLevel: The level of the original and robust intervals (`--level`).
  ///   - seed: The seed of the analysis' simulated critical values (`--seed`).
  /// - Throws: `ValidationError` for an unknown restriction, bounds or event time that do not
  ///   read, or bounds that belong to the other restriction or come without `--sensitivity`;
  ///   the library's option errors.
  func analysis(confidenceLevel: Double, seed: UInt64) throws -> ParallelTrendsSensitivity? {
    guard let sensitivity else {
      if mbar != nil || m != nil || sensitivityEventTime != nil {
        throw ValidationError("--mbar, --m and --sensitivity-event-time apply with --sensitivity.")
      }
      return nil
    }
    return try ParallelTrendsSensitivity(
      restriction: try restriction(sensitivity), target: try target(), confidenceLevel: confidenceLevel, seed: seed)
  }

  /// The restriction `--sensitivity` names, with the bounds of `--mbar` or `--m`.
  private func restriction(_ name: String) throws -> ParallelTrendsSensitivity.Restriction {
    let expected = "numbers separated by commas, such as 0.5,1,2"
    switch name.lowercased() {
    case "relative-magnitude":
      if m != nil { throw ValidationError("--m belongs to --sensitivity smoothness; use --mbar with relative-magnitude.") }
      return .relativeMagnitude(mbar: try OptionValues.list(mbar ?? "0.5,1,1.5,2", "--mbar", expected: expected))
    case "smoothness":
      if mbar != nil { throw ValidationError("--mbar belongs to --sensitivity relative-magnitude; use --m with smoothness.") }
      return .smoothness(m: try OptionValues.list(m ?? "0,0.01,0.02,0.03", "--m", expected: expected))
    default:
      throw ValidationError("--sensitivity must be relative-magnitude or smoothness; got '\(name)'.")
    }
  }

  /// The target `--sensitivity-event-time` names, or `nil` for the library's default (the
  /// first post period).
  private func target() throws -> ParallelTrendsSensitivity.Target? {
    guard let e = sensitivityEventTime else { return nil }
    if e.lowercased() == "average" { return .averagePost }
    guard let value = Int(e) else {
      throw ValidationError("--sensitivity-event-time takes an event time such as 0, or 'average'; got '\(e)'.")
    }
    return .eventTime(value)
  }
}
