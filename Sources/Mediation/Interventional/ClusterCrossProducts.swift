import CausalCore
import LinearAlgebra

/// The cluster bootstrap of an interventional analysis whose models are all linear, from
/// per-cluster cross products instead of re-fitting every model on each resample.
///
/// A cluster-bootstrap resample holds cluster `g` `c_g` times, so each model's refit solves
/// `(Σ_g c_g X_gᵀW_gX_g) β = Σ_g c_g X_gᵀW_g y_g`, and the effects of linear models need, besides
/// the coefficients, only the weighted mean design row of each model over the resample,
/// `Σ_g c_g 1ᵀW_gX_g / Σ_g c_g 1ᵀW_g` (see ``InterventionalGComputation/exactStatistics(mediatorParameters:outcomeParameters:means:)``).
/// The per-cluster sums are computed once; a replicate then costs `O(G k²)` per model instead of
/// a refit over all rows. The numbers are the refit's up to rounding (the refit builds the same
/// normal equations over duplicated rows). A replicate whose cross-product matrix is singular or
/// nearly so (reciprocal condition below `1e-10`, where the refit would drop a column) is handed
/// back (`nil`) to the caller, which re-fits the models on the materialised resample.
struct ClusterCrossProducts: Sendable {
  /// The per-cluster sums of one model.
  struct Sums: Sendable {
    /// The number of design columns `k`.
    let width: Int
    /// `X_gᵀW_gX_g`, `k × k` column-major, cluster after cluster.
    let cross: [Double]
    /// `X_gᵀW_g y_g`, cluster after cluster.
    let response: [Double]
    /// `1ᵀW_gX_g`, cluster after cluster.
    let columnSums: [Double]
  }

  /// The analysis evaluated on each replicate.
  let engine: InterventionalGComputation
  /// One entry per model: the mediator models in order, then one per outcome.
  let models: [Sums]
  /// `1ᵀW_g`, per cluster.
  let clusterWeights: [Double]

  /// Accumulates the per-cluster sums, or returns `nil` when a model is not linear or has no
  /// design.
  ///
  /// - Parameters:
  ///   - engine: The fitted analysis.
  ///   - clusterOfRow: The cluster (0-based, the resampling plan's numbering) of each row of the
  ///     fits' sample.
  ///   - clusterCount: The number of clusters `G`.
  /// - Complexity: O(n k²) per model; memory O(G k²) per model.
  init?(engine: InterventionalGComputation, clusterOfRow: [Int], clusterCount: Int) {
    guard engine.isExact, let fit = engine.fits.first, clusterOfRow.count == fit.observationCount,
      clusterOfRow.allSatisfy({ (0..<clusterCount).contains($0) })
    else { return nil }
    self.engine = engine
    let w = fit.weights
    var weights = [Double](repeating: 0, count: clusterCount)
    for (i, g) in clusterOfRow.enumerated() { weights[g] += w[i] }
    clusterWeights = weights
    var models: [Sums] = []
    for (index, model) in (fit.mediatorModels + engine.fits.map(\.outcomeModel)).enumerated() {
      let response = index < fit.mediatorModels.count ? fit.analysis.mediators[index] : engine.fits[index - fit.mediatorModels.count].analysis.outcome
      let rows = index < fit.mediatorModels.count ? fit.mediatorRows[index] : nil
      guard let design = model.design, let y = try? fit.prepared.column(named: response).doubles(),
        let layout = Self.layout(rows: rows, response: y, weights: w, weighted: fit.analysis.weights != nil,
          clusterOfRow: clusterOfRow, designRows: design.rows)
      else { return nil }
      models.append(Self.sums(design, layout, clusterCount: clusterCount))
    }
    self.models = models
  }

  /// One model's design rows: response, weight in the cross products, weight in the mean design
  /// row (the observations' total weight), and bootstrap cluster.
  private struct Layout {
    var response: [Double]
    var crossWeight: [Double]
    var meanWeight: [Double]
    var cluster: [Int]
  }

