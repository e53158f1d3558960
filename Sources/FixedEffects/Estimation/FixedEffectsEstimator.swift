import CausalCore
import LinearAlgebra

/// What a fit needs besides the data: the model's options, the variance resolved for its
/// formula, and the fingerprint of the caller's table (stored in the fit).
struct EstimationSettings: Sendable {
  let model: FixedEffectsModel
  let vcov: VarianceType
  let fingerprint: TableFingerprint
}

/// Fits a linear model with absorbed fixed effects, in named steps:
///
/// 1. ``removeSingletons(_:_:drops:)``: singletons, iteratively;
/// 2. ``demean(_:_:)``: the outcome and the regressors projected on the fixed effects, in place;
/// 3. ``selectRegressors(_:termNames:_:drops:)``: absorbed and collinear regressors dropped;
/// 4. ``solve(_:)``: least squares from the normal equations by Cholesky, with one step of
///    iterative refinement (semi-normal equations);
/// 5. ``fixedEffectParameters(_:_:)``: the fixed-effect parameters in the degrees of freedom;
/// 6. ``variance(_:_:_:)``: the requested variance with its small-sample factor
///    (`FixedEffectsEstimator+Variance.swift`);
/// 7. ``statistics(_:_:_:)``: R², within R², RMSE and the F test;
/// 8. ``recoverFixedEffects(_:_:_:_:)``: the fixed-effect values, on request.
enum FixedEffectsEstimator {
  static func estimate(_ input: consuming LinearProblem, _ settings: EstimationSettings) throws -> FixedEffectsFit {
    var problem = input
    var drops = problem.drops
    try removeSingletons(&problem, settings, drops: &drops)
    let n = problem.count
    guard n > 0 else { throw DataError.noObservations(reason: "every row was removed") }
    let system = try demean(&problem, settings)
    let kept = try selectRegressors(system, termNames: problem.termNames, settings, drops: &drops)
    let intercept = problem.hasIntercept ? kept.firstIndex { problem.termNames[$0] == "(Intercept)" } : nil
    let scaled = try solve(LeastSquares(system: system, kept: kept, weights: problem.weights, intercept: intercept))

    let feFull = fixedEffectParameters(problem, settings.model.smallSample)
    let dfResidual = n - kept.count - feFull
    guard dfResidual > 0 else {
      throw FixedEffectsError.noResidualDegreesOfFreedom(observations: n, parameters: kept.count + feFull)
    }
    let exact = exactFit(system, scaled, dfResidual: dfResidual, weights: problem.weights)
    var inference = try variance(problem, VarianceInput(system: system, solution: scaled, feFull: feFull), settings)
    if exact != nil {
      inference.matrix = Matrix(rows: kept.count, columns: kept.count)
      inference.notes = []
    }
    let stats = try statistics(
      problem, system, StatisticsInput(solution: scaled, feFull: feFull, dfResidual: dfResidual, exactFit: exact != nil))
    let units = Unscaling(system: system, columns: scaled.columns)
    // The scaled solution's last use: its residuals are unscaled in place, not copied.
    let solution = units.solution(consume scaled)
    let names = kept.map { problem.termNames[$0] }
    let distribution = ReferenceDistribution.studentT(degreesOfFreedom: inference.tDegreesOfFreedom)
    let rows = try units.rows(
      terms: names, solution: solution, scaledVariance: inference.matrix, exactFit: exact != nil,
      distribution: distribution, level: settings.model.confidenceLevel)
    let feValues = try recoverFixedEffects(problem, system, solution, settings)
    let notes = drops.notes + inference.notes + (exact.map { [$0] } ?? [])
      + (problem.termNames.contains(problem.responseName)
        ? ["The outcome \(problem.responseName) is also a regressor, so it explains itself exactly."] : [])

    return FixedEffectsFit(
      coefficients: rows, variance: try TermVariance(terms: names, matrix: units.variance(inference.matrix)),
      varianceType: settings.vcov, smallSample: settings.model.smallSample, referenceDistribution: distribution,
      confidenceLevel: settings.model.confidenceLevel, observationCount: n, slopeCount: kept.count,
      fixedEffectParameterCount: feFull, residualDegreesOfFreedom: dfResidual,
      tDegreesOfFreedom: inference.tDegreesOfFreedom, clusterCounts: inference.clusterCounts,
      residualSumOfSquares: stats.rss, r2: stats.r2, adjustedR2: stats.adjustedR2, withinR2: stats.withinR2,
      fTest: stats.fTest, rmse: stats.rmse, residuals: solution.residuals,
      fixedEffects: feValues, drops: drops, demeaning: system.report,
      fixedEffectLevels: problem.fixedEffects.map { FixedEffectDimension(name: $0.name, levels: $0.count) },
      notes: notes, fingerprint: settings.fingerprint, responseOverTable: problem.responseOverTable,
      observations: problem.rows)
  }

