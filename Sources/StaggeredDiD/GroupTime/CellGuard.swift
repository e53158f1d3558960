import CausalCore
import LinearAlgebra
import Propensity

/// R did 2.5.1's two checks of a group-time cell before its 2x2 estimate
/// (`overlap_check_fail` and `rcond_check_fail`, called from `compute.att_gt`): a cell that
/// fails one is reported as NaN with the reason instead of being estimated.
///
/// - Overlap (propensity-score methods): an *unweighted* logit of the group on the covariates
///   (intercept included) over the cell's units (panels) or rows of both periods (repeated
///   cross-sections and unbalanced panels); the check fails when the largest fitted probability
///   is at least ``overlapLimit`` (0.999). Without covariates the fitted probability of every
///   unit is the share treated (closed form, no fit).
/// - Rank (outcome-regression methods, only when the overlap check passed): the reciprocal
///   condition number (1-norm, R's `rcond`) of the comparison units' unweighted cross-product
///   `X_cᵀ X_c` below machine epsilon. Without covariates it fails only without comparison
///   units, which the cells report before this check.
///
/// did applies the overlap check to `"dr"` and `"ipw"` and the rank check to `"dr"` and
/// `"reg"`; the improved doubly robust estimator, which did's `att_gt` does not offer, uses both
/// a propensity score and a comparison regression, so both checks apply to it.
///
/// The checks reuse the method's own fits where they are the ones did checks: without sampling
/// weights (all equal), the traditional doubly robust and IPW logit *is* the unweighted logit,
/// and the traditional doubly robust and regression design *is* the comparison units'
/// unweighted least squares, whose pivoted QR gives `X_cᵀ X_c = Rᵀ R` at O(k³). With unequal
/// weights, or for the improved estimator's tilting score and odds-weighted regression, the
/// check fits its own logit or forms its own cross-product.
enum CellGuard {
  /// did's limit on the largest fitted probability of the overlap check.
  static let overlapLimit = 0.999

  /// Why a cell failed a check.
  enum Violation: Sendable, Equatable {
    /// The unweighted logit's largest fitted probability is at least ``overlapLimit``.
    case overlap(largestScore: Double)
    /// The comparison units' cross-product has a reciprocal condition number below machine
    /// epsilon.
    case illConditioned(reciprocalCondition: Double)

    /// What happened and what to do, for the result's notes.
    var reason: String {
      switch self {
      case .overlap(let score):
        // Scores at DRDID's cap (1 − 10⁻⁶) may have been capped.
        let shown = score >= PropensityScores.cap ? "at least 0.999999" : SummaryFormat.fixed(score, 6)
        return "overlap condition violated: an unweighted logit of the group on the covariates gives a unit a "
          + "propensity score of \(shown) (R did's limit is 0.999), so the covariates (nearly) "
          + "separate the treated from the comparison units; drop or coarsen the separating covariates, restrict the "
          + "sample to common support, or use outcome regression"
      case .illConditioned(let rcond):
        let shown = rcond > 0 ? SummaryFormat.scientific(rcond) : "0"
        return "covariate matrix for comparison units is singular or numerically ill-conditioned (reciprocal "
          + "condition number \(shown) of their cross-product, below machine epsilon); "
          + "center or rescale the covariates, remove constant or collinear ones, or use inverse probability weighting"
      }
    }
  }

  /// Whether the overlap check applies to a method (did's `"dr"` and `"ipw"`, and the improved
  /// estimator).
  static func checksOverlap(_ method: TwoByTwoMethod) -> Bool { method != .outcomeRegression }

  /// Whether the rank check applies to a method (did's `"dr"` and `"reg"`, and the improved
  /// estimator).
  static func checksRank(_ method: TwoByTwoMethod) -> Bool { method != .inverseProbabilityWeighting }

  /// Runs the checks of `method` in did's order on a cell with both groups present.
  ///
  /// - Parameters:
  ///   - method: The cell's 2x2 estimator.
  ///   - treated: The group of each unit or row.
  ///   - covariates: The `n × k` covariates, intercept first (`k = 1` without covariates).
  ///   - weights: The sampling weights (any positive scale), one per unit or row.
  ///   - scores: The method's propensity scores, fitted on these rows with `weights`
  ///     normalised, or `nil`; used only when they are the unweighted logit.
  ///   - design: The method's comparison regression design, or `nil`; used only when it is the
  ///     comparison units' unweighted least squares.
  /// - Returns: The first check that fails, or `nil`. A logit that cannot be fitted decides
  ///   nothing: the estimate then reports its own failure.
  /// - Complexity: O(n) with reused fits or without covariates, else O(n k²) per fit (a few
  ///   Newton iterations for the logit, one cross-product for the rank) and O(k³).
  static func check(
    _ method: TwoByTwoMethod, treated: [Bool], covariates: Matrix, weights: [Double],
    scores: Result<PropensityScores, DiDError>?, design: Result<WeightedLeastSquares, DiDError>?
  ) -> Violation? {
    let unweighted = weights.allSatisfy { $0 == weights.first }
    if checksOverlap(method) {
      let reused = unweighted && method != .improvedDoublyRobust ? (try? scores?.get()) : nil
      if let largest = largestScore(treated: treated, covariates: covariates, scores: reused), largest >= overlapLimit {
        return .overlap(largestScore: largest)
      }
    }
    guard checksRank(method), covariates.columns > 1 else { return nil }
    let reusable = unweighted && method != .improvedDoublyRobust ? design : nil
    let rcond = comparisonCondition(treated: treated, covariates: covariates, design: reusable)
    return rcond < Double.ulpOfOne ? .illConditioned(reciprocalCondition: rcond) : nil
  }

  /// The largest fitted probability of the unweighted logit of the group on the covariates:
  /// the share treated without covariates, else the largest of `scores` when given (the
  /// method's own unweighted logit), else a fit of its own; `nil` when the logit cannot be
  /// fitted.
  ///
  /// - Complexity: O(n) without covariates or with `scores`; else O(n k²) per iteration.
  static func largestScore(treated: [Bool], covariates: Matrix, scores: PropensityScores?) -> Double? {
    if covariates.columns == 1 {
      let count = treated.reduce(0) { $0 + ($1 ? 1 : 0) }
      return Double(count) / Double(treated.count)
    }
    if let scores { return scores.scores.max() }
    let ones = [Double](repeating: 1, count: treated.count)
    let fitted =
      LogitNewton.fittedProbabilities(treated: treated, covariates: covariates, weights: ones)
      ?? (try? PropensityScores.logitFit(treated: treated, covariates: covariates, weights: ones))?.fittedProbabilities
    return fitted?.max()
  }

  /// The reciprocal condition number of the comparison units' cross-product `X_cᵀ X_c`: from
  /// the pivoted QR of a successful unweighted comparison design (`Rᵀ R`, the same matrix up to
  /// rounding and column order, which does not change the 1-norm), else formed from the rows.
  ///
  /// - Complexity: O(k³) from `design`; else O(n k²).
  static func comparisonCondition(treated: [Bool], covariates: Matrix, design: Result<WeightedLeastSquares, DiDError>?)
    -> Double
  {
    let gram: Matrix
    if case .success(let fitted) = design, case let r = fitted.factorization.r,
      let product = try? r.transposeMultiplied(by: r)
    {
      gram = product
    } else {
      gram = IRLSPass.weightedGram(covariates, treated.map { $0 ? 0.0 : 1.0 })
    }
    return (try? gram.reciprocalCondition()) ?? 0
  }
}
