import LinearAlgebra

/// The Abadie–Imbens nearest-neighbour matching estimator, with replacement, and its
/// standard error: the CausalKit counterpart of R's `Matching::Match` (version 4.10-8) with
/// `replace = TRUE`, `ties = TRUE`, `Weight = 1`, no observation weights and no exact
/// matching.
///
/// ```swift
/// let estimator = try AbadieImbensEstimator(estimand: .ate, matches: 2,
///                                           conditionalVariance: .matching(neighbors: 2))
/// let result = try estimator.estimate(outcome: y, treatment: d, covariates: x)
/// print(result.coefficient)
/// ```
///
/// **Matching.** Covariates are scaled by their sample standard deviations and units are
/// compared by the squared distance Σₖ (xᵢₖ − xⱼₖ)² / sₖ² (Match's `Weight = 1`; see
/// `AbadieImbensMetric` for the exact scaling). Each unit to be matched — the treated for
/// the ATT, the controls for the ATC, every unit for the ATE — is matched with replacement to
/// its M nearest units of the other group, and to every other unit of that group whose
/// distance is within ``distanceTolerance`` (10⁻⁵ by default, on the squared scaled distance)
/// of the M-th smallest: ties are kept, not broken. A unit with mᵢ matches J(i) gives each
/// weight 1/mᵢ. With a ``caliper`` a unit with fewer than M units of the other group inside
/// the caliper on every covariate is dropped.
///
/// **Estimate.** With Ŷᵢ(0) the mean outcome of i's matches for a treated i (and Ŷᵢ(1)
/// likewise for a control), τ̂ᵢ = Yᵢ − Ŷᵢ(0) or Ŷᵢ(1) − Yᵢ, and τ̂ is the mean of τ̂ᵢ over the
/// N_F matched units. With ``biasAdjustment`` each matched outcome Yⱼ is replaced by
/// Yⱼ + (Zᵢ − Zⱼ)ᵀα̂, α̂ from a regression of Y on Z among the units of j's group weighted by
/// how often they are used (Abadie and Imbens 2011; `AbadieImbensBiasAdjustment`).
///
/// **Standard error** (Abadie and Imbens 2006, as Match computes it). With F the units to be
/// matched, K_M(j) = Σ_{i: j ∈ J(i)} 1/mᵢ, KK(j) = Σ 1/mᵢ², and σ̂²ⱼ from
/// ``conditionalVariance``:
///
/// - V_sample = Σⱼ σ̂²ⱼ (1{j ∈ F} + 1{j ∉ F} K_M(j))² / N_F² (for the ATE, (1 + K_M(j))²);
/// - V_population = Σⱼ∉F σ̂²ⱼ (K_M(j)² − KK(j)) / N_F² + Σᵢ∈F (τ̂ᵢ − τ̂)² / N_F²
///   (for the ATE the first sum runs over all units with K_M² + 2K_M − KK).
///
/// ``AbadieImbensResult/standardError`` is √V_population (Match's default) or √V_sample
/// (``varianceTarget`` `.sample`). Match's conventions are kept: N_F counts units dropped by
/// the caliper, and those units enter the last sum with τ̂ᵢ = 0.
///
/// **Differences from Match.** Where Match warns and resets an option (M larger than the
/// number of possible matches, `Var.calc` too large, too few units for the bias adjustment)
/// or proceeds with a degenerate covariate, this type throws ``AbadieImbensError``.
///
/// - Complexity: with one matching covariate (e.g. a propensity score), O(n log n) for a
///   sort plus O(log n + M + ties) per matched unit, by a sorted neighbour search (no
///   n_F × n_G distance matrix); with p > 1 covariates, O(n_F · n_G · p) time and O(n_G)
///   extra memory by brute force, n_F the units to be matched and n_G the size of the group
///   supplying matches — fine for moderate n (p = 2, n = 10,000: about 0.1 s in a release
///   build). ``AbadieImbensConditionalVariance/matching(neighbors:)`` adds one within-group
///   search per unit. Note that Match's default tolerance is absolute: on large samples every
///   unit ties with all units within √10⁻⁵ ≈ 0.003 standard deviations (for n = 100,000 on a
///   propensity score, about 75 matches per unit), and time and memory grow with the number of
///   pairs; set ``distanceTolerance`` to 0 to keep only exact ties (within Match's 10⁻¹⁰ slack).
public struct AbadieImbensEstimator: Sendable {
  /// The estimand (Match's `estimand`), ATT by default.
  public var estimand: MatchingEstimand
  /// M, the number of matches per unit (Match's `M`), 1 by default.
  public var matches: Int
  /// How σ²(Xᵢ) is estimated (Match's `Var.calc`), homoskedastic by default.
  public var conditionalVariance: AbadieImbensConditionalVariance
  /// Population (default) or sample average effect as the variance's target (Match's `sample`).
  public var varianceTarget: AbadieImbensVarianceTarget
  /// Whether to apply the regression bias adjustment (Match's `BiasAdjust`), off by default.
  public var biasAdjustment: Bool
  /// Caliper in standard deviations: one value for every covariate or one per covariate
  /// (Match's `caliper`); `nil` for none.
  public var caliper: [Double]?
  /// Ties tolerance on the squared scaled distance (Match's `distance.tolerance`), 10⁻⁵.
  public var distanceTolerance: Double
  /// Confidence level of the reported interval, 0.95 by default.
  public var confidenceLevel: Double

