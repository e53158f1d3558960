import CausalCore
import LinearAlgebra

extension CrossSectionComparison {
  /// Estimates the ATT of the comparison by one of Sant'Anna and Zhao's (2020) methods for
  /// repeated cross-sections, with DRDID's conventions.
  ///
  /// The doubly robust methods are the *locally efficient* estimators that DRDID's `drdid()`
  /// uses: ``TwoByTwoMethod/improvedDoublyRobust`` is `drdid_imp_rc` (tilting score, comparison
  /// regressions per period weighted by `w p/(1−p)`, treated regressions per period weighted by
  /// `w`, no estimation effects) and ``TwoByTwoMethod/traditionalDoublyRobust`` is `drdid_rc`
  /// (logit score, regressions weighted by `w`, the estimation effects of all five nuisance
  /// models in the influence function, with DRDID's signs: the pre-period regressions' effects
  /// on the treated and comparison means are added as in `drdid_rc.R`).
  /// ``TwoByTwoMethod/inverseProbabilityWeighting`` is `std_ipw_did_rc` and
  /// ``TwoByTwoMethod/outcomeRegression`` is `reg_did_rc`. Weights are divided by their mean,
  /// scores capped at `1 − 10⁻⁶` and comparison observations with `p ≥ 0.995` trimmed.
  ///
  /// - Parameter method: The method.
  /// - Returns: The estimate, its influence function and the number trimmed.
  /// - Throws: ``DiDError/noTreated(period:)`` / ``DiDError/noComparison(period:)`` when a
  ///   group has no observation in a period; ``DiDError/noOverlap(trimmed:)`` when every
  ///   comparison observation of a period is trimmed; ``DiDError/singularCovariates(model:)``
  ///   and ``DiDError/propensityFitFailed(_:)`` for nuisance models that cannot be fitted.
  /// - Complexity: O(n k²) per nuisance fit; memory O(n k).
  package func estimate(_ method: TwoByTwoMethod) throws(DiDError) -> ComparisonEstimate {
    try estimate(method, logit: nil)
  }

  /// The weights divided by their mean, as the estimators use them.
  ///
  /// - Complexity: O(n).
  var normalizedWeights: [Double] {
    let meanWeight = Moments.mean(weights)
    return weights.map { $0 / meanWeight }
  }

