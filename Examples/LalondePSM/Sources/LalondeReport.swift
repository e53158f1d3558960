import CausalKit
import Foundation

/// Writes the analysis's tables, figures and Markdown report.
struct LalondeReport {
  var analysis: LalondeAnalysis
  var dataPath: String

  /// One regression table per comparison group: the experimental benchmark, the naive
  /// difference and the matching estimates side by side.
  func effectTable(_ comparison: LalondeComparison) -> RegressionTable {
    var table = RegressionTable([analysis.benchmark.model] + comparison.estimates.map(\.model))
    table.terms = ["treat"]
    table.labels = LalondeAnalysis.labels
    table.caption = "Effect of NSW training on 1978 earnings (US$): experiment vs. \(comparison.name) comparison group"
    table.digits = 0
    table.notes = [
      "Matched-sample regressions: weighted least squares of re78 on treat; clustered by pair without replacement, HC3 with replacement.",
      "Abadie-Imbens: 1:1 matching on the estimated score with replacement, their standard error (ignores the score's estimation).",
    ]
    return table
  }

  /// Writes every file and returns their names.
  func write(to folder: String) throws -> [String] {
    var written: [String] = []
    func save(_ text: String, _ name: String) throws {
      try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8)
      written.append(name)
    }
    func save(_ chart: some SVGChart, _ name: String) throws {
      try chart.write(to: folder + "/" + name)
      written.append(name)
    }
    var markdown = introduction()
    for comparison in analysis.comparisons {
      let slug = comparison.name.lowercased()
      let table = effectTable(comparison)
      try save(try table.render(.text), "effects-\(slug).txt")
      try save(try table.render(.latex), "effects-\(slug).tex")
      try save(try table.render(.markdown), "effects-\(slug).md")
      let balance = try BalanceReport(
        comparison.nearest.balance, labels: LalondeAnalysis.labels, digits: 2,
        caption: "Covariate balance, NSW treated vs. \(comparison.name), before and after 1:1 nearest-neighbour matching")
      try save(balance.render(.markdown), "balance-\(slug).md")
      try save(balance.render(.latex), "balance-\(slug).tex")
      try save(balance.render(.text), "balance-\(slug).txt")
      let love = try LovePlot(
        comparison.nearest.balance, labels: LalondeAnalysis.labels,
        title: "Covariate balance: NSW treated vs. \(comparison.name), 1:1 nearest neighbour")
      try save(love, "love-plot-\(slug).svg")
      let overlap = OverlapPlot(comparison.nearest, title: "Propensity scores: NSW treated vs. \(comparison.name) controls")
      try save(overlap, "overlap-\(slug).svg")
      var estimates = CoefficientPlot.terms(
        ([analysis.benchmark] + comparison.estimates).map { $0.row.renamed($0.method) }, title: "Estimated effect of NSW training, \(comparison.name) comparison group")
      estimates.text.xTitle = "Effect on 1978 earnings (US$) with 95% confidence interval"
      estimates.text.note = "First row: the experimental benchmark; the others use the \(comparison.name) controls."
      try save(estimates, "estimates-\(slug).svg")

      markdown += "\n## NSW treated vs. \(comparison.name) (\(comparison.controlCount) comparison units)\n\n"
      markdown += try table.render(.markdown)
      markdown += "\n![Estimates](estimates-\(slug).svg)\n\n"
      markdown += "### Balance before and after 1:1 nearest-neighbour matching\n\n"
      markdown += balance.render(.markdown)
      markdown += "\n![Love plot](love-plot-\(slug).svg)\n\n![Overlap](overlap-\(slug).svg)\n"
    }
    markdown += dataSection()
    try save(markdown, "results.md")
    return written
  }

  private func introduction() -> String {
    let b = analysis.benchmark.row
    return """
      # Propensity-score matching on the Lalonde (NSW) data

      The NSW experiment randomized job training among \(analysis.experimentalTreated + analysis.experimentalControls) \
      men (Dehejia-Wahba sample: \(analysis.experimentalTreated) treated, \(analysis.experimentalControls) controls). \
      The experimental effect on 1978 earnings is **$\(Self.money(b.estimate))** (HC1 standard error \
      \(Self.money(b.standardError))). Below, the experimental controls are replaced by survey respondents (PSID, \
      CPS), and propensity-score matching tries to recover that number.

      Propensity score: logit of treatment on \(LalondeAnalysis.covariates.joined(separator: ", ")) \
      (Dehejia and Wahba 1999). Matching: 1:1 nearest neighbour on the score, largest score first, \
      ATT.

      """
  }

  private func dataSection() -> String {
    """

    ## Data

    `\(URL(fileURLWithPath: dataPath).lastPathComponent)`: see `Examples/LalondePSM/data/README.md` for \
    provenance. The PSID group is the 429-unit comparison sample shipped with R's MatchIt, not the \
    full PSID-1 sample of 2,490 men; the CPS group is CPS-1 (15,992 men).

    """
  }

  /// Whole dollars with thousands separators.
  static func money(_ x: Double) -> String { SummaryFormat.grouped(Int(x.rounded())) }
}

/// The console summary: one line per estimate.
enum LalondeConsoleSummary {
  static func render(_ analysis: LalondeAnalysis) -> String {
    var lines = ["Effect of NSW training on 1978 earnings (US$), ATT", ""]
    func line(_ group: String, _ e: LalondeEstimate) -> String {
      let label = "\(group) \(e.method)".padding(toLength: 28, withPad: " ", startingAt: 0)
      let estimate = LalondeReport.money(e.row.estimate)
      let se = LalondeReport.money(e.row.standardError)
      return label + String(repeating: " ", count: max(0, 8 - estimate.count)) + estimate
        + "  (SE " + se + ")" + "   95% CI [" + LalondeReport.money(e.row.confLow) + ", " + LalondeReport.money(e.row.confHigh) + "]"
    }
    lines.append(line("NSW", analysis.benchmark))
    for comparison in analysis.comparisons {
      for e in comparison.estimates { lines.append(line(comparison.name, e)) }
    }
    return lines.joined(separator: "\n")
  }
}
