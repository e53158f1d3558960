import CausalKit
import Foundation

/// The Strong School Project analysis: naive comparison, two-way fixed-effects DiD, event
/// study with a joint pre-trend test, school-level propensity-score matching with balance and
/// PSM-DiD, the wild cluster bootstrap and the heterogeneity-robust estimators of staggered
/// adoption (Callaway-Sant'Anna, the doubly robust DiD, and the Goodman-Bacon decomposition of
/// the TWFE DiD; see the `StudyPipeline+Staggered` extension for the data each uses) with the
/// HonestDiD sensitivity analysis of the Callaway-Sant'Anna event study, for every outcome of
/// a panel; then the mediators' DiD shifts and, if configured, a mediation stage (run once for
/// all outcomes).
///
/// Every step uses CausalKit's public API only:
///
/// | step | CausalKit call |
/// |---|---|
/// | naive | `FixedEffectsModel("y ~ treated")` on treated periods, CR1 by unit |
/// | DiD | `DifferenceInDifferences` with `.twoWayFixedEffects` (`y ~ treat_post \| unit + time`, CR1 by unit) |
/// | event study | `EventStudy` (reference −1), ``PreTrendTest`` from its variance matrix |
/// | PSM-DiD | `PropensityMatchedDifferenceInDifferences` (logit, 1:1 nearest neighbour without replacement, caliper) |
/// | bootstrap | `WildClusterBootstrap` (WCR, Rademacher, test-inversion interval) |
/// | Callaway-Sant'Anna | `CallawaySantAnna` (doubly robust, never-treated controls, repeated cross-sections clustered by unit), `aggregated(.simple)` and `aggregated(.dynamic())` |
/// | DR DiD | `DoublyRobustDiD` on the unit panel of pre/post means |
/// | Bacon | `BaconDecomposition` of the TWFE DiD on the unit-period means |
/// | HonestDiD | `CallawaySantAnna` with `basePeriod: .universal`, `EventStudyEstimates` of its `aggregated(.dynamic())`, `ParallelTrendsSensitivity` (relative magnitudes, event time 0) |
/// | mediation | ``Options/mediation``, e.g. ``DifferenceInDifferencesMediationStage`` (`MediationAnalysis`) |
/// | causal chain | ``Options/chain``, ``CausalChainStage`` (`SequentialMediation`, `InterventionalMediation`) |
///
/// ```swift
/// let panel = try SchoolPanelGenerator().generate()
/// let results = try StudyPipeline().run(panel.table, schema: panel.schema)
/// print(results["math"]?.difference.row.estimate ?? .nan)
/// ```
public struct StudyPipeline: Sendable {
  /// The pipeline's options.
  public struct Options: Sendable {
    /// Wild bootstrap replicates; 0 skips the bootstrap.
    public var bootstrapReplicates: Int = 9_999
    /// Seed of the bootstrap weights.
    public var bootstrapSeed: UInt64 = 20_180_901
    /// Caliper of the matching, in SDs of the propensity score.
    public var caliper: Double = 0.2
    /// Whether to run the propensity-score matching and PSM-DiD (needs covariates).
    public var matching: Bool = true
    /// The event study's reference period, relative to the first treated period.
    public var referencePeriod: Int = -1
    /// Whether to run Callaway-Sant'Anna, the doubly robust DiD and the Goodman-Bacon
    /// decomposition.
    public var staggeredEstimators: Bool = true
    /// The M̄ values of the HonestDiD sensitivity analysis of the Callaway-Sant'Anna event
    /// study (relative magnitudes; see the `StudyPipeline+Sensitivity` extension), 0 to 2 in
    /// steps of 0.25 by default; empty skips the analysis. Runs only with
    /// ``staggeredEstimators``.
    public var sensitivityMbar: [Double] = (0...8).map { Double($0) / 4 }
    /// The mediation stage, or `nil` (mediator shifts only). The `ssp-study` tool sets
    /// ``DifferenceInDifferencesMediationStage``.
    public var mediation: (any MediationStage)?
    /// The causal-chain mediation stage (path-specific and interventional effects with the
    /// mediators in causal order), or `nil`. Runs when the panel has every mediator of its
    /// order. The `ssp-study` tool sets ``CausalChainStage`` for the synthetic panel.
    public var chain: CausalChainStage?

