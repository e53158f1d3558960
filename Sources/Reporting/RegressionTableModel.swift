import CausalCore
import FixedEffects

/// One column of a ``RegressionTable``: a model's tidy coefficients and the metadata printed
/// under them.
///
/// Any estimator's tidy rows fit: a `FixedEffectsFit` (see ``init(_:title:)``), a matched
/// sample effect, an Abadie-Imbens estimate, a bootstrap or mediation result turned into
/// `CoefficientRow`s. Statistics that do not apply stay `nil` and print as empty cells.
///
/// ```swift
/// let ols = RegressionTableModel(fit, title: "OLS")
/// let ai = RegressionTableModel(
///   title: "Abadie-Imbens", coefficients: [result.coefficient], observationCount: result.observationCount,
///   varianceLabel: "Abadie-Imbens")
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

  /// A column from a fixed-effects (or OLS) fit: its coefficients, fixed effects, N, R², within
  /// R² and variance type (with the cluster variables).
  ///
  /// - Parameters:
  ///   - fit: The fit.
  ///   - title: The column header.
  ///   - dependentVariable: The outcome's name, or `nil`.
  /// - Complexity: O(number of coefficients).
  public init(_ fit: FixedEffectsFit, title: String, dependentVariable: String? = nil) {
    self.init(
      title: title, dependentVariable: dependentVariable, coefficients: fit.coefficients,
      fixedEffects: fit.fixedEffectLevels.map(\.name), observationCount: fit.observationCount, r2: fit.r2,
      withinR2: fit.withinR2, varianceLabel: Self.label(fit.varianceType))
  }

  /// The short name of a variance type, as a table's "S.E. type" row prints it.
  ///
  /// - Parameter type: The variance type.
  /// - Returns: `IID`, `HC1`, `HC0`, `HC2`, `HC3` or `Clustered (a & b)`.
  /// - Complexity: O(number of cluster variables).
  public static func label(_ type: VarianceType) -> String {
    switch type {
    case .iid: return "IID"
    case .hetero: return "HC1"
    case .hc0: return "HC0"
    case .hc2: return "HC2"
    case .hc3: return "HC3"
    case .cluster(let names): return "Clustered (\(names.joined(separator: " & ")))"
    }
  }
}
