import CausalCore
import Resampling
import FixedEffects
import LinearAlgebra

/// The replicate estimator of ``FixedEffectsBootstrap``'s frequency-weight path: the model's
/// design `[y, X]` (and the codes of its cluster variables) is built once on the estimation
/// sample, and a replicate whose resample holds unit `u` (a cluster, or a row) `m_u` times
/// solves the normal equations `XᵀWX β = XᵀWy` with `W = diag(m_{u(i)} · wᵢ)` (`wᵢ` the model's
/// weights, 1 without) instead of refitting the model on a table with duplicated rows.
///
/// **Why it is the refit.** Without absorbed fixed effects and with only numeric regressors,
/// the model frame of a resample is the rows of the sample's frame repeated `m` times: every
/// design column is a row-wise function of the data (no levels to re-code), and no row is
/// dropped (the sample holds the rows the model used). The refit's cross products `XᵀWX` over
/// the duplicated rows are then the frequency-weighted sums here, its collinearity check
/// (`SequentialIndependence`, same tolerance) sees the same Gram matrix, and its coefficients
/// solve the same equations, so the two agree up to rounding (the refit adds one step of
/// iterative refinement; agreement is ~1e-13 relative on well-conditioned designs).
///
/// **Where it steps aside.** A replicate in which a regressor would be dropped as collinear,
/// the Gram matrix is not positive definite, no residual degree of freedom is left, or a
/// cluster variable of the model's variance (other than the one resampled by the cluster
/// scheme) has a single level is handed back to the caller, which refits the model on the
/// materialized resample: such replicates get the refit's exact semantics (a NaN for a dropped
/// coefficient, a failure with the refit's message). The path is not built at all (``init``
/// returns `nil`) for models with fixed effects, with text regressors or `i()` terms (their
/// dummies depend on the levels present in a resample), with no regressor, with a regressor
/// dropped on the original sample, or when a
/// per-replicate variance is needed (studentized intervals).
struct FrequencyWeightedLeastSquares: Sendable {
  /// The number of regressors `p` (the columns of `X`, intercept included).
  let regressorCount: Int
  /// Rows of the sample.
  let rowCount: Int
  /// `[y, X]`, column-major, `rowCount × (p + 1)`.
  let columns: [Double]
  /// The model's observation weights over the sample, or `nil`.
  let weights: [Double]?
  /// The unit of each row (its cluster under the cluster scheme), or `nil` when units are rows.
  let unitOfRow: [Int]?
  /// Rows per unit (cluster sizes), or `nil` when units are rows.
  let unitSizes: [Int]?
  /// Per-unit packed upper triangles of `[y, X]ᵀ W [y, X]` (``packedCount`` each), when the
  /// units are clusters and the table of them is no larger than the data; `nil` otherwise.
  let unitCrossProducts: [Double]?
  /// Codes over the sample's rows of the cluster variables whose level count the refit checks.
  let checkedClusters: [[Int32]]
  /// The collinearity tolerance of the model.
  let tolerance: Double

  /// Entries of one packed upper triangle of a `(p + 1) × (p + 1)` matrix.
  var packedCount: Int { (regressorCount + 1) * (regressorCount + 2) / 2 }

