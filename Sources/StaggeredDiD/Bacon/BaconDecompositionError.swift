/// A panel the Goodman-Bacon decomposition cannot decompose.
///
/// Problems with single columns (an unknown name, text where numbers are needed, missing
/// values, a treatment other than 0/1, non-integer time codes) are reported as CausalCore's
/// `DataError`, and options it does not accept as `OptionError`; this type covers the shape of
/// the panel as a whole. Each case names what is wrong, where, and (in ``description``) what to
/// do.
public enum BaconDecompositionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A unit appears twice in one period: the `unit` and `time` columns do not identify rows.
  case duplicateObservation(unit: String, period: Int)
  /// Some units are not observed in every period. The decomposition's weights (sample shares
  /// times the variance of the treatment) hold for balanced panels only, so no unit is dropped
  /// silently: the caller balances the panel. `exampleUnit` lacks `exampleMissingPeriod`.
  case unbalancedPanel(incompleteUnits: Int, units: Int, periods: Int, exampleUnit: String, exampleMissingPeriod: Int)
  /// The treatment of `unit` is 0 in `period` after being 1 in `treatedSince`: the
  /// decomposition needs an absorbing treatment (once 1, always 1).
  case treatmentNotAbsorbing(unit: String, period: Int, treatedSince: Int)
  /// The treatment does not vary within units over time in a way the two-way fixed-effects
  /// regression can use: no unit switches into treatment during the panel, or every unit that
  /// switches does so in the same period and no never- or always-treated unit is there to
  /// compare with. The counts say what the panel holds.
  case noTimingVariation(timingGroups: Int, neverTreatedUnits: Int, alwaysTreatedUnits: Int)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String {
    let (problem, remedy) = explanation
    return VisibleText.escape(problem + " " + remedy)
  }

  /// What is wrong (with the user's unit labels, escaped by ``description``) and what to do.
  private var explanation: (problem: String, remedy: String) {
    switch self {
    case .duplicateObservation(let unit, let period):
      let problem = "Unit '\(unit)' has more than one row in period \(period);"
      return (problem, "the unit and time columns must identify each row of the panel. Aggregate or remove the duplicate rows.")
    case .unbalancedPanel(let incomplete, let units, let periods, let unit, let missing):
      let count = "\(SummaryFormat.grouped(incomplete)) of \(SummaryFormat.grouped(units)) units"
      let example = "(for example unit '\(unit)' has no row in period \(missing))"
      return (
        "The panel is unbalanced: \(count) are not observed in all \(periods) periods \(example).",
        "The Goodman-Bacon decomposition holds for balanced panels only: keep the units observed in every period, "
          + "or restrict the data to periods in which every unit is observed."
      )
    case .treatmentNotAbsorbing(let unit, let period, let since):
      let problem = "The treatment of unit '\(unit)' is 0 in period \(period) after being 1 in period \(since);"
      let remedy = "the Goodman-Bacon decomposition needs an absorbing treatment (once 1, 1 in every later period). "
      let recode = "Recode the treatment as 'treated from the first treated period on', or remove the units that leave it."
      return (problem, remedy + recode)
    case .noTimingVariation(let timing, let never, let always):
      let groups = "\(timing) timing group\(timing == 1 ? "" : "s") (units first treated after the first period)"
      let others = "\(never) never-treated and \(always) always-treated unit\(always == 1 ? "" : "s")"
      return (
        "The treatment has no variation the two-way fixed-effects regression can use: the panel has \(groups), \(others).",
        "The decomposition needs units that become treated during the panel and, beside them, units treated at "
          + "another time, never treated or always treated."
      )
    }
  }
}
