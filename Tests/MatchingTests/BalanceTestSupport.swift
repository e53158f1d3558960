import CausalCore
import Matching

/// Balance tables from a table and a treatment array, as the tests of the statistics build
/// them (the package-level entry point behind `BalanceAssessment`).
extension BalanceTable {
  init(
    data: DataTable, covariates: [String], treatment: [Bool], estimand: MatchingEstimand,
    matchingWeights: [Double]? = nil, baseWeights: [Double]? = nil, binaryDifference: BalanceBinaryDifference = .raw
  ) throws {
    try self.init(
      covariates: BalanceCovariates(data: data, names: covariates), treatment: treatment, estimand: estimand,
      matchingWeights: matchingWeights, baseWeights: baseWeights, binaryDifference: binaryDifference)
  }

  /// `formula` is a right-hand side, optionally after `~` (a response is ignored).
  init(
    data: DataTable, formula: String, treatment: [Bool], estimand: MatchingEstimand,
    matchingWeights: [Double]? = nil, baseWeights: [Double]? = nil, binaryDifference: BalanceBinaryDifference = .raw
  ) throws {
    try self.init(
      covariates: BalanceCovariates(data: data, formula: formula), treatment: treatment, estimand: estimand,
      matchingWeights: matchingWeights, baseWeights: baseWeights, binaryDifference: binaryDifference)
  }
}

extension BalanceCovariates {
  /// Covariates from a right-hand side, optionally after `~`.
  init(data: DataTable, formula: String) throws {
    let rhs = formula.split(separator: "~", maxSplits: 1).last.map(String.init) ?? formula
    try self.init(data: data, covariates: Covariates(formula: rhs))
  }
}
