import CausalKit
import Foundation

/// Samples of FixedEffectsEstimation.md, PropensityScores.md and Matching.md.
let estimatorSamples = [
  DocumentationSample(name: "FixedEffectsEstimation: DiD and event study") {
    let panel = try CSVReader().read(path: "panel.csv")
    let did = try DifferenceInDifferences(
      outcome: "score", design: .twoWayFixedEffects(treatment: "treat_post", unit: "school", time: "year"),
      covariates: ["prior score"])
    print(try did.fit(panel).effect)

    let study = try EventStudy(outcome: "score", unit: "school", time: "year",
                               treatmentStart: "first_year", window: -4...3, binEndpoints: true)
    let result = try study.fit(panel)
    for e in result.estimates { print(e.relativeTime, e.row.estimate, e.row.confLow, e.row.confHigh) }
  },
  DocumentationSample(name: "PropensityScores: a logit") {
    let lalonde = try CSVReader().read(path: "lalonde.csv")
    let model = try BinaryRegression(
      formula: "treat ~ age + educ + race + married + nodegree + re74 + re75", link: .logit)
    let fit = try model.fit(lalonde)
    print(fit.summary())
    let scores = fit.fittedProbabilities      // one per row in fit.observationRows
    let json = try JSONEncoder().encode(fit)  // the keys `causalkit logit --json` prints
    print(scores.count, json.count)
  },
  DocumentationSample(name: "Matching: propensity-score matching") {
    let lalonde = try CSVReader().read(path: "lalonde.csv")
    let design = try PropensityScoreMatching(
      treatment: "treat", covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"],
      matcher: NearestNeighborMatcher(caliper: Caliper(0.2)), outcome: "re78")
    let result = try design.fit(lalonde)
    print(result.balance.summary())
    if let effect = result.effect {                // or: try result.effect(outcome: "re78", in: lalonde)
      print(effect.row.estimate, effect.row.standardError)
    }
    let json = try JSONEncoder().encode(result)     // the keys `causalkit match --json` prints
    print(json.count)

    var matched = try result.units(in: lalonde)
    try matched.append(Column(name: "matching_weight", doubles: result.rows.map { result.weightsByRow[$0] }))
    let balance = try BalanceAssessment(
      treatment: "treat", covariates: ["age", "educ", "race"], weights: "matching_weight").fit(matched)
    print(balance.summary())
  },
  DocumentationSample(name: "Matching: PSM-DiD") {
    let panel = try CSVReader().read(path: "panel.csv")
    let design = try PropensityMatchedDifferenceInDifferences(
      outcome: "math", unit: "school", time: "year", treated: "ssp", post: "post",
      covariates: ["prior_math", "enrolment", "urban"], matcher: NearestNeighborMatcher(replace: true))
    let result = try design.fit(panel)
    print(result.effect.estimate, result.effect.standardError)
  },
]
