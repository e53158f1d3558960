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
public struct MediationSensitivity: Sendable, Equatable {
  /// The grid of `ρ` values.
  public var rho: [Double]
  /// `ACME(ρ)` at each grid value.
  public var acme: [Double]
  /// Lower end of the confidence band at each grid value.
  public var lower: [Double]
  /// Upper end of the confidence band at each grid value.
  public var upper: [Double]
  /// The `ρ` at which the ACME is zero (`ρ̃`).
  public var rhoAtZero: Double
  /// `R²_M* R²_Y* = ρ̃²` at that `ρ`.
  public var r2StarProductAtZero: Double
  /// `R̃²_M R̃²_Y = ρ̃² (1 − R²_M)(1 − R²_Y)` at that `ρ`.
  public var r2TildeProductAtZero: Double
  /// `R²_M* R²_Y*` at each grid value (`ρ²`), for plotting against the R² scale.
  public var r2StarProduct: [Double]
  /// `R̃²_M R̃²_Y` at each grid value.
  public var r2TildeProduct: [Double]
  /// R² of the mediator model.
  public var mediatorR2: Double
  /// R² of the outcome model.
  public var outcomeR2: Double
  /// The treatment coefficient `β₂` of the mediator model.
  public var mediatorTreatmentCoefficient: Double
  /// `σ₁`, the residual standard deviation of the reduced form.
  public var reducedFormSigma: Double
  /// `σ₂`, the residual standard deviation of the mediator model.
  public var mediatorSigma: Double
  /// Bootstrap replicates behind the band (failed ones excluded).
  public var replicates: Int
  /// Confidence level of the band.
  public var confidenceLevel: Double
  /// Observations used.
  public var observationCount: Int

  /// `ACME(ρ)` for the estimated quantities.
  ///
  /// - Complexity: O(1).
  static func acme(rho: Double, beta: Double, sigma1: Double, sigma2: Double, rhoTilde: Double, delta: Double) -> Double {
    delta * beta * sigma1 / sigma2 * (rhoTilde - rho * ((1 - rhoTilde * rhoTilde) / (1 - rho * rho)).squareRoot())
  }
}
