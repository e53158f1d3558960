import CausalKit
import Testing

@testable import CausalKitTool

/// The printed `causalkit match` summary names the distance actually used.
@Suite("causalkit match summary text")
struct MatchSummaryTextTests {
  @Test("the first line names the distance: propensity score, linear propensity score or Mahalanobis", arguments: [
    (PropensityScoreMatching.Distance.propensityScore, "Propensity-score matching (ATT)"),
    (.linearPropensityScore, "Matching on the linear propensity score (ATT)"),
    (.mahalanobis, "Mahalanobis-distance matching (ATT)"),
  ])
  func title(distance: PropensityScoreMatching.Distance, expected: String) throws {
    let units = try CSVReader().read(path: ToolFixtures.lalonde)
    let result = try PropensityScoreMatching(treatment: "treat", covariates: ["age", "educ"], distance: distance)
      .fit(units)
    let first = MatchingSummaryText.render(result, distance: distance, effect: nil).split(separator: "\n").first
    #expect(first.map(String.init)?.hasPrefix(expected) == true, "\(first ?? "")")
  }
}