  // MARK: 1. Singletons

  /// Removes singleton observations iteratively (unless kept), recording how many.
  ///
  /// - Throws: ``FixedEffectsError/allSingletons(fixedEffects:)`` when none is left.
  static func removeSingletons(
    _ problem: inout LinearProblem, _ settings: EstimationSettings, drops: inout DropReport
  ) throws {
    guard !problem.fixedEffects.isEmpty && settings.model.singletons == .drop else { return }
    let (keep, removed) = SingletonFilter.keepMask(
      codes: problem.fixedEffects.map(\.codes), levelCounts: problem.fixedEffects.map(\.count))
    guard removed > 0 else { return }
    if removed == problem.count {
      throw FixedEffectsError.allSingletons(fixedEffects: problem.fixedEffects.map(\.name))
    }
    problem.filter(keeping: keep)
    drops.appendObservations(
      DropRecord(reason: .singleton, count: removed, variables: problem.fixedEffects.map(\.name)))
  }

  // MARK: 2. Demeaning

  /// Columns whose largest magnitude is outside `[2^-100, 2^100]` (about 7.9e-31 to 1.3e30)
  /// are scaled by a power of two before the demeaning, whose convergence test is relative to
  /// `0.1 + |coefficient|` and whose conjugate-gradient norms square the values.
  static let preScalingRange = 100

  /// The outcome (column 0) and regressors after the fixed effects were projected out, with
  /// what the later steps need from before the projection.
  struct DemeanedSystem {
    /// Column 0 the demeaned outcome, then the demeaned regressors.
    var work: Matrix
    /// The raw columns, kept only when the fixed effects are to be recovered.
    var original: Matrix?
    /// Sum of squares of each raw regressor (centred with fixed effects; scaled units).
    var totals: [Double]
    /// Total sum of squares of the outcome around its (weighted) mean (scaled units).
    var tss: Double
    /// `Σ wᵢ yᵢ²` of the raw outcome (scaled units), for the perfect-fit check.
    var outcomeSquares: Double
    /// `workᵀ W work`.
    var cross: Matrix
    /// What the solver did.
    var report: DemeaningReport
    /// The sorted layouts, kept only when the fixed effects are to be recovered.
    var structure: FixedEffectStructure?
    /// Whether there are fixed effects.
    var hasFixedEffects: Bool
    /// Column `j` of ``work`` (and every sum of squares and cross product built from it) is
    /// the model's column times `2^exponents[j]`; column 0 is the outcome.
    var exponents: [Int]
    /// Whether the outcome takes a single value.
    var constantOutcome: Bool
  }

