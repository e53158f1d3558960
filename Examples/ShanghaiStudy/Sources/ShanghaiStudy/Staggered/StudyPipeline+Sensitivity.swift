import CausalKit

/// The HonestDiD step of ``StudyPipeline``: the sensitivity of the Callaway-Sant'Anna event
/// study to violations of parallel trends (Rambachan and Roth 2023).
///
/// ## What it computes, and why
///
/// HonestDiD needs an event study in which every coefficient is a deviation from one reference
/// period, so Callaway-Sant'Anna is refitted with the study's options but a universal base
/// period (every cohort's cells against its year before joining, event time −1) and aggregated
/// dynamically; its post-treatment estimates are those of the reported varying-base-period
/// fit. `ParallelTrendsSensitivity` then bounds the post-treatment violation of parallel trends
/// by the relative-magnitude restriction `Δ^RM(M̄)` (each year-to-year change of the violation
/// after treatment at most M̄ times the largest such change before it) for every M̄ of
/// ``Options/sensitivityMbar``, with HonestDiD's conditional least-favourable hybrid intervals
/// (1,000 grid points, centred on the estimate; see ``sensitivityGrid(_:)``).
///
/// The target is the effect at event time 0, the joining year, rather than the average of the
/// post-treatment event times: under `Δ^RM` the bias allowed at event time `e` grows as
/// `(e + 1) M̄` times the largest pre-treatment change, so an average over event times 0–3
/// mixes four amounts of allowed drift and is driven by the latest event times, which in the
/// staggered scenario rest on the earliest cohort alone. The joining year is the period the
/// pre-treatment trends speak to most directly, and HonestDiD's default target.
extension StudyPipeline {
  /// The event time whose effect the sensitivity analysis bounds.
  static let sensitivityEventTime = 0

  /// The HonestDiD sensitivity analysis of one outcome's Callaway-Sant'Anna event study (see
  /// the extension's discussion); a panel it does not apply to (a single pre-treatment period,
  /// say) gives a ``SensitivityOutcome`` with the reason.
  ///
  /// - Parameters:
  ///   - panel: The prepared panel.
  ///   - outcome: The outcome column.
  /// - Returns: The analysis, or the reason it is missing.
  /// - Complexity: One Callaway-Sant'Anna fit, plus O(M̄ values × pre-periods × 2,000) small
  ///   linear programs.
  func parallelTrendsSensitivity(_ panel: AnalysisPanel, outcome: String) -> SensitivityOutcome {
    var study: EventStudyEstimates?
    do {
      let fit = try Self.callawaySantAnnaModel(panel, outcome: outcome, basePeriod: .universal).fit(panel.table)
      let estimates = try EventStudyEstimates(fit.aggregated(.dynamic()))
      study = estimates
      let analysis = try ParallelTrendsSensitivity(
        restriction: .relativeMagnitude(mbar: options.sensitivityMbar), target: .eventTime(Self.sensitivityEventTime),
        gridBounds: Self.sensitivityGrid(estimates))
      return SensitivityOutcome(outcome: outcome, eventStudy: estimates, result: try analysis.analyze(estimates), unavailable: nil)
    } catch {
      return SensitivityOutcome(outcome: outcome, eventStudy: study, result: nil, unavailable: "\(error)")
    }
  }

  /// The test-inversion grid: ±20 standard errors around the target's estimate, or `nil` (the
  /// analysis then reports the missing event time). HonestDiD's default grid, ±20 standard
  /// errors around 0, cuts off the intervals of an effect more than about 17 standard errors
  /// from zero, as the study's effects are.
  static func sensitivityGrid(_ study: EventStudyEstimates) -> ClosedRange<Double>? {
    guard let i = study.eventTimes.firstIndex(of: sensitivityEventTime) else { return nil }
    let (estimate, halfWidth) = (study.estimates[i], 20 * study.standardErrors[i])
    return halfWidth > 0 ? (estimate - halfWidth)...(estimate + halfWidth) : nil
  }
}
