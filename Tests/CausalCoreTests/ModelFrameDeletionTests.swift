import CausalCore
import Testing

@Suite("Model frame: listwise deletion, weights and errors")
struct ModelFrameDeletionTests {
  /// y missing in row 1, x (int) missing in row 3, fe (text) missing in rows 3 and 4, w zero in
  /// row 5, c (cluster) missing in row 6, e (extra) missing in row 7.
  func table() throws -> DataTable {
    try DataTable(columns: [
      Column(name: "y", doubles: [1, .nan, 3, 4, 5, 6, 7, 8, 9, 10]),
      Column(name: "x", ints: [1, 2, 3, nil, 5, 6, 7, 8, 9, 10]),
      Column(name: "fe", strings: ["a", "a", "b", nil, nil, "b", "c", "c", "a", "b"]),
      Column(name: "w", doubles: [1, 1, 2, 1, 1, 0, 1, 1, 1, 1]),
      Column(name: "c", ints: [1, 1, 1, 2, 2, 2, nil, 3, 3, 3]),
      Column(name: "e", doubles: [0, 0, 0, 0, 0, 0, 0, .nan, 0, 0]),
      Column(name: "g", strings: ["u", "v", "u", "v", "u", "v", "u", "v", "u", "v"]),
      Column(name: "neg", doubles: [1, 1, 1, -0.5, 1, 1, 1, 1, 1, 1]),
      Column(name: "score", doubles: [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]),
    ])
  }

  @Test("Missing values in any used variable drop the row; one record with count and variables")
  func missing() throws {
    let frame = try ModelFrame("y ~ x | fe", data: table(), clusters: ["c"], extraColumns: ["e"])
    #expect(frame.rowIndices == [0, 2, 5, 8, 9])
    #expect(frame.response == [1, 3, 6, 9, 10])
    #expect(frame.design.column(0) == [1, 3, 6, 9, 10])
    #expect(frame.drops.observations == [DropRecord(reason: .missingValue, count: 5, variables: ["y", "x", "fe", "c", "e"])])
    #expect(frame.drops.observationCount(.missingValue) == 5)
    #expect(frame.drops.notes == ["5 observations removed because of missing values in y, x, fe, c, e."])
  }

  @Test("Variables without missing values among used rows are not listed")
  func missingOnlyResponse() throws {
    let frame = try ModelFrame("y ~ score", data: table())
    #expect(frame.drops.observations == [DropRecord(reason: .missingValue, count: 1, variables: ["y"])])
    #expect(frame.observationCount == 9)
  }

