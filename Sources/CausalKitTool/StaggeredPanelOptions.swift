import ArgumentParser

/// The panel options of the staggered-adoption event-study subcommands (`sunab`, `did2s`): the
/// staggered columns, the unit and time effects' unit column, the clusters and the reference
/// periods.
struct StaggeredPanelOptions: ParsableArguments {
  @OptionGroup var columns: StaggeredColumns

  @Option(name: .long, help: "The unit column (absorbed with the time column; clustered by default).")
  var unit: String

  @Option(name: .long, help: "Cluster column for the standard errors (default: --unit).")
  var cluster: String?

  @Option(name: .long, parsing: .unconditional, help: "Reference relative periods, comma-separated (default -1).")
  var reference: String = "-1"

  /// `--reference` as integers.
  ///
  /// - Throws: `ValidationError` for a value that is not a whole number.
  func referencePeriods() throws -> [Int] {
    try OptionValues.list(reference, "--reference", expected: "relative periods such as -1 or -1,-5")
  }
}
