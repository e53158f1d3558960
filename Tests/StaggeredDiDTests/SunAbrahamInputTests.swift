import CausalCore
import Foundation
import StaggeredDiD
import Testing

@Suite("Sun-Abraham input errors")
struct SunAbrahamInputTests {
  /// A panel of `periods` periods with one cohort starting in every period from the second,
  /// `unitsPerCohort` units each, and as many never-treated units.
  static func panel(periods: Int, unitsPerCohort: Int) throws -> DataTable {
    var id = [Int](), year = [Int](), cohort = [Int](), y = [Double]()
    var unit = 0
    for g in [0] + Array(2...periods) {
      for _ in 0..<unitsPerCohort {
        unit += 1
        for t in 1...periods {
          id.append(unit)
          year.append(t)
          cohort.append(g)
          y.append(Double((unit &* 7919 &+ t &* 104_729) % 1_000) / 1_000 + (g > 0 && t >= g ? 1 : 0))
        }
      }
    }
    return try DataTable(columns: [
      Column(name: "id", ints: id), Column(name: "year", ints: year), Column(name: "cohort", ints: cohort),
      Column(name: "y", doubles: y),
    ])
  }

  @Test("more cohort-period cells than memory can hold get the Sun-Abraham error, not the design matrix's")
  func tooManyCells() throws {
    // About T² cells over U·T rows: 8·U·T³ bytes; T is chosen so that this is twice the
    // machine's memory with one unit per cohort (U ≈ T).
    let memory = Double(ProcessInfo.processInfo.physicalMemory)
    let periods = Int((memory / 4).squareRoot().squareRoot().rounded(.up))
    let data = try Self.panel(periods: periods, unitsPerCohort: 1)
    let model = try SunAbraham(outcome: "y", unit: "id", time: "year", cohort: "cohort")
    do {
      _ = try model.fit(data)
      Issue.record("expected DiDError.tooManyCells")
    } catch DiDError.tooManyCells(let cells, let cohorts, let rows, let physicalMemory) {
      #expect(cohorts == periods - 1)
      #expect(cells > cohorts * (periods - 3))
      #expect(rows == data.rowCount)
      #expect(physicalMemory == ProcessInfo.processInfo.physicalMemory)
      let message = "\(DiDError.tooManyCells(cells: cells, cohorts: cohorts, rows: rows, physicalMemory: physicalMemory))"
      #expect(message.contains("one column per cohort and relative period"))
      #expect(!message.contains("sunab_cell"))
    }
  }
}
