/// How one two-group, two-period comparison is estimated (Sant'Anna and Zhao 2020).
///
/// The four estimators of R's DRDID package, by the names its `drdid()` gives them:
/// - ``improvedDoublyRobust`` (`imp`): propensity score by inverse probability tilting and the
///   control group's outcome regression weighted by the odds `p/(1 − p)`; doubly robust and
///   locally efficient, and its influence function needs no estimation-effect correction.
/// - ``traditionalDoublyRobust`` (`trad`): logit propensity score and unweighted outcome
///   regression of the controls, with the estimation effects of both in the influence function.
/// - ``inverseProbabilityWeighting`` (`ipw`): Abadie's (2005) weighting with the weights
///   normalised to sum to one in each group (Hajek form).
/// - ``outcomeRegression`` (`reg`): Heckman, Ichimura and Todd's (1997) regression adjustment
///   with the controls' outcome model.
///
/// Without covariates all four equal the difference of the groups' mean outcome changes.
public enum TwoByTwoMethod: String, Sendable, Equatable, Codable, CaseIterable {
  /// Improved (locally efficient) doubly robust estimator, `imp`.
  case improvedDoublyRobust = "imp"
  /// Traditional doubly robust estimator, `trad`.
  case traditionalDoublyRobust = "trad"
  /// Normalised inverse probability weighting, `ipw`.
  case inverseProbabilityWeighting = "ipw"
  /// Outcome regression, `reg`.
  case outcomeRegression = "reg"
}
