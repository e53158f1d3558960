import CausalCore
import LinearAlgebra
import Propensity

/// The propensity scores of a comparison, capped and trimmed as DRDID does, with the logit's
/// estimation effect for the influence function.
///
/// Scores are capped at `1 − 10⁻⁶` (DRDID's `pmin(ps, 1 - 1e-6)`; there is no floor, unlike
/// moderndid's `1e-6`); comparison units whose capped score is at least ``trimmingLevel``
/// (0.995) get weight zero in the DR and IPW averages (``keep`` is `false` for them) and are
/// counted in ``trimmed``. Treated units are never trimmed.
struct PropensityScores: Sendable {
  /// DRDID's trimming level for comparison units.
  static let trimmingLevel = 0.995
  /// DRDID's cap on the scores.
  static let cap = 1 - 1e-6

  /// The capped scores.
  let scores: [Double]
  /// `false` for trimmed comparison units.
  let keep: [Bool]
  /// The number of trimmed comparison units.
  let trimmed: Int
  /// Notes on how the scores were obtained (tilting fallbacks).
  let notes: [String]
  /// `n (Xᵀ diag(p(1−p)w) X)⁻¹` of the logit, or `nil` for tilting scores.
  let scaledInverseInformation: Matrix?
  /// `wᵢ (Dᵢ − pᵢ)`, the logit score's scalar factor (empty for tilting scores).
  let scoreFactors: [Double]
  /// The covariates.
  private let covariates: Matrix

  /// Caps and trims raw scores.
  private init(raw: [Double], treated: [Bool], covariates: Matrix, information: Matrix?, factors: [Double], notes: [String]) {
    let capped = raw.map { min($0, Self.cap) }
    var keep = [Bool](repeating: true, count: capped.count)
    var trimmed = 0
    for i in capped.indices where !treated[i] && capped[i] >= Self.trimmingLevel {
      keep[i] = false
      trimmed += 1
    }
    self.scores = capped
    self.keep = keep
    self.trimmed = trimmed
    self.notes = notes
    self.scaledInverseInformation = information
    self.scoreFactors = factors
    self.covariates = covariates
  }

  /// Logit scores by maximum likelihood with the sampling weights, as DRDID's
  /// `fastglm(family = binomial())`: in closed form without covariates, else by ``LogitNewton``,
  /// falling back to Propensity's IRLS solver when Newton's method does not converge cleanly.
  ///
  /// - Parameters:
  ///   - treated: The group of each row.
  ///   - covariates: The `n × k` covariates, intercept first.
  ///   - weights: The normalised sampling weights (positive).
  /// - Throws: ``DiDError/propensityFitFailed(_:)`` when the logit fails;
  ///   ``DiDError/singularCovariates(model:)`` when its information is singular at the scores.
  /// - Complexity: O(n k²) per IRLS iteration; O(n) without covariates (closed form).
  static func logit(treated: [Bool], covariates: Matrix, weights: [Double]) throws(DiDError) -> PropensityScores {
    if covariates.columns == 1 {
      // Intercept only: the maximum-likelihood score is the weighted share treated, which
      // IRLS reaches only up to its convergence tolerance.
      var treatedMass = 0.0, total = 0.0
      for (isTreated, w) in zip(treated, weights) {
        total += w
        if isTreated { treatedMass += w }
      }
      let share = treatedMass / total
      if share > 0, share < 1 {  // otherwise the general fit reports the failure
        return try logit(
          raw: [Double](repeating: share, count: treated.count), treated: treated, covariates: covariates,
          weights: weights)
      }
    }
    if let fitted = LogitNewton.fittedProbabilities(treated: treated, covariates: covariates, weights: weights) {
      return try logit(raw: fitted, treated: treated, covariates: covariates, weights: weights)
    }
    let fit = try logitFit(treated: treated, covariates: covariates, weights: weights)
    return try logit(raw: fit.fittedProbabilities, treated: treated, covariates: covariates, weights: weights)
  }

