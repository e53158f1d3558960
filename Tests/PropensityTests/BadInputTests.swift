import CausalCore
import LinearAlgebra
import Propensity
import Testing

/// Typed errors for inputs a binary model cannot use.
@Suite("Bad inputs")
struct BadInputTests {
  static func lalonde() throws -> DataTable { try PropensityFixtures.table("lalonde.csv") }

  @Test("a numeric response other than 0/1 is rejected with examples")
  func nonBinaryResponse() throws {
    #expect(throws: PropensityError.responseNotBinary(variable: "educ", examples: ["11", "9", "12", "8", "16"])) {
      try BinaryRegression(formula: "educ ~ age").fit(Self.lalonde())
    }
  }

  @Test("a text response with more than two levels is rejected")
  func textResponseWithThreeLevels() throws {
    #expect(throws: PropensityError.responseNotBinary(variable: "race", examples: ["'black'", "'hispan'", "'white'"])) {
      try BinaryRegression(formula: "race ~ age").fit(Self.lalonde())
    }
  }

  @Test("a text response with two levels is coded 0/1 with a note")
  func textResponseWithTwoLevels() throws {
    var data = try Self.lalonde()
    let treat = try data.column(named: "treat").doubles()
    try data.append(Column(name: "group", strings: treat.map { $0 == 1 ? "treated" : "control" }))
    let text = try BinaryRegression(formula: "group ~ age + educ").fit(data)
    let numeric = try BinaryRegression(formula: "treat ~ age + educ").fit(data)
    #expect(text.estimates == numeric.estimates)
    #expect(text.notes.first == "Response group: 'control' coded 0, 'treated' coded 1.")
  }

  @Test("a response without events or without non-events is rejected")
  func noVariation() throws {
    let x = (0..<20).map { Double($0) }
    let design = try Matrix(columns: [[Double](repeating: 1, count: 20), x])
    #expect(throws: PropensityError.noOutcomeVariation(variable: "response", value: 0)) {
      try BinaryRegression.fit(response: [Double](repeating: 0, count: 20), design: design, termNames: ["(Intercept)", "x"])
    }
    #expect(throws: PropensityError.noOutcomeVariation(variable: "response", value: 1)) {
      try BinaryRegression.fit(response: [Double](repeating: 1, count: 20), design: design, termNames: ["(Intercept)", "x"])
    }
  }

  @Test("unknown columns and text where numbers are needed are data errors")
  func modelFrameErrors() throws {
    #expect(throws: DataError.self) { try BinaryRegression(formula: "treat ~ agee").fit(Self.lalonde()) }
    #expect(throws: DataError.self) { try BinaryRegression(formula: "treat ~ log(race)").fit(Self.lalonde()) }
    #expect(throws: DataError.self) {
      try BinaryRegression(formula: "treat ~ age", weights: "race").fit(Self.lalonde())
    }
    #expect(throws: FormulaError.self) { try BinaryRegression(formula: "treat ~ age +") }
  }

  @Test("invalid options and fixed effects are rejected when the model is made")
  func invalidOptions() {
    #expect(throws: OptionError.self) { try BinaryRegression(formula: "treat ~ age", confidenceLevel: 1.5) }
    #expect(throws: OptionError.self) {
      try BinaryRegression(formula: "treat ~ age", iteration: IRLSOptions(maxIterations: 0))
    }
    #expect(throws: OptionError.self) {
      try BinaryRegression(formula: "treat ~ age", iteration: IRLSOptions(tolerance: -1))
    }
    #expect(throws: OptionError.self) { try BinaryRegression(formula: "treat ~ age | educ") }
    #expect(throws: OptionError.self) { try BinaryRegression(formula: Formula("treat ~ age | educ")) }
  }

  @Test("a formula with fixed effects is rejected at init with a message that says what to do")
  func fixedEffectsMessage() throws {
    do {
      _ = try BinaryRegression(formula: "treat ~ age | educ")
      Issue.record("expected an OptionError")
    } catch let error as OptionError {
      #expect(error.description.contains("fixed effects"))
      #expect(error.description.contains("i(region)"))
    }
  }

  @Test("clustering by a variable with one level is rejected")
  func singleCluster() throws {
    var data = try Self.lalonde()
    try data.append(Column(name: "one", ints: [Int](repeating: 1, count: data.rowCount)))
    #expect(throws: PropensityError.singleCluster(variable: "one")) {
      try BinaryRegression(formula: "treat ~ age + educ", vcov: .cluster(["one"])).fit(data)
    }
  }

  @Test("the low-level entry checks sizes, finiteness, weights and cluster codes")
  func lowLevelValidation() throws {
    let design = try Matrix(columns: [[1, 1, 1, 1], [0, 1, 2, 3]])
    let y: [Double] = [0, 1, 0, 1]
    #expect(throws: DataError.self) { try BinaryRegression.fit(response: [0, 1], design: design, termNames: ["a", "b"]) }
    #expect(throws: DataError.self) { try BinaryRegression.fit(response: y, design: design, termNames: ["a"]) }
    #expect(throws: DataError.self) {
      try BinaryRegression.fit(response: y, design: design, termNames: ["a", "b"], weights: [1, 0, 1, 1])
    }
    let bad = try Matrix(columns: [[1, 1, 1, 1], [0, .nan, 2, 3]])
    #expect(throws: DataError.self) { try BinaryRegression.fit(response: y, design: bad, termNames: ["a", "b"]) }
    #expect(throws: PropensityError.self) {
      try BinaryRegression.fit(response: y, design: design, termNames: ["a", "b"], vcov: .cluster(["g"]))
    }
  }

  @Test("non-convergence within the iteration cap throws")
  func notConverged() throws {
    let model = try BinaryRegression(
      formula: "treat ~ age + educ + race + married + nodegree + re74 + re75",
      iteration: IRLSOptions(maxIterations: 2))
    do {
      _ = try model.fit(Self.lalonde())
      Issue.record("expected notConverged")
    } catch let PropensityError.notConverged(iterations, change, tolerance) {
      #expect(iterations == 2)
      #expect(change > tolerance)
    }
  }

  @Test("more coefficients than observations is rejected")
  func tooFew() throws {
    let design = try Matrix(columns: [[1, 1], [0, 1]])
    #expect(throws: PropensityError.tooFewObservations(observations: 2, parameters: 2)) {
      try BinaryRegression.fit(response: [0, 1], design: design, termNames: ["a", "b"])
    }
  }

  @Test("error messages say what to do")
  func descriptions() {
    let errors: [PropensityError] = [
      .responseNotBinary(variable: "y", examples: ["2"]), .noOutcomeVariation(variable: "y", value: 1),
      .notConverged(iterations: 100, relativeDevianceChange: 1e-3, tolerance: 1e-12),
      .separation(variables: ["x"], observationsAtBounds: 3), .singularInformation(iteration: 2),
      .allRegressorsRemoved(terms: ["x"]), .tooFewObservations(observations: 1, parameters: 2),
      .varianceUnavailable(type: "hc2", reason: "r"), .singleCluster(variable: "g"),
      .invalidInput(reason: "r"),
    ]
    for e in errors { #expect(e.description.hasSuffix(".")) }
  }
}
