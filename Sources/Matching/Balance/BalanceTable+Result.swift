import CausalCore

extension BalanceTable {
  /// One row per covariate: the standardized mean difference after matching (before, for a
  /// table without matching weights) as the estimate, NaN inference (see the type's
  /// discussion).
  public var coefficients: [CoefficientRow] {
    rows.map { row in
      let smd = (isMatched ? row.after : row.before)?.standardizedMeanDifference ?? .nan
      return CoefficientRow(
        term: row.covariate, estimate: smd, standardError: .nan, statistic: .nan, pValue: .nan, confLow: .nan,
        confHigh: .nan)
    }
  }

  /// Every unit of both groups.
  public var observationCount: Int { sampleSizes.allControl + sampleSizes.allTreated }

  /// Empty: balance is computed on complete data (incomplete rows throw).
  public var drops: DropReport { DropReport() }

  /// MatchIt's layout with four decimals; see ``summary(digits:)``.
  public func summary() -> String { summary(digits: 4) }

  /// How binary covariates are reported, in words (the tool's `binary_covariates`).
  var binaryCovariatesLabel: String {
    binaryDifference == .raw ? "raw difference in proportions" : "standardized"
  }

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case estimand, balance, rows, coefficients, nobs, dropped
    case smdDenominator = "smd_denominator"
    case binaryCovariates = "binary_covariates"
    case sampleSizes = "sample_sizes"
  }

  /// Writes `smd_denominator`, `binary_covariates` and the tidy `balance` rows into a
  /// container, under the given keys: shared by this table's and a matching result's encoding.
  func encodeSummary<Key: CodingKey>(
    into c: inout KeyedEncodingContainer<Key>, denominator: Key, binary: Key, rows rowsKey: Key
  ) throws {
    try c.encode(smdDenominator.description, forKey: denominator)
    try c.encode(binaryCovariatesLabel, forKey: binary)
    try c.encode(tidyRows(), forKey: rowsKey)
  }

  /// Encodes `estimand`, `smd_denominator` (in words), `binary_covariates`, `balance` (one
  /// ``BalanceTidyRow`` per covariate, every key present, `null` for missing or non-finite),
  /// `rows` (the full ``BalanceRow``s), `sample_sizes`, `coefficients`, `nobs` and `dropped`.
  public func encode(to encoder: any Encoder) throws {
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(estimand, forKey: .estimand)
    try encodeSummary(into: &c, denominator: .smdDenominator, binary: .binaryCovariates, rows: .balance)
    try c.encode(rows, forKey: .rows)
    try c.encode(sampleSizes, forKey: .sampleSizes)
    try c.encode(coefficients, forKey: .coefficients)
    try c.encode(observationCount, forKey: .nobs)
    try c.encode(drops, forKey: .dropped)
  }
}
