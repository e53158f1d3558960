import CausalCore
import FixedEffects

/// Gardner's (2021) two-stage difference-in-differences, whose point estimates are Borusyak,
/// Jaravel and Spiess's (2024) imputation estimates: unit and period effects are estimated from
/// the untreated observations only, every outcome is residualised with them, and the
/// residuals of treated observations are averaged (the ATT) or regressed on event-time dummies
/// (an event study).
///
/// Because the effects come from untreated observations (never treated, and treated units
/// before treatment), no already-treated observation serves as a control, so heterogeneous or
/// growing effects do not bias the estimate as they bias two-way fixed effects.
///
/// Conventions (R did2s, pyfixest `did2s`):
/// - Treatment is `1{cohort > 0 and t ≥ cohort}`; the cohort column holds the first treated
///   period, 0 for never treated.
/// - First stage `y ~ 0 | unit + time` on untreated rows, or `y ~ covariates | unit + time`
///   with ``covariates`` (R did2s `first_stage = ~ x1 | unit + time`, Stata did_imputation's
///   `controls()`); every row's outcome is residualised with the untreated rows' coefficients
///   and effects. Covariates expand as formula terms (dummies, interactions, `i()`); those with
///   no variation left on the untreated rows once the unit and period effects are out
///   (time-constant ones, absorbed by the unit effects) or collinear with earlier ones are
///   removed and listed in the result's ``TwoStageDiDResult/drops`` (`terms`), and rows with a
///   missing covariate are removed and counted there too. Second stage without intercept.
///   The event study has one dummy per relative period of treated cohorts except the
///   reference periods (−1 by default); never-treated rows are in the reference.
/// - Standard errors (``Variance``) are cluster sums (clustered by unit unless another cluster
///   is given), without small-sample factor; inference is normal.
///   - ``Variance/gmm`` (default): Gardner's GMM-corrected variance (R did2s),
///     `V = M (Σ_g s_g s_gᵀ) M` with `M = (X₂ᵀWX₂)⁻¹` and
///     `s_g = Σ_{i∈g} wᵢ (x₂ᵢ u₂ᵢ − Γᵀx₁ᵢ⁰ u₁ᵢ)`, `Γ = (X₁⁰ᵀWX₁⁰)⁻¹ X₁ᵀWX₂`, `X₁` the first
///     stage's design (covariates, unit and period dummies).
///   - ``Variance/imputation(groups:leaveOut:)``: Borusyak, Jaravel and Spiess's (2024,
///     Theorem 3) conservative variance (Stata did_imputation). Each estimate is linear in the
///     outcomes, `τ̂ = Σ vᵢₜ Yᵢₜ`, with `vᵢₜ` the target weight on treated rows (the sampling
///     weight over the term's total) and `v₀ = −W₀Z₀(Z₀ᵀW₀Z₀)⁻¹Z₁ᵀw₁` on untreated rows (`Z` the
///     covariates and the unit and period dummies, solved by the same two-way normal equations
///     as the first stage); `σ̂² = Σ_c (Σ_{it∈c} vᵢₜ ε̃ᵢₜ)²` with the first-stage residual on
///     untreated rows and `τ̂ᵢₜ − τ̃ᵢₜ` on treated rows, `τ̃` the equation (8) average of the
///     effects within the row's group (cohort × period by default, ``ImputationGroups``),
///     optionally leaving the row's cluster out. The covariance between terms is the same cluster sum of products.
///     Leads of an event study (untreated rows with a term) enter with their first-stage
///     residuals; Borusyak, Jaravel and Spiess test pre-trends separately (`preTrendLeads`).
/// - Units never untreated in the sample (always treated) and periods in which every unit is
///   treated cannot be imputed: their rows are removed (``DropReason/alreadyTreated``).
/// - The covariates' coefficients come from the Frisch-Waugh-Lovell form of the first stage:
///   each covariate column is residualised on the unit and period effects of the untreated
///   rows (the two-way normal equations), then a small dense system gives the coefficients;
///   the variance corrections use the same residualised columns.
///
/// ```swift
/// let did2s = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", cluster: "state")
/// let result = try did2s.fit(panel)
/// print(result.att)
/// let bjs = try TwoStageDiD(
///   outcome: "y", unit: "id", time: "year", cohort: "cohort", cluster: "state", variance: .imputation)
/// print(try bjs.fit(panel).att)
/// let adjusted = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: ["x1t"])
/// print(try adjusted.fit(panel).drops.droppedTerms)   // covariate terms removed, if any
/// ```
public struct TwoStageDiD: StaggeredPanelEstimator {
  /// The second stage.
  public enum SecondStage: Sendable, Equatable, Codable {
    /// One coefficient: the ATT over all treated observations.
    case pooled
    /// One coefficient per relative period except the reference periods.
    case eventStudy(referencePeriods: [Int])
  }

  /// The outcome, unit, time and cohort columns, the time-varying covariates of the first stage
  /// (`y ~ covariates | unit + time` on the untreated rows; none by default) and the weight
  /// column.
  public let columns: StaggeredPanelColumns
  /// The second stage.
  public let secondStage: SecondStage
  /// The cluster column; `nil` clusters by unit.
  public let cluster: String?
  /// The number of leads in Borusyak, Jaravel and Spiess's pre-trend test (0 for none).
  public let preTrendLeads: Int
  /// The variance estimator behind the standard errors.
  public let variance: Variance
  /// The confidence level.
  public let confidenceLevel: Double

