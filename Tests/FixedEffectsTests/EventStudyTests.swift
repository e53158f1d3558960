import CausalCore
import FixedEffects
import Testing
import TestSupport

/// The event-study and DiD helpers reproduce the pyfixest fixtures built from explicit
/// formulas (`sim_event_study_cluster_unit`, `sim_event_twfe_did_cluster_unit`).
@Suite("Difference-in-differences helpers")
struct EventStudyTests {
  static func reference(_ name: String) throws -> FeolsCase {
    try #require(Fixtures.feolsCases.first { $0.name == name })
  }

  @Test("EventStudy matches pyfixest's i(rel, ref = -1) with never-treated units as controls")
  func eventStudy() throws {
    let data = try Fixtures.table("sim_event.csv")
    let reference = try Self.reference("sim_event_study_cluster_unit")
    let result = try EventStudy(
      outcome: "y", unit: "unit", time: "period", treatmentStart: "first_treat", covariates: ["x"]
    ).fit(data)
    for expected in reference.coefficients where expected.term.hasPrefix("rel::") {
      let k = try #require(Int(expected.term.dropFirst("rel::".count)))
      let ours = try #require(result.estimates.first { $0.relativeTime == k })
      #expect(relativeDifference(ours.row.estimate, expected.estimate) < 1e-8)
      #expect(relativeDifference(ours.row.standardError, expected.standardError) < 1e-6)
    }
    let reference0 = try #require(result.estimates.first { $0.isReference })
    #expect(reference0.relativeTime == -1 && reference0.row.estimate == 0)
    #expect(result.preTrends.allSatisfy { $0.relativeTime < -1 })
  }

  @Test("binning pools distant relative periods into the window's end points")
  func binning() throws {
    let data = try Fixtures.table("sim_event.csv")
    let result = try EventStudy(
      outcome: "y", unit: "unit", time: "period", treatmentStart: "first_treat", window: -3...3, binEndpoints: true
    ).fit(data)
    #expect(result.estimates.map(\.relativeTime) == Array(-3...3))
  }

  @Test("two-way fixed-effects DiD matches the fixture")
  func twfe() throws {
    let data = try Fixtures.table("sim_event.csv")
    let reference = try Self.reference("sim_event_twfe_did_cluster_unit")
    let did = try DifferenceInDifferences(
      outcome: "y", design: .twoWayFixedEffects(treatment: "treat_post", unit: "unit", time: "period")
    ).fit(data)
    let expected = try #require(reference.coefficients.first)
    #expect(relativeDifference(did.effect.estimate, expected.estimate) < 1e-8)
    #expect(relativeDifference(did.effect.standardError, expected.standardError) < 1e-6)
  }

  @Test("the 2x2 DiD equals the difference of four means")
  func twoByTwo() throws {
    let y: [Double] = [1, 2, 3, 4, 2, 3, 7, 8]
    let treated = [0, 0, 0, 0, 1, 1, 1, 1], post = [0, 0, 1, 1, 0, 0, 1, 1]
    let t = try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "treated", ints: treated), Column(name: "post", ints: post),
    ])
    let did = try DifferenceInDifferences(outcome: "y", design: .twoByTwo(treated: "treated", post: "post")).fit(t)
    // (7.5 − 2.5) − (3.5 − 1.5) = 3
    #expect(abs(did.effect.estimate - 3) < 1e-12)
    #expect(did.term == "treated:post")
  }
}
