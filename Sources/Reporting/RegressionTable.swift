import CausalCore

/// Several models side by side, in the spirit of fixest's `etable`: one column per model, one
/// row per coefficient with its standard error (or interval) beneath, a fixed-effects block,
/// and fit statistics.
///
/// ```swift
/// var table = RegressionTable([
///   RegressionTableModel(ols, title: "(1)"),
///   RegressionTableModel(twfe, title: "(2)"),
/// ])
/// table.labels = ["treat_post": "Treated × post"]
/// table.drop = ["^rel::"]
/// print(try table.render(.text))
/// try table.render(.latex)  // booktabs tabular
/// ```
///
/// ## Layout
///
/// 1. Header: the model titles, then (when any model names one) a "Dependent var." row.
/// 2. Coefficients: the terms of ``terms`` in that order, or else every term in order of first
///    appearance across the models, minus those matching a ``drop`` pattern. Each term takes two
///    lines: the estimate with ``stars`` and, beneath it, the ``uncertainty`` (standard error in
///    parentheses by default, or the confidence interval in brackets). A model without the
///    term has empty cells.
/// 3. Fixed effects: one row per dimension absorbed by any model, `Yes` or `No`.
/// 4. Statistics: observations, R², within R² (when any model has one), S.E. type, then each
///    model's ``RegressionTableModel/extraStatistics`` and the table's ``extraRows``.
/// 5. Notes: the significance legend and any ``notes``.
///
/// Numbers have ``digits`` decimals; R² always 4 (etable prints 5 significant digits).
public struct RegressionTable: Sendable {
  /// What the line under each estimate shows.
  public enum Uncertainty: String, Sendable, Equatable, CaseIterable {
    /// The standard error in parentheses: `(0.123)`.
    case standardError
    /// The confidence interval of the tidy row in brackets: `[0.01; 0.25]`.
    case confidenceInterval
    /// The t (or z) statistic in parentheses.
    case statistic
    /// Nothing: one line per term.
    case none
  }

  /// One user-supplied statistic row, one cell per model.
  public struct ExtraRow: Sendable, Equatable {
    /// The row label.
    public var label: String
    /// One cell per model.
    public var values: [String]
    /// Creates a row.
    ///
    /// - Parameters:
    ///   - label: The row label.
    ///   - values: One cell per model.
    public init(_ label: String, _ values: [String]) {
      self.label = label
      self.values = values
    }
  }

  /// The models, one column each.
  public var models: [RegressionTableModel]
  /// Terms to show, in this order; `nil` shows every term (minus ``drop``).
  public var terms: [String]?
  /// Display names by term, e.g. `["treat": "Treated"]`; unlisted terms print as they are.
  public var labels: [String: String]
  /// Patterns of terms to hide: a substring, anchored at the start with a leading `^` and at
  /// the end with a trailing `$` (`"^rel::"`, `"(Intercept)"`, `"_sq$"`).
  public var drop: [String]
  /// The line under each estimate.
  public var uncertainty: Uncertainty
  /// The significance stars, or `nil` for none.
  public var stars: SignificanceStars?
  /// Decimals of estimates and their uncertainty.
  public var digits: Int
  /// Rows added after the statistics.
  public var extraRows: [ExtraRow]
  /// Lines added under the table after the significance legend.
  public var notes: [String]
  /// A caption (a LaTeX `table` float's `\caption`).
  public var caption: String?

  /// Creates a table with etable's defaults: standard errors in parentheses, stars
  /// ``SignificanceStars/conventional``, three decimals.
  ///
  /// - Parameter models: The columns.
  /// - Complexity: O(1).
  public init(_ models: [RegressionTableModel]) {
    self.models = models
    terms = nil
    labels = [:]
    drop = []
    uncertainty = .standardError
    stars = .conventional
    digits = 3
    extraRows = []
    notes = []
    caption = nil
  }

  /// Renders the table.
  ///
  /// - Parameter format: Text, Markdown or LaTeX.
  /// - Returns: The table, ending with a newline.
  /// - Throws: ``ReportingError/empty(what:)`` without models;
  ///   ``ReportingError/unknownTerm(_:)`` for a term of ``terms`` in no model;
  ///   ``ReportingError/lengthMismatch(what:expected:found:)`` for an extra row without one cell
  ///   per model; ``ReportingError/invalidOption(name:value:reason:)`` for negative digits.
  /// - Complexity: O(models × terms).
  public func render(_ format: TableFormat) throws(ReportingError) -> String {
    try grid().render(format)
  }

  /// The terms shown, in order: ``terms`` or every term, minus those matching ``drop``.
  ///
  /// - Throws: ``ReportingError/unknownTerm(_:)`` as ``render(_:)``.
  /// - Complexity: O(models × terms).
  public func shownTerms() throws(ReportingError) -> [String] {
    var all: [String] = []
    var seen = Set<String>()
    for model in models {
      for row in model.coefficients where seen.insert(row.term).inserted { all.append(row.term) }
    }
    if let terms {
      for term in terms where !seen.contains(term) { throw .unknownTerm(term) }
      return terms.filter { !isDropped($0) }
    }
    return all.filter { !isDropped($0) }
  }

