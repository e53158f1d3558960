import CausalKit
import Foundation

/// Samples of StaggeredAdoption.md.
let staggeredAdoptionSamples = [
  DocumentationSample(name: "StaggeredAdoption: Callaway-Sant'Anna") {
    let mpdta = try CSVReader().read(path: "did_mpdta.csv")
    let cs = try CallawaySantAnna(
      outcome: "lemp", time: "year", unit: "countyreal", cohort: "first_treat",
      comparison: .notYetTreated)
    let groupTime = try cs.fit(mpdta)
    print(groupTime.summary())

    // The event study: one estimate per period since treatment, and their average over e >= 0.
    let eventStudy = try groupTime.aggregated(.dynamic())
    for period in eventStudy.breakdown {
      print(period.key, period.row.estimate, period.row.standardError)
    }
    print("Overall:", try groupTime.aggregated(.simple).overall.estimate)
  },
  DocumentationSample(name: "StaggeredAdoption: Bacon decomposition") {
    let castle = try CSVReader().read(path: "castle.csv")
    let bacon = try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "post")
      .fit(castle)
    print("TWFE:", bacon.twoWayFixedEffects.estimate)
    for total in bacon.totals {
      print(total.type, "weight", total.weight, "average", total.estimate)
    }
  },
  DocumentationSample(name: "StaggeredAdoption: choosing an estimator") {
    let panel = try CSVReader().read(path: "did_sim_panel.csv")
    let sunab = try SunAbraham(outcome: "y", unit: "id", time: "year", cohort: "cohort").fit(panel)
    let twoStage = try TwoStageDiD(
      outcome: "y", unit: "id", time: "year", cohort: "cohort", secondStage: .eventStudy(referencePeriods: [-1])
    ).fit(panel)
    for (a, b) in zip(sunab.eventTimeEstimates, twoStage.eventTimeEstimates) {
      print(a.relativeTime, a.row.estimate, b.row.estimate)
    }

    let twoPeriods = try CSVReader().read(path: "drdid_sim_panel.csv")
    let drdid = try DoublyRobustDiD(
      outcome: "y", time: "year", treatment: "d", unit: "id", covariates: ["x1", "x2"]
    ).fit(twoPeriods)
    print(drdid.summary())
  },
  DocumentationSample(name: "StaggeredAdoption: HonestDiD") {
    let universal = try CallawaySantAnna(
      outcome: "lemp", time: "year", unit: "countyreal", cohort: "first_treat", basePeriod: .universal
    ).fit(try CSVReader().read(path: "did_mpdta.csv"))
    let study = try EventStudyEstimates(try universal.aggregated(.dynamic()))
    let honest = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: [0.5, 1, 2]))
      .analyze(study)
    print(honest.summary())
  },
]
