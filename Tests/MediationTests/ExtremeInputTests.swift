import CausalCore
import Mediation
import Testing
import TestSupport

/// A covariate in extreme units must not change the mediation effects (issue "Robustness").
@Suite struct ExtremeInputTests {
  static func table(scalingX2 c: Double) throws -> DataTable {
    let base = try CSVReader().read(path: FixtureFiles.data("extremes.csv"))
    return try DataTable(
      columns: base.columnNames.map { name in
        var v = try base.column(named: name).doubles()
        if name == "x2" { for i in v.indices { v[i] *= c } }
        return Column(name: name, doubles: v)
      })
  }

  /// ACME and ADE with covariate x2 × c equal those with x2 unscaled: the covariate is not
  /// dropped and the quasi-Bayesian draws are the same.
  @Test(arguments: [1e160, 1e-170])
  func mediationCovariateScaledIsNotDropped(_ c: Double) throws {
    let analysis = try MediationAnalysis(treatment: "d", mediators: ["x1"], outcome: "y", covariates: ["x2"])
    for method in [MediationMethod.closedForm, .quasiBayesian(simulations: 200)] {
      let base = try analysis.using(method, seed: 1).fit(Self.table(scalingX2: 1))
      let scaled = try analysis.using(method, seed: 1).fit(Self.table(scalingX2: c))
      #expect(scaled.models.allSatisfy { $0.drops.droppedTerms.isEmpty })
      for (a, b) in zip(scaled.effects.rows, base.effects.rows) {
        #expect(relativeDifference(a.estimate, b.estimate, floor: 1e-12) < 1e-8, "\(a.term)")
        #expect(relativeDifference(a.standardError, b.standardError, floor: 1e-12) < 1e-6, "\(a.term)")
      }
    }
  }
}