  /// Demeans the outcome and regressors together, in place: the problem's matrix is moved out
  /// (not copied; afterwards the problem's `count` is 0, so later steps read n from
  /// ``DemeanedSystem/work``); sums of squares that need the raw values are taken first, and the raw values
  /// are copied only when the fixed effects are to be recovered.
  static func demean(_ problem: inout LinearProblem, _ settings: EstimationSettings) throws -> DemeanedSystem {
    let w = problem.weights
    let hasFE = !problem.fixedEffects.isEmpty
    var work = problem.variables
    problem.variables = Matrix(rows: 0, columns: 0)
    let original: Matrix? = settings.model.computeFixedEffects ? work : nil
    // Columns of extreme magnitude are brought near 1 before anything is summed or squared
    // (exact powers of two; ordinary columns are left alone so that the demeaning iterates
    // exactly as before).
    let pre = ColumnScaling.columnExponents(work).map { abs($0) > preScalingRange ? $0 : 0 }
    ColumnScaling.scaleColumns(&work, by: pre)
    var totals = (0..<(work.columns - 1)).map {
      columnSumOfSquares(work, column: 1 + $0, weights: w, center: hasFE)
    }
    var tss = columnSumOfSquares(work, column: 0, weights: w, center: true)
    var outcomeSquares = columnSumOfSquares(work, column: 0, weights: w, center: false)
    let constantOutcome = isConstant(work, column: 0)
    if constantOutcome { tss = 0 }
    var report = DemeaningReport(methods: [], iterations: [])
    var structure: FixedEffectStructure? = nil
    if hasFE {
      let s = FixedEffectStructure(
        names: problem.fixedEffects.map(\.name), codes: problem.fixedEffects.map(\.codes),
        levelCounts: problem.fixedEffects.map(\.count), weights: w)
      report = try Demeaner(structure: s, options: settings.model.demeaning).demean(&work).report
      if settings.model.computeFixedEffects { structure = s }
    }
    // A constant outcome is explained exactly by the intercept or the fixed effects: its
    // demeaned values are zero, not the round-off of the projection.
    if constantOutcome && hasFE && work.rows > 0 {
      for i in 0..<work.rows { work[i, 0] = 0 }
    }
    // Equilibrate the demeaned columns (largest magnitude in [1, 2)), so that the absorption
    // and collinearity checks and the cross products do not depend on the units.
    let post = ColumnScaling.columnExponents(work)
    ColumnScaling.scaleColumns(&work, by: post)
    for j in totals.indices { totals[j] = ColumnScaling.scale(totals[j], by: 2 * post[1 + j]) }
    tss = ColumnScaling.scale(tss, by: 2 * post[0])
    outcomeSquares = ColumnScaling.scale(outcomeSquares, by: 2 * post[0])
    let cross = weightedCrossProducts(work, weights: w)
    return DemeanedSystem(
      work: work, original: original, totals: totals, tss: tss, outcomeSquares: outcomeSquares, cross: cross,
      report: report, structure: structure, hasFixedEffects: hasFE, exponents: zip(pre, post).map { $0 + $1 },
      constantOutcome: constantOutcome)
  }

  /// Whether every value of a column is the same.
  static func isConstant(_ m: Matrix, column j: Int) -> Bool {
    let n = m.rows
    guard n > 0 else { return true }
    return m.elements.withUnsafeBufferPointer { x in
      let first = x[j * n]
      for i in (j * n)..<((j + 1) * n) where x[i] != first { return false }
      return true
    }
  }

  // MARK: 3. Absorbed and collinear regressors

