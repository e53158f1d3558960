/// One covariate's balance, before and (when there is an adjustment) after, in a
/// ``BalanceSummary``.
public struct BalanceSummaryRow: Sendable, Equatable {
  /// The covariate's row name: `age`, `race::black`.
  public let covariate: String
  /// The moments among all units (with base weights only).
  public let before: BalanceMomentSummary
  /// The moments in the adjusted (matched or weighted) sample, or `nil` without an adjustment.
  public let after: BalanceMomentSummary?

  /// Creates a row.
  ///
  /// - Parameters:
  ///   - covariate: The row name.
  ///   - before: The moments among all units.
  ///   - after: The moments in the adjusted sample, or `nil`.
  public init(covariate: String, before: BalanceMomentSummary, after: BalanceMomentSummary?) {
    self.covariate = covariate
    self.before = before
    self.after = after
  }
}

/// The means, standardized mean difference and variance ratio of one covariate in one sample.
public struct BalanceMomentSummary: Sendable, Equatable {
  /// The (weighted) mean among the treated.
  public let meanTreated: Double
  /// The (weighted) mean among the controls.
  public let meanControl: Double
  /// The standardized mean difference, or `nil` when it is not defined.
  public let standardizedMeanDifference: Double?
  /// The variance ratio treated over control, or `nil` for binary covariates or when it is not
  /// defined.
  public let varianceRatio: Double?

  /// Creates the moments.
  ///
  /// - Parameters:
  ///   - meanTreated: Mean among the treated.
  ///   - meanControl: Mean among the controls.
  ///   - standardizedMeanDifference: The SMD, or `nil`.
  ///   - varianceRatio: The variance ratio, or `nil`.
  public init(meanTreated: Double, meanControl: Double, standardizedMeanDifference: Double?, varianceRatio: Double?) {
    self.meanTreated = meanTreated
    self.meanControl = meanControl
    self.standardizedMeanDifference = standardizedMeanDifference
    self.varianceRatio = varianceRatio
  }
}
