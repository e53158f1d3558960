/// Whether a balance covariate is binary or continuous, by MatchIt's rule.
///
/// MatchIt 4.5.1 (`bal1var`) calls a variable binary when every value, over all units, is
/// exactly 0 or 1; everything else is continuous. The rule decides the variance used in
/// standardized mean differences (p(1 − p) for binary variables) and whether a variance ratio
/// and eCDF statistics are computed (continuous only; a binary variable's eCDF statistics are
/// the absolute difference in proportions).
public enum BalanceCovariateType: String, Sendable, Equatable, Codable, CaseIterable {
  /// Every value is 0 or 1 (indicators, factor levels, logical columns).
  case binary
  /// Any other numeric variable.
  case continuous

  /// Classifies values by MatchIt's rule: binary when every value is 0 or 1.
  ///
  /// - Parameter values: The variable over all units.
  /// - Complexity: O(n).
  public init(classifying values: [Double]) {
    self = values.allSatisfy { $0 == 0 || $0 == 1 } ? .binary : .continuous
  }
}

/// One column of a balance table: a numeric covariate, an indicator of one level of a text
/// covariate, or a computed term.
///
/// ```swift
/// let age = try BalanceCovariate(name: "age", values: [23, 31, 40])
/// age.type      // .continuous
/// ```
public struct BalanceCovariate: Sendable, Equatable {
  /// The row name in the balance table: the column name (`age`), `variable::level` for a level
  /// of a text column (`race::black`), or the term name of a computed term (`I(age^2)`).
  public let name: String
  /// The data column or formula term the covariate comes from (`race` for `race::black`).
  public let variable: String
  /// One finite value per unit.
  public let values: [Double]
  /// Binary or continuous, by MatchIt's rule (see ``BalanceCovariateType``).
  public let type: BalanceCovariateType

  /// Creates a covariate from values, for example a propensity score to show as MatchIt's
  /// `distance` row.
  ///
  /// - Parameters:
  ///   - name: The row name.
  ///   - variable: The source variable; `nil` means the same as `name`.
  ///   - values: One value per unit; all must be finite.
  /// - Throws: ``MatchingError/missingValue(variable:row:)`` at the first NaN or infinite value.
  /// - Complexity: O(n).
  public init(name: String, variable: String? = nil, values: [Double]) throws {
    if let bad = values.firstIndex(where: { !$0.isFinite }) {
      throw MatchingError.missingValue(variable: name, row: bad)
    }
    self.name = name
    self.variable = variable ?? name
    self.values = values
    self.type = BalanceCovariateType(classifying: values)
  }
}
