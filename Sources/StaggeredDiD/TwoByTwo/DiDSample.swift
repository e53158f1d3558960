import CausalCore
import LinearAlgebra
import Propensity

/// The sample of a ``DoublyRobustDiD`` fit: the table's rows checked, cleaned and arranged as a
/// panel or repeated cross-section comparison, with what was removed.
struct DiDSample {
  /// The comparison's data.
  enum Layout {
    /// One entry per balanced panel unit.
    case panel(PanelComparison)
    /// One entry per observation.
    case crossSection(CrossSectionComparison)
  }

  /// The comparison's data.
  let comparison: Layout
  /// Rows and covariate columns removed.
  let drops: DropReport
  /// The counts: table rows used (two per unit for a panel); units (panel) or observations
  /// (repeated cross-sections), the `n` of the standard error; treated units or observations.
  let observationCount: Int, sampleSize: Int, treatedCount: Int
  /// The names of the covariate columns used (after the intercept) and the pre and post period
  /// values.
  let covariateNames: [String], periods: [Double]

  /// Builds the sample.
  ///
  /// - Throws: `DataError`/`FormulaError` from the model frame; ``DiDError`` for a bad layout.
  /// - Complexity: O(n k²) (the collinearity check's Gram matrix) plus the model frame's cost.
  init(estimator e: DoublyRobustDiD, data: DataTable) throws {
    let rhs = e.covariates.isEmpty ? "1" : e.covariates.description
    let formula = try Formula(Formula.quoted(e.outcome) + " ~ " + rhs)
    let frame = try ModelFrame(
      formula: formula, data: data, weights: e.weights, extraColumns: [e.time, e.treatment] + (e.unit.map { [$0] } ?? []))
    guard frame.hasIntercept else {
      throw DiDError.invalidOption(
        .invalid(option: "covariates", value: e.covariates.description, expected: "terms without removing the intercept"))
    }
    let rows = frame.rowIndices
    let times = try data.column(named: e.time).doubles()
    let treatments = try data.column(named: e.treatment).doubles()
    let time = rows.map { times[$0] }
    let periods = Array(Set(time)).sorted()
    guard periods.count == 2 else { throw DiDError.timePeriods(column: e.time, values: periods) }
    var treated = [Bool](repeating: false, count: rows.count)
    for (r, row) in rows.enumerated() {
      let value = treatments[row]
      guard value == 0 || value == 1 else { throw DiDError.treatmentNotBinary(column: e.treatment, value: value, row: row) }
      treated[r] = value == 1
    }
    let post = time.map { $0 == periods[1] }
    let weights = frame.weights ?? [Double](repeating: 1, count: rows.count)
    var drops = frame.drops
    self.periods = periods
    if let unitName = e.unit {
      let unitColumn = try data.column(named: unitName)
      let codes = try FactorCodes(column: unitColumn, rows: frame.keptRows)
      var slots = [[Int]](repeating: [-1, -1], count: codes.levelCount)
      for r in 0..<rows.count {
        let code = Int(codes.codes[r]), p = post[r] ? 1 : 0
        guard slots[code][p] < 0 else { throw DiDError.duplicateUnitPeriod(unit: codes.labels[code], period: time[r]) }
        slots[code][p] = r
      }
      let pairs = slots.enumerated().filter { $0.element[0] >= 0 && $0.element[1] >= 0 }
      let incomplete = rows.count - 2 * pairs.count
      if incomplete > 0 {
        drops.appendObservations(DropRecord(reason: .incompleteUnit, count: incomplete, variables: [unitName]))
      }
      for (code, pair) in pairs {
        if treated[pair[0]] != treated[pair[1]] {
          throw DiDError.treatmentVariesWithinUnit(column: e.treatment, unit: codes.labels[code])
        }
        if let w = e.weights, weights[pair[0]] != weights[pair[1]] {
          throw DiDError.weightVariesWithinUnit(column: w, unit: codes.labels[code])
        }
      }
      let pre = pairs.map { $0.element[0] }
      let (design, names) = Self.independentCovariates(frame, rows: pre, drops: &drops)
      let panel = PanelComparison(
        outcomeChange: pairs.map { frame.response[$0.element[1]] - frame.response[$0.element[0]] },
        treated: pre.map { treated[$0] }, covariates: design, weights: pre.map { weights[$0] })
      self.comparison = .panel(panel)
      self.observationCount = 2 * pairs.count
      self.sampleSize = pairs.count
      self.treatedCount = panel.treated.filter { $0 }.count
      self.covariateNames = names
    } else {
      let (design, names) = Self.independentCovariates(frame, rows: nil, drops: &drops)
      self.comparison = .crossSection(
        CrossSectionComparison(outcome: frame.response, post: post, treated: treated, covariates: design, weights: weights))
      self.observationCount = rows.count
      self.sampleSize = rows.count
      self.treatedCount = treated.filter { $0 }.count
      self.covariateNames = names
    }
    self.drops = drops
  }

  /// The frame's design restricted to `rows` (all when `nil`), without the columns that are
  /// linear combinations of earlier ones (recorded as ``DropReason/collinear``), and the names
  /// of the covariate columns kept after the intercept.
  ///
  /// - Complexity: O(m k²) for `m` rows.
  private static func independentCovariates(_ frame: ModelFrame, rows: [Int]?, drops: inout DropReport)
    -> (Matrix, [String])
  {
    let design = rows.map { frame.design.selectingRows($0) } ?? frame.design
    guard design.rows > 0 else { return (design, []) }
    let kept = SequentialIndependence.independentColumns(gram: IRLSPass.weightedGram(design, nil), tolerance: 1e-10)
    for j in 0..<design.columns where !kept.contains(j) {
      drops.appendTerm(DropRecord(reason: .collinear, count: 1, variables: [frame.termNames[j]]))
    }
    let names = kept.filter { $0 > 0 }.map { frame.termNames[$0] }
    return (kept.count == design.columns ? design : design.selectingColumns(kept), names)
  }
}
