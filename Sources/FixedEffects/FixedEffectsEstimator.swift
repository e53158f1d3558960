import CausalCore
import LinearAlgebra

/// Settings of a fit that do not concern the formula or the data.
struct EstimationSettings: Sendable {
  var vcov: VarianceType
  var smallSample: SmallSampleCorrection
  var singletons: SingletonPolicy
  var demeaning: DemeaningOptions
  var confidenceLevel: Double
  var computeFixedEffects: Bool
  var collinearityTolerance: Double
}

/// Fits a linear model with absorbed fixed effects: removes singletons, demeans, detects
/// absorbed and collinear regressors, solves least squares by pivoted QR, and computes the
/// requested variance with its small-sample factor.
enum FixedEffectsEstimator {
  static func estimate(_ input: consuming LinearProblem, _ settings: EstimationSettings) throws -> FixedEffectsFit {
    var problem = input
    var drops = problem.drops

    // 1. Singletons, iteratively.
    if !problem.fixedEffects.isEmpty && settings.singletons == .drop {
      let (keep, removed) = SingletonFilter.keepMask(
        codes: problem.fixedEffects.map(\.codes), levelCounts: problem.fixedEffects.map(\.count))
      if removed > 0 {
        if removed == problem.count {
          throw FixedEffectsError.allSingletons(fixedEffects: problem.fixedEffects.map(\.name))
        }
        problem.filter(keeping: keep)
        drops.appendObservations(
          DropRecord(reason: .singleton, count: removed, variables: problem.fixedEffects.map(\.name)))
      }
    }
    let n = problem.count
    guard n > 0 else { throw DataError.noObservations(reason: "every row was removed") }
    let w = problem.weights

    // 2. Demean the outcome and regressors together, in place: column 0 is y, then X. The
    //    problem's matrix is moved out (not copied); sums of squares that need the raw values
    //    are taken first, and the raw values are copied only when the fixed effects are to be
    //    recovered.
    let hasFE = !problem.fixedEffects.isEmpty
    let p = problem.regressorCount
    var work = problem.variables
    problem.variables = Matrix(rows: 0, columns: 0)
    let totals = (0..<p).map { columnSumOfSquares(work, column: 1 + $0, weights: w, center: hasFE) }
    let tss = columnSumOfSquares(work, column: 0, weights: w, center: true)
    let original: Matrix? = settings.computeFixedEffects ? work : nil
    var report = DemeaningReport(methods: [], iterations: [])
    var structure: FixedEffectStructure? = nil
    if hasFE {
      let s = FixedEffectStructure(
        names: problem.fixedEffects.map(\.name), codes: problem.fixedEffects.map(\.codes),
        levelCounts: problem.fixedEffects.map(\.count), weights: w)
      report = try Demeaner(structure: s, options: settings.demeaning).demean(&work).report
      // The sorted layouts are needed again only to recover the fixed effects.
      if settings.computeFixedEffects { structure = s }
    }

    // 3. Cross products, then absorbed and collinear regressors.
    let cross = weightedCrossProducts(work, weights: w)
    var candidates = [Int]()
    for j in 0..<p {
      let within = cross[1 + j, 1 + j]
      let total = totals[j]
      if hasFE && (total == 0 || within <= 1e-10 * total) {
        drops.appendTerm(DropRecord(reason: .absorbedByFixedEffects, count: 1, variables: [problem.termNames[j]]))
      } else {
        candidates.append(j)
      }
    }
    let keptLocal = sequentiallyIndependentColumns(
      gram: cross.selecting(candidates.map { 1 + $0 }), tolerance: settings.collinearityTolerance)
    for (local, j) in candidates.enumerated() where !keptLocal.contains(local) {
      drops.appendTerm(DropRecord(reason: .collinear, count: 1, variables: [problem.termNames[j]]))
    }
    let kept = keptLocal.map { candidates[$0] }
    if kept.isEmpty && p > 0 {
      throw FixedEffectsError.allRegressorsRemoved(terms: problem.termNames)
    }
    let k = kept.count
    let keptColumns = kept.map { 1 + $0 }

    // 4. Least squares from the normal equations, with one step of iterative refinement
    //    (semi-normal equations), which restores QR-level accuracy for the conditioning met in
    //    practice while reading the n × k design only twice more.
    let gram = cross.selecting(keptColumns)
    let chol = try Cholesky(gram)
    var beta = try chol.solve(keptColumns.map { cross[0, $0] })
    var residuals = residualsOf(work, columns: keptColumns, beta: beta)
    if k > 0 {
      let correction = try chol.solve(weightedProducts(work, columns: keptColumns, with: residuals, weights: w))
      for a in 0..<k { beta[a] += correction[a] }
      residuals = []
      residuals = residualsOf(work, columns: keptColumns, beta: beta)
    }
    let bread = try chol.inverse()

    // 5. Degrees of freedom.
    let feLevels = problem.fixedEffects.map(\.count)
    var feFull = feLevels.isEmpty ? 0 : feLevels.reduce(0, +) - (feLevels.count - 1)
    if settings.smallSample.exactRedundancy && feLevels.count >= 2 {
      let components = ConnectedComponents.count(
        problem.fixedEffects[0].codes, problem.fixedEffects[0].count,
        problem.fixedEffects[1].codes, problem.fixedEffects[1].count)
      feFull -= components - 1
    }
    let dfResidual = n - k - feFull
    guard dfResidual > 0 else {
      throw FixedEffectsError.noResidualDegreesOfFreedom(observations: n, parameters: k + feFull)
    }

    // 6. Variance.
    let sandwich = SandwichVariance(design: work, columns: keptColumns, residuals: residuals, weights: w, bread: bread)
    let ssc = settings.smallSample
    let feCounted: Int
    switch ssc.fixedEffectCount {
    case .none: feCounted = 0
    case .full: feCounted = feFull
    case .nested:
      // A fixed effect nested in a cluster variable (same name, or every level inside one
      // cluster of some variable or of the intersection of all of them) counts as one
      // parameter instead of its level count (pyfixest's "nonnested" rule).
      if case .cluster = settings.vcov {
        var clusterings = problem.clusters.map { (codes: $0.codes, count: $0.count) }
        if clusterings.count > 1 { clusterings.append(SandwichVariance.intersect(clusterings)) }
        var reduction = 0
        for fe in problem.fixedEffects {
          let nested = problem.clusters.contains { $0.name == fe.name }
            || clusterings.contains { isNested(fe.codes, in: $0.codes, clusterCount: $0.count) }
          if nested { reduction += fe.count - 1 }
        }
        feCounted = feFull - reduction
      } else {
        feCounted = feFull
      }
    }
    let bigK = k + feCounted
    let adj = ssc.adjust ? Double(n - 1) / Double(n - bigK) : 1
    var vcov: Matrix
    var tDF = Double(n - bigK)
    var clusterCounts = [String: Int]()
    switch settings.vcov {
    case .iid:
      vcov = adj * sandwich.iid(divisor: Double(n - 1))
    case .hetero:
      // HC1: n/(n−K) when adjusting, as fixest and pyfixest do; no factor otherwise.
      let factor = ssc.adjust ? Double(n) / Double(n - bigK) : 1
      vcov = factor * (try sandwich.heteroskedastic(leveragePower: 0))
    case .hc0:
      vcov = try sandwich.heteroskedastic(leveragePower: 0)
    case .hc2, .hc3:
      guard !hasFE else {
        throw FixedEffectsError.varianceUnavailable(
          type: settings.vcov.description, reason: "leverages are not computed with absorbed fixed effects; use hetero or cluster")
      }
      vcov = try sandwich.heteroskedastic(leveragePower: settings.vcov == .hc2 ? 1 : 2)
    case .cluster:
      let clusterings = problem.clusters.map { (codes: $0.codes, count: $0.count) }
      for c in problem.clusters {
        clusterCounts[c.name] = c.count
        if c.count < 2 { throw FixedEffectsError.singleCluster(variable: c.name) }
      }
      let gMin = problem.clusters.map(\.count).min() ?? 2
      let clusterAdjust = ssc.clusterAdjust
      let useMin = ssc.clusterDF == .min
      vcov = try sandwich.multiwayCluster(clusterings: clusterings) { g in
        guard clusterAdjust else { return adj }
        let gg = Double(useMin ? gMin : g)
        return adj * gg / (gg - 1)
      }
      tDF = Double(gMin - 1)
    }

    // 7. Tidy rows.
    let names = kept.map { problem.termNames[$0] }
    let distribution = ReferenceDistribution.studentT(degreesOfFreedom: tDF)
    let rows = try TidyRows.make(
      terms: names, estimates: beta, variance: vcov, distribution: distribution, level: settings.confidenceLevel)

    // 8. Fit statistics.
    let rss = weightedSumOfSquares(residuals, weights: w, center: false)
    let r2 = tss > 0 ? 1 - rss / tss : .nan
    let kAll = k + feFull
    let adjR2 = 1 - (1 - r2) * Double(n - 1) / Double(n - kAll)
    var withinR2: Double? = nil
    if hasFE {
      let tssWithin = cross[0, 0]
      withinR2 = tssWithin > 0 ? 1 - rss / tssWithin : .nan
    }
    let slopes = kept.filter { !(problem.hasIntercept && problem.termNames[$0] == "(Intercept)") }.count
    var fTest: (Double, Int, Int, Double)? = nil
    if slopes > 0 {
      let base = hasFE ? cross[0, 0] : (problem.hasIntercept ? tss : cross[0, 0])
      let f = ((base - rss) / Double(slopes)) / (rss / Double(dfResidual))
      let p = try FDistributionTail.upper(f, slopes, dfResidual)
      fTest = (f, slopes, dfResidual, p)
    }

    // 9. Fixed-effect values on request.
    var feValues: [FixedEffectValues]? = nil
    if settings.computeFixedEffects, let s = structure, let original {
      var r = Array(original.elements[0..<n])
      for (local, j) in kept.enumerated() {
        let offset = (1 + j) * n
        for i in 0..<n { r[i] -= beta[local] * original.elements[offset + i] }
      }
      var single = try Matrix(rows: n, columns: 1, columnMajor: r)
      let out = try Demeaner(structure: s, options: settings.demeaning).demean(&single)
      var coef = out.coefficients(ofVariable: 0, count: 1)
      for d in coef.indices.dropFirst() where !coef[d].isEmpty {
        let shift = coef[d][0]
        for g in coef[d].indices { coef[d][g] -= shift }
        for g in coef[0].indices { coef[0][g] += shift }
      }
      feValues = problem.fixedEffects.enumerated().map { d, fe in
        FixedEffectValues(name: fe.name, levels: fe.labels, values: coef[d])
      }
    }

    return FixedEffectsFit(
      coefficients: rows, variance: try TermVariance(terms: names, matrix: vcov), varianceType: settings.vcov,
      smallSample: ssc, referenceDistribution: distribution, confidenceLevel: settings.confidenceLevel,
      observationCount: n, slopeCount: k, fixedEffectParameterCount: feFull, residualDegreesOfFreedom: dfResidual,
      tDegreesOfFreedom: tDF, clusterCounts: clusterCounts, residualSumOfSquares: rss, r2: r2,
      adjustedR2: adjR2, withinR2: withinR2, fTest: fTest, rmse: (rss / Double(n)).squareRoot(),
      residuals: residuals, fixedEffects: feValues, drops: drops, demeaning: report,
      fixedEffectLevels: problem.fixedEffects.map { ($0.name, $0.count) }, notes: drops.notes,
      outcomeStorage: .overTable(problem.responseOverTable), observations: problem.rows)
  }