  /// The regressors kept: those not absorbed by the fixed effects (within variation at most
  /// `1e-10` of the total) and, among them, a maximal sequentially independent set.
  ///
  /// - Returns: Indices of the kept regressors, in formula order.
  /// - Throws: ``FixedEffectsError/allRegressorsRemoved(terms:)`` when none is kept.
  static func selectRegressors(
    _ system: DemeanedSystem, termNames: [String], _ settings: EstimationSettings, drops: inout DropReport
  ) throws -> [Int] {
    let p = system.totals.count
    var candidates = [Int]()
    for j in 0..<p {
      let within = system.cross[1 + j, 1 + j]
      let total = system.totals[j]
      if system.hasFixedEffects && (total == 0 || within <= 1e-10 * total) {
        drops.appendTerm(DropRecord(reason: .absorbedByFixedEffects, count: 1, variables: [termNames[j]]))
      } else {
        candidates.append(j)
      }
    }
    let keptLocal = sequentiallyIndependentColumns(
      gram: system.cross.selecting(candidates.map { 1 + $0 }), tolerance: settings.model.collinearityTolerance)
    for (local, j) in candidates.enumerated() where !keptLocal.contains(local) {
      drops.appendTerm(DropRecord(reason: .collinear, count: 1, variables: [termNames[j]]))
    }
    let kept = keptLocal.map { candidates[$0] }
    if kept.isEmpty && p > 0 {
      throw FixedEffectsError.allRegressorsRemoved(terms: termNames)
    }
    return kept
  }

  // MARK: 4. Least squares

  /// What the solve reads.
  struct LeastSquares {
    let system: DemeanedSystem
    /// Kept regressors (indices into the term names).
    let kept: [Int]
    let weights: [Double]?
    /// The position of the intercept among the kept regressors, if there is one.
    let intercept: Int?
    /// Their columns in ``DemeanedSystem/work``.
    var columns: [Int] { kept.map { 1 + $0 } }
  }

  /// The least-squares solution.
  struct Solution {
    var beta: [Double]
    var residuals: [Double]
    /// `(XᵀWX)⁻¹`.
    var bread: Matrix
    /// The kept regressors and their columns.
    var kept: [Int]
    var columns: [Int]
  }

  /// Least squares from the normal equations by Cholesky, with one step of iterative
  /// refinement (semi-normal equations), which restores QR-level accuracy for the conditioning
  /// met in practice while reading the n × k design only twice more.
  ///
  /// - Throws: `LinearAlgebraError` when the kept cross products are not positive definite.
  static func solve(_ input: LeastSquares) throws -> Solution {
    let work = input.system.work, columns = input.columns
    let chol = try Cholesky(input.system.cross.selecting(columns))
    if input.system.constantOutcome, let a = input.intercept, work.rows > 0 {
      // A constant outcome with an intercept: the intercept is that constant, every slope 0
      // and every residual 0, exactly (the intercept column is all ones, never rescaled).
      var beta = [Double](repeating: 0, count: columns.count)
      beta[a] = work[0, 0] / work[0, columns[a]]
      return Solution(
        beta: beta, residuals: [Double](repeating: 0, count: work.rows), bread: try chol.inverse(),
        kept: input.kept, columns: columns)
    }
    var beta = try chol.solve(columns.map { input.system.cross[0, $0] })
    var residuals = residualsOf(work, columns: columns, beta: beta)
    if !columns.isEmpty {
      let correction = try chol.solve(weightedProducts(work, columns: columns, with: residuals, weights: input.weights))
      for a in beta.indices { beta[a] += correction[a] }
      residualsOf(work, columns: columns, beta: beta, into: &residuals)
    }
    return Solution(beta: beta, residuals: residuals, bread: try chol.inverse(), kept: input.kept, columns: columns)
  }

  // MARK: 5. Degrees of freedom

  /// The fixed-effect parameters: `Σ L_d − (D − 1)`, less the extra redundancies between the
  /// first two dimensions under ``SmallSampleCorrection/exactRedundancy``.
  static func fixedEffectParameters(_ problem: LinearProblem, _ ssc: SmallSampleCorrection) -> Int {
    let feLevels = problem.fixedEffects.map(\.count)
    var feFull = feLevels.isEmpty ? 0 : feLevels.reduce(0, +) - (feLevels.count - 1)
    if ssc.exactRedundancy && feLevels.count >= 2 {
      let components = ConnectedComponents.count(
        problem.fixedEffects[0].codes, problem.fixedEffects[0].count,
        problem.fixedEffects[1].codes, problem.fixedEffects[1].count)
      feFull -= components - 1
    }
    return feFull
  }

  // MARK: 7. Fit statistics

