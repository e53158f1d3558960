import CausalCore
import Matching
import Testing

@Suite("Balance input errors")
struct BalanceErrorTests {
  static func table() throws -> DataTable {
    try DataTable(columns: [
      Column(name: "age", doubles: [20, 30, 40, 50, 35]),
      Column(name: "group", strings: ["a", "b", "a", "c", "b"]),
      Column(name: "flag", bools: [true, false, true, true, false]),
      Column(name: "gap", doubles: [1, .nan, 3, 4, 5]),
      Column(name: "treat", ints: [1, 0, 1, 0, 0]),
    ])
  }

  static let treatment = [true, false, true, false, false]

  @Test("an unknown covariate is DataError.unknownColumn with suggestions")
  func unknownCovariate() throws {
    let error = #expect(throws: DataError.self) {
      try BalanceTable(data: try Self.table(), covariates: ["agee"], treatment: Self.treatment, estimand: .att)
    }
    #expect(error == .unknownColumn(name: "agee", suggestions: ["age"]))
    #expect(throws: DataError.self) {
      try BalanceTable(data: try Self.table(), formula: "~ age + grop", treatment: Self.treatment, estimand: .att)
    }
  }

  @Test("vectors of the wrong length")
  func lengths() throws {
    let data = try Self.table()
    #expect(throws: DataError.lengthMismatch(column: "treatment", expected: 5, found: 4)) {
      try BalanceTable(data: data, covariates: ["age"], treatment: [true, false, true, false], estimand: .att)
    }
    #expect(throws: DataError.lengthMismatch(column: "matching weights", expected: 5, found: 2)) {
      try BalanceTable(data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, matchingWeights: [1, 1])
    }
    #expect(throws: DataError.lengthMismatch(column: "base weights", expected: 5, found: 6)) {
      try BalanceTable(
        data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, baseWeights: [1, 1, 1, 1, 1, 1])
    }
  }

  @Test("groups without units of positive weight")
  func emptyGroups() throws {
    let data = try Self.table()
    #expect(throws: MatchingError.noTreatedUnits(sample: "the full sample")) {
      try BalanceTable(data: data, covariates: ["age"], treatment: [false, false, false, false, false], estimand: .att)
    }
    #expect(throws: MatchingError.noControlUnits(sample: "the full sample")) {
      try BalanceTable(data: data, covariates: ["age"], treatment: [true, true, true, true, true], estimand: .ate)
    }
    #expect(throws: MatchingError.noControlUnits(sample: "the matched sample")) {
      try BalanceTable(
        data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, matchingWeights: [1, 0, 1, 0, 0])
    }
  }

  @Test("negative and non-finite weights")
  func invalidWeights() throws {
    let data = try Self.table()
    #expect(throws: DataError.invalidValues(column: "matching weights", reason: "row 2 has -1.0; weights must be finite and non-negative")) {
      try BalanceTable(
        data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, matchingWeights: [1, 1, -1, 1, 1])
    }
    #expect(throws: DataError.self) {
      try BalanceTable(
        data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, baseWeights: [1, .infinity, 1, 1, 1])
    }
  }

  @Test("missing covariate values name the covariate and row")
  func missingValues() throws {
    let data = try Self.table()
    #expect(throws: MatchingError.missingValue(variable: "gap", row: 1)) {
      try BalanceTable(data: data, covariates: ["gap"], treatment: Self.treatment, estimand: .att)
    }
    #expect(throws: MatchingError.self) {
      try BalanceTable(data: data, formula: "~ log(gap)", treatment: Self.treatment, estimand: .att)
    }
    #expect(throws: MatchingError.missingValue(variable: "x", row: 0)) {
      try BalanceCovariate(name: "x", values: [.nan, 1])
    }
  }

  @Test("empty, duplicate and fixed-effect covariate lists")
  func covariateLists() throws {
    let data = try Self.table()
    #expect(throws: MatchingError.noCovariates) {
      try BalanceTable(data: data, covariates: [], treatment: Self.treatment, estimand: .att)
    }
    #expect(throws: MatchingError.duplicateCovariate("age")) {
      try BalanceTable(data: data, covariates: ["age", "age"], treatment: Self.treatment, estimand: .att)
    }
    #expect(throws: FormulaError.self) {
      try BalanceTable(data: data, formula: "treat ~ age | group", treatment: Self.treatment, estimand: .att)
    }
  }

  @Test("treatment columns must hold 0/1 or true/false")
  func treatmentColumn() throws {
    let data = try Self.table()
    #expect(try BalanceTable.treatment(column: "treat", in: data) == Self.treatment)
    #expect(try BalanceTable.treatment(column: "flag", in: data) == [true, false, true, true, false])
    #expect(throws: MatchingError.invalidTreatment(column: "age", row: 0, value: "20.0")) {
      try BalanceTable.treatment(column: "age", in: data)
    }
    #expect(throws: MatchingError.self) { try BalanceTable.treatment(column: "group", in: data) }
    #expect(throws: MatchingError.self) { try BalanceTable.treatment(column: "gap", in: data) }
  }

  @Test("every error has a message")
  func messages() {
    let errors: [MatchingError] = [
      .noCovariates, .duplicateCovariate("x"), .missingValue(variable: "x", row: 1),
      .noTreatedUnits(sample: "the matched sample"), .noControlUnits(sample: "the full sample"),
      .invalidTreatment(column: "t", row: 0, value: "2"), .noOverlap(group: "treated", discarded: 2),
      .noMatches(unmatched: 3), .scoreRequired(option: "The caliper"), .covarianceFailure(detail: "d"),
      .tooFewUnits(group: "control", available: 1, required: 2, option: "matches"), .constantCovariate("x"),
      .biasAdjustmentUnavailable(reason: "r"),
    ]
    for e in errors { #expect(e.description.hasSuffix(".")) }
    #expect(MatchingError.noTreatedUnits(sample: "the matched sample").description.hasPrefix("The matched sample"))
  }
}
