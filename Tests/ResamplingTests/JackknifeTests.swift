import Resampling
import CausalCore
import Testing

@Suite("Jackknife")
struct JackknifeTests {
  @Test("delete-one-cluster jackknife leaves out whole clusters")
  func clusters() throws {
    let table = try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, 3, 10, 20, 7]),
      Column(name: "g", strings: ["a", "a", "b", "b", "b", "c"]),
    ])
    let sum: @Sendable (DataTable) throws -> [Double] = { d in [try d.column(named: "y").doubles().reduce(0, +)] }
    let jack = try Jackknife.run(on: table, clusterColumn: "g", parallel: false, statistic: sum)
    #expect(jack.t0 == [43])
    #expect(try jack.values() == [40, 10, 36])
    // L_i = (m − 1)(t0 − t₋ᵢ) with m = 3.
    #expect(try jack.influence() == [6, 66, 14])
    let parallel = try Jackknife.run(on: table, clusterColumn: "g", parallel: true, statistic: sum)
    #expect(parallel == jack)
  }

  @Test("delete-one jackknife of the mean: standard error s/√n")
  func meanStandardError() throws {
    let y: [Double] = [2, 4, 4, 4, 5, 5, 7, 9]
    let table = try DataTable(columns: [Column(name: "y", doubles: y)])
    let jack = try Jackknife.run(on: table) { d in
      let v = try d.column(named: "y").doubles()
      return [v.reduce(0, +) / Double(v.count)]
    }
    let mean = y.reduce(0, +) / 8
    let s = (y.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 7).squareRoot()
    #expect(abs(try jack.standardError() - s / 8.0.squareRoot()) < 1e-14)
    #expect(throws: BootstrapError.tooFewObservations(needed: 2, found: 1)) {
      try Jackknife.run(on: DataTable(columns: [Column(name: "y", doubles: [1])])) { _ in [1] }
    }
  }
}