  /// What the statistics read besides the problem and the demeaned system.
  struct StatisticsInput {
    let solution: Solution
    let feFull: Int
    let dfResidual: Int
    /// Whether the fit is exact (no F test from round-off).
    let exactFit: Bool
  }

  /// The fit statistics (RSS and RMSE in the outcome's units).
  struct Statistics {
    var rss: Double
    var rmse: Double
    var r2: Double
    var adjustedR2: Double
    var withinR2: Double?
    var fTest: FTest?
  }

  /// RSS, R², adjusted R², within R² and the F test that all slopes are zero.
  static func statistics(_ problem: LinearProblem, _ system: DemeanedSystem, _ input: StatisticsInput) throws -> Statistics {
    let n = system.work.rows, kept = input.solution.kept
    let rss = weightedSumOfSquares(input.solution.residuals, weights: problem.weights, center: false)
    let tss = system.tss
    let r2 = tss > 0 ? 1 - rss / tss : .nan
    let adjR2 = 1 - (1 - r2) * Double(n - 1) / Double(n - kept.count - input.feFull)
    var withinR2: Double? = nil
    if system.hasFixedEffects {
      let tssWithin = system.cross[0, 0]
      withinR2 = tssWithin > 0 ? 1 - rss / tssWithin : .nan
    }
    let slopes = kept.filter { !(problem.hasIntercept && problem.termNames[$0] == "(Intercept)") }.count
    var fTest: FTest? = nil
    if slopes > 0 && input.exactFit {
      fTest = FTest(statistic: .nan, numeratorDegreesOfFreedom: slopes, denominatorDegreesOfFreedom: input.dfResidual, pValue: .nan)
    } else if slopes > 0 {
      let base = system.hasFixedEffects ? system.cross[0, 0] : (problem.hasIntercept ? tss : system.cross[0, 0])
      let f = ((base - rss) / Double(slopes)) / (rss / Double(input.dfResidual))
      let p = try FDistributionTail.upper(f, slopes, input.dfResidual)
      fTest = FTest(statistic: f, numeratorDegreesOfFreedom: slopes, denominatorDegreesOfFreedom: input.dfResidual, pValue: p)
    }
    let e0 = system.exponents[0]
    return Statistics(
      rss: ColumnScaling.scale(rss, by: -2 * e0), rmse: ColumnScaling.scale((rss / Double(n)).squareRoot(), by: -e0),
      r2: r2, adjustedR2: adjR2, withinR2: withinR2, fTest: fTest)
  }

  // MARK: 8. Fixed-effect values

  /// The fixed-effect values, when requested: one more demeaning solve of `y − Xβ` on the raw
  /// columns, normalised so that the first level of every dimension but the first is zero.
  static func recoverFixedEffects(
    _ problem: LinearProblem, _ system: DemeanedSystem, _ solution: Solution, _ settings: EstimationSettings
  ) throws -> [FixedEffectValues]? {
    guard settings.model.computeFixedEffects, let s = system.structure, let original = system.original else { return nil }
    let n = system.work.rows
    var r = Array(original.elements[0..<n])
    for (local, j) in solution.kept.enumerated() {
      let offset = (1 + j) * n
      for i in 0..<n { r[i] -= solution.beta[local] * original.elements[offset + i] }
    }
    var single = try Matrix(rows: n, columns: 1, columnMajor: r)
    let out = try Demeaner(structure: s, options: settings.model.demeaning).demean(&single)
    var coef = out.coefficients(ofVariable: 0, count: 1)
    for d in coef.indices.dropFirst() where !coef[d].isEmpty {
      let shift = coef[d][0]
      for g in coef[d].indices { coef[d][g] -= shift }
      for g in coef[0].indices { coef[0][g] += shift }
    }
    return problem.fixedEffects.enumerated().map { d, fe in
      FixedEffectValues(name: fe.name, levels: fe.labels, values: coef[d])
    }
  }
}
