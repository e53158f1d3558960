import CausalCore
import Matching

extension RegressionTableModel {
  /// A column for an effect estimated on a matched sample: its treatment row, the matched
  /// sample's size, the variance type (`Clustered (pair)` without replacement, `HC3` with it)
  /// and the estimand.
  ///
  /// - Parameters:
  ///   - effect: The matched-sample effect.
  ///   - title: The column header.
  /// - Complexity: O(number of coefficients of the underlying regression).
  public init(_ effect: MatchedSampleEffect, title: String) {
    let variance = effect.method == "wls-cluster-subclass" ? "Clustered (pair)" : Self.label(effect.fit.varianceType)
    self.init(
      title: title, coefficients: [effect.row], observationCount: effect.fit.observationCount, r2: effect.fit.r2,
      varianceLabel: variance, extraStatistics: [("Estimand", effect.estimand.rawValue)])
  }

  /// A column for an Abadie-Imbens estimate, its row renamed to `term` so it lines up with
  /// regression columns (whose treatment row is named after the treatment column).
  ///
  /// - Parameters:
  ///   - result: The Abadie-Imbens result (its row's term is the estimand, `ATT`).
  ///   - title: The column header.
  ///   - term: The row name to use, e.g. `treat`.
  /// - Complexity: O(1).
  public init(_ result: AbadieImbensResult, title: String, term: String) {
    let row = result.row.renamed(term)
    self.init(
      title: title, coefficients: [row], observationCount: result.observationCount, varianceLabel: "Abadie-Imbens",
      extraStatistics: [("Estimand", result.estimand.rawValue)])
  }
}
