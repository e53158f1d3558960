import CausalCore

/// An estimator on a staggered-adoption panel whose columns are a ``StaggeredPanelColumns``:
/// the columns are read through the estimator itself (`model.outcome`, `model.cohort`).
///
/// ``TwoStageDiD`` and ``SunAbraham`` conform; the properties below are their column
/// properties.
///
/// ```swift
/// let sa = try SunAbraham(outcome: "lemp", unit: "countyreal", time: "year", cohort: "first_treat")
/// print(sa.unit, sa.columns.time)
/// ```
public protocol StaggeredPanelEstimator: Estimator {
  /// The panel's columns.
  var columns: StaggeredPanelColumns { get }
}

extension StaggeredPanelEstimator {
  /// The outcome column.
  public var outcome: String { columns.outcome }
  /// The unit column (absorbed).
  public var unit: String { columns.unit }
  /// The time column: integer periods (absorbed).
  public var time: String { columns.time }
  /// The cohort column: each unit's first treated period; never treated units hold a value that
  /// is not an observed period (0).
  public var cohort: String { columns.cohort }
  /// The covariates (time-varying ones in the first stage of ``TwoStageDiD``).
  public var covariates: Covariates { columns.covariates }
  /// A weight column, or `nil`.
  public var weights: String? { columns.weights }
}
