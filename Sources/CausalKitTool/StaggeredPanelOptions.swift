import ArgumentParser

/// The panel columns of the staggered-adoption event-study subcommands (`sunab`, `did2s`).
struct StaggeredPanelOptions: ParsableArguments {
  @Option(name: .long, help: "The outcome column.")
  var outcome: String

  @Option(name: .long, help: "The unit column (absorbed; clustered by default).")
  var unit: String

  @Option(name: .long, help: "The time column (integer periods, absorbed).")
  var time: String

  @Option(name: .long, help: "The cohort column: each unit's first treated period, 0 for never treated.")
  var cohort: String

  @Option(name: .long, help: "Cluster column for the standard errors (default: --unit).")
  var cluster: String?

  @Option(name: .long, parsing: .unconditional, help: "Reference relative periods, comma-separated (default -1).")
  var reference: String = "-1"

  /// `--reference` as integers.
  ///
  /// - Throws: `ValidationError` for a value that is not a whole number.
  func referencePeriods() throws -> [Int] {
    try reference.split(separator: ",").map { part in
      guard let value = Int(part.trimmingCharacters(in: .whitespaces)) else {
        throw ValidationError("--reference takes relative periods such as -1 or -1,-5; got '\(reference)'.")
      }
      return value
    }
  }
}
