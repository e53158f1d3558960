import CausalKit
import Foundation

/// Samples of Reporting.md.
let reportingSamples = [
  DocumentationSample(name: "Reporting: tables and figures") {
    let lalondeData = try CSVReader().read(path: "lalonde.csv")
    let covariates: Covariates = ["age", "educ", "race", "married", "nodegree", "re74", "re75"]
    guard let matchedEffect = try PropensityScoreMatching(treatment: "treat", covariates: covariates, outcome: "re78")
      .fit(lalondeData).effect
    else { throw SampleError.missing("the matched effect") }
    let abadieImbens = try AbadieImbensEstimator(outcome: "re78", treatment: "treat", matchOn: .covariates(covariates))
      .fit(lalondeData)

    let panel = try CSVReader().read(path: "panel.csv")
    let pooled = try FixedEffectsModel(formula: "score ~ treat_post + x", vcov: .hetero).fit(panel)
    let twfe = try FixedEffectsModel(
      formula: "score ~ treat_post + x | school + year", vcov: .cluster(["school"])).fit(panel)

    var table = RegressionTable([
      RegressionTableModel(pooled, title: "(1)", dependentVariable: "score"),
      RegressionTableModel(twfe, title: "(2)", dependentVariable: "score"),
    ])
    table.labels = ["treat_post": "Treated × post", "school": "School", "year": "Year"]
    table.drop = ["(Intercept)"]
    table.extraRows = [.init("Controls", ["Yes", "Yes"])]
    print(try table.render(.text))
    try table.render(.latex).write(toFile: "table1.tex", atomically: true, encoding: .utf8)

    // Matching estimates in the same kind of table: the estimand and the standard error's name
    // come with the results.
    let effects = RegressionTable([
      RegressionTableModel(matchedEffect, title: "Matched"),
      RegressionTableModel(abadieImbens, title: "Abadie-Imbens", renaming: ["ATT": "treat"]),
    ])
    print(try effects.render(.text))

    let lalonde = try CSVReader().read(path: "lalonde.csv")
    let matching = try PropensityScoreMatching(
      treatment: "treat", covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"]
    ).fit(lalonde)
    let report = try BalanceReport(matching.balance, labels: ["re74": "Earnings 1974"], digits: 2)
    print(report.render(.markdown))

    // Event study: x = period relative to treatment, dashed line at the reference period.
    let es = try FixedEffectsModel(
      formula: "y ~ i(rel, ref = -1) | unit + year", vcov: .cluster(["unit"])).fit(panel)
    try CoefficientPlot.eventStudy(es.coefficients, termPrefix: "rel::", reference: -1,
      title: "Effect by year relative to treatment").write(to: "event-study.svg")
    // The same from an `EventStudy` result (any `EventStudySummary`), reference period included.
    let study = try EventStudy(outcome: "y", unit: "unit", time: "year", treatmentStart: "first_year").fit(panel)
    try CoefficientPlot.eventStudy(study, title: "Event study").write(to: "event-study-2.svg")

    // Love plot (|SMD| by default, threshold lines at 0.1) and overlap histograms.
    try LovePlot(matching.balance, title: "Covariate balance").write(to: "love-plot.svg")
    try OverlapPlot(matching, title: "Propensity scores").write(to: "overlap.svg")

    // Mediation: proportion mediated per channel, with intervals, grouped by arm.
    let chart = BarChart(bars: [
      .init(category: "Teacher quality", group: "Treated", value: 0.42, low: 0.10, high: 0.74),
      .init(category: "Teacher quality", group: "Control", value: 0.35, low: 0.02, high: 0.68),
      .init(category: "Class size", group: "Treated", value: -0.08, low: -0.30, high: 0.14),
      .init(category: "Class size", group: "Control", value: 0.05, low: -0.20, high: 0.30),
    ], text: ChartText(title: "Proportion mediated by channel", yTitle: "Proportion mediated"))
    try chart.write(to: "mediation.svg")
  }
]

/// A value a sample needs was not produced.
enum SampleError: Error {
  case missing(String)
}
