import CausalCore

/// Mediation in a two-way fixed-effects difference-in-differences design, such as the
/// Shanghai Strong School Project: did the program raise scores *through* a mediator (say,
/// teacher quality)?
///
/// The treatment is the interaction `D = treated × post` (built from two 0/1 columns), and both
/// models absorb unit and time fixed effects:
///
/// - mediator: `M ~ D + covariates | unit + time` — `a` is the DiD effect on the mediator,
/// - outcome: `Y ~ M + D + covariates | unit + time` — `b` is the mediator's effect on the
///   outcome and `c` the direct DiD effect,
///
/// so the indirect effect is `a·b` and the direct effect `c` (the closed form of
/// ``MediationAnalysis/closedForm(_:)``). Variances are clustered by unit, and
/// ``bootstrap(_:replicates:seed:interval:)`` resamples whole units. Besides parallel trends
/// for the mediator and the outcome, the decomposition needs sequential ignorability *within*
/// the design: given the fixed effects and covariates, the mediator's changes are as good as
/// random with respect to the outcome's errors (no time-varying confounder of mediator and
/// outcome). ``sensitivity(_:replicates:seed:)`` shows how fragile that is.
///
/// ```swift
/// let did = try DifferenceInDifferencesMediation(
///   outcome: "score", mediator: "teacher_quality", treated: "strong_school", post: "post",
///   unit: "school", time: "year")
/// let result = try did.bootstrap(panel, replicates: 999, seed: 1)
/// result.effects.acmeAverage   // indirect effect a·b with a cluster-bootstrap interval
/// ```
public struct DifferenceInDifferencesMediation: Sendable {
  /// The 0/1 column marking treated units.
  public var treated: String
  /// The 0/1 column marking post-treatment periods.
  public var post: String
  /// The unit identifier (fixed effect and cluster).
  public var unit: String
  /// The time identifier (fixed effect).
  public var time: String
  /// The underlying analysis (treatment `treated_x_post`, fixed effects `unit + time`,
  /// variance clustered by unit).
  public var analysis: MediationAnalysis

  /// The name of the generated treatment column, `<treated>_x_<post>`.
  public var treatmentName: String { "\(treated)_x_\(post)" }

  /// Creates the design.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - mediator: The mediator column.
  ///   - treated: 0/1 treated-unit column.
  ///   - post: 0/1 post-period column.
  ///   - unit: Unit column (absorbed and clustered on).
  ///   - time: Time column (absorbed).
  ///   - covariates: Time-varying covariates, default none.
  ///   - weights: Weight column, or `nil`.
  ///   - confidenceLevel: Interval level.
  /// - Throws: ``MediationError/invalidOption(name:reason:)`` and the analysis' validation errors.
  public init(
    outcome: String, mediator: String, treated: String, post: String, unit: String, time: String,
    covariates: String = "", weights: String? = nil, confidenceLevel: Double = 0.95
  ) throws(MediationError) {
    self.treated = treated
    self.post = post
    self.unit = unit
    self.time = time
    analysis = try MediationAnalysis(
      treatment: "\(treated)_x_\(post)", mediators: [mediator], outcome: outcome, covariates: covariates,
      fixedEffects: "\(unit) + \(time)", weights: weights, vcov: .cluster([unit]), confidenceLevel: confidenceLevel)
  }

  /// The table with the `treated × post` column added.
  ///
  /// - Throws: ``MediationError/treatmentNotBinary(variable:values:)`` when `treated` or `post`
  ///   is not 0/1 among non-missing rows; ``MediationError/data(_:)`` for missing columns or a
  ///   name clash.
  /// - Complexity: O(n).
  public func prepared(_ data: DataTable) throws(MediationError) -> DataTable {
    var table = data
    do {
      let treatedColumn = try data.column(named: treated)
      let postColumn = try data.column(named: post)
      let g = try treatedColumn.doubles(), p = try postColumn.doubles()
      for (name, column, values) in [(treated, treatedColumn, g), (post, postColumn, p)] {
        let present = Set(values.indices.filter { !column.isMissing($0) }.map { values[$0] })
        guard present.isSubset(of: [0, 1]) else { throw MediationError.treatmentNotBinary(variable: name, values: present.sorted()) }
      }
      guard data[treatmentName] == nil else {
        throw MediationError.data("The table already has a column '\(treatmentName)', the generated treatment name.")
      }
      let d: [Double?] = g.indices.map { i in
        treatedColumn.isMissing(i) || postColumn.isMissing(i) ? nil : g[i] * p[i]
      }
      try table.append(Column(name: treatmentName, doubles: d))
    } catch let error as MediationError {
      throw error
    } catch {
      throw .data(String(describing: error))
    }
    return table
  }

  /// The indirect effect `a·b`, direct effect `c` and the rest, with cluster-robust
  /// delta-method standard errors.
  ///
  /// - Throws: As ``prepared(_:)`` and ``MediationAnalysis/closedForm(_:)``.
  /// - Complexity: Two fixed-effects fits.
  public func closedForm(_ data: DataTable) throws(MediationError) -> MediationResult {
    try analysis.closedForm(prepared(data))
  }

  /// Cluster-bootstrap inference: whole units are resampled and both models re-fitted.
  ///
  /// - Parameters:
  ///   - data: The panel.
  ///   - replicates: `B` (default 999).
  ///   - seed: The root seed.
  ///   - interval: Percentile (default) or BCa.
  /// - Throws: As ``MediationAnalysis/bootstrap(_:replicates:seed:cluster:interval:)``.
  /// - Complexity: `B` pairs of fixed-effects fits.
  public func bootstrap(
    _ data: DataTable, replicates: Int = 999, seed: UInt64, interval: MediationBootstrapInterval = .percentile
  ) throws(MediationError) -> MediationResult {
    try analysis.bootstrap(prepared(data), replicates: replicates, seed: seed, cluster: unit, interval: interval)
  }

  /// The sensitivity of the indirect effect to a correlation between the two models' errors
  /// (band from a cluster bootstrap over units).
  ///
  /// - Throws: As ``MediationAnalysis/sensitivity(_:rhoGrid:replicates:seed:)``.
  public func sensitivity(_ data: DataTable, replicates: Int = 999, seed: UInt64 = 1) throws(MediationError)
    -> MediationSensitivity
  {
    try analysis.sensitivity(prepared(data), replicates: replicates, seed: seed)
  }
}
