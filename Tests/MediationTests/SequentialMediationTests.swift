import CausalCore
import FixedEffects
import Foundation
import Mediation
import TestSupport
import Testing

/// One case of `Tests/Fixtures/expected/path_specific.json` (`generate_path_specific.py`: the
/// closed forms on statsmodels fits, delta method by dual numbers).
struct PathSpecificCase: Decodable, Sendable, CustomStringConvertible {
  struct Value: Decodable, Sendable {
    var estimate: Double
    var std_error: Double
  }
  struct Path: Decodable, Sendable {
    var mediators: [String]
    var estimate: Double
    var std_error: Double
  }
  struct Indirect: Decodable, Sendable {
    var mediator: String
    var estimate: Double
    var std_error: Double
  }
  var name: String
  var mediators: [String]
  var covariates: [String]
  var fixed_effects: [String]
  var weights: String?
  var cluster: String?
  var control: Double
  var treated: Double
  var nobs: Int
  var paths: [Path]
  var interventional_indirect: [Indirect]
  var joint_indirect: Value
  var total: Value
  var prop_mediated: Value

  var description: String { name }

  /// The analysis this case describes.
  func model() throws -> SequentialMediation {
    try SequentialMediation(
      treatment: "strong", mediators: mediators, outcome: "score", covariates: Covariates(columns: covariates),
      fixedEffects: fixed_effects, controlValue: control, treatedValue: treated, weights: weights,
      vcov: cluster.map { .cluster([$0]) } ?? .iid)
  }
}

@Suite("Sequential mediation: path-specific and interventional effects")
struct SequentialMediationTests {
  static let cases: [PathSpecificCase] = FixtureFiles.cases("path_specific.json")

  static func data() throws -> DataTable {
    try CSVReader().read(path: FixtureFiles.data("sequential_mediation_sim.csv"))
  }

