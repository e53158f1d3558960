import CausalKit

extension StudyFigures {
  /// The TWFE event study (left) next to Callaway-Sant'Anna's dynamic aggregation (right), one
  /// row per outcome, by event time (years since the school joined), with the true effects in
  /// each panel's note for simulated data; `nil` without Callaway-Sant'Anna.
  ///
  /// The HonestDiD sensitivity analysis of the CS event study has its own figure,
  /// ``honestDiD()``.
  public func staggeredEventStudy() -> Figure? {
    let outcomes = results.outcomes.filter { $0.callawaySantAnna != nil }
    guard !outcomes.isEmpty else { return nil }
    var plots = [any SVGChart]()
    for a in outcomes {
      let name = Self.displayName(a.outcome)
      let twfe = a.eventStudy.estimates.filter { !$0.isReference }.map { ($0.relativeTime, $0.row) }
      let reference = a.eventStudy.estimates.first(where: \.isReference)?.relativeTime
      let cs = (a.callawaySantAnna?.dynamic.breakdown ?? []).map { ($0.key, $0.row) }
      let trueNote = truth?.truth(forOutcome: a.outcome).map { t in
        "; true e ≥ 0: " + t.byEventTime.keys.sorted().map { NumberFormatting.fixed(t.byEventTime[$0] ?? .nan, 2) }.joined(separator: ", ")
      } ?? ""
      plots.append(Self.eventTimePlot(twfe, reference: reference, title: "\(name): TWFE event study", note: "ref = -1, CR1 by \(results.schema.unit)\(trueNote)"))
      plots.append(Self.eventTimePlot(cs, reference: nil, title: "\(name): Callaway-Sant'Anna", note: "placebo leads vs previous year\(trueNote)"))
    }
    return Self.grid(
      "staggered-event-study.svg",
      caption: "Event study by years since joining: TWFE (left) and Callaway-Sant'Anna (right), 95% intervals",
      title: "TWFE (left) and Callaway-Sant'Anna (right) event studies by years since joining", charts: plots)
  }

  /// The Goodman-Bacon decomposition: the weight of each comparison type (left) and its
  /// weighted 2×2 estimate per outcome (right); `nil` when no decomposition was computed or it
  /// has only one type (a common treatment start: all weight on the clean comparison).
  public func bacon() -> Figure? {
    let decompositions = results.outcomes.compactMap { a in a.bacon?.result.map { (a.outcome, $0) } }
    guard let first = decompositions.first?.1, first.totals.count > 1 else { return nil }
    let weights = first.totals.map { BarChart.Bar(category: $0.type.label, value: $0.weight) }
    var estimates = [BarChart.Bar]()
    for total in first.totals {
      for (outcome, d) in decompositions {
        if let t = d.total(total.type) { estimates.append(.init(category: total.type.label, group: Self.displayName(outcome), value: t.estimate)) }
      }
    }
    let charts: [any SVGChart] = [
      BarChart(bars: weights, text: ChartText(title: "Weight in the TWFE DiD", yTitle: "Weight (sums to 1)"), width: 540, height: 360),
      BarChart(bars: estimates, text: ChartText(title: "Weighted 2×2 DiD by comparison", yTitle: "Estimate (SD)"), width: 540, height: 360),
    ]
    return Self.grid(
      "bacon.svg", caption: "Goodman-Bacon decomposition of the TWFE DiD: weight and estimate of each comparison type",
      title: "Goodman-Bacon decomposition of the TWFE DiD", charts: charts)
  }

  /// One event-time coefficient plot.
  static func eventTimePlot(_ points: [(Int, CoefficientRow)], reference: Int?, title: String, note: String) -> CoefficientPlot {
    let estimates = points.map { e, row in
      CoefficientPlot.Estimate(label: "\(e)", position: Double(e), estimate: row.estimate, low: row.confLow, high: row.confHigh)
    }
    return CoefficientPlot(
      estimates: estimates, layout: .eventStudy, referencePosition: reference.map(Double.init),
      text: ChartText(title: title, xTitle: "Years since joining", yTitle: "Effect (SD) and 95% CI", note: note), width: 540, height: 360)
  }
}