  /// Creates an estimator; every default is `Matching::Match`'s.
  ///
  /// - Parameters:
  ///   - estimand: ATT, ATC or ATE.
  ///   - matches: M ≥ 1.
  ///   - conditionalVariance: `.homoskedastic` (`Var.calc = 0`) or `.matching(neighbors: J)`.
  ///   - varianceTarget: `.population` or `.sample`.
  ///   - biasAdjustment: Whether to adjust matched outcomes by regression.
  ///   - caliper: Positive caliper widths in standard deviations, or `nil`.
  ///   - distanceTolerance: Non-negative ties tolerance.
  ///   - confidenceLevel: Interval level in (0, 1).
  /// - Throws: ``AbadieImbensError/invalidOption(name:value:reason:)`` for a value outside
  ///   these ranges.
  public init(
    estimand: MatchingEstimand = .att, matches: Int = 1,
    conditionalVariance: AbadieImbensConditionalVariance = .homoskedastic,
    varianceTarget: AbadieImbensVarianceTarget = .population, biasAdjustment: Bool = false,
    caliper: [Double]? = nil, distanceTolerance: Double = 1e-5, confidenceLevel: Double = 0.95
  ) throws(AbadieImbensError) {
    self.estimand = estimand
    self.matches = matches
    self.conditionalVariance = conditionalVariance
    self.varianceTarget = varianceTarget
    self.biasAdjustment = biasAdjustment
    self.caliper = caliper
    self.distanceTolerance = distanceTolerance
    self.confidenceLevel = confidenceLevel
    try validateOptions()
  }

  /// Estimates the effect by matching on one score, such as an estimated propensity score.
  ///
  /// Equivalent to ``estimate(outcome:treatment:covariates:adjustmentCovariates:)`` with a
  /// one-column covariate matrix; uses the O(n log n) sorted search.
  ///
  /// - Parameters:
  ///   - outcome: Y, one finite value per unit.
  ///   - treatment: Treatment indicator per unit.
  ///   - score: The score to match on, one finite value per unit.
  ///   - adjustmentCovariates: Z for the bias adjustment, n × q; the score when `nil`.
  /// - Returns: The estimate, standard errors and matches.
  /// - Throws: ``AbadieImbensError`` as for the covariate-matrix form.
  public func estimate(
    outcome: [Double], treatment: [Bool], score: [Double], adjustmentCovariates: Matrix? = nil
  ) throws(AbadieImbensError) -> AbadieImbensResult {
    let matrix = Matrix(uncheckedRows: score.count, columns: 1, elements: score)
    return try estimate(
      outcome: outcome, treatment: treatment, covariates: matrix, adjustmentCovariates: adjustmentCovariates)
  }

