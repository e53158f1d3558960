import CausalCore
import Foundation
import Mediation
import Testing

/// Prints the numbers quoted in the Mediation article's worked example; runs only with
/// `MEDIATION_REPORT=1` (`swift test --filter ArticleNumbers`).
@Suite struct ArticleNumbersTests {
  @Test(.enabled(if: ProcessInfo.processInfo.environment["MEDIATION_REPORT"] == "1"))
  func framingWorkedExample() throws {
    let data = try MediationFixtures.framing()
    let linear = try MediationAnalysis(
      treatment: "treat", mediators: ["emo"], outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"])
    print(try linear.using(.closedForm).fit(data).summary())
    let probit = try MediationAnalysis(
      treatment: "treat", mediators: ["emo"], outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"],
      outcomeFamily: .probit)
    let start = Date()
    print(try probit.using(.quasiBayesian(simulations: 1_000), seed: 1).fit(data).summary())
    print("quasi-Bayesian probit, 1,000 simulations: \(Date().timeIntervalSince(start)) s")
    print(try linear.using(.bootstrap(replicates: 1_000, interval: .bca), seed: 1).fit(data).summary())
    let s = try linear.sensitivity(data, replicates: 1_000, seed: 1)
    print("rho at ACME = 0: \(s.rhoAtZero); R2M*R2Y*: \(s.r2StarProductAtZero); R2M~R2Y~: \(s.r2TildeProductAtZero)")
    if let i = s.rho.firstIndex(where: { abs($0) < 1e-12 }) { print("ACME(0) \(s.acme[i]) \(s.band[i])") }
  }
}
