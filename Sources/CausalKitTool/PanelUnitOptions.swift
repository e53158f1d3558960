import ArgumentParser

/// `--unit` or `--repeated-cross-section`: the unit column of a panel, or rows that are
/// different individuals each period (`did`, `drdid`).
struct PanelUnitOptions: ParsableArguments {
  @Option(name: .long, help: "The unit column of a panel (omit it with --repeated-cross-section).")
  var unit: String?

  @Flag(name: .long, help: "Rows are repeated cross-sections: different individuals each period, not a panel (no --unit).")
  var repeatedCrossSection = false

  /// The unit column, or `nil` for repeated cross-sections.
  ///
  /// - Throws: `ValidationError` when neither `--unit` nor `--repeated-cross-section` is given,
  ///   or both are.
  func unitColumn() throws -> String? {
    switch (unit, repeatedCrossSection) {
    case (nil, false):
      throw ValidationError(
        "--unit is required for panel data; pass --repeated-cross-section when rows are different individuals.")
    case (.some, true):
      throw ValidationError(
        "--unit and --repeated-cross-section exclude each other: a panel has units, repeated cross-sections do not.")
    default:
      return unit
    }
  }
}
