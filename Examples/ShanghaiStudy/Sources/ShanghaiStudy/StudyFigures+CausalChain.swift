import CausalKit

extension StudyFigures {
  /// The causal-chain figure (`causal-chain.svg`), or `nil` when the stage did not run: per
  /// subject, the seven path-specific effects through the mediators (left) and the
  /// interventional effects, the mediator-dependence part and the joint indirect effect
  /// (right), each estimate with its 95% interval next to the true value.
  public func causalChain() -> Figure? {
    guard let chain = results.chain else { return nil }
    let comparison = CausalChainComparison(chain: chain, truth: truth)
    var charts = [any SVGChart]()
    for o in chain.outcomes {
      let paths = comparison.entries(outcome: o.outcome, kind: .path).filter { !$0.mediators.isEmpty }
      let pathBars = paths.flatMap { Self.chainBars($0, category: $0.mediators.map(CausalChainComparison.letter).joined(separator: "→")) }
      charts.append(BarChart(
        bars: pathBars,
        text: ChartText(
          title: "\(Self.displayName(o.outcome)): path-specific effects", xTitle: "Path from SSP to the score through",
          yTitle: "Effect (SD)", note: "Delta-method 95% CI, clustered by school"), width: 540, height: 360))
      let summary = comparison.entries(outcome: o.outcome, kind: .interventional).map {
        ($0, "Int. " + ($0.mediators.first.map(CausalChainComparison.letter) ?? ""))
      } + comparison.entries(outcome: o.outcome, kind: .dependence).map { ($0, "Dependence") }
        + comparison.entries(outcome: o.outcome, kind: .joint).map { ($0, "Joint") }
      charts.append(BarChart(
        bars: summary.flatMap { Self.chainBars($0.0, category: $0.1) },
        text: ChartText(
          title: "\(Self.displayName(o.outcome)): interventional and joint indirect effects", yTitle: "Effect (SD)",
          note: "Interventional: cluster bootstrap over schools; joint: delta method"), width: 540, height: 360))
    }
    return Self.grid(
      "causal-chain.svg",
      caption: "Mediators in causal order (L = leadership, T = teaching style, P = peer relationships): path-specific, "
        + "interventional and joint indirect effects, estimates with 95% intervals and true values",
      title: "Causal chain leadership → teaching style → peer relationships: estimates and truth", charts: charts)
  }

  /// An estimate's bar with its interval and, when known, the true value's bar.
  static func chainBars(_ e: CausalChainComparison.Entry, category: String) -> [BarChart.Bar] {
    var bars = [BarChart.Bar(category: category, group: "Estimate (95% CI)", value: e.row.estimate, low: e.row.confLow, high: e.row.confHigh)]
    if let t = e.truth { bars.append(.init(category: category, group: "True", value: t)) }
    return bars
  }
}