  /// The weighted logit of the group on the covariates, separation allowed (the scores then
  /// approach 0 or 1 and are capped and trimmed, as with R's `glm`).
  ///
  /// - Throws: ``DiDError/propensityFitFailed(_:)`` (or the data error) when the fit fails.
  /// - Complexity: O(n k²) per IRLS iteration.
  static func logitFit(treated: [Bool], covariates: Matrix, weights: [Double]) throws(DiDError) -> BinaryRegressionFit {
    do {
      return try BinaryRegression.fit(
        response: treated.map { $0 ? 1 : 0 }, design: covariates,
        termNames: (0..<covariates.columns).map { "x\($0)" }, weights: weights, allowSeparation: true)
    } catch {
      throw DiDError.wrapping(error)
    }
  }

  /// Logit scores from fitted probabilities: the information `Xᵀ diag(p(1−p)w) X` is formed at
  /// the capped scores, as DRDID does.
  ///
  /// - Complexity: O(n k²).
  static func logit(raw: [Double], treated: [Bool], covariates: Matrix, weights: [Double]) throws(DiDError)
    -> PropensityScores
  {
    let n = raw.count
    var newton = [Double](repeating: 0, count: n)
    var factors = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let p = min(raw[i], cap)
      newton[i] = p * (1 - p) * weights[i]
      factors[i] = weights[i] * ((treated[i] ? 1 : 0) - p)
    }
    let information = IRLSPass.weightedGram(covariates, newton)
    guard let inverse = try? Cholesky(information).inverse() else {
      throw .singularCovariates(model: "propensity-score logit")
    }
    return PropensityScores(
      raw: raw, treated: treated, covariates: covariates, information: Double(n) * inverse, factors: factors,
      notes: [])
  }

  /// Inverse-probability-tilting scores (see ``InverseProbabilityTilting``), whose improved DR
  /// estimator needs no estimation-effect correction.
  ///
  /// - Complexity: O(n k²) per Newton iteration.
  static func tilting(treated: [Bool], covariates: Matrix, weights: [Double]) throws(DiDError) -> PropensityScores {
    let solution = try InverseProbabilityTilting.solve(treated: treated, covariates: covariates, weights: weights)
    return PropensityScores(
      raw: solution.scores, treated: treated, covariates: covariates, information: nil, factors: [],
      notes: solution.notes)
  }

  /// The logit's estimation effect on an average whose derivative with respect to the logit
  /// coefficients is `direction`: `wᵢ (Dᵢ − pᵢ) xᵢᵀ n(XᵀWX)⁻¹ c` (DRDID's
  /// `asy.lin.rep.ps %*% M`). Zero for tilting scores.
  ///
  /// - Complexity: O(n k).
  func linearRepresentation(_ direction: [Double]) -> [Double] {
    guard let information = scaledInverseInformation else { return [Double](repeating: 0, count: scores.count) }
    let a = information.symmetricProduct(direction)
    let projected = covariates.rowProducts(a)
    return zip(scoreFactors, projected).map { $0 * $1 }
  }

  /// Adds `scale ×` ``linearRepresentation(_:)`` to `out`, in place (no temporary vectors).
  ///
  /// - Complexity: O(n k).
  func addLinearRepresentation(_ direction: [Double], scale: Double, to out: inout [Double]) {
    guard let information = scaledInverseInformation else { return }
    covariates.addScaledProjection(information.symmetricProduct(direction), factors: scoreFactors, scale: scale, to: &out)
  }

  /// The odds `p/(1−p)` times `base`, zero for trimmed units: the comparison weights of the
  /// DR and IPW averages (`trim.ps * i.weights * ps * (1 − D)/(1 − ps)` restricted by `mask`).
  ///
  /// - Complexity: O(n).
  func comparisonWeights(_ base: [Double], treated: [Bool], mask: (Int) -> Bool = { _ in true }) -> [Double] {
    (0..<scores.count).map { i in
      !treated[i] && keep[i] && mask(i) ? base[i] * scores[i] / (1 - scores[i]) : 0
    }
  }
}

/// Averages over the rows of a comparison.
enum Moments {
  /// The plain mean, `Σ aᵢ / n`.
  ///
  /// - Complexity: O(n).
  static func mean(_ a: [Double]) -> Double {
    a.isEmpty ? .nan : a.reduce(0, +) / Double(a.count)
  }

  /// `colMeans(a * X)`, i.e. `Xᵀa / n`.
  ///
  /// - Complexity: O(n k).
  static func columnMeans(_ a: [Double], _ covariates: Matrix) -> [Double] {
    let n = Double(covariates.rows)
    return covariates.columnProducts(a).map { $0 / n }
  }
}
