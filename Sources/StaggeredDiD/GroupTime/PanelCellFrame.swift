import CausalCore
import LinearAlgebra

/// The units of the balanced-panel cells that have the same role table, with what those cells
/// share.
///
/// With never-treated controls, the cells of one cohort compare the same units: the cohort and
/// the never treated. When the sample stores covariates and weights per unit (they do not
/// change over time, ``StaggeredSample/covariatesPerUnit``), the cells also have the same
/// covariates and weights, hence the same propensity score and the same outcome-regression
/// design: the frame gathers them and fits these once (``PanelNuisance``), and each cell only
/// forms its outcome change and solves for its own regression coefficients. Sharing is exact:
/// a cell gets the very numbers it would have computed itself.
struct PanelCellFrame: Sendable {
  /// The cell's units, ascending.
  let units: [Int32]
  /// Whether each unit is treated (else a comparison unit).
  let treated: [Bool]
  /// The covariates of the units (intercept first), or `nil` when they depend on the cell's
  /// periods.
  let covariates: Matrix?
  /// The sampling weights of the units, or `nil` when they depend on the cell's periods.
  let weights: [Double]?
  /// The shared nuisance fits, or `nil` (covariates that depend on the cell's periods, or a
  /// group without units).
  let nuisance: PanelNuisance?
  /// The check that the frame's cells fail (``CellGuard``), evaluated once with the shared
  /// fits; `nil` when they pass or without shared fits (each cell then checks itself).
  let violation: CellGuard.Violation?
  /// The doubly robust cells' control-regression coefficients, by the cell's (period, base
  /// period) indices, solved together (``WeightedLeastSquares/coefficients(count:outcome:)``).
  let coefficients: [PeriodPair: Result<[Double], DiDError>]

  /// A cell's period and base period, as indices.
  struct PeriodPair: Hashable, Sendable {
    let period: Int
    let base: Int
  }

  /// Selects the units of a role table and, with covariates and weights stored per unit, gathers
  /// them, fits the method's nuisance models and runs R did's checks (``CellGuard``) once for
  /// the frame's cells.
  ///
  /// - Complexity: O(n) lookups plus O(m k) copies for the m units selected, and the nuisance
  ///   fits and checks.
  init(
    _ s: StaggeredSample, roles: [GroupTimeCells.CellSetup.Role], cohortSizes: [Int], unitCohort: [Int32],
    method: TwoByTwoMethod, cells: [PeriodPair] = []
  ) {
    let n = s.unitCount
    // The frame's size from the cohort sizes, so the arrays are filled without appends.
    let m = roles.indices.reduce(0) { $0 + (roles[$1] == .none ? 0 : cohortSizes[$1]) }
    // Every unit is written at the next free slot, which advances only for selected units (no
    // branch on the unit's role); one spare slot takes the last unselected writes.
    var units = [Int32](repeating: 0, count: m + 1)
    var treated = [Bool](repeating: false, count: m + 1)
    let selected = roles.map { $0 == .none ? 0 : 1 }, isTreated = roles.map { $0 == .treated }
    unitCohort.withUnsafeBufferPointer { cohort in
      units.withUnsafeMutableBufferPointer { unitOut in
        treated.withUnsafeMutableBufferPointer { treatedOut in
          var r = 0
          for u in 0..<min(n, cohort.count) {
            let code = Int(cohort[u])
            unitOut[r] = Int32(truncatingIfNeeded: u)
            treatedOut[r] = isTreated[code]
            r = min(r &+ selected[code], m)
          }
        }
      }
    }
    units.removeLast()
    treated.removeLast()
    let treatedCount = treated.reduce(0) { $0 + ($1 ? 1 : 0) }
    self.units = units
    self.treated = treated
    guard s.covariatesPerUnit else {
      (covariates, weights, nuisance, violation, coefficients) = (nil, nil, nil, nil, [:])
      return
    }
    let covariates = PanelCellFrame.gather(s.covariates, units: units, offset: 0)
    let weights = s.hasWeights ? units.map { s.weight[Int($0)] } : [Double](repeating: 1, count: m)
    self.covariates = covariates
    self.weights = weights
    let nuisance =
      treatedCount > 0 && treatedCount < m
      ? PanelNuisance(treated: treated, covariates: covariates, weights: weights, method: method) : nil
    self.nuisance = nuisance
    let violation = nuisance.flatMap { shared in
      CellGuard.check(
        method, treated: treated, covariates: covariates, weights: weights, scores: shared.scores,
        design: shared.regression)
    }
    self.violation = violation
    guard violation == nil, method == .traditionalDoublyRobust, case .success(let design) = nuisance?.regression, !cells.isEmpty else {
      coefficients = [:]
      return
    }
    // The cells' outcome changes y(period) − y(base) at the regression's rows, solved together.
    let solved = s.outcome.withUnsafeBufferPointer { y in
      design.coefficients(count: cells.count) { c, row in
        let u = Int(units[row])
        return y[cells[c].period * n + u] - y[cells[c].base * n + u]
      }
    }
    coefficients = Dictionary(zip(cells, solved)) { first, _ in first }
  }

  /// The rows `offset + u` of a covariate matrix stored per unit or period-major, for the units
  /// `u`, as an `m × k` matrix; without covariates the intercept column.
  ///
  /// - Complexity: O(m k).
  static func gather(_ covariates: Matrix, units: [Int32], offset: Int) -> Matrix {
    let m = units.count, k = covariates.columns, n = covariates.rows
    guard n > 0 else { return Matrix(uncheckedRows: m, columns: 1, elements: [Double](repeating: 1, count: m)) }
    let out = [Double](zeroSafeUninitializedCapacity: m * k) { out, count in
      covariates.elements.withUnsafeBufferPointer { x in
        units.withUnsafeBufferPointer { u in
          for j in 0..<k {
            let source = j * n + offset, target = j * m
            for r in 0..<m { out.initializeElement(at: target + r, to: x[source + Int(u[r])]) }
          }
        }
      }
      count = m * k
    }
    return Matrix(uncheckedRows: m, columns: k, elements: out)
  }
}