  /// Builds the path, or returns `nil` when it would not match the refit (see the type's
  /// discussion).
  ///
  /// - Parameters:
  ///   - model: The user's model (its variance clustering as the user gave it).
  ///   - sample: The rows the model used on the original data.
  ///   - plan: The resampling plan of `sample`.
  ///   - terms: The coefficients of the fit on `sample`, in order: the path is not built when
  ///     one was dropped there (every replicate would drop it too).
  ///   - perReplicateVariance: Whether each replicate's analytic variance is needed.
  init?(
    model: FixedEffectsModel, sample: DataTable, plan: ResamplingPlan, terms: [String], perReplicateVariance: Bool
  ) {
    guard !perReplicateVariance, model.formula.fixedEffects.isEmpty else { return nil }
    for term in model.formula.terms {
      let factors: [FormulaExpression]
      switch term {
      case .indicator: return nil
      case .expression(let e): factors = [e]
      case .interaction(let list): factors = list
      }
      for f in factors {
        if let name = f.columnName, sample[name]?.kind ?? .categorical == .categorical { return nil }
      }
    }
    var checkedNames: [String] = []
    if case .cluster(let names) = model.resolvedVariance {
      for name in names {
        if case .cluster(let resampled) = plan.scheme,
          name == resampled || name == BootstrapResampler.clusterColumnName
        {
          continue  // the refit clusters on the G drawn copies: at least 2 levels
        }
        checkedNames.append(name)
      }
    }
    guard
      let frame = try? ModelFrame(
        formula: model.formula, data: sample, weights: model.weights, clusters: checkedNames),
      frame.observationCount == sample.rowCount, frame.design.columns >= 1, frame.termNames == terms
    else { return nil }
    let n = frame.observationCount
    let p = frame.design.columns
    regressorCount = p
    rowCount = n
    var all = frame.response
    all.append(contentsOf: frame.design.elements)
    columns = all
    weights = frame.weights
    checkedClusters = frame.clusters.map(\.codes)
    tolerance = model.collinearityTolerance
    if case .cluster = plan.scheme, let groups = plan.groups {
      unitOfRow = groups.groupOfRow
      unitSizes = groups.members.map(\.count)
      let t = (p + 1) * (p + 2) / 2
      // Per-cluster cross products make a replicate O(G p²) instead of O(n p²).
      if groups.members.count * t <= n * (p + 1) {
        var table = [Double](repeating: 0, count: groups.members.count * t)
        Self.accumulate(columns: all, rowCount: n, p: p, unitOfRow: groups.groupOfRow, weights: frame.weights, into: &table)
        unitCrossProducts = table
      } else {
        unitCrossProducts = nil
      }
    } else {
      unitOfRow = nil
      unitSizes = nil
      unitCrossProducts = nil
    }
  }

  /// Adds `wᵢ · zᵢ zᵢᵀ` (packed upper triangle, `z = [y, x]`) of every row to its unit's block
  /// of `table`.
  private static func accumulate(
    columns: [Double], rowCount n: Int, p: Int, unitOfRow: [Int], weights: [Double]?, into table: inout [Double]
  ) {
    let t = (p + 1) * (p + 2) / 2
    columns.withUnsafeBufferPointer { z in
      table.withUnsafeMutableBufferPointer { out in
        for i in 0..<n {
          let w = weights?[i] ?? 1
          let base = unitOfRow[i] * t
          var index = 0
          for a in 0...p {
            let wa = w * z[a * n + i]
            for b in a...p {
              out[base + index] += wa * z[b * n + i]
              index += 1
            }
          }
        }
      }
    }
  }

  /// Per-worker scratch: unit multiplicities and the packed cross products.
  struct Scratch {
    var counts: [Int] = []
    var cross: [Double] = []
    var rows: [Int] = []
  }

  /// The coefficients of replicate `replicate` in design-column order, or `nil` when the
  /// replicate must be refitted (see the type's discussion).
  ///
  /// - Complexity: O(G p² + p³) with per-cluster cross products, O(n p² + p³) otherwise.
  func coefficients(plan: ResamplingPlan, seed: UInt64, replicate: Int, scratch: inout Scratch) -> [Double]? {
    plan.multiplicities(seed: seed, replicate: replicate, into: &scratch.counts)
    let p = regressorCount, t = packedCount
    if scratch.cross.count != t { scratch.cross = [Double](repeating: 0, count: t) }
    var observations = 0
    scratch.counts.withUnsafeBufferPointer { counts in
      scratch.cross.withUnsafeMutableBufferPointer { cross in
        for e in 0..<t { cross[e] = 0 }
        if let table = unitCrossProducts, let sizes = unitSizes {
          for u in counts.indices where counts[u] > 0 {
            let m = Double(counts[u])
            observations += counts[u] * sizes[u]
            for e in 0..<t { cross[e] += m * table[u * t + e] }
          }
        } else {
          observations = rowsCrossProducts(counts: counts, into: cross)
        }
      }
    }
    guard observations - p > 0, clustersHaveTwoLevels(counts: scratch.counts) else { return nil }
    return solve(scratch.cross)
  }

