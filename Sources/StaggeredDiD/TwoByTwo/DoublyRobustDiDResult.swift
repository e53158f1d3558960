import CausalCore

/// The result of ``DoublyRobustDiD``: the ATT, DRDID's analytic standard error, and the sample.
///
/// ```swift
/// let fit = try DoublyRobustDiD(outcome: "y", time: "post", treatment: "d", covariates: ["x1", "x2"])
///   .fit(table)
/// print(fit.estimate, fit.standardError, fit.row.confLow, fit.row.confHigh)
/// print(fit.trimmedCount)        // comparison observations trimmed (score ≥ 0.995)
/// let json = try JSONEncoder().encode(fit)   // {"estimate": ..., "std_error": ..., ...}
/// ```
public struct DoublyRobustDiDResult: EstimationResult, Codable, Equatable {
  /// The estimator.
  public let method: TwoByTwoMethod
  /// Whether the data were a panel (`false`: repeated cross-sections).
  public let isPanel: Bool
  /// The ATT.
  public let estimate: Double
  /// DRDID's standard error, `sd(IF) √(n−1) / n`.
  public let standardError: Double
  /// The level of ``row``'s interval.
  public let confidenceLevel: Double
  /// The tidy row, term `ATT`: normal z statistic, p-value and interval.
  public let row: CoefficientRow
  /// Table rows used (two per unit for a panel).
  public let observationCount: Int
  /// Units (panel) or observations (repeated cross-sections) in the comparison: the `n` of the
  /// standard error.
  public let sampleSize: Int
  /// Treated units or observations.
  public let treatedCount: Int
  /// Comparison units or observations (including trimmed ones).
  public let comparisonCount: Int
  /// Comparison units or observations given weight zero because their propensity score is at
  /// least 0.995 (always 0 for outcome regression).
  public let trimmedCount: Int
  /// The pre and post period values of the time column.
  public let periods: [Double]
  /// The covariate columns used (after the intercept).
  public let covariateNames: [String]
  /// Notes (for example a fallback of the tilting propensity score).
  public let notes: [String]
  /// Rows removed (missing values, incomplete panel units) and collinear covariates.
  public let drops: DropReport

  /// Collects the result of a fit.
  init(estimator: DoublyRobustDiD, sample: DiDSample, comparison: ComparisonEstimate) {
    let n = Double(sample.sampleSize)
    let mean = comparison.influence.reduce(0, +) / n
    let squares = comparison.influence.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    self.init(
      method: estimator.method, isPanel: estimator.unit != nil, estimate: comparison.estimate,
      standardError: squares.squareRoot() / n, confidenceLevel: estimator.confidenceLevel,
      observationCount: sample.observationCount, sampleSize: sample.sampleSize, treatedCount: sample.treatedCount,
      trimmedCount: comparison.trimmed, periods: sample.periods, covariateNames: sample.covariateNames,
      notes: comparison.notes, drops: sample.drops)
  }

  /// Sets every field; ``row`` is computed.
  private init(
    method: TwoByTwoMethod, isPanel: Bool, estimate: Double, standardError: Double, confidenceLevel: Double,
    observationCount: Int, sampleSize: Int, treatedCount: Int, trimmedCount: Int, periods: [Double],
    covariateNames: [String], notes: [String], drops: DropReport
  ) {
    (self.method, self.isPanel, self.estimate, self.standardError) = (method, isPanel, estimate, standardError)
    self.confidenceLevel = confidenceLevel
    self.row =
      (try? TidyRows.make(
        terms: ["ATT"], estimates: [estimate], standardErrors: [standardError], distribution: .normal,
        level: confidenceLevel))?.first
      ?? CoefficientRow(term: "ATT", estimate: estimate, standardError: standardError, statistic: .nan, pValue: .nan, confLow: .nan, confHigh: .nan)
    (self.observationCount, self.sampleSize, self.treatedCount) = (observationCount, sampleSize, treatedCount)
    (self.comparisonCount, self.trimmedCount) = (sampleSize - treatedCount, trimmedCount)
    (self.periods, self.covariateNames, self.notes, self.drops) = (periods, covariateNames, notes, drops)
  }