  /// Estimates the effect by matching on the given covariates.
  ///
  /// - Parameters:
  ///   - y: The outcome Y, one finite value per unit.
  ///   - treatment: Treatment indicator per unit.
  ///   - covariates: Matching covariates X, n × p, finite, none constant.
  ///   - adjustmentCovariates: Z for the bias adjustment, n × q (Match's `Z`); X when `nil`.
  ///     Ignored without ``biasAdjustment``.
  /// - Returns: The estimate, standard errors and matches.
  /// - Throws: ``AbadieImbensError``: mismatched lengths, empty input, a NaN or infinite
  ///   value, no treated or no control units, fewer possible matches than M (or than the
  ///   within-group neighbours requested), a constant covariate, a caliper that drops every
  ///   unit, or an unsolvable bias-adjustment regression.
  /// - Complexity: see the type's discussion.
  public func estimate(
    outcome y: [Double], treatment: [Bool], covariates: Matrix, adjustmentCovariates: Matrix? = nil
  ) throws(AbadieImbensError) -> AbadieImbensResult {
    try validateOptions()
    let adjustment = biasAdjustment ? (adjustmentCovariates ?? covariates) : nil
    let groups = try validateData(outcome: y, treatment: treatment, covariates: covariates, adjustment: adjustment)
    let focal = estimand == .atc ? treatment.map { !$0 } : treatment
    let metric = try AbadieImbensMetric(covariates: covariates, caliper: caliper)
    let search = AbadieImbensNeighborSearch(metric: metric, treatment: treatment, tolerance: distanceTolerance)
    let set = AbadieImbensMatchSet(
      search: search, focal: focal, treatment: treatment, everyUnit: estimand == .ate, count: matches)
    guard !set.units.isEmpty else { throw .noMatches(dropped: set.dropped) }
    let terms = AbadieImbensUnitTerms(set: set, outcome: y, focal: focal, adjustment: adjustment)
    let (rowWeights, owners) = set.rowWeightsAndUnits()
    var effects = AbadieImbensPairEffects(set: set, owners: owners, outcome: y, focal: focal)
    var unitEffects = terms.unitEffects
    if let adjustment {
      try checkAdjustmentSize(adjustment.columns, groups: groups, matchedWeight: rowWeights.reduce(0, +))
      try effects.adjust(
        terms: terms, adjustment: adjustment, outcome: y, focal: focal, bothGroups: estimand == .ate,
        unitEffects: &unitEffects)
    }
    let focalEstimate = Self.weightedMean(effects.adjusted, rowWeights)
    let sigmas = conditionalVariance.unitVariances(
      pairEffects: effects.adjusted, rowWeights: rowWeights, estimate: focalEstimate, outcome: y,
      treatment: treatment, search: search)
    let variances = variance(
      sigmas: sigmas, terms: terms, unitEffects: unitEffects, focal: focal, estimate: focalEstimate)
    let sign = estimand == .atc ? -1.0 : 1.0
    let pairs = effects.pairs(weights: rowWeights, treatment: treatment)
    let naive = Self.naive(pairs: pairs, outcome: y)
    return AbadieImbensResult(
      estimand: estimand, estimate: sign * focalEstimate,
      standardError: (varianceTarget == .population ? variances.population : variances.sample).squareRoot(),
      conditionalStandardError: (max(variances.sample, variances.population) - variances.sample).squareRoot(),
      naiveStandardError: naive.standardError, unadjustedEstimate: naive.estimate, observationCount: y.count,
      matchedCount: set.units.count, droppedCount: set.dropped, pairs: pairs, matchCounts: terms.matchCounts,
      conditionalVariances: sigmas, confidenceLevel: confidenceLevel)
  }

  // MARK: - Variance

  /// V_sample and V_population in the focal orientation.
  private func variance(
    sigmas: [Double], terms: AbadieImbensUnitTerms, unitEffects: [Double], focal: [Bool], estimate: Double
  ) -> (sample: Double, population: Double) {
    let everyUnit = estimand == .ate
    var focalCount = 0.0
    for f in focal where everyUnit || f { focalCount += 1 }
    let squaredCount = focalCount * focalCount
    var sample = 0.0, conditional = 0.0, heterogeneity = 0.0
    for i in sigmas.indices {
      let t = everyUnit || focal[i] ? 1.0 : 0.0
      let c = everyUnit || !focal[i] ? 1.0 : 0.0
      let k = terms.matchCounts[i], kk = terms.squaredMatchCounts[i]
      let a = t + c * k
      sample += sigmas[i] * a * a / squaredCount
      let reuse = everyUnit ? c * k * k + 2 * c * k - c * kk : c * k * k - c * kk
      conditional += sigmas[i] * reuse / squaredCount
      let e = unitEffects[i] - estimate
      heterogeneity += t * e * e
    }
    return (sample, conditional + heterogeneity / squaredCount)
  }

  /// Match's `est.noadj` and `se.standard` from the pairs in the original orientation.
  private static func naive(pairs: [AbadieImbensPair], outcome y: [Double]) -> (estimate: Double, standardError: Double) {
    var total = 0.0, weightSum = 0.0
    for p in pairs {
      total += (y[p.treated] - y[p.control]) * p.weight
      weightSum += p.weight
    }
    let mean = total / weightSum
    var squares = 0.0
    for p in pairs {
      let e = y[p.treated] - y[p.control] - mean
      squares += e * e * p.weight
    }
    return (mean, (squares / (weightSum * weightSum)).squareRoot())
  }

  static func weightedMean(_ values: [Double], _ weights: [Double]) -> Double {
    var total = 0.0, weightSum = 0.0
    for r in values.indices {
      total += weights[r] * values[r]
      weightSum += weights[r]
    }
    return total / weightSum
  }
}