  /// Whether a term matches one of the ``drop`` patterns.
  func isDropped(_ term: String) -> Bool {
    drop.contains { Self.matches(term, pattern: $0) }
  }

  /// Substring match with optional `^` and `$` anchors.
  static func matches(_ term: String, pattern: String) -> Bool {
    var p = Substring(pattern)
    let start = p.hasPrefix("^")
    if start { p = p.dropFirst() }
    let end = p.hasSuffix("$") && !p.isEmpty
    if end { p = p.dropLast() }
    switch (start, end) {
    case (true, true): return term == p
    case (true, false): return term.hasPrefix(p)
    case (false, true): return term.hasSuffix(p)
    case (false, false): return p.isEmpty ? false : term.contains(p)
    }
  }

  /// Builds the format-independent grid.
  func grid() throws(ReportingError) -> TableGrid {
    guard !models.isEmpty else { throw .empty(what: "the list of models") }
    guard digits >= 0 else { throw .invalidOption(name: "digits", value: "\(digits)", reason: "must be 0 or more") }
    for row in extraRows where row.values.count != models.count {
      throw .lengthMismatch(what: "extra row '\(row.label)'", expected: models.count, found: row.values.count)
    }
    let width = models.count
    func row(_ label: String, _ cells: [String], stars: [String]? = nil) -> TableGrid.Row {
      TableGrid.Row(cells: [label] + cells, stars: [""] + (stars ?? Array(repeating: "", count: width)))
    }
    var headerRows: [TableGrid.Row] = []
    if models.contains(where: { $0.dependentVariable != nil }) {
      headerRows.append(row("Dependent var.", models.map { $0.dependentVariable ?? "" }))
    }
    var coefficientRows: [TableGrid.Row] = []
    for term in try shownTerms() {
      let found = models.map { model in model.coefficients.first { $0.term == term } }
      let estimates = found.map { $0.map { SummaryNumber.fixed($0.estimate, digits) } ?? "" }
      let marks = found.map { r in r.map { stars?.symbol(for: $0.pValue) ?? "" } ?? "" }
      coefficientRows.append(row(labels[term] ?? term, estimates, stars: marks))
      if uncertainty != .none {
        coefficientRows.append(row("", found.map { $0.map(uncertaintyText) ?? "" }))
      }
    }
    var fixedEffectRows: [TableGrid.Row] = []
    var dimensions: [String] = []
    for model in models { for name in model.fixedEffects where !dimensions.contains(name) { dimensions.append(name) } }
    if !dimensions.isEmpty {
      fixedEffectRows.append(TableGrid.Row(cells: ["Fixed effects"] + Array(repeating: "", count: width), stars: [], isTitle: true))
      for name in dimensions {
        fixedEffectRows.append(row(labels[name] ?? name, models.map { $0.fixedEffects.contains(name) ? "Yes" : "No" }))
      }
    }
    var statisticRows: [TableGrid.Row] = []
    func optionalRow(_ label: String, _ values: [String?]) {
      if values.contains(where: { $0 != nil }) { statisticRows.append(row(label, values.map { $0 ?? "" })) }
    }
    optionalRow("Observations", models.map { $0.observationCount.map(SummaryNumber.grouped) })
    optionalRow("R²", models.map { $0.r2.map { SummaryNumber.fixed($0, 4) } })
    optionalRow("Within R²", models.map { $0.withinR2.map { SummaryNumber.fixed($0, 4) } })
    optionalRow("S.E. type", models.map(\.varianceLabel))
    var extraLabels: [String] = []
    for model in models { for s in model.extraStatistics where !extraLabels.contains(s.label) { extraLabels.append(s.label) } }
    for label in extraLabels {
      statisticRows.append(row(label, models.map { m in m.extraStatistics.first { $0.label == label }?.value ?? "" }))
    }
    for extra in extraRows { statisticRows.append(row(extra.label, extra.values)) }

    var notes: [String] = []
    if let stars, !coefficientRows.isEmpty {
      notes.append(stars.legend)
    }
    switch uncertainty {
    case .standardError: notes.append("Standard errors in parentheses.")
    case .confidenceInterval: notes.append("Confidence intervals in brackets.")
    case .statistic: notes.append("t (or z) statistics in parentheses.")
    case .none: break
    }
    notes += self.notes
    let sections = [headerRows, coefficientRows, fixedEffectRows, statisticRows].filter { !$0.isEmpty }
    var grid = TableGrid(
      header: [""] + models.map(\.title), alignment: [.left] + Array(repeating: .center, count: width),
      sections: sections, notes: notes)
    grid.caption = caption
    return grid
  }

  /// The text under an estimate.
  func uncertaintyText(_ row: CoefficientRow) -> String {
    switch uncertainty {
    case .standardError: return "(\(SummaryNumber.fixed(row.standardError, digits)))"
    case .confidenceInterval:
      return "[\(SummaryNumber.fixed(row.confLow, digits)); \(SummaryNumber.fixed(row.confHigh, digits))]"
    case .statistic: return "(\(SummaryNumber.fixed(row.statistic, 2)))"
    case .none: return ""
    }
  }
}