  /// Estimates the ATT as ``estimate(_:)``, with the logit propensity scores of the traditional
  /// doubly robust and IPW estimators already fitted (with ``normalizedWeights``) when `logit`
  /// is given: the Callaway-Sant'Anna overlap check fits them first (``CellGuard``).
  ///
  /// - Throws: As ``estimate(_:)``; a failed `logit` is thrown where the fit would have been.
  /// - Complexity: As ``estimate(_:)``.
  func estimate(_ method: TwoByTwoMethod, logit: Result<PropensityScores, DiDError>?) throws(DiDError)
    -> ComparisonEstimate
  {
    for (isPost, name) in [(false, "pre"), (true, "post")] {
      guard (0..<post.count).contains(where: { post[$0] == isPost && treated[$0] }) else {
        throw .noTreated(period: name)
      }
      guard (0..<post.count).contains(where: { post[$0] == isPost && !treated[$0] }) else {
        throw .noComparison(period: name)
      }
    }
    let w = normalizedWeights
    let fittedLogit = { () throws(DiDError) -> PropensityScores in
      if let logit { return try logit.get() }
      return try PropensityScores.logit(treated: self.treated, covariates: self.covariates, weights: w)
    }
    switch method {
    case .improvedDoublyRobust:
      let scores = try PropensityScores.tilting(treated: treated, covariates: covariates, weights: w)
      let odds = (0..<w.count).map { i in treated[i] ? 0 : w[i] * scores.scores[i] / (1 - scores.scores[i]) }
      let core = try DoublyRobustCore(self, w, scores, comparisonWeights: odds)
      return ComparisonEstimate(
        estimate: core.estimate, influence: core.leadingInfluence, trimmed: scores.trimmed, notes: scores.notes)
    case .traditionalDoublyRobust:
      let scores = try fittedLogit()
      let core = try DoublyRobustCore(self, w, scores, comparisonWeights: w)
      return ComparisonEstimate(estimate: core.estimate, influence: core.fullInfluence(scores), trimmed: scores.trimmed)
    case .inverseProbabilityWeighting:
      let scores = try fittedLogit()
      var influence = [Double](repeating: 0, count: w.count)
      var estimate = 0.0
      var direction = [Double](repeating: 0, count: covariates.columns)
      for (isPost, sign) in [(true, 1.0), (false, -1.0)] {
        let cell = { (i: Int) in self.post[i] == isPost }
        let treatedMean = NormalizedAverage(weights: groupWeights(w, treated: true, cell), values: outcome)
        let comparison = NormalizedAverage(
          weights: scores.comparisonWeights(w, treated: treated, mask: cell), values: outcome)
        guard comparison.meanWeight > 0 else { throw .noOverlap(trimmed: scores.trimmed) }
        estimate += sign * (treatedMean.value - comparison.value)
        influence = influence.plus(treatedMean.influence.minus(comparison.influence).times(sign))
        let m2 = Moments.columnMeans(comparison.influence, covariates)
        direction = direction.plus(m2.times(sign))
      }
      influence = influence.minus(scores.linearRepresentation(direction))
      return ComparisonEstimate(estimate: estimate, influence: influence, trimmed: scores.trimmed)
    case .outcomeRegression:
      let pre = try regression(w, treated: false, isPost: false)
      let postFit = try regression(w, treated: false, isPost: true)
      let treatedPost = NormalizedAverage(weights: groupWeights(w, treated: true) { self.post[$0] }, values: outcome)
      let treatedPre = NormalizedAverage(weights: groupWeights(w, treated: true) { !self.post[$0] }, values: outcome)
      let change = NormalizedAverage(
        weights: groupWeights(w, treated: true) { _ in true }, values: postFit.fitted.minus(pre.fitted))
      let m1 = Moments.columnMeans(change.scaledWeights, covariates)
      let influence = treatedPost.influence.minus(treatedPre.influence).minus(change.influence)
        .minus(postFit.linearRepresentation(m1)).plus(pre.linearRepresentation(m1))
      return ComparisonEstimate(
        estimate: (treatedPost.value - treatedPre.value) - change.value, influence: influence, trimmed: 0)
    }
  }

  /// `w` on the rows of one group within `cell`, zero elsewhere.
  func groupWeights(_ w: [Double], treated group: Bool, _ cell: (Int) -> Bool) -> [Double] {
    (0..<w.count).map { i in treated[i] == group && cell(i) ? w[i] : 0 }
  }

  /// The least-squares regression of the outcome on the covariates within one group and
  /// period, weighted by `base` (the sampling weights, or the odds-weighted ones).
  func regression(_ base: [Double], treated group: Bool, isPost: Bool) throws(DiDError) -> WeightedRegression {
    try WeightedRegression(
      outcome: outcome, covariates: covariates,
      weights: groupWeights(base, treated: group) { self.post[$0] == isPost },
      model: "\(group ? "treated" : "comparison") group's \(isPost ? "post" : "pre")-period outcome regression")
  }
}

/// The locally efficient doubly robust estimator for repeated cross-sections (DRDID's
/// `drdid_rc` and `drdid_imp_rc`): four Hajek means of `Y − μ₀(X)` (treated and odds-weighted
/// comparison, pre and post) plus the four local-efficiency terms built from the treated
/// regressions `μ₁,t(X)`.
struct DoublyRobustCore {
  /// The ATT.
  let estimate: Double
  /// The influence function without estimation effects (all of it for the improved method).
  let leadingInfluence: [Double]
  /// The four outcome regressions: comparison pre, comparison post, treated pre, treated post.
  private let regressions: [WeightedRegression]
  /// The Hajek means: treated pre/post, comparison pre/post (of `Y − μ₀,t(X)`), and the
  /// efficiency terms `w D`, `w D post`, `w D (1−post)` for post and pre.
  private let means: [String: NormalizedAverage]
  /// The covariates.
  private let covariates: Matrix