  /// `|a − b| ≤ 1e-10` in relative terms (absolute below 1).
  static func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-10 * max(1, abs(b)) }

  @Test("the fixture has every case")
  func caseCount() {
    #expect(Self.cases.count == 5)
  }

  @Test("every path, the interventional, joint and total effects equal the closed forms, standard errors too", arguments: cases)
  func agreement(_ c: PathSpecificCase) throws {
    let result = try c.model().fit(try Self.data())
    #expect(result.observationCount == c.nobs)
    #expect(result.paths.map(\.mediators) == c.paths.map(\.mediators))
    for (path, expected) in zip(result.paths, c.paths) {
      #expect(Self.close(path.row.estimate, expected.estimate), "\(path.path)")
      #expect(relativeDifference(path.row.standardError, expected.std_error) < 1e-10, "\(path.path) s.e.")
    }
    #expect(result.interventionalIndirect.map(\.mediator) == c.mediators)
    for (row, expected) in zip(result.interventionalIndirect, c.interventional_indirect) {
      #expect(Self.close(row.row.estimate, expected.estimate) && relativeDifference(row.row.standardError, expected.std_error) < 1e-10)
    }
    for (row, expected) in [
      (result.jointIndirect, c.joint_indirect), (result.total, c.total), (result.proportionMediated, c.prop_mediated),
    ] {
      #expect(Self.close(row.estimate, expected.estimate), "\(row.term)")
      #expect(relativeDifference(row.standardError, expected.std_error) < 1e-10, "\(row.term) s.e.")
    }
    // Identities of the linear system: the paths add up; the interventional indirect effects
    // add up to the joint one; the direct path is the interventional direct effect.
    let pathSum = result.paths.reduce(0) { $0 + $1.row.estimate }
    #expect(abs(pathSum - result.total.estimate) < 1e-12)
    #expect(abs(result.interventionalIndirect.reduce(0) { $0 + $1.row.estimate } - result.jointIndirect.estimate) < 1e-12)
    #expect(result.interventionalDirect == result.paths[0].row.renamed(result.interventionalDirect.term))
  }

  @Test("one mediator: the path through it is MediationAnalysis' product of coefficients, with the same standard error")
  func oneMediatorIsTheProductOfCoefficients() throws {
    let data = try Self.data()
    let chain = try SequentialMediation(treatment: "strong", mediators: ["peer"], outcome: "score", covariates: ["prior"]).fit(data)
    let classic = try MediationAnalysis(
      treatment: "strong", mediators: ["peer"], outcome: "score", covariates: ["prior"], method: .closedForm
    ).fit(data)
    #expect(abs(chain.jointIndirect.estimate - classic.effects.acmeAverage.estimate) < 1e-12)
    #expect(relativeDifference(chain.jointIndirect.standardError, classic.effects.acmeAverage.standardError) < 1e-9)
    #expect(abs(chain.interventionalDirect.estimate - classic.effects.adeAverage.estimate) < 1e-12)
  }

  @Test("linear models without interaction: each interventional indirect effect is MediationAnalysis' per-mediator ACME, whatever the order")
  func interventionalEqualsPerMediatorACME() throws {
    let data = try Self.data()
    let classic = try MediationAnalysis(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcome: "score", covariates: ["prior"], method: .closedForm
    ).fit(data)
    for order in [["lead", "teach", "peer"], ["peer", "teach", "lead"]] {
      let chain = try SequentialMediation(treatment: "strong", mediators: order, outcome: "score", covariates: ["prior"]).fit(data)
      for effect in chain.interventionalIndirect {
        let acme = try #require(classic.mediatorEffects.first { $0.mediator == effect.mediator }).acmeAverage
        #expect(abs(effect.row.estimate - acme.estimate) < 1e-12, "\(order) \(effect.mediator)")
      }
    }
  }

  @Test("the total effect does not depend on the mediators or their order (the reduced form)")
  func totalIsTheReducedForm() throws {
    let data = try Self.data()
    let reduced = try FixedEffectsModel(formula: "score ~ strong + prior").fit(data).coefficient("strong")
    for order in [["lead", "teach", "peer"], ["peer", "lead"], ["teach"]] {
      let result = try SequentialMediation(treatment: "strong", mediators: order, outcome: "score", covariates: ["prior"]).fit(data)
      #expect(abs(result.total.estimate - (reduced?.estimate ?? .nan)) < 1e-10, "\(order)")
    }
  }

  @Test("a large simulated system recovers the true path effects within 3 standard errors")
  func recovery() throws {
    // A → M1 → M2 → Y with known coefficients; n = 20,000.
    var rng = SeededGenerator(seed: 11)
    let n = 20_000
    var a: [Double] = [], m1: [Double] = [], m2: [Double] = [], y: [Double] = []
    for _ in 0..<n {
      let t = Double(rng.next() % 2)
      let e = (0..<3).map { _ in rng.nextNormal() }
      let first = 0.5 * t + e[0]
      let second = 0.4 * t + 0.6 * first + e[1]
      a.append(t)
      m1.append(first)
      m2.append(second)
      y.append(0.3 * t + 0.2 * first + 0.7 * second + e[2])
    }
    let table = try DataTable(columns: [
      Column(name: "a", doubles: a), Column(name: "m1", doubles: m1), Column(name: "m2", doubles: m2),
      Column(name: "y", doubles: y),
    ])
    let result = try SequentialMediation(treatment: "a", mediators: ["m1", "m2"], outcome: "y").fit(table)
    let truth: [[String]: Double] = [[]: 0.3, ["m1"]: 0.5 * 0.2, ["m2"]: 0.4 * 0.7, ["m1", "m2"]: 0.5 * 0.6 * 0.7]
    #expect(result.paths.count == 4)
    for path in result.paths {
      let true_ = try #require(truth[path.mediators])
      #expect(abs(path.row.estimate - true_) < 3 * path.row.standardError, "\(path.path): \(path.row.estimate) vs \(true_)")
    }
  }

  @Test("the cluster bootstrap re-fits the chain: original estimates, standard errors near the delta method's, reproducible")
  func clusterBootstrap() throws {
    let data = try Self.data()
    func chain(_ method: MediationMethod) throws -> SequentialMediationResult {
      try SequentialMediation(
        treatment: "strong", mediators: ["lead", "teach", "peer"], outcome: "score", covariates: ["prior"],
        vcov: .cluster(["school"]), method: method, seed: 5
      ).fit(data)
    }
    let delta = try chain(.closedForm)
    let boot = try chain(.bootstrap(replicates: 199, cluster: "school"))
    #expect(try chain(.bootstrap(replicates: 199, cluster: "school")) == boot)
    #expect(boot.method.draws == 199 && boot.coefficients.count == delta.coefficients.count)
    for (b, d) in zip(boot.coefficients, delta.coefficients) {
      #expect(b.term == d.term && abs(b.estimate - d.estimate) < 1e-12, "\(b.term)")
      #expect(b.confLow <= b.estimate && b.estimate <= b.confHigh, "\(b.term)")
    }
    // 40 schools: the bootstrap and delta standard errors agree to within sampling noise.
    for (b, d) in [(boot.jointIndirect, delta.jointIndirect), (boot.total, delta.total), (boot.paths[0].row, delta.paths[0].row)] {
      #expect(abs(b.standardError / d.standardError - 1) < 0.35, "\(b.term): \(b.standardError) vs \(d.standardError)")
    }
  }

  @Test("quasi-Bayesian simulation: draws centred on the estimates with the delta method's spread")
  func quasiBayesian() throws {
    let data = try Self.data()
    let model = { (method: MediationMethod) throws -> SequentialMediationResult in
      try SequentialMediation(
        treatment: "strong", mediators: ["lead", "teach", "peer"], outcome: "score", covariates: ["prior", "female"],
        method: method, seed: 9
      ).fit(data)
    }
    let delta = try model(.closedForm)
    let simulated = try model(.quasiBayesian(simulations: 4_000))
    #expect(try model(.quasiBayesian(simulations: 4_000)) == simulated)
    for (q, d) in zip(simulated.coefficients.dropLast(), delta.coefficients.dropLast()) {
      // Mean of 4,000 draws: within 4 Monte Carlo standard errors; spread within 10%.
      #expect(abs(q.estimate - d.estimate) < 4 * d.standardError / 4_000.0.squareRoot() + 1e-4 * abs(d.estimate), "\(q.term)")
      #expect(abs(q.standardError / d.standardError - 1) < 0.1, "\(q.term)")
    }
  }

  @Test("the JSON lists the paths, then the interventional and overall effects")
  func encoding() throws {
    let result = try Self.cases[0].model().fit(try Self.data())
    let json = try #require(try JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
    let effects = try #require(json["effects"] as? [[String: Any]])
    #expect(effects.count == 8 + 3 + 4)
    #expect(effects[0]["path"] as? String == "strong -> score" && effects[0]["effect"] as? String == "path_specific")
    #expect(effects[7]["path"] as? String == "strong -> lead -> teach -> peer -> score")
    #expect(effects[8]["effect"] as? String == "interventional_indirect" && effects[8]["mediator"] as? String == "lead")
    #expect(effects.suffix(4).compactMap { $0["effect"] as? String } == ["interventional_direct", "joint_indirect", "total", "prop_mediated"])
    #expect(json["mediator_order"] as? [String] == ["lead", "teach", "peer"])
    #expect((json["models"] as? [Any])?.count == 4)
    #expect(result.summary().contains("Path strong -> lead -> teach -> peer -> score"))
  }

  @Test("bad input gets a typed error")
  func badInput() throws {
    #expect(throws: MediationError.self) {
      try SequentialMediation(treatment: "strong", mediators: ["lead", "lead"], outcome: "score")
    }
    #expect(throws: MediationError.self) {
      try SequentialMediation(treatment: "strong", mediators: ["lead", "strong"], outcome: "score")
    }
    #expect(throws: MediationError.self) {
      try SequentialMediation(treatment: "strong", mediators: (0...10).map { "m\($0)" }, outcome: "score")
    }
    #expect(throws: MediationError.self) {
      try SequentialMediation(treatment: "strong", mediators: ["lead", "nope"], outcome: "score").fit(try Self.data())
    }
  }
}

extension CoefficientRow {
  /// The same row under another term name.
  fileprivate func renamed(_ term: String) -> CoefficientRow {
    CoefficientRow(
      term: term, estimate: estimate, standardError: standardError, statistic: statistic, pValue: pValue, confLow: confLow,
      confHigh: confHigh)
  }
}
