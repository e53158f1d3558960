import CausalKit

/// The heterogeneity-robust steps of ``StudyPipeline``: Callaway-Sant'Anna, the doubly robust
/// 2×2 DiD and the Goodman-Bacon decomposition of the TWFE DiD.
///
/// ## Which data each step uses, and why
///
/// The rows are students, a new Grade 9 cohort in every school each year: a repeated
/// cross-section of students within a panel of schools, with the treatment at the school
/// level. The existing steps (TWFE DiD, event study, PSM-DiD) run on these student rows, every
/// student weighing the same, with standard errors clustered by school.
///
/// - **Callaway-Sant'Anna** runs on the same student rows, as repeated cross-sections
///   (`design: .repeatedCrossSections`, no unit column) clustered by school, so that its
///   effects are student-weighted like the TWFE DiD's and its standard errors allow for the
///   school-level treatment and the school-year shocks shared by a school's students. Never
///   treated schools are the controls, the traditional doubly robust 2×2 estimator (R did's
///   `"dr"`) in every group-time cell, with the conditioning covariates (prior achievement).
///   Aggregating to school-year means first would weight schools equally instead, a different
///   estimand once effects differ between schools of different sizes.
/// - **The doubly robust 2×2 DiD** (Sant'Anna and Zhao's improved estimator, DRDID's default)
///   needs either a panel or independent rows: ``DoublyRobustDiD`` has no cluster option, and
///   on student rows its standard error would ignore the school-level treatment. So it runs on
///   the school panel of pre- and post-period means (``SchoolMeans``), two rows per school, with
///   the influence-function standard error over schools, like the PSM-DiD's school-level
///   matching.
/// - **The Goodman-Bacon decomposition** needs a balanced panel with one row per unit and
///   period and a 0/1 absorbing treatment: the school-year means, with `treat_post` as the
///   treatment. Its TWFE coefficient is the unweighted school-year regression, not the
///   student-level TWFE DiD of the main table (they differ by the varying cohort sizes).
extension StudyPipeline {
  /// Callaway-Sant'Anna on the student rows (see the extension's discussion).
  func callawaySantAnna(_ panel: AnalysisPanel, outcome: String) throws(StudyError) -> CallawaySantAnnaOutcome {
    try Self.step("Callaway-Sant'Anna", outcome) {
      let fit = try Self.callawaySantAnnaModel(panel, outcome: outcome, basePeriod: .varying).fit(panel.table)
      let offset = panel.periodOffset
      let effects = fit.effects.map { e in
        GroupTimeEffect(
          group: e.group - offset, time: e.time - offset, basePeriod: e.basePeriod - offset,
          isPostTreatment: e.isPostTreatment, row: e.row, band: e.band)
      }
      return CallawaySantAnnaOutcome(
        outcome: outcome, simple: try fit.aggregated(.simple).overall, dynamic: try fit.aggregated(.dynamic()),
        groupTimeEffects: effects, observations: fit.observationCount, clusters: fit.clusterCount ?? fit.unitCount,
        trimmed: fit.trimmedCount, notes: fit.notes + fit.drops.notes)
    }
  }

  /// The Callaway-Sant'Anna model of the study (see the extension's discussion), with a
  /// varying base period for the reported estimates or a universal one for the HonestDiD
  /// sensitivity analysis.
  ///
  /// - Throws: `OptionError` for an empty column name.
  static func callawaySantAnnaModel(
    _ panel: AnalysisPanel, outcome: String, basePeriod: BasePeriod
  ) throws(OptionError) -> CallawaySantAnna {
    let s = panel.schema
    return try CallawaySantAnna(
      outcome: outcome, time: AnalysisPanel.shiftedTimeColumn, unit: nil, cohort: AnalysisPanel.cohortColumn,
      covariates: Covariates(columns: s.conditioningCovariates), method: .traditionalDoublyRobust,
      comparison: .neverTreated, basePeriod: basePeriod, design: .repeatedCrossSections, cluster: s.unit)
  }

  /// The doubly robust 2×2 DiD on the school panel of pre/post means.
  func doublyRobustDifference(_ means: DataTable, panel: AnalysisPanel, outcome: String) throws(StudyError) -> DoublyRobustOutcome {
    let s = panel.schema
    return try Self.step("doubly robust DiD", outcome) {
      let model = try DoublyRobustDiD(
        outcome: outcome, time: AnalysisPanel.postColumn, treatment: AnalysisPanel.treatedColumn,
        unit: SchoolMeans.unitColumn, covariates: Covariates(columns: s.conditioningCovariates))
      let fit = try model.fit(means)
      let covariates = s.conditioningCovariates.isEmpty ? "no covariates" : s.conditioningCovariates.joined(separator: " + ")
      let estimate = EffectEstimate(
        estimator: "DR DiD", outcome: outcome,
        formula: "\(outcome) school means, pre vs post, treated vs control; \(covariates) (improved doubly robust)",
        row: fit.row, observations: fit.observationCount, clusters: fit.sampleSize, coefficients: [fit.row],
        varianceLabel: "Influence function (\(s.unit))")
      return DoublyRobustOutcome(
        estimate: estimate, treatedSchools: fit.treatedCount, comparisonSchools: fit.comparisonCount,
        trimmedSchools: fit.trimmedCount, droppedRows: fit.drops.observations.reduce(0) { $0 + $1.count })
    }
  }

  /// The Goodman-Bacon decomposition on the school-year means; a panel it does not apply to
  /// (unbalanced, treatment not absorbing) gives a ``BaconOutcome`` with the reason.
  func baconDecomposition(_ means: DataTable?, meansError: String?, panel: AnalysisPanel, outcome: String) -> BaconOutcome {
    guard let means else { return BaconOutcome(outcome: outcome, result: nil, unavailable: meansError ?? "no school-year means") }
    do {
      let bacon = try BaconDecomposition(
        outcome: outcome, unit: SchoolMeans.unitColumn, time: panel.schema.time, treatment: AnalysisPanel.treatPostColumn)
      return BaconOutcome(outcome: outcome, result: try bacon.fit(means), unavailable: nil)
    } catch {
      return BaconOutcome(outcome: outcome, result: nil, unavailable: "\(error)")
    }
  }
}