    /// The default options.
    public init() {}
  }

  /// The options.
  public var options: Options

  /// Creates a pipeline.
  ///
  /// - Parameter options: The options (default: B = 9,999, caliper 0.2, matching on).
  public init(options: Options = Options()) {
    self.options = options
  }

  /// Runs every step on a panel.
  ///
  /// - Parameters:
  ///   - data: One row per student.
  ///   - schema: The column mapping.
  /// - Returns: The results.
  /// - Throws: ``StudyError/invalidPanel(column:reason:)`` when the panel does not fit the
  ///   schema; ``StudyError/estimationFailed(step:outcome:message:)`` naming the failed step.
  public func run(_ data: DataTable, schema: PanelSchema) throws(StudyError) -> StudyResults {
    var clock = StepClock()
    let panel = try AnalysisPanel(data, schema: schema)
    clock.lap("prepare panel")
    var outcomes = [OutcomeAnalysis]()
    var matching: MatchingSummary? = nil
    let postTable = panel.postPeriodTable
    var periodMeans: DataTable? = nil, postMeans: DataTable? = nil, meansError: String? = nil
    if options.staggeredEstimators {
      do {
        periodMeans = try SchoolMeans.table(panel, by: .period)
        postMeans = try SchoolMeans.table(panel, by: .post)
      } catch {
        meansError = "\(error)"
      }
      clock.lap("school means")
    }
    for outcome in schema.outcomes {
      let naive = try naiveComparison(postTable, panel: panel, outcome: outcome)
      let did = try difference(panel, outcome: outcome, estimator: "TWFE DiD")
      clock.lap("naive + DiD: \(outcome)")
      let events = try eventStudy(panel, outcome: outcome)
      clock.lap("event study: \(outcome)")
      var matched: EffectEstimate? = nil
      if options.matching && !schema.covariates.isEmpty {
        let (estimate, summary) = try matchedDifference(panel, outcome: outcome)
        matched = estimate
        if matching == nil { matching = summary }
        clock.lap("PSM-DiD: \(outcome)")
      }
      var bootstrap: WildBootstrapSummary? = nil
      if options.bootstrapReplicates > 0 {
        bootstrap = try wildBootstrap(panel, outcome: outcome)
        clock.lap("wild bootstrap: \(outcome)")
      }
      var analysis = OutcomeAnalysis(
        outcome: outcome, naive: naive, difference: did, eventStudy: events, matchedDifference: matched,
        bootstrap: bootstrap, mediation: [])
      if options.staggeredEstimators {
        analysis.callawaySantAnna = try callawaySantAnna(panel, outcome: outcome)
        clock.lap("Callaway-Sant'Anna: \(outcome)")
        if let postMeans {
          analysis.doublyRobust = try doublyRobustDifference(postMeans, panel: panel, outcome: outcome)
        } else {
          throw .estimationFailed(step: "school means", outcome: outcome, message: meansError ?? "no means")
        }
        analysis.bacon = baconDecomposition(periodMeans, meansError: meansError, panel: panel, outcome: outcome)
        clock.lap("DR DiD + Bacon: \(outcome)")
        if !options.sensitivityMbar.isEmpty {
          analysis.sensitivity = parallelTrendsSensitivity(panel, outcome: outcome)
          clock.lap("HonestDiD: \(outcome)")
        }
      }
      outcomes.append(analysis)
    }
    if let stage = options.mediation, !schema.mediators.isEmpty, !schema.outcomes.isEmpty {
      let estimates: [[MediationEstimate]]
      do {
        estimates = try stage.estimate(panel: panel, outcomes: schema.outcomes, mediators: schema.mediators)
      } catch {
        throw .estimationFailed(step: "mediation", outcome: schema.outcomes.joined(separator: ", "), message: "\(error)")
      }
      for (i, e) in zip(outcomes.indices, estimates) { outcomes[i].mediation = e }
      clock.lap("mediation: all outcomes")
    }
    var chain: CausalChainResults? = nil
    if let stage = options.chain, !schema.outcomes.isEmpty, stage.order.allSatisfy({ panel.table[$0] != nil }) {
      do {
        chain = try stage.estimate(panel: panel, outcomes: schema.outcomes)
      } catch {
        throw .estimationFailed(step: "causal chain", outcome: schema.outcomes.joined(separator: ", "), message: "\(error)")
      }
      clock.lap("causal chain: all outcomes")
    }
    let shifts = try schema.mediators.map { (m: String) throws(StudyError) in try difference(panel, outcome: m, estimator: "mediator DiD") }
    clock.lap("mediator shifts")
    return StudyResults(
      schema: schema, observations: panel.table.rowCount, units: panel.unitCount, treatedUnits: panel.treatedUnitCount,
      periods: panel.periods, firstTreatedPeriod: panel.firstTreatedPeriod, outcomes: outcomes, matching: matching,
      mediatorShifts: shifts, mediationMethod: options.mediation?.name, timings: clock.laps,
      adoptionPeriods: panel.adoptionPeriods, chain: chain)
  }