  /// Creates the estimator.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - unit: The unit column.
  ///   - time: The time column.
  ///   - cohort: The cohort column.
  ///   - covariates: Covariates of the first stage (column names or formula terms), none by
  ///     default; they are also in the pre-trend test's regression.
  ///   - secondStage: Pooled ATT (default) or an event study.
  ///   - cluster: The cluster column (default: the unit).
  ///   - weights: A weight column.
  ///   - preTrendLeads: Leads in the pre-trend test (Borusyak, Jaravel and Spiess's test 1:
  ///     on untreated observations, `y ~ lead dummies + covariates | unit + time`, a Wald test
  ///     that the `preTrendLeads` periods before treatment have no effect), or 0 for no test.
  ///   - variance: Gardner's GMM variance (default) or Borusyak, Jaravel and Spiess's
  ///     conservative variance (``Variance/imputation``).
  ///   - confidenceLevel: The confidence level, in (0, 1).
  /// - Throws: `OptionError` for an empty column name, an event study without reference
  ///   period, a negative number of leads, or a level outside (0, 1).
  public init(
    outcome: String, unit: String, time: String, cohort: String, covariates: Covariates = Covariates(),
    secondStage: SecondStage = .pooled, cluster: String? = nil, weights: String? = nil, preTrendLeads: Int = 0,
    variance: Variance = .gmm, confidenceLevel: Double = 0.95
  ) throws(OptionError) {
    try OptionError.requireCount(preTrendLeads, atLeast: 0, option: "preTrendLeads")
    try OptionError.requireLevel(confidenceLevel)
    let columns = try StaggeredPanelColumns(
      outcome: outcome, unit: unit, time: time, cohort: cohort, covariates: covariates, weights: weights)
    if case .eventStudy(let references) = secondStage {
      try StaggeredPanelColumns.requireReferencePeriods(references)
    }
    self.columns = columns
    self.secondStage = secondStage
    self.cluster = cluster
    self.preTrendLeads = preTrendLeads
    self.variance = variance
    self.confidenceLevel = confidenceLevel
  }

  /// Estimates both stages and the variance.
  ///
  /// - Parameter data: One row per unit and period.
  /// - Returns: The second-stage coefficients with standard errors from ``variance``.
  /// - Throws: ``DiDError`` for invalid data (including covariate terms that do not resolve),
  ///   no treated or no untreated observations, a first stage that does not converge, or a
  ///   leave-out variance with a group of treated observations in one cluster.
  /// - Complexity: The first stage solves its unit and period equations for 1 + p + k
  ///   right-hand sides (p covariate columns, k second-stage terms): O(n + T²) each after
  ///   reducing them to the T periods once (O(Σᵤ kᵤ² + T³), kᵤ the rows of unit u), or O(n) per
  ///   Gauss-Seidel sweep when that reduction would cost more; O(n p² + p³) for the
  ///   covariates' system; O(n k (p + k)) for the second stage and the variance.
  public func fit(_ data: DataTable) throws -> TwoStageDiDResult {
    let sample = try TwoStageSample(data, model: self)
    let result = try TwoStageEstimation.run(sample, model: self)
    guard preTrendLeads > 0 else { return result }
    return result.adding(preTrendTest: try preTrendTest(data))
  }

  /// Borusyak, Jaravel and Spiess's test 1: on the untreated observations, unit and period
  /// effects, the covariates, and dummies for the `preTrendLeads` periods before treatment, and
  /// the Wald test that the dummies are zero (clustered as the estimator).
  ///
  /// - Throws: ``DiDError`` for invalid columns; the regression's errors.
  func preTrendTest(_ data: DataTable) throws -> WaldTest {
    let leadColumn = "bjs_lead"
    guard data[leadColumn] == nil else {
      throw DiDError.data(.invalidValues(column: leadColumn, reason: "the table already has a column with the name the pre-trend test generates"))
    }
    let (times, cohorts) = try PeriodColumns.read(data, time: time, cohort: cohort)
    var rows: [Int] = []
    var leads: [Int?] = []
    for i in times.indices where !times[i].isNaN && !cohorts[i].isNaN {
      let treatedNow = cohorts[i] > 0 && times[i] >= cohorts[i]
      guard !treatedNow else { continue }
      rows.append(i)
      let lead = cohorts[i] > 0 ? Int(times[i] - cohorts[i]) : 0
      leads.append(lead >= -preTrendLeads && lead <= -1 ? lead : 0)
    }
    var table = data.selecting(rows: rows)
    try table.append(Column(name: leadColumn, ints: leads))
    let formula = try Formula(
      response: outcome, terms: ["i(\(leadColumn), ref = 0)"], covariates: covariates, fixedEffects: [unit, time])
    let fit = try FixedEffectsModel(formula: formula, weights: weights, vcov: .cluster([cluster ?? unit]))
      .fit(table)
    let terms = fit.coefficients.map(\.term).filter { $0.hasPrefix(leadColumn + "::") }
    guard !terms.isEmpty else {
      throw DiDError.noTreatedCohorts(reason: "no untreated observation falls in the \(preTrendLeads) periods before treatment")
    }
    return try fit.waldTest(terms: terms)
  }
}
