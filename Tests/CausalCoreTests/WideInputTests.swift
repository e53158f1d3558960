@testable import CausalCore
import Foundation
import Testing

/// Inputs that are wide rather than long: tables of very many columns, and regressors that
/// expand to more design columns than the machine can hold.
@Suite("Wide inputs: many columns, too many dummies")
struct WideInputTests {
  @Test("a table of 100,000 columns: every name finds its column, a repeated name is refused, set and selecting keep the lookup")
  func manyColumns() throws {
    let width = 100_000
    let columns = (0..<width).map { Column(name: "c\($0)", ints: [$0, -$0]) }
    var table = try DataTable(columns: columns)
    #expect(table.columns.count == width)
    for j in stride(from: 0, to: width, by: 997) {
      #expect(try table.column(named: "c\(j)").doubles() == [Double(j), Double(-j)])
    }
    #expect(table["c\(width)"] == nil)
    #expect(throws: DataError.duplicateColumn(name: "c17")) {
      try DataTable(columns: columns + [Column(name: "c17", ints: [0, 0])])
    }
    #expect(throws: DataError.duplicateColumn(name: "c5")) { try table.append(Column(name: "c5", ints: [1, 1])) }
    try table.set(Column(name: "c5", doubles: [0.5, 1.5]))
    try table.append(Column(name: "new", doubles: [2, 3]))
    #expect(table.columns.count == width + 1 && table.columnNames.last == "new")
    #expect(try table.column(named: "c5").doubles() == [0.5, 1.5])
    let second = table.selecting(rows: [1])
    #expect(try second.column(named: "c5").doubles() == [1.5])
    #expect(try second.column(named: "new").doubles() == [3])
    #expect(try second.column(named: "c99999").doubles() == [-99_999])
    // Canonically equivalent spellings are one name, as String equality says.
    let composed = try DataTable(columns: [Column(name: "caf\u{E9}", ints: [1])])
    #expect(composed["cafe\u{301}"] != nil)
  }

  @Test("a design larger than the physical memory is a typed error naming the widest term, not a failed allocation")
  func designTooLarge() throws {
    let columns = [DesignColumn(name: "(Intercept)", term: "(Intercept)", numeric: nil, indicators: [])]
      + (0..<3).map { DesignColumn(name: "x\($0)", term: "poly(x)", numeric: [1, 2], indicators: []) }
      + (0..<5).map { DesignColumn(name: "g::\($0)", term: "g", numeric: nil, indicators: []) }
    // 1,000 rows × 10 columns × 8 bytes = 80,000 bytes.
    try ModelFrame.requireDesignFits(columns, rows: 1_000, withResponse: true, physicalMemory: 80_000)
    #expect(
      throws: ModelFrameError.designTooLarge(rows: 1_000, columns: 10, widestTerm: "g", termColumns: 5, physicalMemory: 79_999)
    ) {
      try ModelFrame.requireDesignFits(columns, rows: 1_000, withResponse: true, physicalMemory: 79_999)
    }
    #expect(
      throws: ModelFrameError.designTooLarge(rows: .max, columns: 9, widestTerm: "g", termColumns: 5, physicalMemory: .max)
    ) {
      try ModelFrame.requireDesignFits(columns, rows: .max, withResponse: false, physicalMemory: .max)
    }
    let message = ModelFrameError.designTooLarge(
      rows: 1_000_000, columns: 1_000_001, widestTerm: "school", termColumns: 999_999, physicalMemory: 16_000_000_000
    ).description
    #expect(message.contains("1,000,000 rows") && message.contains("8.00 TB") && message.contains("16.0 GB"))
    #expect(message.contains("'school'") && message.contains("999,999 columns") && message.contains("fixed effect"))
  }

  @Test("a text regressor with one level per row, too many dummies for this machine's memory: the model frame throws")
  func textRegressorPerRow() throws {
    // Rows such that rows² × 8 bytes is 2.25 times the physical memory.
    let rows = Int((Double(ReplicateMemory.physicalMemory) / 8).squareRoot() * 1.5) + 1
    let table = try DataTable(columns: [
      Column(name: "y", doubles: (0..<rows).map { Double($0 % 7) }),
      Column(name: "x", doubles: (0..<rows).map { Double($0 % 11) }),
      Column(name: "id", strings: (0..<rows).map { "id\($0)" }),
    ])
    #expect(
      throws: ModelFrameError.designTooLarge(
        rows: rows, columns: rows + 1, widestTerm: "id", termColumns: rows - 1,
        physicalMemory: ReplicateMemory.physicalMemory)
    ) {
      try ModelFrame("y ~ x + id", data: table)
    }
  }

  @Test("an interaction of two text variables whose level pairs could not fit: refused before the pairs are listed")
  func textInteractionTooLarge() throws {
    // One level of each per row, rows³ × 8 bytes of dummies about twice the physical memory
    // (about 1,850 rows and 3.4 million pairs on a machine of 25 GB).
    let rows = Int(cbrt(2 * Double(ReplicateMemory.physicalMemory) / 8)) + 2
    let table = try DataTable(columns: [
      Column(name: "y", doubles: (0..<rows).map { Double($0 % 7) }),
      Column(name: "g", strings: (0..<rows).map { "g\($0)" }),
      Column(name: "h", strings: (0..<rows).map { "h\(($0 * 7) % rows)" }),
    ])
    let pairs = (rows - 1) * (rows - 1)
    #expect(
      throws: ModelFrameError.designTooLarge(
        rows: rows, columns: pairs, widestTerm: "g:h", termColumns: pairs, physicalMemory: ReplicateMemory.physicalMemory)
    ) {
      try ModelFrame("y ~ g:h", data: table)
    }
  }
}