  /// The layout of an observation-level model (`rows == nil`) or of a cluster-level one (each
  /// design row a cluster of the mediator's, inside one bootstrap cluster), or `nil` when a
  /// mediator cluster spans several bootstrap clusters.
  private static func layout(
    rows: [Int]?, response y: [Double], weights w: [Double], weighted: Bool, clusterOfRow: [Int], designRows: Int
  ) -> Layout? {
    guard let rows else { return Layout(response: y, crossWeight: w, meanWeight: w, cluster: clusterOfRow) }
    var out = Layout(
      response: [Double](repeating: .nan, count: designRows), crossWeight: [Double](repeating: 0, count: designRows),
      meanWeight: [Double](repeating: 0, count: designRows), cluster: [Int](repeating: -1, count: designRows))
    for (i, r) in rows.enumerated() {
      guard r < designRows, out.cluster[r] < 0 || out.cluster[r] == clusterOfRow[i] else { return nil }
      out.cluster[r] = clusterOfRow[i]
      out.response[r] = y[i]
      out.meanWeight[r] += w[i]
    }
    out.crossWeight = weighted ? out.meanWeight : [Double](repeating: 1, count: designRows)
    return out.cluster.allSatisfy({ $0 >= 0 }) ? out : nil
  }

  /// The per-cluster sums of one model.
  private static func sums(_ design: Matrix, _ layout: Layout, clusterCount: Int) -> Sums {
    let k = design.columns, n = design.rows
    var cross = [Double](repeating: 0, count: clusterCount * k * k)
    var rhs = [Double](repeating: 0, count: clusterCount * k)
    var sums = [Double](repeating: 0, count: clusterCount * k)
    design.elements.withUnsafeBufferPointer { x in
      for i in 0..<n {
        let g = layout.cluster[i], wi = layout.crossWeight[i], mi = layout.meanWeight[i]
        for a in 0..<k {
          let xa = x[a * n + i]
          rhs[g * k + a] += wi * xa * layout.response[i]
          sums[g * k + a] += mi * xa
          for b in a..<k { cross[g * k * k + b * k + a] += wi * xa * x[b * n + i] }
        }
      }
    }
    // Mirror the upper triangles.
    for g in 0..<clusterCount {
      for a in 0..<k { for b in (a + 1)..<k { cross[g * k * k + a * k + b] = cross[g * k * k + b * k + a] } }
    }
    return Sums(width: k, cross: cross, response: rhs, columnSums: sums)
  }

  /// The statistics of the resample holding cluster `g` `counts[g]` times, or `nil` when a
  /// model's cross products are (nearly) singular on it.
  ///
  /// - Complexity: O(G k² + k³) per model.
  func statistics(counts: [Int]) -> [Double]? {
    var total = 0.0
    for (g, c) in counts.enumerated() where c > 0 { total += Double(c) * clusterWeights[g] }
    guard total > 0 else { return nil }
    var coefficients: [[Double]] = []
    var means: [[Double]] = []
    for m in models {
      let k = m.width
      var a = [Double](repeating: 0, count: k * k), b = [Double](repeating: 0, count: k), s = b
      for (g, c) in counts.enumerated() where c > 0 {
        let f = Double(c)
        for j in 0..<(k * k) { a[j] += f * m.cross[g * k * k + j] }
        for j in 0..<k {
          b[j] += f * m.response[g * k + j]
          s[j] += f * m.columnSums[g * k + j]
        }
      }
      guard let matrix = try? Matrix(rows: k, columns: k, columnMajor: a), let factor = try? Cholesky(matrix),
        let condition = try? matrix.reciprocalCondition(), condition >= 1e-10, let beta = try? factor.solve(b)
      else { return nil }
      coefficients.append(beta)
      means.append(s.map { $0 / total })
    }
    let mediatorCount = engine.fits.first?.mediatorModels.count ?? 0
    return engine.exactStatistics(
      mediatorParameters: Array(coefficients[..<mediatorCount]), outcomeParameters: Array(coefficients[mediatorCount...]),
      means: means)
  }
}