  /// Whether every level of `codes` lies within a single cluster.
  static func isNested(_ codes: [Int32], in clusters: [Int32], clusterCount: Int) -> Bool {
    let levels = Int(codes.max() ?? -1) + 1
    var owner = [Int32](repeating: -1, count: levels)
    for i in codes.indices {
      let g = Int(codes[i])
      if owner[g] < 0 { owner[g] = clusters[i] } else if owner[g] != clusters[i] { return false }
    }
    return true
  }
}

/// `Σ wᵢ (xᵢ − x̄_w)²` (centred) or `Σ wᵢ xᵢ²`.
func weightedSumOfSquares(_ x: [Double], weights: [Double]?, center: Bool) -> Double {
  x.withUnsafeBufferPointer { sumOfSquares($0, weights: weights, center: center) }
}

/// The same for one column of a matrix.
func columnSumOfSquares(_ m: Matrix, column j: Int, weights: [Double]?, center: Bool) -> Double {
  m.elements.withUnsafeBufferPointer { all in
    sumOfSquares(UnsafeBufferPointer(rebasing: all[(j * m.rows)..<((j + 1) * m.rows)]), weights: weights, center: center)
  }
}

private func sumOfSquares(_ x: UnsafeBufferPointer<Double>, weights: [Double]?, center: Bool) -> Double {
  var mean = 0.0
  if center {
    var sw = 0.0, swx = 0.0
    if let w = weights {
      for i in x.indices { sw += w[i]; swx += w[i] * x[i] }
    } else {
      for i in x.indices { swx += x[i] }
      sw = Double(x.count)
    }
    mean = sw > 0 ? swx / sw : 0
  }
  var s = 0.0
  if let w = weights {
    for i in x.indices { let d = x[i] - mean; s += w[i] * d * d }
  } else {
    for i in x.indices { let d = x[i] - mean; s += d * d }
  }
  return s
}