  /// One row: the ATT.
  ///
  /// - Complexity: O(1).
  public var coefficients: [CoefficientRow] { [row] }

  /// The method, the sample, the ATT row and the notes.
  ///
  /// - Complexity: O(number of notes).
  public func summary() -> String {
    let unitWord = isPanel ? "units" : "observations"
    let names: [TwoByTwoMethod: String] = [
      .improvedDoublyRobust: "improved doubly robust (inverse probability tilting)",
      .traditionalDoublyRobust: "traditional doubly robust", .inverseProbabilityWeighting: "normalised IPW",
      .outcomeRegression: "outcome regression",
    ]
    var lines = [
      "Doubly robust DiD (Sant'Anna and Zhao 2020), \(names[method] ?? method.rawValue), "
        + (isPanel ? "panel data" : "repeated cross-sections"),
      "Periods: \(periods.map { $0 == $0.rounded() && abs($0) < 1e15 ? String(Int($0)) : SummaryFormat.number($0) }.joined(separator: " -> "))  \(sampleSize) \(unitWord): "
        + "\(treatedCount) treated, \(comparisonCount) comparison\(trimmedCount > 0 ? " (\(trimmedCount) trimmed)" : "")",
      "Covariates: " + (covariateNames.isEmpty ? "none" : covariateNames.joined(separator: ", ")),
    ]
    lines += SummaryFormat.coefficientTable([row], statistic: "z")
    let percent = confidenceLevel * 100
    let level = percent == percent.rounded() ? String(Int(percent)) : SummaryFormat.number(percent)
    lines.append(
      "Standard error: DRDID's influence-function formula. \(level)% normal interval: "
        + "[\(SummaryFormat.number(row.confLow)), \(SummaryFormat.number(row.confHigh))]")
    lines += notes + drops.notes
    return lines.joined(separator: "\n")
  }

  enum CodingKeys: String, CodingKey {
    case method, panel, estimate, stdError = "std_error", confidenceLevel = "confidence_level", coefficients
    case nobs, sampleSize = "n", treated, comparison, trimmed, periods, covariates, notes, dropped
  }

  /// Decodes what ``encode(to:)`` wrote.
  ///
  /// - Complexity: O(size of the JSON).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(
      method: c.value(.method), isPanel: c.value(.panel), estimate: c.number(.estimate),
      standardError: c.number(.stdError), confidenceLevel: c.number(.confidenceLevel), observationCount: c.value(.nobs),
      sampleSize: c.value(.sampleSize), treatedCount: c.value(.treated), trimmedCount: c.value(.trimmed),
      periods: c.numbers(.periods), covariateNames: c.value(.covariates), notes: c.value(.notes), drops: c.value(.dropped))
  }

  /// Encodes with snake_case keys: `method`, `panel`, `estimate`, `std_error`,
  /// `confidence_level`, `coefficients`, `nobs`, `n`, `treated`, `comparison`, `trimmed`,
  /// `periods`, `covariates`, `notes`, `dropped`; non-finite numbers as `null`.
  ///
  /// - Complexity: O(covariates + notes + drop records).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.method, method), .value(.panel, isPanel), .number(.estimate, estimate),
      .number(.stdError, standardError), .number(.confidenceLevel, confidenceLevel), .value(.coefficients, coefficients),
      .value(.nobs, observationCount), .value(.sampleSize, sampleSize), .value(.treated, treatedCount),
      .value(.comparison, comparisonCount), .value(.trimmed, trimmedCount), .numbers(.periods, periods),
      .value(.covariates, covariateNames), .value(.notes, notes), .value(.dropped, drops),
    ])
  }
}