  /// Reads a CSV panel (header row; empty fields and NA missing) and runs every step on it.
  ///
  /// - Parameters:
  ///   - path: The CSV file.
  ///   - schema: The column mapping.
  /// - Throws: ``StudyError/invalidPanel(column:reason:)`` when the file cannot be read, and
  ///   the errors of ``run(_:schema:)``.
  public func run(csvPath path: String, schema: PanelSchema) throws(StudyError) -> StudyResults {
    let table: DataTable
    do { table = try CSVReader().read(path: path) } catch { throw .invalidPanel(column: path, reason: error.description) }
    return try run(table, schema: schema)
  }

  // MARK: - Steps

  /// Treated vs control units in treated periods, `y ~ treated`, CR1 by unit.
  func naiveComparison(_ post: DataTable, panel: AnalysisPanel, outcome: String) throws(StudyError) -> EffectEstimate {
    let unit = panel.schema.unit
    let formula = "\(outcome) ~ \(AnalysisPanel.treatedColumn)"
    return try Self.step("naive comparison", outcome) {
      let fit = try FixedEffectsModel(formula: formula, vcov: .cluster([unit])).fit(post)
      guard let row = fit.coefficient(AnalysisPanel.treatedColumn) else {
        throw FixedEffectsError.allRegressorsRemoved(terms: [AnalysisPanel.treatedColumn])
      }
      return EffectEstimate(estimator: "naive post-period difference", outcome: outcome, formula: formula, fit: fit, row: row, cluster: unit)
    }
  }

  /// `y ~ treat_post | unit + time`, CR1 by unit.
  func difference(_ panel: AnalysisPanel, outcome: String, estimator: String) throws(StudyError) -> EffectEstimate {
    let s = panel.schema
    return try Self.step(estimator, outcome) {
      let did = try DifferenceInDifferences(
        outcome: outcome, design: .twoWayFixedEffects(treatment: AnalysisPanel.treatPostColumn, unit: s.unit, time: s.time)
      ).fit(panel.table)
      return EffectEstimate(
        estimator: estimator, outcome: outcome, formula: "\(outcome) ~ \(AnalysisPanel.treatPostColumn) | \(s.unit) + \(s.time)",
        fit: did.fit, row: did.effect, cluster: s.unit)
    }
  }

  /// Leads and lags relative to the first treated period, with the joint pre-trend test.
  func eventStudy(_ panel: AnalysisPanel, outcome: String) throws(StudyError) -> EventStudyOutcome {
    let s = panel.schema
    return try Self.step("event study", outcome) {
      let study = try EventStudy(
        outcome: outcome, unit: s.unit, time: s.time, treatmentStart: AnalysisPanel.startColumn,
        neverTreatedValues: [panel.neverTreated], referencePeriod: options.referencePeriod)
      let result = try study.fit(panel.table)
      return EventStudyOutcome(
        outcome: outcome, firstTreatedPeriod: panel.firstTreatedPeriod, estimates: result.estimates,
        preTrendTest: try PreTrendTest(result: result))
    }
  }

