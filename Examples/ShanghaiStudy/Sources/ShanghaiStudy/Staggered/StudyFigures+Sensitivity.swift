import CausalKit

extension StudyFigures {
  /// The HonestDiD sensitivity analysis of the Callaway-Sant'Anna event study, one panel per
  /// outcome: the effect at event time 0 with its original 95% interval (exact parallel
  /// trends) above the robust intervals for each M̄ (relative magnitudes), the breakdown M̄
  /// and, for simulated data, the true effect in the note; `nil` when no outcome has an
  /// analysis.
  ///
  /// A robust interval's point is its midpoint (HonestDiD gives an interval, no point
  /// estimate); an empty interval (the data reject the restriction) has no point.
  public func honestDiD() -> Figure? {
    let analyses = results.outcomes.compactMap { a in a.sensitivity.flatMap { s in s.result.map { (a.outcome, s, $0) } } }
    guard !analyses.isEmpty else { return nil }
    var plots = [any SVGChart]()
    for (outcome, summary, result) in analyses {
      var estimates = [
        CoefficientPlot.Estimate(
          label: "Original (parallel trends)", estimate: result.estimate, low: result.original.lower, high: result.original.upper)
      ]
      for row in result.robust {
        let (low, high) = (row.interval.lower, row.interval.upper)
        estimates.append(.init(label: "M̄ = \(NumberFormatting.compact(row.value))", estimate: (low + high) / 2, low: low, high: high))
      }
      var note = "breakdown M̄ \(summary.breakdownText)"
      if let change = summary.largestPreTreatmentChange { note += "; largest pre-period change \(NumberFormatting.fixed(change))" }
      if let t = truth?.truth(forOutcome: outcome)?.byEventTime[StudyPipeline.sensitivityEventTime] {
        note += "; true \(NumberFormatting.fixed(t))"
      }
      plots.append(CoefficientPlot(
        estimates: estimates, layout: .terms,
        text: ChartText(
          title: "\(Self.displayName(outcome)): effect in the joining year", xTitle: "Effect at event time 0 (SD), 95% interval",
          note: note), width: 540, height: 360))
    }
    return Self.grid(
      "honest-did.svg",
      caption: "HonestDiD: Callaway-Sant'Anna effect in the joining year, original 95% interval and robust intervals by M̄ (relative magnitudes)",
      title: "Sensitivity to violations of parallel trends (HonestDiD, relative magnitudes)", charts: plots)
  }
}
