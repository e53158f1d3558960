import CausalCore
import Foundation
import Mediation
import Propensity
import Testing

/// Typed errors and the accounting of removed rows.
@Suite struct BadInputTests {
  static func table(_ columns: [String: [Double?]]) throws -> DataTable {
    try DataTable(columns: columns.keys.sorted().map { Column(name: $0, doubles: columns[$0] ?? []) })
  }

  @Test func mediatorThatIsTheTreatmentIsRejected() {
    #expect(throws: MediationError.mediatorIsTreatment(variable: "t")) {
      try MediationAnalysis(treatment: "t", mediators: ["t"], outcome: "y")
    }
  }

  @Test func mediatorCopyingTheTreatmentIsRejected() throws {
    let t = (0..<20).map { Double($0 % 2) as Double? }
    let y = (0..<20).map { Double($0) as Double? }
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y")
    #expect(throws: MediationError.mediatorIsTreatment(variable: "m")) {
      try analysis.using(.closedForm).fit(Self.table(["t": t, "m": t, "y": y]))
    }
  }

  @Test func constantMediatorOrOutcomeIsRejected() throws {
    let n = 20
    let t = (0..<n).map { Double($0 % 2) as Double? }
    let varying = (0..<n).map { Double($0) as Double? }
    let constant = [Double?](repeating: 3, count: n)
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y")
    #expect(throws: MediationError.noVariation(variable: "m", role: "mediator")) {
      try analysis.using(.closedForm).fit(Self.table(["t": t, "m": constant, "y": varying]))
    }
    #expect(throws: MediationError.noVariation(variable: "y", role: "outcome")) {
      try analysis.using(.closedForm).fit(Self.table(["t": t, "m": varying, "y": constant]))
    }
  }

  @Test func nonBinaryOutcomeInALogitModelKeepsItsContext() throws {
    let data = try SimulatedData.interaction(n: 100, seed: 1)
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", outcomeFamily: .logit)
    do {
      _ = try analysis.using(.quasiBayesian(simulations: 10), seed: 1).fit(data)
      Issue.record("expected an error")
    } catch {
      guard case .binaryModelFailed(let model, let inner) = error, case .responseNotBinary = inner else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(model == "outcome model")
    }
  }

  /// A logit outcome perfectly separated by the mediator has no finite maximum-likelihood
  /// estimate: the Propensity module's failure (separation or non-convergence) is passed on
  /// with the name of the model that failed.
  @Test func separatedLogitOutcomeFailsWithContext() throws {
    let base = try SimulatedData.interaction(n: 200, seed: 3)
    let m = try base.column(named: "m").doubles()
    let separated = m.map { $0 > 1 ? 1.0 : 0.0 }
    let data = try DataTable(columns: [
      base.column(named: "t"), base.column(named: "x"), base.column(named: "m"),
      Column(name: "y", doubles: separated),
    ])
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", outcomeFamily: .logit)
    do {
      _ = try analysis.using(.quasiBayesian(simulations: 10), seed: 1).fit(data)
      Issue.record("expected an error")
    } catch {
      guard case .binaryModelFailed(let model, let inner) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(model == "outcome model")
      switch inner {
      case .separation, .notConverged: break
      default: Issue.record("unexpected inner error \(inner)")
      }
    }
  }

  @Test func fixedEffectsWithABinaryModelAreRejected() {
    #expect(throws: MediationError.fixedEffectsNeedLinearModels) {
      try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", fixedEffects: ["g"], outcomeFamily: .probit)
    }
  }

  @Test func closedFormNeedsLinearModels() throws {
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", outcomeFamily: .logit)
    #expect(throws: MediationError.self) { try analysis.using(.closedForm).fit(SimulatedData.interaction(n: 50, seed: 1)) }
  }

  @Test func missingValuesAreDroppedListwiseAndCounted() throws {
    let full = try SimulatedData.interaction(n: 300, seed: 2)
    let m = try full.column(named: "m").doubles()
    let x = try full.column(named: "x").doubles()
    var data = full
    try data.set(Column(name: "m", doubles: m.indices.map { $0 % 10 == 0 ? nil : m[$0] }))
    try data.set(Column(name: "x", doubles: x.indices.map { $0 % 15 == 1 ? nil : x[$0] }))
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", covariates: ["x"])
    let result = try analysis.using(.closedForm).fit(data)
    #expect(result.drops.totalObservations == 30 + 20)
    #expect(result.observationCount == 250)
    #expect(result.models.allSatisfy { $0.observationCount == 250 })
    #expect(result.summary().contains("50 observations removed"))
  }

  @Test func invalidOptionsAreRejected() throws {
    #expect(throws: MediationError.self) {
      try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", controlValue: 1, treatedValue: 1)
    }
    #expect(throws: MediationError.self) { try MediationAnalysis(treatment: "t", mediators: [], outcome: "y") }
    let analysis = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y")
    #expect(
      throws: MediationError.invalidOption(.invalid(option: "simulations", value: "1", expected: "an integer of at least 2"))
    ) {
      try analysis.using(.quasiBayesian(simulations: 1), seed: 1).fit(SimulatedData.interaction(n: 50, seed: 1))
    }
  }
}
