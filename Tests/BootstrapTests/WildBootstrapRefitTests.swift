import CausalCore
import FixedEffects
import Testing

@testable import Bootstrap

/// A small heteroskedastic design: `y = 1 + 0.5x + 0·treat + f1 + f2 + σ(x)ε` with `n` rows,
/// fixed effects `f1` (5 levels) and `f2` (4 levels), and their dummies `d1_1…d1_4`,
/// `d2_1…d2_3` (first level left out) for refitting with the fixed effects as regressors.
enum WildHeteroskedasticData {
  static func table(n: Int = 60, seed: UInt64 = 11, effect: Double = 0) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var columns: [String: [Double]] = [:]
    let names = ["y", "x", "treat", "f1", "f2"] + (1...4).map { "d1_\($0)" } + (1...3).map { "d2_\($0)" }
    for name in names { columns[name] = [] }
    for i in 0..<n {
      let x = rng.nextNormal()
      let treat: Double = rng.nextUniform() < 0.4 ? 1 : 0
      let f1 = i % 5, f2 = (i / 5) % 4
      let y = 1 + 0.5 * x + effect * treat + 0.3 * Double(f1) - 0.2 * Double(f2)
        + (0.5 + abs(x) + treat) * rng.nextNormal()
      columns["y"]?.append(y)
      columns["x"]?.append(x)
      columns["treat"]?.append(treat)
      columns["f1"]?.append(Double(f1))
      columns["f2"]?.append(Double(f2))
      for l in 1...4 { columns["d1_\(l)"]?.append(f1 == l ? 1 : 0) }
      for l in 1...3 { columns["d2_\(l)"]?.append(f2 == l ? 1 : 0) }
    }
    return try DataTable(columns: names.map { Column(name: $0, doubles: columns[$0] ?? []) })
  }

  /// The dummies standing in for the absorbed fixed effects `fixedEffects` (`""`, `"f1"` or
  /// `"f1 + f2"`), as extra regressors.
  static func dummies(for fixedEffects: String) -> String {
    var terms: [String] = []
    if fixedEffects.contains("f1") { terms += (1...4).map { "d1_\($0)" } }
    if fixedEffects.contains("f2") { terms += (1...3).map { "d2_\($0)" } }
    return terms.map { " + " + $0 }.joined()
  }

  /// Tight demeaning, so that the iterative solves with two fixed effects do not limit the
  /// comparison.
  static let demeaning = DemeaningOptions(tolerance: 1e-14)
}

/// Checks the fast heteroskedastic wild bootstrap statistics against the definition: refit
/// `FixedEffectsModel` with `vcov: .hetero` on `y* = ŷ_dgp + v ⊙ ü`, built here from the same
/// weights, with the fixed effects as dummy regressors (no absorbed fixed effects).
@Suite("Heteroskedastic wild bootstrap replicates equal refits")
struct WildBootstrapRefitTests {
  @Test("fast t* equals the HC1 t of the refit with fixed effects as dummies",
        arguments: ["", "f1", "f1 + f2"], [true, false])
  func refits(fixedEffects: String, imposeNull: Bool) throws {
    // Null value 0.3 for treat: WR draws from the fit of y − 0.3·treat without treat.
    let null = 0.3
    let data = try WildHeteroskedasticData.table()
    let absorbed = fixedEffects.isEmpty ? "" : " | " + fixedEffects
    let dummies = WildHeteroskedasticData.dummies(for: fixedEffects)
    let model = try FixedEffectsModel(
      formula: "y ~ x + treat" + absorbed, vcov: .hetero, demeaning: WildHeteroskedasticData.demeaning)
    for weights in BootstrapWeightDistribution.allCases {
      let test = try WildBootstrap(
        model: model, hypothesis: .restriction(["treat": 1], equals: null), weights: weights, replicates: 40,
        imposeNull: imposeNull, seed: 5)
      let result = try test.fit(data)
      #expect(!result.enumerated && result.failures == 0 && result.clusterCount == 60)

      // The fit behind the statistic, with the dummies: same estimate and HC1 t.
      let full = try FixedEffectsModel(formula: "y ~ x + treat" + dummies, vcov: .hetero).fit(data)
      let treat = try #require(full.coefficient("treat"))
      #expect(abs(result.statistic - (treat.estimate - null) / treat.standardError) <= 1e-10 * max(1, abs(result.statistic)))

      // The DGP: restricted (y − 0.3·treat on the rest, plus 0.3·treat back) or unrestricted.
      var work = data
      let y = try data.column(named: "y").doubles()
      let d = try data.column(named: "treat").doubles()
      try work.append(Column(name: "y_null", doubles: zip(y, d).map { $0 - null * $1 }))
      let dgp = imposeNull
        ? try FixedEffectsModel(formula: "y_null ~ x" + dummies, vcov: .hetero).fit(work) : full
      let fitted = imposeNull ? zip(dgp.fittedValues, d).map { $0 + null * $1 } : dgp.fittedValues
      let residuals = dgp.residuals
      let center = imposeNull ? null : treat.estimate

      for b in [0, 1, 7, 23, 39] {
        let v = test.weights(replicate: b, observations: data.rowCount)
        var table = data
        try table.append(Column(name: "ystar", doubles: (0..<data.rowCount).map { fitted[$0] + v[$0] * residuals[$0] }))
        let refit = try FixedEffectsModel(formula: "ystar ~ x + treat" + dummies, vcov: .hetero).fit(table)
        let row = try #require(refit.coefficient("treat"))
        let t = (row.estimate - center) / row.standardError
        let fast = result.bootstrapStatistics[b]
        #expect(abs(fast - t) <= 1e-10 * max(1, abs(t)), "\(weights) replicate \(b): fast \(fast) vs refit \(t)")
      }
    }
  }

  @Test("the confidence interval's bounds are where the test's p-value crosses α", arguments: [true, false])
  func inversion(imposeNull: Bool) throws {
    let data = try WildHeteroskedasticData.table()
    let model = try FixedEffectsModel(formula: "y ~ x + treat | f1 + f2", demeaning: WildHeteroskedasticData.demeaning)
    let base = try WildBootstrap(
      model: model, hypothesis: .term("treat"), replicates: 199, imposeNull: imposeNull, seed: 3, confidenceLevel: 0.9)
    let result = try base.fit(data)
    let interval = try #require(result.confidenceInterval)
    #expect(interval.contains(result.estimate))
    let se = result.estimate / result.statistic
    // Testing the bound itself, just inside and just outside, with the same weights.
    for (bound, outward) in [(interval.lower, -1.0), (interval.upper, 1.0)] {
      func test(_ value: Double) throws -> WildBootstrap {
        try WildBootstrap(
          model: model, hypothesis: .restriction(["treat": 1], equals: value), replicates: 199, imposeNull: imposeNull,
          seed: 3)
      }
      #expect(try test(bound - outward * 1e-7 * se).fit(data).pValue >= 0.1)
      #expect(try test(bound + outward * 1e-7 * se).fit(data).pValue < 0.1)
    }
  }
}
