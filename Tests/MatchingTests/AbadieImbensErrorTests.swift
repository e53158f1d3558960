import LinearAlgebra
import Matching
import Testing

@Suite("Abadie–Imbens input and option errors")
struct AbadieImbensErrorTests {
  static let y: [Double] = [5, 6, 20, 1, 3, 7, 2]
  static let treatment = [true, true, true, false, false, false, false]
  static let x: [Double] = [0, 0.5, 10, 1, 9, 20, 30]

  @Test("options out of range")
  func options() {
    #expect(throws: OptionError.invalid(option: "matches", value: "0", expected: "a number of matches M of at least 1")) {
      try AbadieImbensEstimator(matches: 0)
    }
    #expect(throws: OptionError.self) { try AbadieImbensEstimator(conditionalVariance: .matching(neighbors: 0)) }
    #expect(throws: OptionError.self) { try AbadieImbensEstimator(caliper: [0.2, -1]) }
    #expect(throws: OptionError.self) { try AbadieImbensEstimator(caliper: []) }
    #expect(throws: OptionError.self) { try AbadieImbensEstimator(distanceTolerance: -1) }
    #expect(throws: OptionError.self) { try AbadieImbensEstimator(confidenceLevel: 1) }
  }

  @Test("the table form validates its options at init too")
  func tableOptions() {
    #expect(throws: OptionError.self) {
      try AbadieImbensEstimator(outcome: "y", treatment: "d", matchOn: .covariates(["x"]), matches: -2)
    }
    #expect(throws: OptionError.self) { try AbadieImbensEstimator(outcome: "y", treatment: "d", matchOn: .covariates([])) }
  }

  @Test("lengths differ")
  func lengths() {
    #expect(throws: DataError.lengthMismatch(column: "treatment", expected: 7, found: 6)) {
      try AbadieImbensEstimator().estimate(outcome: Self.y, treatment: Array(Self.treatment.dropLast()), score: Self.x)
    }
    #expect(throws: DataError.lengthMismatch(column: "covariate matrix", expected: 7, found: 6)) {
      try AbadieImbensEstimator().estimate(outcome: Self.y, treatment: Self.treatment, score: Array(Self.x.dropLast()))
    }
    #expect(throws: DataError.lengthMismatch(column: "adjustment covariate matrix", expected: 7, found: 2)) {
      try AbadieImbensEstimator(biasAdjustment: true).estimate(
        outcome: Self.y, treatment: Self.treatment, score: Self.x,
        adjustmentCovariates: Matrix(columns: [[1, 2]]))
    }
    #expect(throws: DataError.noObservations(reason: "the outcome is empty; pass at least one unit")) {
      try AbadieImbensEstimator().estimate(outcome: [], treatment: [], score: [])
    }
  }

  @Test("no treated or no control units")
  func groups() {
    #expect(throws: MatchingError.noTreatedUnits(sample: "the input")) {
      try AbadieImbensEstimator().estimate(outcome: Self.y, treatment: Self.treatment.map { _ in false }, score: Self.x)
    }
    #expect(throws: MatchingError.noControlUnits(sample: "the input")) {
      try AbadieImbensEstimator().estimate(outcome: Self.y, treatment: Self.treatment.map { _ in true }, score: Self.x)
    }
  }

  @Test("more matches than possible matches")
  func tooFewMatches() throws {
    #expect(throws: MatchingError.tooFewUnits(group: "control", available: 4, required: 5, option: "matches")) {
      try AbadieImbensEstimator(matches: 5).estimate(outcome: Self.y, treatment: Self.treatment, score: Self.x)
    }
    // ATC matches controls to the 3 treated units; ATE needs both groups.
    #expect(throws: MatchingError.tooFewUnits(group: "treated", available: 3, required: 4, option: "matches")) {
      try AbadieImbensEstimator(estimand: .atc, matches: 4).estimate(outcome: Self.y, treatment: Self.treatment, score: Self.x)
    }
    #expect(throws: MatchingError.tooFewUnits(group: "treated", available: 3, required: 4, option: "matches")) {
      try AbadieImbensEstimator(estimand: .ate, matches: 4).estimate(outcome: Self.y, treatment: Self.treatment, score: Self.x)
    }
    // Within-group variance matching excludes the unit itself.
    #expect(
      throws: MatchingError.tooFewUnits(
        group: "treated", available: 2, required: 3, option: "conditionalVariance neighbors")
    ) {
      try AbadieImbensEstimator(conditionalVariance: .matching(neighbors: 3))
        .estimate(outcome: Self.y, treatment: Self.treatment, score: Self.x)
    }
  }

  @Test("missing values name the row and column")
  func missing() throws {
    var y = Self.y
    y[4] = .nan
    #expect(throws: MatchingError.missingValue(variable: "outcome", row: 4)) {
      try AbadieImbensEstimator().estimate(outcome: y, treatment: Self.treatment, score: Self.x)
    }
    let covariates = try Matrix(columns: [Self.x, [1, 2, 3, 4, .infinity, 6, 7]])
    #expect(throws: MatchingError.missingValue(variable: "covariate matrix column 1", row: 4)) {
      try AbadieImbensEstimator().estimate(outcome: Self.y, treatment: Self.treatment, covariates: covariates)
    }
  }

  @Test("a constant covariate cannot weight the distance")
  func constant() throws {
    let covariates = try Matrix(columns: [Self.x, [3, 3, 3, 3, 3, 3, 3]])
    #expect(throws: MatchingError.constantCovariate("column 1")) {
      try AbadieImbensEstimator().estimate(outcome: Self.y, treatment: Self.treatment, covariates: covariates)
    }
  }

  @Test("a caliper that drops every unit, and a caliper of the wrong length")
  func caliper() throws {
    let spread: [Double] = [0, 100, 200, 50, 150, 250, 300]
    #expect(throws: MatchingError.noMatches(unmatched: 3)) {
      try AbadieImbensEstimator(caliper: [0.01]).estimate(outcome: Self.y, treatment: Self.treatment, score: spread)
    }
    let covariates = try Matrix(columns: [Self.x, spread])
    #expect(throws: OptionError.self) {
      try AbadieImbensEstimator(caliper: [0.1, 0.2, 0.3]).estimate(
        outcome: Self.y, treatment: Self.treatment, covariates: covariates)
    }
  }

  @Test("bias adjustment needs more units than covariates, and a solvable regression")
  func biasAdjustment() throws {
    let wide = try Matrix(columns: (0..<4).map { k in Self.x.map { $0 * Double(k + 1) + Double(k * k) } })
    #expect(throws: MatchingError.self) {
      try AbadieImbensEstimator(biasAdjustment: true).estimate(
        outcome: Self.y, treatment: Self.treatment, score: Self.x, adjustmentCovariates: wide)
    }
  }

  @Test("descriptions say what, where and what to do")
  func descriptions() {
    let error = MatchingError.missingValue(variable: "covariate matrix column 1", row: 4)
    #expect(error.description.contains("'covariate matrix column 1'"))
    #expect(error.description.contains("row 4"))
    #expect(error.description.contains("remove or impute"))
    #expect(MatchingError.constantCovariate("column 2").description.contains("remove it"))
    #expect(MatchingError.noMatches(unmatched: 3).description.contains("widen the caliper"))
  }
}
