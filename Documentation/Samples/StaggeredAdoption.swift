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
  }
]
