@testable import CausalCore
import Testing

/// The design matrix is filled in fixed blocks of rows on every core; each column must be the
/// table's values at the kept rows, across the blocks' boundaries.
@Suite("Model frame: the design filled in blocks")
struct DesignFillTests {
  @Test("every column is the table's values at the kept rows, with and without dropped rows")
  func blocksMatchDirectGather() throws {
    let n = 3 * DesignColumn.fillBlockRows + 123
    for dropsRows in [false, true] {
      let x: [Double?] = (0..<n).map { i -> Double? in
        if dropsRows && i % 50_000 == 7 { return nil }
        return Double(i % 997) / 13 - 20
      }
      let y: [Double] = (0..<n).map { i in Double(i % 389) * 0.25 }
      let g: [Int] = (0..<n).map { i in (i / 5) % 3 }
      let table = try DataTable(columns: [
        Column(name: "y", doubles: y), Column(name: "x", doubles: x), Column(name: "g", ints: g),
      ])
      let frame = try ModelFrame("y ~ x + i(g, x)", data: table)
      let kept = (0..<n).filter { x[$0] != nil }
      #expect(frame.observationCount == kept.count)
      #expect(frame.response == kept.map { y[$0] })
      let design = frame.design
      #expect(design.rows == kept.count)
      for (j, name) in frame.termNames.enumerated() {
        let expected: [Double]
        if name == "(Intercept)" {
          expected = Array(repeating: 1, count: kept.count)
        } else if name == "x" {
          expected = kept.map { i -> Double in x[i] ?? .nan }
        } else {
          // An `i(g, x)` column: x where g has the column's level, 0 elsewhere.
          let level = try #require(Int(name.dropFirst("g::".count).prefix { $0 != ":" }), "\(name)")
          expected = kept.map { i -> Double in g[i] == level ? x[i] ?? .nan : 0 }
        }
        let column = (0..<kept.count).map { design[$0, j] }
        #expect(column.map(\.bitPattern) == expected.map(\.bitPattern), "\(name), rows dropped: \(dropsRows)")
      }
    }
  }
}
