import CausalCore

/// One column of a ``RegressionTable``: a model's tidy coefficients and the metadata printed
/// under them.
///
/// Any estimation result fills a column (see ``init(_:title:dependentVariable:renaming:)``):
/// its tidy rows and N always, the fixed effects, R² and variance type of a
/// `RegressionSummary` (a fixed-effects fit, a difference-in-differences or event study), the
/// estimand and standard-error label of a `TreatmentEffectSummary` (a matched-sample effect,
/// an Abadie-Imbens estimate). Rows from anywhere else fit through the memberwise
/// ``init(title:dependentVariable:coefficients:fixedEffects:observationCount:r2:withinR2:varianceLabel:extraStatistics:)``.
/// Statistics that do not apply stay `nil` and print as empty cells.
///
/// ```swift
/// let ols = RegressionTableModel(fit, title: "OLS")
/// let ai = RegressionTableModel(abadieImbens, title: "Abadie-Imbens", renaming: ["ATT": "treat"])
/// let custom = RegressionTableModel(
///   title: "Bootstrap", coefficients: bootstrap.coefficients, observationCount: bootstrap.observationCount,
///   varianceLabel: "Pairs bootstrap")
/// ```
public struct RegressionTableModel: Sendable {
  /// The column header, e.g. `(1)` or `OLS`.
  public var title: String
  /// The dependent variable, printed in a header row when any model has one.
  public var dependentVariable: String?
  /// Tidy coefficient rows.
  public var coefficients: [CoefficientRow]
  /// Names of the absorbed fixed-effect dimensions ("Yes" in the fixed-effects block).
  public var fixedEffects: [String]
  /// Number of observations.
  public var observationCount: Int?
  /// R².
  public var r2: Double?
  /// Within R² (after the fixed effects).
  public var withinR2: Double?
  /// A short name of the variance estimator, e.g. `IID`, `HC1`, `Clustered (school)`.
  public var varianceLabel: String?
  /// Extra statistics by label (for example `["Controls": "Yes"]`); the table prints the labels
  /// of all models in order of first appearance.
  public var extraStatistics: [(label: String, value: String)]

  /// Creates a column from tidy rows and metadata.
  ///
  /// - Parameters:
  ///   - title: The column header.
  ///   - dependentVariable: The outcome's name, or `nil`.
  ///   - coefficients: Tidy rows.
  ///   - fixedEffects: Absorbed fixed-effect dimensions.
  ///   - observationCount: N, or `nil`.
  ///   - r2: R², or `nil`.
  ///   - withinR2: Within R², or `nil`.
  ///   - varianceLabel: The variance type's name, or `nil`.
  ///   - extraStatistics: Further rows, label and cell text.
  /// - Complexity: O(1) beyond copying the rows.
  public init(
    title: String, dependentVariable: String? = nil, coefficients: [CoefficientRow], fixedEffects: [String] = [],
    observationCount: Int? = nil, r2: Double? = nil, withinR2: Double? = nil, varianceLabel: String? = nil,
    extraStatistics: [(label: String, value: String)] = []
  ) {
    self.title = title
    self.dependentVariable = dependentVariable
    self.coefficients = coefficients
    self.fixedEffects = fixedEffects
    self.observationCount = observationCount
    self.r2 = r2
    self.withinR2 = withinR2
    self.varianceLabel = varianceLabel
    self.extraStatistics = extraStatistics
  }

  /// A column from any estimation result.
  ///
  /// Every result gives its tidy rows and N. A `RegressionSummary` (a fixed-effects or OLS fit,
  /// a difference-in-differences, an event study) adds its absorbed fixed effects, R², within R²
  /// and variance type (with the cluster variables); a `TreatmentEffectSummary` (a matched-sample
  /// effect, an Abadie-Imbens estimate) adds an "Estimand" row and names the standard error in
  /// the "S.E. type" row, in place of the variance type.
  ///
  /// - Parameters:
  ///   - result: The result.
  ///   - title: The column header.
  ///   - dependentVariable: The outcome's name, or `nil`.
  ///   - renaming: New names by term, so that rows of different estimators line up (an
  ///     Abadie-Imbens row is named after its estimand, `ATT`, a regression's after the
  ///     treatment column: `["ATT": "treat"]`).
  /// - Complexity: O(number of coefficients).
  public init(
    _ result: some EstimationResult, title: String, dependentVariable: String? = nil, renaming: [String: String] = [:]
  ) {
    let rows = renaming.isEmpty ? result.coefficients : result.coefficients.map { $0.renamed(renaming[$0.term] ?? $0.term) }
    self.init(title: title, dependentVariable: dependentVariable, coefficients: rows, observationCount: result.observationCount)
    if let regression = result as? any RegressionSummary {
      fixedEffects = regression.absorbedFixedEffects
      r2 = regression.r2
      withinR2 = regression.withinR2
      varianceLabel = regression.varianceType.tableLabel
    }
    if let effect = result as? any TreatmentEffectSummary {
      varianceLabel = effect.standardErrorLabel
      extraStatistics = [("Estimand", effect.estimandName)]
    }
  }
}