  /// The coefficients of every leave-one-unit-out sample (delete-one-cluster under the cluster
  /// scheme, delete-one-row otherwise: the units of the BCa jackknife), each from the total
  /// cross products minus the unit's; `nil` entries must be refitted (a dropped coefficient, a
  /// failed solve, no residual degree of freedom). Returns `nil` when the units are clusters
  /// without per-cluster cross products. No cluster-level check: the jackknife's refits use an
  /// iid variance.
  ///
  /// - Complexity: O(units × (p² + p³)) after one O(n p²) pass.
  func leaveOneOutCoefficients() -> [[Double]?]? {
    let p = regressorCount, n = rowCount, t = packedCount
    var total = [Double](repeating: 0, count: t)
    var unit = [Double](repeating: 0, count: t)
    var out: [[Double]?] = []
    if let table = unitCrossProducts, let sizes = unitSizes {
      for u in sizes.indices { for e in 0..<t { total[e] += table[u * t + e] } }
      for u in sizes.indices {
        // Summed over the other clusters (no cancellation), as the refit sums over their rows.
        for e in 0..<t { unit[e] = 0 }
        for v in sizes.indices where v != u { for e in 0..<t { unit[e] += table[v * t + e] } }
        out.append(n - sizes[u] - p > 0 ? solve(unit) : nil)
      }
      return out
    }
    guard unitOfRow == nil else { return nil }
    let ones = [Int](repeating: 1, count: n)
    ones.withUnsafeBufferPointer { counts in
      total.withUnsafeMutableBufferPointer { _ = rowsCrossProducts(counts: counts, into: $0) }
    }
    columns.withUnsafeBufferPointer { z in
      for i in 0..<n {
        let w = weights?[i] ?? 1
        var index = 0
        for a in 0...p {
          let wa = w * z[a * n + i]
          for b in a...p {
            unit[index] = total[index] - wa * z[b * n + i]
            index += 1
          }
        }
        out.append(n - 1 - p > 0 ? solve(unit) : nil)
      }
    }
    return out
  }

  /// Solves the normal equations from packed cross products of `[y, X]`; `nil` when a
  /// regressor would be dropped as collinear or the Cholesky factorization fails.
  private func solve(_ cross: [Double]) -> [Double]? {
    let p = regressorCount
    // Unpack: the Gram matrix of X and Xᵀy.
    var gram = Matrix(rows: p, columns: p)
    var rhs = [Double](repeating: 0, count: p)
    var index = 0
    for a in 0...p {
      for b in a...p {
        let v = cross[index]
        index += 1
        if a == 0 {
          if b > 0 { rhs[b - 1] = v }
        } else {
          gram[a - 1, b - 1] = v
          gram[b - 1, a - 1] = v
        }
      }
    }
    guard SequentialIndependence.independentColumns(gram: gram, tolerance: tolerance).count == p,
      let beta = try? Cholesky(gram).solve(rhs), beta.allSatisfy(\.isFinite)
    else { return nil }
    return beta
  }

  /// Accumulates the packed cross products over the rows with positive multiplicity; returns
  /// the resample's row count.
  private func rowsCrossProducts(counts: UnsafeBufferPointer<Int>, into cross: UnsafeMutableBufferPointer<Double>) -> Int {
    let p = regressorCount, n = rowCount
    var observations = 0
    columns.withUnsafeBufferPointer { z in
      for i in 0..<n {
        let c = counts[unitOfRow?[i] ?? i]
        guard c > 0 else { continue }
        observations += c
        let w = Double(c) * (weights?[i] ?? 1)
        var index = 0
        for a in 0...p {
          let wa = w * z[a * n + i]
          for b in a...p {
            cross[index] += wa * z[b * n + i]
            index += 1
          }
        }
      }
    }
    return observations
  }

  /// Whether every checked cluster variable has at least two levels among the resampled rows.
  private func clustersHaveTwoLevels(counts: [Int]) -> Bool {
    for codes in checkedClusters {
      var first: Int32?
      var two = false
      for i in 0..<rowCount where counts[unitOfRow?[i] ?? i] > 0 {
        guard let f = first else {
          first = codes[i]
          continue
        }
        if codes[i] != f {
          two = true
          break
        }
      }
      if !two { return false }
    }
    return true
  }
}
