import CausalCore
import Foundation
import Mediation
import TestSupport
import Testing

/// One case of `Tests/Fixtures/expected/four_way.json` (`generate_four_way.py`: VanderWeele's
/// 2014 regression-based formulas on statsmodels fits, delta method by dual numbers).
struct FourWayCase: Decodable, Sendable, CustomStringConvertible {
  struct Row: Decodable, Sendable {
    var estimate: Double
    var std_error: Double
  }
  struct Natural: Decodable, Sendable {
    var pnde: Double
    var tnie: Double
  }
  var name: String
  var treatment: String
  var covariates: [String]
  var mediator_value: Double
  var control: Double
  var treated: Double
  var weights: String?
  var cluster: String?
  var nobs: Int
  var expected_mediator_control: Double
  var rows: [Row]
  var natural: Natural

  var description: String { name }

  /// The decomposition this case describes.
  func model() throws -> FourWayDecomposition {
    try FourWayDecomposition(
      treatment: treatment, mediator: "m", outcome: "y", covariates: Covariates(columns: covariates),
      mediatorValue: mediator_value, controlValue: control, treatedValue: treated, weights: weights,
      vcov: cluster.map { .cluster([$0]) } ?? .iid)
  }
}

@Suite("Four-way decomposition (VanderWeele 2014)")
struct FourWayDecompositionTests {
  static let cases: [FourWayCase] = FixtureFiles.cases("four_way.json")

  static func data() throws -> DataTable {
    try CSVReader().read(path: FixtureFiles.data("four_way_sim.csv"))
  }

  @Test("the fixture has every case")
  func caseCount() {
    #expect(Self.cases.count == 5)
  }

  @Test("components, total and proportions equal the published formulas; delta-method standard errors too", arguments: cases)
  func agreement(_ c: FourWayCase) throws {
    let result = try c.model().fit(try Self.data())
    #expect(result.observationCount == c.nobs)
    #expect(relativeDifference(result.expectedMediatorAtControl, c.expected_mediator_control) < 1e-10)
    #expect(result.rows.count == c.rows.count)
    for (name, (row, expected)) in zip(FourWayDecompositionResult.effectNames, zip(result.rows, c.rows)) {
      #expect(abs(row.estimate - expected.estimate) <= 1e-10 * max(1, abs(expected.estimate)), "\(name)")
      #expect(relativeDifference(row.standardError, expected.std_error) < 1e-10, "\(name) s.e.")
    }
    // The four components add up to the total exactly as the formulas say.
    let sum = result.rows[0..<4].reduce(0) { $0 + $1.estimate }
    #expect(abs(sum - result.total.estimate) < 1e-12 * max(1, abs(sum)))
  }

  @Test("CDE + INT_ref is the natural direct effect and INT_med + PIE the natural indirect effect of MediationAnalysis", arguments: cases)
  func naturalEffects(_ c: FourWayCase) throws {
    let data = try Self.data()
    let result = try c.model().fit(data)
    let natural = try MediationAnalysis(
      treatment: c.treatment, mediators: ["m"], outcome: "y", covariates: Covariates(columns: c.covariates),
      interaction: true, controlValue: c.control, treatedValue: c.treated, weights: c.weights,
      vcov: c.cluster.map { .cluster([$0]) } ?? .iid, method: .closedForm
    ).fit(data)
    let pnde = result.controlledDirect.estimate + result.referenceInteraction.estimate
    let tnie = result.mediatedInteraction.estimate + result.pureIndirect.estimate
    #expect(abs(pnde - natural.effects.adeControl.estimate) < 1e-10)
    #expect(abs(tnie - natural.effects.acmeTreated.estimate) < 1e-10)
    #expect(abs(pnde - c.natural.pnde) < 1e-10 && abs(tnie - c.natural.tnie) < 1e-10)
    #expect(abs(result.total.estimate - natural.effects.total.estimate) < 1e-10)
    #expect(relativeDifference(result.total.standardError, natural.effects.total.standardError) < 1e-6)
  }

  @Test("m* moves only the split between CDE and INT_ref; their sum and the other components stay")
  func mediatorValueMovesOnlyTheReferenceSplit() throws {
    let data = try Self.data()
    let a = try FourWayDecomposition(treatment: "treat", mediator: "m", outcome: "y", mediatorValue: 0).fit(data)
    let b = try FourWayDecomposition(treatment: "treat", mediator: "m", outcome: "y", mediatorValue: 2).fit(data)
    #expect(a.controlledDirect.estimate != b.controlledDirect.estimate)
    #expect(abs((a.controlledDirect.estimate + a.referenceInteraction.estimate)
      - (b.controlledDirect.estimate + b.referenceInteraction.estimate)) < 1e-12)
    for i in [2, 3, 4] { #expect(abs(a.rows[i].estimate - b.rows[i].estimate) < 1e-12) }
  }

  @Test("the JSON names every statistic and round-trips the numbers")
  func encoding() throws {
    let result = try Self.cases[0].model().fit(try Self.data())
    let json = try #require(
      try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
    let effects = try #require(json["effects"] as? [[String: Any]])
    #expect(effects.compactMap { $0["effect"] as? String } == FourWayDecompositionResult.effectNames)
    #expect(effects.allSatisfy { $0["mediator"] as? String == "m" })
    #expect((effects[3]["estimate"] as? Double) == result.pureIndirect.estimate)
    #expect(json["method"] as? String == "delta" && json["mediator_value"] as? Double == 0)
    #expect((json["models"] as? [Any])?.count == 2)
    #expect(result.summary().contains("PIE"))
  }

  @Test("bad input gets a typed error")
  func badInput() throws {
    #expect(throws: MediationError.self) {
      try FourWayDecomposition(treatment: "treat", mediator: "treat", outcome: "y")
    }
    #expect(throws: MediationError.self) {
      try FourWayDecomposition(treatment: "treat", mediator: "m", outcome: "y", mediatorValue: .nan)
    }
    #expect(throws: MediationError.self) {
      try FourWayDecomposition(treatment: "treat", mediator: "m", outcome: "y", controlValue: 1, treatedValue: 1)
    }
    #expect(throws: MediationError.self) {
      try FourWayDecomposition(treatment: "treat", mediator: "m", outcome: "missing").fit(try Self.data())
    }
  }
}
