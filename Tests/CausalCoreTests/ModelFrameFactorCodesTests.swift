import CausalCore
import Testing

@Suite("Model frame: factor codes for fixed effects and clusters")
struct ModelFrameFactorCodesTests {
  @Test("Integers with a small range: ascending codes through a lookup table")
  func smallRangeIntegers() throws {
    let codes = try FactorCodes(column: Column(name: "firm", ints: [30, 10, 30, 20, -5]))
    #expect(codes.name == "firm")
    #expect(codes.codes == [3, 1, 3, 2, 0])
    #expect(codes.levelCount == 4)
    #expect(codes.labels == ["-5", "10", "20", "30"])
  }

  @Test("Integers with a wide range: ascending codes through sorting")
  func wideRangeIntegers() throws {
    let codes = try FactorCodes(column: Column(name: "id", ints: [1_000_000_000, 5, -7, 5, Int.max, Int.min]))
    #expect(codes.codes == [3, 2, 1, 2, 4, 0])
    #expect(codes.labels == ["\(Int.min)", "-7", "5", "1000000000", "\(Int.max)"])
  }

  @Test("Doubles: numeric order, integral labels without decimals")
  func doubles() throws {
    let codes = try FactorCodes(column: Column(name: "d", doubles: [2.5, 1, 2.5, -0.25, 10]))
    #expect(codes.codes == [2, 1, 2, 0, 3])
    #expect(codes.labels == ["-0.25", "1", "2.5", "10"])
    let integral = try FactorCodes(column: Column(name: "d", doubles: [3, 1, 2, 1]))
    #expect(integral.codes == [2, 0, 1, 0] && integral.labels == ["1", "2", "3"])
  }

  @Test("Text: string order, only levels present")
  func text() throws {
    let column = try Column(name: "s", codes: [2, 0, 2], levels: ["a", "b", "c"])
    let codes = try FactorCodes(column: column)
    #expect(codes.codes == [1, 0, 1] && codes.labels == ["a", "c"])
  }

  @Test("Bool: FALSE before TRUE")
  func bool() throws {
    let codes = try FactorCodes(column: Column(name: "t", bools: [true, false, true]))
    #expect(codes.codes == [1, 0, 1] && codes.labels == ["FALSE", "TRUE"])
  }

  @Test("Row selection codes only the given rows; missing or out-of-range rows are errors")
  func rows() throws {
    let column = Column(name: "f", ints: [5, nil, 7, 5, 9])
    let codes = try FactorCodes(column: column, rows: [0, 2, 3])
    #expect(codes.codes == [0, 1, 0] && codes.labels == ["5", "7"])
    #expect(throws: DataError.self) { try FactorCodes(column: column) }
    #expect(throws: DataError.self) { try FactorCodes(column: column, rows: [0, 1]) }
    #expect(throws: DataError.self) { try FactorCodes(column: column, rows: [0, 9]) }
    #expect(throws: DataError.self) { try FactorCodes(column: Column(name: "s", strings: ["a", nil]), rows: [1]) }
    #expect(throws: DataError.self) { try FactorCodes(column: Column(name: "d", doubles: [1, .nan])) }
    let renamed = try FactorCodes(name: "cluster", column: column, rows: [4])
    #expect(renamed.name == "cluster" && renamed.codes == [0])
  }

  @Test("Combining: one level per observed pair, in ascending pair order, labels joined by _")
  func combining() throws {
    let a = try FactorCodes(column: Column(name: "a", ints: [1, 1, 2, 2, 1]))
    let b = try FactorCodes(column: Column(name: "b", strings: ["y", "x", "x", "x", "y"]))
    let ab = try FactorCodes(combining: [a, b])
    #expect(ab.name == "a^b")
    #expect(ab.codes == [1, 0, 2, 2, 1])
    #expect(ab.labels == ["1_x", "1_y", "2_x"])
    #expect(throws: DataError.self) {
      try FactorCodes(combining: [a, FactorCodes(column: Column(name: "c", ints: [1]))])
    }
    #expect(throws: DataError.self) { try FactorCodes(combining: []) }
  }

  @Test("Validated memberwise initializer")
  func memberwise() throws {
    let codes = try FactorCodes(name: "f", codes: [0, 1, 0], labels: ["p", "q"])
    #expect(codes.levelCount == 2)
    #expect(throws: DataError.self) { try FactorCodes(name: "f", codes: [0, 2], labels: ["p", "q"]) }
  }

  @Test("Model frame fixed effects: coding order, kept rows, combined a^b")
  func frameFixedEffects() throws {
    let data = try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, 3, .nan, 5, 6]),
      Column(name: "x", doubles: [1, 2, 3, 4, 5, 6]),
      Column(name: "firm", ints: [30, 10, 30, 99, 20, 10]),
      Column(name: "year", strings: ["2001", "2000", "2000", "2002", "2001", "2000"]),
    ])
    let frame = try ModelFrame("y ~ x | firm + firm^year", data: data, clusters: ["year", "firm^year"])
    #expect(frame.rowIndices == [0, 1, 2, 4, 5])
    #expect(frame.fixedEffects.count == 2)
    #expect(try frame.fixedEffects[0] == FactorCodes(name: "firm", codes: [2, 0, 2, 1, 0], labels: ["10", "20", "30"]))
    #expect(frame.fixedEffects[1].name == "firm^year")
    #expect(frame.fixedEffects[1].codes == [3, 0, 2, 1, 0])
    #expect(frame.fixedEffects[1].labels == ["10_2000", "20_2001", "30_2000", "30_2001"])
    #expect(frame.clusters.map(\.name) == ["year", "firm^year"])
    #expect(frame.clusters[0].codes == [1, 0, 0, 1, 0])
    #expect(frame.clusters[1] == frame.fixedEffects[1])
  }
}
