import CausalCore
import LinearAlgebra

extension GroupTimeCells {
  /// A balanced-panel cell: each unit's outcome change between the cell's two periods, with the
  /// frame's units, covariates, weights and nuisance fits (or the covariates and weights of the
  /// earlier period when they are stored period-major), unless the cell fails R did's checks
  /// (``CellGuard``).
  ///
  /// - Complexity: O(m) for the m units of the cell, plus O(m k) copies without a shared
  ///   frame, and the checks and the 2x2 estimate.
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
    // R did's checks (CellGuard), with the frame's shared fits or, without them, with fits made
    // here for both the checks and the estimate.
    var nuisance = frame.nuisance
    var violation = frame.violation
    if nuisance == nil, frame.treated.contains(true), frame.treated.contains(false) {
      let fits = PanelNuisance(treated: frame.treated, covariates: covariates, weights: weights, method: method)
      nuisance = fits
      violation = CellGuard.check(
        method, treated: frame.treated, covariates: covariates, weights: weights, scores: fits.scores,
        design: fits.regression)
    }
    if let violation { return failed(s, cell, reason: violation.reason, treated: frame.treated) }
    let comparison = PanelComparison(
      outcomeChange: change, treated: frame.treated, covariates: covariates, weights: weights, nuisance: nuisance,
      controlCoefficients: frame.coefficients[PanelCellFrame.PeriodPair(period: cell.period, base: cell.base)])
    let scale = influenceScale(s, cellSize: m)
    return finish(s, cell, units: frame.units, treated: frame.treated, scaled: true) { () throws(DiDError) in
      try comparison.estimate(method, influenceScale: scale)
    }
  }
}
