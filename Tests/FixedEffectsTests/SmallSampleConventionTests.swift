import CausalCore
import FixedEffects
import Testing

/// The Stata (reghdfe) convention counts redundant fixed-effect parameters exactly from the
/// connected components of the first two dimensions; fixest assumes one per extra dimension.
@Suite("Small-sample conventions")
struct SmallSampleConventionTests {
  /// Workers 0-3 only ever meet firms 0-1, workers 4-7 only firms 2-3: two mobility groups.
  static func twoGroups() throws -> DataTable {
    var worker = [Int](), firm = [Int](), x = [Double](), y = [Double]()
    var rng = SeededGenerator(seed: 5)
    for w in 0..<8 {
      for t in 0..<4 {
        let f = (w < 4 ? 0 : 2) + (w + t) % 2
        let xi = rng.nextNormal()
        worker.append(w)
        firm.append(f)
        x.append(xi)
        y.append(xi + Double(w) * 0.1 + Double(f) + rng.nextNormal())
      }
    }
    return try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "x", doubles: x),
      Column(name: "worker", ints: worker), Column(name: "firm", ints: firm),
    ])
  }

  @Test("two mobility groups: reghdfe counts one more redundant parameter than fixest")
  func connectedComponents() throws {
    let data = try Self.twoGroups()
    let fixest = try FixedEffectsModel(formula: "y ~ x | worker + firm", vcov: .iid).fit(data)
    let stata = try FixedEffectsModel(formula: "y ~ x | worker + firm", vcov: .iid, smallSample: .stata).fit(data)
    // 8 workers + 4 firms: fixest counts 8 + 4 − 1 = 11, reghdfe 8 + 4 − 2 = 10.
    #expect(fixest.fixedEffectParameterCount == 11)
    #expect(stata.fixedEffectParameterCount == 10)
    #expect(stata.residualDegreesOfFreedom == fixest.residualDegreesOfFreedom + 1)
    // Same slope; the iid variance scales with the degrees of freedom.
    let a = try #require(fixest.coefficient("x")), b = try #require(stata.coefficient("x"))
    #expect(abs(a.estimate - b.estimate) < 1e-12)
    let ratio = (b.standardError * b.standardError) / (a.standardError * a.standardError)
    let expected = Double(fixest.residualDegreesOfFreedom) / Double(stata.residualDegreesOfFreedom)
    #expect(abs(ratio - expected) < 1e-12)
  }
}
