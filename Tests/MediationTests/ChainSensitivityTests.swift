import CausalCore
import Foundation
import Mediation
import TestSupport
import Testing

@Suite("Sensitivity of a chain of mediators to mediator-outcome confounding")
struct ChainSensitivityTests {
  static let options = try? MediationSensitivityOptions(replicates: 30)

  @Test("one mediator: the curve, its band's centre and the rho at zero are Imai, Keele and Yamamoto's (MediationAnalysis)")
  func oneMediatorIsIKY() throws {
    let data = try SequentialMediationTests.data()
    let options = try #require(Self.options)
    let chain = try SequentialMediation(
      treatment: "strong", mediators: ["peer"], outcome: "score", covariates: ["prior"], sensitivity: options
    ).fit(data)
    let classic = try MediationAnalysis(
      treatment: "strong", mediators: ["peer"], outcome: "score", covariates: ["prior"], method: .closedForm,
      sensitivity: options
    ).fit(data)
    let curve = try #require(chain.sensitivity?.curves.first)
    let iky = try #require(classic.sensitivity)
    #expect(curve.rho == iky.rho)
    for (a, b) in zip(curve.interventionalIndirect, iky.acme) { #expect(abs(a - b) < 1e-10) }
    for (a, b) in zip(curve.jointIndirect, iky.acme) { #expect(abs(a - b) < 1e-10) }
    #expect(abs(curve.rhoAtZeroIndirect - iky.rhoAtZero) < 1e-10)
    #expect(abs(curve.rhoAtZeroJoint - iky.rhoAtZero) < 1e-10)
  }

  @Test("rho = 0 gives the closed forms; the effect is zero at the reported rho")
  func zeroAndRoots() throws {
    let data = try SequentialMediationTests.data()
    let result = try SequentialMediation(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcome: "score", covariates: ["prior"],
      sensitivity: try MediationSensitivityOptions(rhoGrid: [-0.5, 0, 0.5], replicates: 20)
    ).fit(data)
    let sensitivity = try #require(result.sensitivity)
    #expect(sensitivity.curves.map(\.mediator) == ["lead", "teach", "peer"])
    for (k, curve) in sensitivity.curves.enumerated() {
      #expect(abs(curve.interventionalIndirect[1] - result.interventionalIndirect[k].row.estimate) < 1e-10)
      #expect(abs(curve.jointIndirect[1] - result.jointIndirect.estimate) < 1e-10)
      #expect(curve.band.allSatisfy { $0.lower.isFinite && $0.lower < $0.upper })
      #expect(curve.band.count == 3 && curve.jointBand.count == 3)
      // At the reported roots the curves cross zero.
      for (root, joint) in [(curve.rhoAtZeroIndirect, false), (curve.rhoAtZeroJoint, true)] where root.isFinite {
        let at = try SequentialMediation(
          treatment: "strong", mediators: ["lead", "teach", "peer"], outcome: "score", covariates: ["prior"],
          sensitivity: try MediationSensitivityOptions(rhoGrid: [root], replicates: 2)
        ).fit(data).sensitivity?.curves[k]
        let value = joint ? at?.jointIndirect[0] : at?.interventionalIndirect[0]
        #expect(abs(value ?? .nan) < 1e-10, "\(curve.mediator) joint=\(joint) at \(root)")
      }
    }
    let object = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(result)) as? [String: Any])
    let encoded = try #require(object["sensitivity"] as? [String: Any])
    #expect((encoded["curves"] as? [[String: Any]])?.first?["rho_at_zero_joint"] != nil)
  }

  @Test("a confounded mediator: at the true error correlation the curve recovers the true effect")
  func recoversTruthAtTrueRho() throws {
    // M1 = 0.5A + e1, M2 = 0.4A + 0.5M1 + e2, Y = 0.3A + 0.6M1 + 0.7M2 + eY with
    // corr(e2, eY) = 0.4 (an unmeasured common cause); the truth of M2's interventional
    // indirect effect is 0.7 × (0.4 + 0.5 × 0.5) = 0.455, of the joint 0.5 × 0.6 + 0.455 = 0.755.
    var rng = SeededGenerator(seed: 8)
    let n = 40_000
    var a = [Double](), m1 = [Double](), m2 = [Double](), y = [Double]()
    for _ in 0..<n {
      let t: Double = rng.nextUniform() < 0.5 ? 1 : 0
      let u = rng.nextNormal()
      let e2 = u, eY = 0.4 * u + (1 - 0.16).squareRoot() * rng.nextNormal()
      let x1 = 0.5 * t + rng.nextNormal()
      let x2 = 0.4 * t + 0.5 * x1 + e2
      a.append(t)
      m1.append(x1)
      m2.append(x2)
      y.append(0.3 * t + 0.6 * x1 + 0.7 * x2 + eY)
    }
    let table = try DataTable(columns: [
      Column(name: "a", doubles: a), Column(name: "m1", doubles: m1), Column(name: "m2", doubles: m2),
      Column(name: "y", doubles: y),
    ])
    let result = try SequentialMediation(
      treatment: "a", mediators: ["m1", "m2"], outcome: "y",
      sensitivity: try MediationSensitivityOptions(rhoGrid: [0, 0.4], replicates: 20)
    ).fit(table)
    let curve = try #require(result.sensitivity?.curves[1])
    // Naive (rho = 0) is biased upwards; at rho = 0.4 the truth is recovered.
    #expect(curve.interventionalIndirect[0] > 0.455 + 0.1)
    #expect(abs(curve.interventionalIndirect[1] - 0.455) < 0.03, "\(curve.interventionalIndirect)")
    #expect(abs(curve.jointIndirect[1] - 0.755) < 0.03, "\(curve.jointIndirect)")
  }
}