  @Test("Non-finite computed values drop rows under the expression: log(0) as infinite, sqrt(-1) as missing")
  func nonFinite() throws {
    let data = try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, 3, 4]),
      Column(name: "x", doubles: [0, 1, .nan, 2]),
      Column(name: "z", doubles: [1, -1, 1, 1]),
    ])
    let frame = try ModelFrame("y ~ log(x) + sqrt(z)", data: data)
    #expect(frame.rowIndices == [3])
    #expect(frame.drops.observations == [
      DropRecord(reason: .missingValue, count: 2, variables: ["x", "sqrt(z)"]),
      DropRecord(reason: .infiniteValue, count: 1, variables: ["log(x)"]),
    ])
    // Infinite values in the data are reported apart from missing values.
    let inf = try DataTable(columns: [Column(name: "y", doubles: [1, .infinity, 3]), Column(name: "x", doubles: [1, 2, 3])])
    #expect(try ModelFrame("y ~ x", data: inf).drops.observations == [DropRecord(reason: .infiniteValue, count: 1, variables: ["y"])])
  }

  @Test("Zero weights are dropped with their own record; weights are kept for the rest")
  func zeroWeights() throws {
    let frame = try ModelFrame("score ~ g", data: table(), weights: "w")
    #expect(frame.rowIndices == [0, 1, 2, 3, 4, 6, 7, 8, 9])
    #expect(frame.weights == [1, 1, 2, 1, 1, 1, 1, 1, 1])
    #expect(frame.drops.observations == [DropRecord(reason: .zeroWeight, count: 1, variables: ["w"])])
    #expect(frame.drops.notes == ["1 observation with zero weight removed."])
    // A zero-weight row that is also missing counts once, as missing.
    let both = try ModelFrame("y ~ x", data: table(), weights: "w")
    #expect(both.drops.observationCount(.missingValue) == 2 && both.drops.observationCount(.zeroWeight) == 1)
  }

  @Test("Negative weights are an error")
  func negativeWeights() throws {
    #expect(throws: DataError.invalidValues(column: "neg", reason: "weights must be non-negative; row 3 has weight -0.5")) {
      try ModelFrame("score ~ g", data: table(), weights: "neg")
    }
  }

  @Test("Unknown columns are an error with suggestions, wherever they are used")
  func unknownColumn() throws {
    #expect(throws: DataError.unknownColumn(name: "scor", suggestions: ["score"])) {
      try ModelFrame("y ~ scor", data: table())
    }
    #expect(throws: DataError.unknownColumn(name: "sscore", suggestions: ["score"])) {
      try ModelFrame("y ~ log(sscore)", data: table())
    }
    #expect(throws: DataError.unknownColumn(name: "fee", suggestions: ["fe", "e", "neg"])) {
      try ModelFrame("y ~ x | fee", data: table())
    }
    #expect(throws: DataError.self) { try ModelFrame("y ~ x", data: table(), weights: "ww") }
    #expect(throws: DataError.self) { try ModelFrame("y ~ x", data: table(), clusters: ["cc"]) }
    #expect(throws: DataError.self) { try ModelFrame("y ~ x", data: table(), extraColumns: ["nothing"]) }
  }

  @Test("Text columns where numbers are needed are a type mismatch")
  func typeMismatch() throws {
    let cases = ["g ~ x", "y ~ log(g)", "y ~ I(g^2)", "y ~ i(x, g)", "log(g) ~ x"]
    for formula in cases {
      #expect(throws: DataError.self, "\(formula)") { try ModelFrame(formula, data: table()) }
      do {
        _ = try ModelFrame(formula, data: table())
      } catch let error as DataError {
        guard case .typeMismatch(let column, _, let found) = error else {
          Issue.record("\(formula): \(error)")
          continue
        }
        #expect(column == "g" && found == "text (categorical)")
      }
    }
    #expect(throws: DataError.typeMismatch(column: "g", expected: "a numeric column (weights)", found: "text (categorical)")) {
      try ModelFrame("y ~ x", data: table(), weights: "g")
    }
  }

  @Test("Nothing left is an error")
  func noObservations() throws {
    let data = try DataTable(columns: [Column(name: "y", doubles: [.nan, .nan]), Column(name: "x", doubles: [1, 2])])
    #expect(throws: DataError.noObservations(reason: "all 2 rows were removed because of missing or infinite values or zero weights")) {
      try ModelFrame("y ~ x", data: data)
    }
  }

  @Test("A text regressor with a single level among the kept rows is an error")
  func tooFewLevels() throws {
    let data = try DataTable(columns: [Column(name: "y", doubles: [1, 2, .nan]), Column(name: "g", strings: ["a", "a", "b"])])
    #expect(throws: ModelFrameError.tooFewLevels(term: "g", variable: "g")) {
      try ModelFrame("y ~ g", data: data)
    }
  }

  @Test("Formula errors surface from the string initializer")
  func formulaError() throws {
    #expect(throws: FormulaError.self) { try ModelFrame("y ~ x +", data: table()) }
  }

  @Test("Errors describe themselves")
  func descriptions() {
    #expect(ModelFrameError.duplicateColumnName("g::b").description.contains("'g::b'"))
    #expect(ModelFrameError.unknownLevel(term: "i(rel,ref=5)", argument: "ref", value: "5", available: ["-1", "0"]).description.contains("-1, 0"))
    #expect(ModelFrameError.noLevelsLeft(term: "i(rel)").description.contains("i(rel)"))
    #expect(ModelFrameError.tooFewLevels(term: "g", variable: "g").description.contains("'g'"))
  }
}
