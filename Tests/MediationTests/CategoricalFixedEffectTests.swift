import CausalCore
import Foundation
import Mediation
import Testing

/// Fixed effects in a logit model enter as a categorical covariate (dummies), the route
/// `MediationError.fixedEffectsNeedLinearModels` points users to.
@Suite("Group effects as categorical covariates in binary models")
struct CategoricalFixedEffectTests {
  /// Eight groups with their own intercepts in both models and a logit outcome: the group enters
  /// both models as a string covariate expanded to dummies. The data-generating process gives an
  /// ACME on the probability scale of about 0.8 × 0.7 × (mean logistic density ≈ 0.2) ≈ 0.11.
  @Test func groupDummiesInALogitOutcomeModel() throws {
    var rng = SeededGenerator(seed: 11)
    let n = 4_000
    var t = [Double](), m = [Double](), y = [Double](), group = [String?]()
    for _ in 0..<n {
      let g = Int(rng.nextUniform() * 8)
      let shift = Double(g) - 3.5
      let ti: Double = rng.nextUniform() < 0.3 + 0.05 * Double(g) ? 1 : 0
      let mi = 0.8 * ti + 0.5 * shift + rng.nextNormal()
      let eta = -0.2 + 0.4 * ti + 0.7 * mi + 0.3 * shift
      let yi: Double = rng.nextUniform() < 1 / (1 + Foundation.exp(-eta)) ? 1 : 0
      t.append(ti)
      m.append(mi)
      y.append(yi)
      group.append("g\(g)")
    }
    let data = try DataTable(columns: [
      Column(name: "t", doubles: t), Column(name: "m", doubles: m), Column(name: "y", doubles: y),
      Column(name: "group", strings: group),
    ])
    let withGroups = try MediationAnalysis(
      treatment: "t", mediators: ["m"], outcome: "y", covariates: ["group"], outcomeFamily: .logit)
    let result = try withGroups.using(.quasiBayesian(simulations: 500), seed: 2).fit(data)
    #expect(result.models.count == 2)
    let acme = result.effects.acmeAverage
    #expect(acme.estimate > 0.05 && acme.estimate < 0.25)
    #expect(acme.confLow < acme.estimate && acme.estimate < acme.confHigh)
    #expect(result.drops.totalObservations == 0)
  }
}
