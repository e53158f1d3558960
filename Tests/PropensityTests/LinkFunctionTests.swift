import Propensity
import Testing

@Suite("Link functions")
struct LinkFunctionTests {
  @Test("both links are available by name")
  func names() {
    #expect(LinkFunction(rawValue: "logit") == .logit)
    #expect(LinkFunction(rawValue: "probit") == .probit)
    #expect(LinkFunction.allCases.count == 2)
  }
}
