import Matching
import Testing

@Suite("Matching estimands")
struct MatchingEstimandTests {
  @Test("estimands use MatchIt's names")
  func names() {
    #expect(MatchingEstimand.allCases.map(\.rawValue) == ["ATT", "ATC", "ATE"])
  }
}
