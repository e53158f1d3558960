import CausalKit
import Foundation

/// Samples of Bootstrap.md and Mediation.md.
let inferenceSamples = [
  DocumentationSample(name: "Bootstrap: wild cluster bootstrap") {
    let panel = try CSVReader().read(path: "panel.csv")
    let model = try FixedEffectsModel(formula: "score ~ treat_post | school + year", vcov: .cluster(["school"]))
    let result = try WildClusterBootstrap(
      model: model, cluster: "school", hypothesis: .term("treat_post"), confidenceLevel: 0.95
    ).fit(panel)
    print(result.pValue, result.confidenceInterval as Any, result.enumerated)
  },
  DocumentationSample(name: "Bootstrap: heteroskedastic wild bootstrap") {
    let firms = try CSVReader().read(path: "firms.csv")
    let model = try FixedEffectsModel(formula: "y ~ treat + x | industry", vcov: .hetero)
    let result = try WildBootstrap(model: model, hypothesis: .term("treat"), confidenceLevel: 0.95).fit(firms)
    print(result.pValue, result.confidenceInterval as Any)
  },
  DocumentationSample(name: "Bootstrap: pairs, cluster and matched-pairs bootstraps") {
    let panel = try CSVReader().read(path: "panel.csv")
    let units = try CSVReader().read(path: "lalonde.csv")
    let model = try FixedEffectsModel(formula: "score ~ treat + x | school", vcov: .cluster(["school"]))
    let result = try FixedEffectsBootstrap(
      model: model, scheme: .cluster(column: "school"), replicates: 999, seed: 1, method: .bca,
      combinations: [try LinearCombination(parsing: "treat - x")]
    ).fit(panel)
    for row in result.estimates { print(row.term, row.standardError, row.interval.interval, row.pValue, row.failures) }

    let matching = try PropensityScoreMatching(treatment: "treat", covariates: ["age", "educ", "re74"]).fit(units)
    let effect = try MatchedPairsBootstrap(matching: matching, outcome: "re78", replicates: 999, seed: 1)
      .fit(units).effect   // throws if `units` is not the table that was matched
    print(effect)
  },
  DocumentationSample(name: "Mediation: quasi-Bayesian and sensitivity") {
    let framing = try CSVReader().read(path: "framing.csv")
    let analysis = try MediationAnalysis(
      treatment: "treat", mediators: ["emo"], outcome: "cong_mesg",
      covariates: ["age", "educ", "gender", "income"], outcomeFamily: .probit,
      method: .quasiBayesian(simulations: 1_000), seed: 1)
    let result = try analysis.fit(framing)
    print(result.summary())
    let json = try JSONEncoder().encode(result)   // effects[], nobs, sims, method, dropped, ...
    print(json.count)
    do {
      let result = try MediationAnalysis(
        treatment: "treat", mediators: ["emo"], outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"],
        method: .closedForm, sensitivity: MediationSensitivityOptions(replicates: 1_000), seed: 1
      ).fit(framing)
      print(result.sensitivity?.rhoAtZero as Any)
    }
  },
  DocumentationSample(name: "Mediation: mediators in a causal order") {
    let students = try CSVReader().read(path: "students.csv")
    let chain = try SequentialMediation(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcome: "score",
      covariates: ["prior"], vcov: .cluster(["school"]))
    let result = try chain.fit(students)
    for path in result.paths { print(path.path, path.row.estimate, path.row.standardError) }
    print(result.jointIndirect.estimate, result.interventionalIndirect.map(\.row.estimate))
  },
  DocumentationSample(name: "Mediation: interventional effects for several outcomes") {
    let students = try CSVReader().read(path: "students.csv")
    let analysis = try InterventionalMediation(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcomes: ["score", "math"],
      covariates: ["prior"], method: .bootstrap(replicates: 199, cluster: "school"), seed: 1)
    let result = try analysis.fit(students)
    for effects in result.outcomes {
      print(effects.outcome, effects.jointIndirect.estimate, effects.mediatorDependence.estimate)
      for m in effects.interventionalIndirect { print(m.mediator, m.row.estimate, m.row.confLow, m.row.confHigh) }
    }
  },
  DocumentationSample(name: "Mediation: bias-formula sensitivity with interaction") {
    let students = try CSVReader().read(path: "students.csv")
    let result = try InterventionalMediation(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcomes: ["score"], covariates: ["prior"],
      interaction: true, method: .bootstrap(replicates: 199, cluster: "school"), seed: 1
    ).fit(students)
    let bias = try result.outcomes[0].confounderBias(confounderEffects: [0.1, 0.2], imbalances: [-0.1, -0.2])
    print(bias.summaryLines().joined(separator: "\n"))
    print(bias.biasExplainingAwayInterval)
  },
  DocumentationSample(name: "Mediation: four-way decomposition") {
    let framing = try CSVReader().read(path: "framing.csv")
    let fourWay = try FourWayDecomposition(
      treatment: "treat", mediator: "emo", outcome: "cong_mesg",
      covariates: ["age", "educ", "gender", "income"], mediatorValue: 5)
    let parts = try fourWay.fit(framing)
    print(parts.summary())                          // CDE, INT_ref, INT_med, PIE, total, proportions
    print(parts.proportionEliminated.estimate)      // the share removed by fixing emo at 5
  },
  DocumentationSample(name: "Mediation: difference-in-differences mediation") {
    let panel = try CSVReader().read(path: "panel.csv")
    let closed = try DifferenceInDifferencesMediation(
      outcome: "score", mediator: "teacher_quality", treated: "strong_school", post: "post",
      unit: "school", time: "year"
    ).fit(panel)                                       // a·b with clustered delta-method SEs
    let boot = try DifferenceInDifferencesMediation(
      outcome: "score", mediator: "teacher_quality", treated: "strong_school", post: "post",
      unit: "school", time: "year", method: .bootstrap(replicates: 999), seed: 1
    ).fit(panel)                                       // whole schools resampled
    print(closed.summary(), boot.summary())
  },
]
