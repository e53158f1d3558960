/// How ``AbadieImbensEstimator`` estimates the conditional outcome variance σ²(Xᵢ) that
/// enters the Abadie–Imbens (2006) standard error: `Matching::Match`'s `Var.calc` option.
///
/// Either choice feeds the same variance formula (see ``AbadieImbensEstimator``); they differ
/// only in the σ̂²ᵢ used for each unit:
///
/// - ``homoskedastic`` (`Var.calc = 0`, Match's default): one value for every unit,
///   σ̂² = ½ · Σ_r w_r (τ_r − τ̂)² / Σ_r w_r over the matched pairs r, where τ_r is the pair's
///   (treated − control) outcome difference and w_r = 1 / (number of matches of its unit).
/// - ``matching(neighbors:)`` (`Var.calc = J`): heteroskedasticity-consistent. Each unit is
///   matched to its J nearest units **of its own treatment group** (itself excluded; ties at
///   the J-th distance kept, as for the effect), and σ̂²ᵢ is the sample variance (divisor
///   count − 1) of the outcomes of the unit and those neighbours. Abadie and Imbens (2006,
///   section 4) recommend this estimator; `J = M` is a natural choice.
public enum AbadieImbensConditionalVariance: Sendable, Equatable, Hashable {
  /// One pooled σ̂² from the matched-pair differences (Match's `Var.calc = 0`).
  case homoskedastic
  /// σ̂²(Xᵢ) from `neighbors` within-group matches (Match's `Var.calc = neighbors`, ≥ 1).
  case matching(neighbors: Int)
}
