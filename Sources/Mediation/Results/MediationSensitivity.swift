import CausalCore

/// How the ACME of a linear-linear mediation analysis changes when sequential ignorability
/// fails: the sensitivity analysis of Imai, Keele and Yamamoto (2010), R's `medsens` for two
/// linear models.
///
/// With `ε₁` the error of the reduced form `Y ~ T + X`, `ε₂` that of the mediator model
/// `M ~ T + X` and `ε₃` that of the outcome model `Y ~ T + M + X`, the sensitivity parameter is
/// `ρ = corr(ε₂, ε₃)` (0 under sequential ignorability). For each `ρ`,
///
/// `ACME(ρ) = Δ β₂ (σ₁ / σ₂) (ρ̃ − ρ √((1 − ρ̃²) / (1 − ρ²)))`
///
/// where `β₂` is the treatment coefficient of the mediator model, `σ₁`, `σ₂` the standard
/// deviations of the residuals of the reduced form and the mediator model, `ρ̃` their
/// correlation and `Δ = treated − control`. At `ρ = 0` this is the product of coefficients;
/// the ACME is zero at `ρ = ρ̃`.
///
/// The same `ρ` is expressed through a confounder `U` of mediator and outcome by the share of
/// the models' variance it would explain: `ρ² = R²_M* R²_Y*` (shares of the previously
/// *unexplained* variances) and `R̃²_M R̃²_Y = ρ² (1 − R²_M)(1 − R²_Y)` (shares of the *total*
/// variances), with `R²_M`, `R²_Y` the R² of the mediator and outcome models.
///
/// How to read it: the further ``rhoAtZero`` is from 0 (and the larger the R² products), the
/// stronger an unobserved confounder would have to be to explain the ACME away.
///
/// The band is a percentile bootstrap band (pairs, or clusters when the analysis' variance is
/// clustered), computed from the same four quantities re-estimated on each resample; `medsens`
/// uses an analytic variance instead, so bands differ slightly.
///
/// Requested with ``MediationAnalysis``'s `sensitivity:` option (``MediationSensitivityOptions``)
/// and reported as ``MediationResult/sensitivity``. Encoded with the keys `rho`, `acme`,
/// `conf_low`, `conf_high` (the band, arrays over the grid), `rho_at_zero`,
/// `r2_star_product_at_zero`, `r2_tilde_product_at_zero` and the rest in snake_case,
/// non-finite numbers as `null`.
public struct MediationSensitivity: Sendable, Equatable, Encodable {
  /// The grid of `ρ` values.
  public let rho: [Double]
  /// `ACME(ρ)` at each grid value.
  public let acme: [Double]
  /// The confidence band at each grid value.
  public let band: [ConfidenceInterval]
  /// The `ρ` at which the ACME is zero (`ρ̃`).
  public let rhoAtZero: Double
  /// `R²_M* R²_Y* = ρ̃²` at that `ρ`.
  public let r2StarProductAtZero: Double
  /// `R̃²_M R̃²_Y = ρ̃² (1 − R²_M)(1 − R²_Y)` at that `ρ`.
  public let r2TildeProductAtZero: Double
  /// `R²_M* R²_Y*` at each grid value (`ρ²`), for plotting against the R² scale.
  public let r2StarProduct: [Double]
  /// `R̃²_M R̃²_Y` at each grid value.
  public let r2TildeProduct: [Double]
  /// R² of the mediator model.
  public let mediatorR2: Double
  /// R² of the outcome model.
  public let outcomeR2: Double
  /// The treatment coefficient `β₂` of the mediator model.
  public let mediatorTreatmentCoefficient: Double
  /// `σ₁`, the residual standard deviation of the reduced form.
  public let reducedFormSigma: Double
  /// `σ₂`, the residual standard deviation of the mediator model.
  public let mediatorSigma: Double
  /// Bootstrap replicates behind the band (failed ones excluded).
  public let replicates: Int
  /// Confidence level of the band.
  public let confidenceLevel: Double
  /// Observations used.
  public let observationCount: Int

  /// Encodes the curve, the band (as `conf_low`/`conf_high` arrays) and the thresholds.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .numbers("rho", rho), .numbers("acme", acme), .numbers("conf_low", band.map(\.lower)),
      .numbers("conf_high", band.map(\.upper)), .number("rho_at_zero", rhoAtZero),
      .number("r2_star_product_at_zero", r2StarProductAtZero), .number("r2_tilde_product_at_zero", r2TildeProductAtZero),
      .numbers("r2_star_product", r2StarProduct), .numbers("r2_tilde_product", r2TildeProduct),
      .number("mediator_r2", mediatorR2), .number("outcome_r2", outcomeR2),
      .number("mediator_treatment_coefficient", mediatorTreatmentCoefficient),
      .number("reduced_form_sigma", reducedFormSigma), .number("mediator_sigma", mediatorSigma),
      .value("reps", replicates), .number("confidence_level", confidenceLevel), .value("nobs", observationCount),
    ])
  }

  /// `ACME(ρ)` for the estimated quantities.
  ///
  /// - Complexity: O(1).
  static func acme(rho: Double, beta: Double, sigma1: Double, sigma2: Double, rhoTilde: Double, delta: Double) -> Double {
    delta * beta * sigma1 / sigma2 * (rhoTilde - rho * ((1 - rhoTilde * rhoTilde) / (1 - rho * rho)).squareRoot())
  }
}
