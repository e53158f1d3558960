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

  /// `smd_denominator`, `binary_covariates` and the tidy `balance` rows: shared by this
  /// table's and a matching result's encoding.
  var summaryFields: [JSONField<JSONKey>] {
    [
      .value("smd_denominator", smdDenominator.description), .value("binary_covariates", binaryCovariatesLabel),
      .value("balance", tidyRows()),
    ]
  }

  /// Encodes `estimand`, `smd_denominator` (in words), `binary_covariates`, `balance` (one
  /// ``BalanceTidyRow`` per covariate, every key present, `null` for missing or non-finite),
  /// `rows` (the full ``BalanceRow``s), `sample_sizes`, `coefficients`, `nobs` and `dropped`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(
      [.value("estimand", estimand)] + summaryFields + [
        .value("rows", rows), .value("sample_sizes", sampleSizes), .value("coefficients", coefficients),
        .value("nobs", observationCount), .value("dropped", drops),
      ])
  }

}
