/// How the rows of a staggered-adoption data set relate to each other.
///
/// - ``balancedPanel``: every unit is observed in every period. Units missing a period are
///   dropped and counted (R did's default, which balances the panel the same way). Each 2x2
///   comparison differences a unit's own outcomes.
/// - ``unbalancedPanel``: units may miss periods; every available row is used, the 2x2
///   comparisons use the repeated-cross-section estimators, and influence functions are summed
///   by unit, so inference stays clustered by unit (did's `allow_unbalanced_panel = TRUE`).
/// - ``repeatedCrossSections``: every row is a different individual (for example a new Grade 9
///   cohort of students each year, with treatment at the school level); there is no unit
///   column, and inference treats rows as independent unless a cluster is given.
public enum SampleDesign: String, Sendable, Equatable, Codable, CaseIterable {
  /// A balanced panel (units missing a period are dropped and counted).
  case balancedPanel = "balanced-panel"
  /// An unbalanced panel (every row used; inference by unit).
  case unbalancedPanel = "unbalanced-panel"
  /// Repeated cross-sections (every row its own individual).
  case repeatedCrossSections = "repeated-cross-sections"
}
