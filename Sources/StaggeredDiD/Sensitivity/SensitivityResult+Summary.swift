import CausalCore

extension SensitivityResult {
  /// A readable report: the restriction and method, the target with its original interval,
  /// one line per size with its robust interval (marked when it reaches the grid's end), and
  /// the breakdown value.
  ///
  /// - Returns: Multi-line text without trailing spaces.
  /// - Complexity: O(sizes).
  public func summary() -> String {
    let symbol = kind == .relativeMagnitude ? "Mbar" : "M"
    let restriction = kind == .relativeMagnitude
      ? "relative magnitudes (post-period violations at most Mbar times the largest pre-period one)"
      : "smoothness (second differences of the violation at most M)"
    let scaled = 100 * confidenceLevel
    let percent = scaled == scaled.rounded() ? String(Int(scaled)) : SummaryFormat.number(scaled)
    let targetText: String
    switch target {
    case .eventTime(let e): targetText = "event time \(e)"
    case .averagePost: targetText = "average of post-periods \(Self.span(postPeriods))"
    }
    var lines = ["Sensitivity of parallel trends (Rambachan and Roth 2023): \(restriction), \(method)"]
    lines.append(
      "Pre-periods \(Self.span(prePeriods)), post-periods \(Self.span(postPeriods)), reference event time \(referenceEventTime)")
    lines.append(
      "Target: \(targetText), estimate \(SummaryFormat.number(estimate)) (std. error \(SummaryFormat.number(standardError)))")
    lines.append("Original \(percent)% interval: [\(SummaryFormat.number(original.lower)), \(SummaryFormat.number(original.upper))]")
    let table = [[symbol, "conf_low", "conf_high", ""]] + robust.map {
      [SummaryFormat.number($0.value), SummaryFormat.number($0.interval.lower), SummaryFormat.number($0.interval.upper),
       $0.atGridEnd ? "(reaches the grid's end)" : ""]
    }
    let widths = (0..<3).map { c in table.map { $0[c].count }.max() ?? 0 }
    lines.append("Robust \(percent)% intervals:")
    for row in table {
      let cells = (0..<3).map { SummaryFormat.leftPad(row[$0], widths[$0]) } + [row[3]]
      lines.append(SummaryFormat.trimTrailing("  " + cells.joined(separator: "  ")))
    }
    if let gridPoints { lines.append("Test inversion over \(gridPoints) grid points; critical values simulated with seed \(seed ?? 0)") }
    if let breakdown {
      lines.append("Breakdown value: \(symbol) = \(SummaryFormat.number(breakdown)) (largest listed value up to which every interval excludes 0)")
    } else {
      lines.append("Breakdown value: none (the interval at the smallest \(symbol) contains 0)")
    }
    return lines.joined(separator: "\n")
  }

  /// `first..last`, or the single period.
  private static func span(_ periods: [Int]) -> String {
    guard let first = periods.first, let last = periods.last else { return "none" }
    return first == last ? "\(first)" : "\(first)..\(last)"
  }
}