/// `y − Σ_a β_a x_a` where y is column 0 of `m` and the x are the given columns.
func residualsOf(_ m: Matrix, columns: [Int], beta: [Double]) -> [Double] {
  let n = m.rows
  var e = Array(m.elements[0..<n])
  m.elements.withUnsafeBufferPointer { x in
    e.withUnsafeMutableBufferPointer { ep in
      for (a, c) in columns.enumerated() {
        let b = beta[a], base = c * n
        for i in 0..<n { ep[i] -= b * x[base + i] }
      }
    }
  }
  return e
}

/// `X_cᵀ W v` for the given columns of `m`.
func weightedProducts(_ m: Matrix, columns: [Int], with v: [Double], weights: [Double]?) -> [Double] {
  let n = m.rows
  return m.elements.withUnsafeBufferPointer { x in
    columns.map { c in
      var s = 0.0
      let base = c * n
      if let w = weights {
        for i in 0..<n { s += w[i] * x[base + i] * v[i] }
      } else {
        for i in 0..<n { s += x[base + i] * v[i] }
      }
      return s
    }
  }
}

/// The weighted cross-product matrix `Mᵀ W M` of all columns of a matrix (BLAS `dsyrk`;
/// weighted matrices are scaled by `√wᵢ` first).
func weightedCrossProducts(_ m: Matrix, weights: [Double]?) -> Matrix {
  guard let w = weights else { return m.gram() }
  var scaled = m
  let n = m.rows
  scaled.elements.withUnsafeMutableBufferPointer { x in
    let root = w.map { $0.squareRoot() }
    for j in 0..<m.columns { for i in 0..<n { x[j * n + i] *= root[i] } }
  }
  return scaled.gram()
}
