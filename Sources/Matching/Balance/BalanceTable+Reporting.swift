import CausalCore

/// A balance table, read by balance reports and love plots.
extension BalanceTable: BalanceSummary {
  /// Each row's means, SMD and variance ratio, before and (when matched) after.
  public var balanceRows: [BalanceSummaryRow] {
    rows.map { row in
      BalanceSummaryRow(covariate: row.covariate, before: Self.moments(row.before), after: row.after.map(Self.moments))
    }
  }

  /// All treated and control units and, when matched, those of positive matching weight.
  public var balanceSampleSizes: BalanceSampleSizeSummary {
    BalanceSampleSizeSummary(
      treated: sampleSizes.allTreated, control: sampleSizes.allControl, adjustedTreated: sampleSizes.matchedTreated,
      adjustedControl: sampleSizes.matchedControl, adjustedEffectiveControl: sampleSizes.matchedEffectiveControl)
  }

  /// The estimand's short name (``estimand``'s raw value).
  public var estimandName: String { estimand.rawValue }

  /// The SMD denominator's description (``smdDenominator``).
  public var smdDenominatorDescription: String { smdDenominator.description }

  /// Whether ``binaryDifference`` is ``BalanceBinaryDifference/standardized``.
  public var standardizesBinaryCovariates: Bool { binaryDifference == .standardized }

  /// The moments a summary row keeps.
  private static func moments(_ s: BalanceStatistics) -> BalanceMomentSummary {
    BalanceMomentSummary(
      meanTreated: s.meanTreated, meanControl: s.meanControl, standardizedMeanDifference: s.standardizedMeanDifference,
      varianceRatio: s.varianceRatio)
  }
}