  /// School-level matching on the covariates, then the weighted DiD on the matched schools.
  func matchedDifference(_ panel: AnalysisPanel, outcome: String) throws(StudyError) -> (EffectEstimate, MatchingSummary) {
    let s = panel.schema
    let covariates = s.covariates.joined(separator: " + ")
    let caliper = options.caliper
    return try Self.step("PSM-DiD", outcome) {
      let design = try PropensityMatchedDifferenceInDifferences(
        outcome: outcome, unit: s.unit, time: s.time, treated: AnalysisPanel.treatedColumn, post: AnalysisPanel.postColumn,
        covariates: Covariates(columns: s.covariates),
        matcher: NearestNeighborMatcher(ratio: 1, replace: false, caliper: Caliper(caliper)))
      let result = try design.fit(panel.table)
      let estimate = EffectEstimate(
        estimator: "PSM-DiD", outcome: outcome,
        formula: "\(outcome) ~ treated_post | \(s.unit) + \(s.time), matched schools, weights", fit: result.did.fit,
        row: result.effect, cluster: s.unit)
      let summary = MatchingSummary(
        formula: "\(AnalysisPanel.treatedColumn) ~ \(covariates)", propensityCoefficients: result.matching.propensity.coefficients,
        caliper: caliper, counts: result.matching.matched.counts, balance: result.matching.balance,
        scores: result.matching.propensity.fittedProbabilities, treated: result.matching.matched.treatment,
        matchingWeights: result.matching.matched.weights)
      return (estimate, summary)
    }
  }

  /// WCR wild cluster bootstrap of the DiD coefficient with a test-inversion 95% interval.
  func wildBootstrap(_ panel: AnalysisPanel, outcome: String) throws(StudyError) -> WildBootstrapSummary {
    let s = panel.schema
    // The period effects enter as dummies rather than as an absorbed fixed effect: the
    // coefficient, its CR1 standard error and the small-sample factor are identical (the year
    // dummies count in K either way; the school effects, nested in the clusters, do not), but
    // with only cluster-nested fixed effects the bootstrap's projections are closed-form. With
    // an absorbed year effect that crosses clusters, `WildClusterBootstrap` runs one two-way
    // demeaning fit per cluster (2G fits with the interval), which dominated the run time.
    let regressors = [AnalysisPanel.treatPostColumn] + panel.periodDummies
    let formula = "\(outcome) ~ " + regressors.joined(separator: " + ") + " | \(s.unit)"
    return try Self.step("wild cluster bootstrap", outcome) {
      let model = try FixedEffectsModel(formula: formula, vcov: .cluster([s.unit]))
      let test = try WildClusterBootstrap(
        model: model, cluster: s.unit, hypothesis: .term(AnalysisPanel.treatPostColumn), weights: .rademacher,
        replicates: options.bootstrapReplicates, imposeNull: true, seed: options.bootstrapSeed, confidenceLevel: 0.95)
      return WildBootstrapSummary(outcome: outcome, result: try test.fit(panel.table))
    }
  }

  /// Runs a step, wrapping CausalKit's errors in ``StudyError/estimationFailed(step:outcome:message:)``.
  static func step<T>(_ name: String, _ outcome: String, _ body: () throws -> T) throws(StudyError) -> T {
    do {
      return try body()
    } catch let error as StudyError {
      throw error
    } catch {
      throw .estimationFailed(step: name, outcome: outcome, message: "\(error)")
    }
  }
}

/// Wall-clock laps of the pipeline's steps.
struct StepClock {
  var laps = [(step: String, seconds: Double)]()
  var last = Date()

  mutating func lap(_ step: String) {
    let now = Date()
    laps.append((step, now.timeIntervalSince(last)))
    last = now
  }
}
