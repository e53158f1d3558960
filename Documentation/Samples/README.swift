import CausalKit

/// Samples of README.md.
let readmeSamples = [
  DocumentationSample(name: "README: use it as a library") {
    // Package.swift: .package(url: "https://github.com/causalkit/causalkit", from: "0.1.0")
    let panel = try CSVReader().read(path: "panel.csv")
    let fit = try FixedEffectsModel(
      formula: "score ~ treat_post + x | school + year", vcov: .cluster(["school"])
    ).fit(panel)
    print(fit.summary())

    let units = try CSVReader().read(path: "lalonde.csv")
    let matching = try PropensityScoreMatching(
      treatment: "treat", covariates: ["age", "educ", "race", "married", "nodegree", "re74", "re75"]
    ).fit(units)
    print(matching.balance.summary())
    print(try matching.effect(outcome: "re78", in: units).row)
  }
]
