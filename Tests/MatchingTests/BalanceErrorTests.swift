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
    #expect(throws: BalanceError.lengthMismatch(what: "treatment", expected: 5, found: 4)) {
      try BalanceTable(data: data, covariates: ["age"], treatment: [true, false, true, false], estimand: .att)
    }
    #expect(throws: BalanceError.lengthMismatch(what: "matching weights", expected: 5, found: 2)) {
      try BalanceTable(data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, matchingWeights: [1, 1])
    }
    #expect(throws: BalanceError.lengthMismatch(what: "base weights", expected: 5, found: 6)) {
      try BalanceTable(
        data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, baseWeights: [1, 1, 1, 1, 1, 1])
    }
  }

  @Test("groups without units of positive weight")
  func emptyGroups() throws {
    let data = try Self.table()
    #expect(throws: BalanceError.noTreatedUnits(sample: "full sample")) {
      try BalanceTable(data: data, covariates: ["age"], treatment: [false, false, false, false, false], estimand: .att)
    }
    #expect(throws: BalanceError.noControlUnits(sample: "full sample")) {
      try BalanceTable(data: data, covariates: ["age"], treatment: [true, true, true, true, true], estimand: .ate)
    }
    #expect(throws: BalanceError.noControlUnits(sample: "matched sample")) {
      try BalanceTable(
        data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, matchingWeights: [1, 0, 1, 0, 0])
    }
  }

  @Test("negative and non-finite weights")
  func invalidWeights() throws {
    let data = try Self.table()
    #expect(throws: BalanceError.invalidWeight(weights: "matching weights", row: 2, value: -1)) {
      try BalanceTable(
        data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, matchingWeights: [1, 1, -1, 1, 1])
    }
    #expect(throws: BalanceError.self) {
      try BalanceTable(
        data: data, covariates: ["age"], treatment: Self.treatment, estimand: .att, baseWeights: [1, .infinity, 1, 1, 1])
    }
  }

  @Test("missing covariate values name the covariate and row")
  func missingValues() throws {
    let data = try Self.table()
    #expect(throws: BalanceError.missingValue(covariate: "gap", row: 1)) {
      try BalanceTable(data: data, covariates: ["gap"], treatment: Self.treatment, estimand: .att)
    }
    #expect(throws: BalanceError.self) {
      try BalanceTable(data: data, formula: "~ log(gap)", treatment: Self.treatment, estimand: .att)
    }
    #expect(throws: BalanceError.missingValue(covariate: "x", row: 0)) {
      try BalanceCovariate(name: "x", values: [.nan, 1])
    }
  }

  @Test("empty, duplicate and fixed-effect covariate lists")
  func covariateLists() throws {
    let data = try Self.table()
    #expect(throws: BalanceError.noCovariates) {
      try BalanceTable(data: data, covariates: [], treatment: Self.treatment, estimand: .att)
    }
    #expect(throws: BalanceError.duplicateCovariate("age")) {
      try BalanceTable(data: data, covariates: ["age", "age"], treatment: Self.treatment, estimand: .att)
    }
    #expect(throws: BalanceError.self) {
      try BalanceTable(data: data, formula: "treat ~ age | group", treatment: Self.treatment, estimand: .att)
    }
  }

  @Test("treatment columns must hold 0/1 or true/false")
  func treatmentColumn() throws {
    let data = try Self.table()
    #expect(try BalanceTable.treatment(column: "treat", in: data) == Self.treatment)
    #expect(try BalanceTable.treatment(column: "flag", in: data) == [true, false, true, true, false])
    #expect(throws: BalanceError.invalidTreatment(column: "age", row: 0, value: "20.0")) {
      try BalanceTable.treatment(column: "age", in: data)
    }
    #expect(throws: BalanceError.self) { try BalanceTable.treatment(column: "group", in: data) }
    #expect(throws: BalanceError.self) { try BalanceTable.treatment(column: "gap", in: data) }
  }

  @Test("every error has a message")
  func messages() {
    let errors: [BalanceError] = [
      .lengthMismatch(what: "treatment", expected: 3, found: 2), .noCovariates, .duplicateCovariate("x"),
      .missingValue(covariate: "x", row: 1), .invalidWeight(weights: "base weights", row: 0, value: -1),
      .noTreatedUnits(sample: "matched sample"), .noControlUnits(sample: "full sample"),
      .invalidTreatment(column: "t", row: 0, value: "2"), .unsupportedFormula("x"),
    ]
    for e in errors { #expect(!e.description.isEmpty) }
  }
}
