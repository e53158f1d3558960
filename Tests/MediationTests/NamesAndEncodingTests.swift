import CausalCore
import Foundation
import Mediation
import Testing

/// Column names of any spelling, the method as an option, and the result's JSON.
@Suite struct NamesAndEncodingTests {
  /// `SimulatedData.interaction` with the mediator renamed `peer relations` and the covariate
  /// `prior score`.
  private func spacedTable() throws -> DataTable {
    let data = try SimulatedData.interaction(n: 300, seed: 4)
    return try DataTable(columns: [
      data.column(named: "t"), Column(name: "prior score", doubles: try data.column(named: "x").doubles()),
      Column(name: "peer relations", doubles: try data.column(named: "m").doubles()), data.column(named: "y"),
    ])
  }

  @Test func columnNamesWithSpacesWork() throws {
    let plain = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], interaction: true, method: .closedForm
    ).fit(SimulatedData.interaction(n: 300, seed: 4))
    let spaced = try MediationAnalysis(
      treatment: "t", mediators: ["peer relations"], outcome: "y", covariates: ["prior score"], interaction: true,
      method: .closedForm
    ).fit(spacedTable())
    #expect(spaced.effects.rows.map(\.estimate) == plain.effects.rows.map(\.estimate))
    #expect(spaced.effects.rows.map(\.standardError) == plain.effects.rows.map(\.standardError))
    #expect(spaced.models[1].coefficients.contains { $0.term == "peer relations" })
    // The sensitivity analysis builds its three formulas from the names too.
    let sensitivity = try #require(
      try MediationAnalysis(
        treatment: "t", mediators: ["peer relations"], outcome: "y", covariates: ["prior score"], method: .closedForm,
        sensitivity: MediationSensitivityOptions(rhoGrid: [0], replicates: 5), seed: 1
      ).fit(spacedTable()).sensitivity)
    let reference = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"])
      .sensitivity(SimulatedData.interaction(n: 300, seed: 4), rhoGrid: [0], replicates: 5)
    #expect(sensitivity.acme == reference.acme && sensitivity.rhoAtZero == reference.rhoAtZero)
  }

  @Test func specificationsAreCheckedByTheInitializer() throws {
    #expect(throws: MediationError.self) {
      try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", outcomeFamily: .logit, method: .closedForm)
    }
    #expect(throws: MediationError.self) {
      try MediationAnalysis(
        treatment: "t", mediators: ["m"], outcome: "y", interaction: true, sensitivity: MediationSensitivityOptions())
    }
    #expect(
      throws: MediationError.invalidOption(.invalid(option: "replicates", value: "1", expected: "an integer of at least 2"))
    ) {
      try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", method: .bootstrap(replicates: 1))
    }
    #expect(throws: MediationError.self) {
      try DifferenceInDifferencesMediation(
        outcome: "y", mediator: "m", treated: "treated", post: "post", unit: "school", time: "year",
        method: .quasiBayesian())
    }
  }

  @Test func resultEncodesTheToolKeysInSnakeCase() throws {
    let data = try SimulatedData.interaction(n: 200, seed: 6)
    let result = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"], method: .quasiBayesian(simulations: 50),
      seed: 2
    ).fit(data)
    let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
    for key in ["effects", "nobs", "sims", "method", "dropped", "sensitivity", "coefficients", "models", "seed"] {
      #expect(json[key] != nil, "missing \(key)")
    }
    #expect(json["method"] as? String == "quasi-bayes" && json["sims"] as? Int == 50 && json["sensitivity"] is NSNull)
    let effects = try #require(json["effects"] as? [[String: Any]])
    #expect(effects.count == 10)
    #expect(effects[0]["effect"] as? String == "acme_control" && effects[0]["mediator"] as? String == "m")
    #expect(effects.allSatisfy { $0["std_error"] != nil && $0["conf_low"] != nil && $0["stdError"] == nil })
    #expect(result.coefficient("ACME (average)")?.estimate == result.effects.acmeAverage.estimate)
  }

  @Test func effectRowsEncodeNaNAsNullAndRoundTrip() throws {
    let row = CoefficientRow(
      term: "ACME (control)", estimate: 1, standardError: .nan, pValue: .nan, interval: ConfidenceInterval(lower: 0, upper: 2))
    let data = try JSONEncoder().encode(row)
    let text = try #require(String(data: data, encoding: .utf8))
    #expect(text.contains(#""std_error":null"#) && text.contains(#""p_value":null"#) && text.contains(#""conf_low":0"#))
    let decoded = try JSONDecoder().decode(CoefficientRow.self, from: data)
    #expect(decoded.estimate == 1 && decoded.standardError.isNaN && decoded.statistic.isNaN && decoded.confHigh == 2)
    let method = MediationMethod.bootstrap(replicates: 9, cluster: "school id", interval: .bca)
    #expect(try JSONDecoder().decode(MediationMethod.self, from: JSONEncoder().encode(method)) == method)
  }
}