  /// Fits the regressions and means; `comparisonWeights` weight the comparison regressions
  /// (`w` for the traditional, `w p/(1−p)` for the improved estimator).
  ///
  /// - Complexity: O(n k²).
  init(_ data: CrossSectionComparison, _ w: [Double], _ scores: PropensityScores, comparisonWeights: [Double])
    throws(DiDError)
  {
    let post = data.post
    let regressions = [
      try data.regression(comparisonWeights, treated: false, isPost: false),
      try data.regression(comparisonWeights, treated: false, isPost: true),
      try data.regression(w, treated: true, isPost: false), try data.regression(w, treated: true, isPost: true),
    ]
    let n = w.count
    let comparisonFit = (0..<n).map { post[$0] ? regressions[1].fitted[$0] : regressions[0].fitted[$0] }
    let residual = data.outcome.minus(comparisonFit)
    let isPost = { (i: Int) in post[i] }, isPre = { (i: Int) in !post[i] }
    var means: [String: NormalizedAverage] = [
      "treatedPre": NormalizedAverage(weights: data.groupWeights(w, treated: true, isPre), values: residual),
      "treatedPost": NormalizedAverage(weights: data.groupWeights(w, treated: true, isPost), values: residual),
      "comparisonPre": NormalizedAverage(
        weights: scores.comparisonWeights(w, treated: data.treated, mask: isPre), values: residual),
      "comparisonPost": NormalizedAverage(
        weights: scores.comparisonWeights(w, treated: data.treated, mask: isPost), values: residual),
    ]
    guard means["comparisonPre"]?.meanWeight ?? 0 > 0, means["comparisonPost"]?.meanWeight ?? 0 > 0 else {
      throw .noOverlap(trimmed: scores.trimmed)
    }
    let gapPost = regressions[3].fitted.minus(regressions[1].fitted)
    let gapPre = regressions[2].fitted.minus(regressions[0].fitted)
    let treatedAll = data.groupWeights(w, treated: true) { _ in true }
    means["dPost"] = NormalizedAverage(weights: treatedAll, values: gapPost)
    means["dt1Post"] = NormalizedAverage(weights: data.groupWeights(w, treated: true, isPost), values: gapPost)
    means["dPre"] = NormalizedAverage(weights: treatedAll, values: gapPre)
    means["dt0Pre"] = NormalizedAverage(weights: data.groupWeights(w, treated: true, isPre), values: gapPre)
    let v = { (key: String) in means[key]?.value ?? .nan }
    self.estimate = (v("treatedPost") - v("treatedPre")) - (v("comparisonPost") - v("comparisonPre"))
      + (v("dPost") - v("dt1Post")) - (v("dPre") - v("dt0Pre"))
    let inf = { (key: String) in means[key]?.influence ?? [] }
    self.leadingInfluence = inf("treatedPost").minus(inf("treatedPre"))
      .minus(inf("comparisonPost").minus(inf("comparisonPre")))
      .plus(inf("dPost").minus(inf("dt1Post"))).minus(inf("dPre").minus(inf("dt0Pre")))
    self.regressions = regressions
    self.means = means
    self.covariates = data.covariates
  }

  /// The traditional estimator's influence function: the leading terms plus the estimation
  /// effects of the logit and the four regressions, as `drdid_rc.R` adds them.
  ///
  /// - Complexity: O(n k).
  func fullInfluence(_ scores: PropensityScores) -> [Double] {
    let colMeans = { (key: String) in Moments.columnMeans(self.means[key]?.scaledWeights ?? [], self.covariates) }
    let negate = { (x: [Double]) in x.map { -$0 } }
    let m1Post = negate(colMeans("treatedPost")), m1Pre = negate(colMeans("treatedPre"))
    let m3Post = negate(colMeans("comparisonPost")), m3Pre = negate(colMeans("comparisonPre"))
    let momPost = colMeans("dPost").minus(colMeans("dt1Post"))
    let momPre = colMeans("dPre").minus(colMeans("dt0Pre"))
    let m2 = { (key: String) in Moments.columnMeans(self.means[key]?.influence ?? [], self.covariates) }
    var influence = leadingInfluence
    influence = influence.plus(regressions[1].linearRepresentation(m1Post.minus(m3Post).minus(momPost)))
    influence = influence.plus(regressions[0].linearRepresentation(m1Pre.minus(m3Pre).plus(momPre)))
    influence = influence.plus(regressions[3].linearRepresentation(momPost))
    influence = influence.minus(regressions[2].linearRepresentation(momPre))
    return influence.minus(scores.linearRepresentation(m2("comparisonPost").minus(m2("comparisonPre"))))
  }
}
