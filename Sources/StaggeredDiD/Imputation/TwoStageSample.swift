import CausalCore
import LinearAlgebra

/// The rows of a two-stage DiD after validation: units, periods, treatment, weights, clusters,
/// first-stage covariates and each row's second-stage term.
struct TwoStageSample: Sendable {
  /// Outcome per row.
  let outcome: [Double]
  /// The first stage's covariate columns (rows × ``covariateNames``, the model frame's
  /// expansion of the covariate terms); no columns without covariates.
  let covariates: Matrix
  /// The name of each covariate column (`x1`, `g::b`, `year::2003:x2`).
  let covariateNames: [String]
  /// Weight per row.
  let weight: [Double]
  /// Unit code per row.
  let unit: [Int32]
  /// Period index per row.
  let period: [Int32]
  /// Cluster code per row.
  let cluster: [Int32]
  /// Whether the row is treated.
  let treated: [Bool]
  /// Cohort (first treated period, 0 for never treated) per row.
  let cohort: [Int]
  /// Time value per row.
  let time: [Int]
  /// The second-stage term of each row (index into ``terms``), or −1 for none.
  let term: [Int]
  /// The second-stage terms: the relative period (event study) or 0 (pooled ATT).
  let terms: [Int]
  /// Counts.
  let unitCount: Int
  /// Periods.
  let periodCount: Int
  /// Clusters.
  let clusterCount: Int
  /// Rows removed.
  let drops: DropReport

  /// Reads and checks the data.
  ///
  /// - Throws: ``DiDError`` (the model frame's errors wrapped).
  /// - Complexity: O(n log n + n p) for p covariate columns.
  init(_ data: DataTable, model: TwoStageDiD) throws(DiDError) {
    let frame: ModelFrame
    do {
      frame = try ModelFrame(
        formula: try Formula(response: model.outcome, covariates: model.covariates), data: data, weights: model.weights,
        clusters: [model.unit, model.cluster ?? model.unit], extraColumns: [model.time, model.cohort])
    } catch { throw DiDError.wrapping(error) }
    let rows = frame.rowIndices
    let (times, cohorts) = try PeriodColumns.read(data, time: model.time, cohort: model.cohort, rows: rows)
    let t = rows.map { Int(times[$0]) }
    let g = rows.map { Int(cohorts[$0]) }
    let isTreated = t.indices.map { g[$0] > 0 && t[$0] >= g[$0] }
    let units = frame.clusters[0].codes
    // Units with no untreated row and periods with no untreated row cannot be imputed.
    var unitUntreated = [Bool](repeating: false, count: frame.clusters[0].levelCount)
    var periodUntreated = Set<Int>()
    for i in t.indices where !isTreated[i] {
      unitUntreated[Int(units[i])] = true
      periodUntreated.insert(t[i])
    }
    let keep = t.indices.filter { unitUntreated[Int(units[$0])] && periodUntreated.contains(t[$0]) }
    guard keep.contains(where: { isTreated[$0] }) else {
      throw .noTreatedCohorts(reason: "no treated observation has untreated observations of its unit and period to impute from")
    }
    var drops = frame.drops
    if keep.count < t.count {
      drops.appendObservations(DropRecord(reason: .alreadyTreated, count: t.count - keep.count, variables: [model.cohort]))
    }
    let periods = Array(Set(keep.map { t[$0] })).sorted()
    let periodIndex = Dictionary(uniqueKeysWithValues: periods.enumerated().map { ($0.element, Int32($0.offset)) })
    (unit, unitCount) = Self.compact(keep.map { units[$0] })
    (cluster, clusterCount) = Self.compact(keep.map { frame.clusters[1].codes[$0] })
    period = keep.map { periodIndex[t[$0]] ?? 0 }
    periodCount = periods.count
    outcome = keep.map { frame.response[$0] }
    // The design's columns after the intercept (the frame adds it: the formula has no fixed
    // effects) are the covariates' expansion.
    let first = frame.hasIntercept ? 1 : 0
    covariateNames = Array(frame.termNames.dropFirst(first))
    var covariates = Matrix(rows: keep.count, columns: covariateNames.count)
    for j in covariateNames.indices {
      for (r, i) in keep.enumerated() { covariates[r, j] = frame.design[i, first + j] }
    }
    self.covariates = covariates
    weight = frame.weights.map { w in keep.map { w[$0] } } ?? [Double](repeating: 1, count: keep.count)
    treated = keep.map { isTreated[$0] }
    cohort = keep.map { g[$0] }
    time = keep.map { t[$0] }
    switch model.secondStage {
    case .pooled:
      terms = [0]
      term = keep.map { isTreated[$0] ? 0 : -1 }
    case .eventStudy(let references):
      let relative = keep.map { g[$0] > 0 ? t[$0] - g[$0] : nil }
      let excluded = Set(references)
      terms = Array(Set(relative.compactMap { $0 }).subtracting(excluded)).sorted()
      let index = Dictionary(uniqueKeysWithValues: terms.enumerated().map { ($0.element, $0.offset) })
      term = relative.map { r in r.flatMap { index[$0] } ?? -1 }
    }
    self.drops = drops
  }

  /// Codes renumbered 0..<count in order of first appearance.
  private static func compact(_ codes: [Int32]) -> ([Int32], Int) {
    var map: [Int32: Int32] = [:]
    let out = codes.map { c -> Int32 in
      if let m = map[c] { return m }
      let m = Int32(map.count)
      map[c] = m
      return m
    }
    return (out, map.count)
  }
}
