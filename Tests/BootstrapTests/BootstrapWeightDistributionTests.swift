import Bootstrap
import Testing

@Suite("Bootstrap weight distributions")
struct BootstrapWeightDistributionTests {
  @Test("the four distributions of boottest and wildboottest are available by name")
  func names() {
    #expect(BootstrapWeightDistribution.allCases.map(\.rawValue) == ["rademacher", "mammen", "webb", "normal"])
  }
}
