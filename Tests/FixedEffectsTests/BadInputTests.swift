import CausalCore
import FixedEffects
import Testing

/// Every bad-input path of issue 2 gets a typed error or a reported drop, never a crash.
@Suite("FixedEffects bad input")
struct BadInputTests {
  static func table(_ columns: [Column]) throws -> DataTable { try DataTable(columns: columns) }

  let panel = try! table([
    Column(name: "y", doubles: [1, 2, 3.5, 4, 5.5, 6, 7.25, 8, Double.nan, 10]),
    Column(name: "x", doubles: [0.5, 1, 1.2, 2, 2.1, 3.3, 3, 4.1, 5, 5.5]),
    Column(name: "firm", ints: [1, 1, 2, 2, 3, 3, 4, 4, 5, 5]),
    Column(name: "one", ints: [1, 1, 1, 1, 1, 1, 1, 1, 1, 1]),
    Column(name: "w", doubles: [1, 1, 1, -1, 1, 1, 1, 1, 1, 1]),
    Column(name: "region", strings: ["a", "b", "a", "b", "a", "b", "a", "b", "a", "b"]),
  ])

  @Test("missing values are deleted listwise and counted")
  func missing() throws {
    let fit = try FixedEffectsModel(formula: "y ~ x | firm", vcov: .iid).fit(panel)
    #expect(fit.drops.observationCount(.missingValue) == 1)
    // Firm 5 lost one row and became a singleton.
    #expect(fit.drops.observationCount(.singleton) == 1)
    #expect(fit.observationCount == 8)
  }

  @Test("an unknown column names the closest existing ones")
  func unknownColumn() throws {
    #expect(throws: DataError.unknownColumn(name: "frim", suggestions: ["firm"])) {
      try FixedEffectsModel(formula: "y ~ x | frim").fit(panel)
    }
  }

  @Test("a formula that does not parse is a FormulaError")
  func badFormula() {
    #expect(throws: FormulaError.self) { try FixedEffectsModel(formula: "y ~ x +") }
    #expect(throws: FormulaError.self) { try FixedEffectsModel(formula: "y x") }
  }

  @Test("no residual degrees of freedom")
  func noDF() throws {
    let t = try Self.table([Column(name: "y", doubles: [1, 2]), Column(name: "x", doubles: [0, 1])])
    #expect(throws: FixedEffectsError.noResidualDegreesOfFreedom(observations: 2, parameters: 2)) {
      try FixedEffectsModel(formula: "y ~ x").fit(t)
    }
  }

  @Test("a regressor fully absorbed by the fixed effects is dropped and named")
  func absorbed() throws {
    var t = panel
    try t.append(Column(name: "firmsize", doubles: [3, 3, 5, 5, 2, 2, 8, 8, 1, 1]))
    let fit = try FixedEffectsModel(formula: "y ~ x + firmsize | firm", vcov: .iid).fit(t)
    #expect(fit.drops.terms.contains { $0.reason == .absorbedByFixedEffects && $0.variables == ["firmsize"] })
    #expect(fit.coefficients.map(\.term) == ["x"])
    #expect(throws: FixedEffectsError.allRegressorsRemoved(terms: ["firmsize"])) {
      try FixedEffectsModel(formula: "y ~ firmsize | firm", vcov: .iid).fit(t)
    }
  }

  @Test("clustering by a single cluster is refused")
  func singleCluster() throws {
    #expect(throws: FixedEffectsError.singleCluster(variable: "one")) {
      try FixedEffectsModel(formula: "y ~ x", vcov: .cluster(["one"])).fit(panel)
    }
  }

  @Test("a fixed effect where every observation is a singleton")
  func allSingletons() throws {
    let t = try Self.table([
      Column(name: "y", doubles: [1, 2, 3]), Column(name: "x", doubles: [1, 0, 1]),
      Column(name: "id", ints: [1, 2, 3]),
    ])
    #expect(throws: FixedEffectsError.allSingletons(fixedEffects: ["id"])) {
      try FixedEffectsModel(formula: "y ~ x | id").fit(t)
    }
  }

  @Test("negative weights are an error naming the column")
  func negativeWeights() throws {
    #expect(throws: DataError.self) { try FixedEffectsModel(formula: "y ~ x", weights: "w").fit(panel) }
  }

  @Test("text used as a number is a type error")
  func textAsNumber() throws {
    #expect(throws: DataError.self) { try FixedEffectsModel(formula: "region ~ x").fit(panel) }
  }

  @Test("HC2 with absorbed fixed effects is refused with a reason")
  func hc2WithFE() throws {
    #expect(throws: FixedEffectsError.self) { try FixedEffectsModel(formula: "y ~ x | firm", vcov: .hc2).fit(panel) }
  }

  @Test("invalid variance specifications are rejected")
  func badVcov() throws {
    #expect(throws: OptionError.self) { try VarianceType(parsing: "cluster:") }
    #expect(throws: OptionError.self) { try VarianceType(parsing: "robustish") }
    #expect(try VarianceType(parsing: "cluster:a+b") == .cluster(["a", "b"]))
  }

  @Test("non-convergence is an error, not a silent result")
  func notConverged() throws {
    let data = try Fixtures.table("sim_fe.csv")
    let options = DemeaningOptions(method: .alternatingProjections, tolerance: 1e-14, maxIterations: 2)
    #expect(throws: FixedEffectsError.self) {
      try FixedEffectsModel(formula: "y ~ x1 + x2 | firm + year + region", demeaning: options).fit(data)
    }
  }
}
