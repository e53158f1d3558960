/// Which average the Abadie–Imbens standard error refers to: `Matching::Match`'s `sample`
/// option.
///
/// ``population`` (Match's default, `sample = FALSE`) targets the population average effect
/// and adds the variance of the unit-level effects,
/// Σᵢ∈F (τ̂ᵢ − τ̂)² / N_F², to the conditional part; ``sample`` (`sample = TRUE`) targets the
/// conditional (sample) average effect and keeps only Σᵢ σ̂²ᵢ (focalᵢ + Kᵢ)² / N_F².
public enum AbadieImbensVarianceTarget: String, Sendable, Equatable, Hashable, CaseIterable {
  /// Population average treatment effect (Match's default).
  case population
  /// Sample (conditional) average treatment effect.
  case sample
}
