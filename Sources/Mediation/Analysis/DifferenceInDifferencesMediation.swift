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
/// so the indirect effect is `a·b` and the direct effect `c` (the closed form,
/// ``MediationMethod/closedForm``, the default). Variances are clustered by unit, and the
/// bootstrap (``MediationMethod/bootstrap(replicates:cluster:interval:)``) resamples whole units. Besides parallel trends
/// for the mediator and the outcome, the decomposition needs sequential ignorability *within*
/// the design: given the fixed effects and covariates, the mediator's changes are as good as
/// random with respect to the outcome's errors (no time-varying confounder of mediator and
/// outcome). The `sensitivity:` option shows how fragile that is (its band resamples whole units).
///
/// ```swift
/// let did = try DifferenceInDifferencesMediation(
///   outcome: "score", mediator: "teacher_quality", treated: "strong_school", post: "post",
///   unit: "school", time: "year", method: .bootstrap(replicates: 999), seed: 1)
/// let result = try did.fit(panel)
/// result.effects.acmeAverage   // indirect effect a·b with a cluster-bootstrap interval
/// ```
public struct DifferenceInDifferencesMediation: Estimator {
  /// The 0/1 column marking treated units.
  public let treated: String
  /// The 0/1 column marking post-treatment periods.
  public let post: String
  /// The unit identifier (fixed effect and cluster).
  public let unit: String
  /// The time identifier (fixed effect).
  public let time: String
  /// The underlying analysis (treatment `treated_x_post`, fixed effects `unit + time`,
  /// variance clustered by unit, bootstrap over units).
  public let analysis: MediationAnalysis

  /// The name of the generated treatment column, `<treated>_x_<post>`.
  public var treatmentName: String { "\(treated)_x_\(post)" }

  /// Creates and validates the design.
  ///
  /// - Parameters:
  ///   - outcome: The outcome column.
  ///   - mediator: The mediator column.
  ///   - treated: 0/1 treated-unit column.
  ///   - post: 0/1 post-period column.
  ///   - unit: Unit column (absorbed, clustered on, resampled by the bootstrap).
  ///   - time: Time column (absorbed).
  ///   - covariates: Time-varying covariates, default none.
  ///   - weights: Weight column, or `nil`.
  ///   - confidenceLevel: Interval level.
  ///   - method: ``MediationMethod/closedForm`` (default, cluster-robust delta method) or
  ///     ``MediationMethod/bootstrap(replicates:cluster:interval:)``, whose resampling cluster
  ///     is always `unit` (leave `cluster` `nil`).
  ///   - sensitivity: Options of the sensitivity analysis, or `nil` for none.
  ///   - seed: The root seed of the bootstrap and of the sensitivity band.
  /// - Throws: ``MediationError/invalidOption(_:)`` for a quasi-Bayesian method or a bootstrap
  ///   cluster other than `unit`, and the analysis' validation errors.
  public init(
    outcome: String, mediator: String, treated: String, post: String, unit: String, time: String,
    covariates: Covariates = Covariates(), weights: String? = nil, confidenceLevel: Double = 0.95,
    method: MediationMethod = .closedForm, sensitivity: MediationSensitivityOptions? = nil, seed: UInt64 = 0
  ) throws(MediationError) {
    let resolved: MediationMethod
    switch method {
    case .closedForm: resolved = .closedForm
    case .bootstrap(let replicates, let cluster, let interval):
      guard cluster == nil || cluster == unit else {
        throw .invalidOption(
          .invalid(option: "method", value: "bootstrap by \(cluster ?? "")", expected: "a bootstrap over the units '\(unit)'"))
      }
      resolved = .bootstrap(replicates: replicates, cluster: unit, interval: interval)
    case .quasiBayesian:
      throw .invalidOption(
        .invalid(option: "method", value: method.name, expected: "closedForm or bootstrap (the design's two methods)"))
    }
    self.treated = treated
    self.post = post
    self.unit = unit
    self.time = time
    analysis = try MediationAnalysis(
      treatment: "\(treated)_x_\(post)", mediators: [mediator], outcome: outcome, covariates: covariates,
      fixedEffects: [unit, time], weights: weights, vcov: .cluster([unit]), confidenceLevel: confidenceLevel,
      method: resolved, sensitivity: sensitivity, seed: seed)
  }

  /// Adds the `treated × post` column and runs the analysis: the indirect effect `a·b`, the
  /// direct effect `c` and the rest, with cluster-robust delta-method standard errors or a
  /// bootstrap over units, and the sensitivity analysis when requested.
  ///
  /// - Parameter data: The panel.
  /// - Throws: As ``prepared(_:)`` and ``MediationAnalysis/fit(_:)``.
  /// - Complexity: Two fixed-effects fits (times `B + 1` with the bootstrap).
  public func fit(_ data: DataTable) throws(MediationError) -> MediationResult {
    try analysis.fit(prepared(data))
  }

  /// The table with the `treated × post` column added: the table ``analysis`` is fitted on.
  ///
  /// - Throws: ``MediationError/treatmentNotBinary(variable:values:)`` when `treated` or `post`
  ///   is not 0/1 among non-missing rows; ``MediationError/data(_:)`` for a missing column or a
  ///   table that already has the generated column (`DataError.duplicateColumn`).
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
        throw MediationError.data(.duplicateColumn(name: treatmentName))
      }
      let d: [Double?] = g.indices.map { i in
        treatedColumn.isMissing(i) || postColumn.isMissing(i) ? nil : g[i] * p[i]
      }
      try table.append(Column(name: treatmentName, doubles: d))
    } catch {
      throw .wrapping(error, model: "difference-in-differences treatment")
    }
    return table
  }
}
