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

  /// Selects the units of a role table and, with covariates and weights stored per unit, gathers
  /// them and fits the method's nuisance models.
  ///
  /// - Complexity: O(n) lookups plus O(m k) copies for the m units selected, and the nuisance
  ///   fits.
  init(
    _ s: StaggeredSample, roles: [GroupTimeCells.CellSetup.Role], cohortSizes: [Int], unitCohort: [Int32],
    method: TwoByTwoMethod
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
      (covariates, weights, nuisance) = (nil, nil, nil)
      return
    }
    let covariates = PanelCellFrame.gather(s.covariates, units: units, offset: 0)
    let weights = s.hasWeights ? units.map { s.weight[Int($0)] } : [Double](repeating: 1, count: m)
    self.covariates = covariates
    self.weights = weights
    self.nuisance =
      treatedCount > 0 && treatedCount < m
      ? PanelNuisance(treated: treated, covariates: covariates, weights: weights, method: method) : nil
  }

  /// The frames of the role tables that two or more cells use, built concurrently (each frame
  /// depends only on its role table, so the result does not depend on the number of threads).
  ///
  /// - Complexity: O(frames × n) plus the frames' gathers and fits, spread over the cores.
  static func shared(
    _ s: StaggeredSample, _ cells: [GroupTimeCells.CellSetup], unitCohort: [Int32], method: TwoByTwoMethod
  ) -> [[GroupTimeCells.CellSetup.Role]: PanelCellFrame] {
    var uses: [[GroupTimeCells.CellSetup.Role]: Int] = [:]
    var keys: [[GroupTimeCells.CellSetup.Role]] = []
    var sizes: [[Int]] = []
    for cell in cells where cell.base != cell.period {
      uses[cell.roles, default: 0] += 1
      if uses[cell.roles] == 2 {
        keys.append(cell.roles)
        sizes.append(cell.cohortSizes)
      }
    }
    let roleTables = keys, cohortSizes = sizes
    let build = { @Sendable (k: Int) -> PanelCellFrame in
      PanelCellFrame(s, roles: roleTables[k], cohortSizes: cohortSizes[k], unitCohort: unitCohort, method: method)
    }
    let frames = (try? ParallelMap.map(keys.count, build)) ?? keys.indices.map(build)
    return Dictionary(uniqueKeysWithValues: zip(keys, frames))
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

extension GroupTimeCells {
  /// A balanced-panel cell: each unit's outcome change between the cell's two periods, with the
  /// frame's units, covariates, weights and nuisance fits (or the covariates and weights of the
  /// earlier period when they are stored period-major).
  ///
  /// - Complexity: O(m) for the m units of the cell, plus O(m k) copies without a shared
  ///   frame, and the 2x2 estimate.
  static func panelCell(_ s: StaggeredSample, _ cell: CellSetup, frame: PanelCellFrame, method: TwoByTwoMethod)
    -> GroupTimeCell
  {
    let n = s.unitCount, m = frame.units.count
    let now = cell.period * n, then = cell.base * n, earlier = min(cell.period, cell.base) * n
    let change = [Double](zeroSafeUninitializedCapacity: m) { out, count in
      s.outcome.withUnsafeBufferPointer { y in
        frame.units.withUnsafeBufferPointer { units in
          for r in 0..<m {
            let u = Int(units[r])
            out.initializeElement(at: r, to: y[now + u] - y[then + u])
          }
        }
      }
      count = m
    }
    let covariates = frame.covariates ?? PanelCellFrame.gather(s.covariates, units: frame.units, offset: earlier)
    let weights =
      frame.weights
      ?? (s.hasWeights ? frame.units.map { s.weight[earlier + Int($0)] } : [Double](repeating: 1, count: m))
    let comparison = PanelComparison(
      outcomeChange: change, treated: frame.treated, covariates: covariates, weights: weights, nuisance: frame.nuisance)
    let scale = influenceScale(s, cellSize: m)
    return finish(s, cell, units: frame.units, treated: frame.treated, scaled: true) { () throws(DiDError) in
      try comparison.estimate(method, influenceScale: scale)
    }
  }
}
