import CausalCore
import FixedEffects
import LinearAlgebra
import Testing
import TestSupport

/// Projecting several columns in one shared solve gives what fitting `x ~ 1 | fe…` gives for
/// each column alone (the route the wild cluster bootstrap used before sharing the solve).
@Suite("Fixed-effects projection of several columns")
struct FixedEffectsProjectionTests {
  @Test("one shared solve equals one fit per column", arguments: ["firm + year", "firm + year + region"])
  func sharedSolveEqualsSeparateFits(fixedEffects: String) throws {
    let data = try Fixtures.table("sim_fe.csv")
    let model = try FixedEffectsModel(formula: "y ~ x1 | " + fixedEffects)
    let projection = try #require(try FixedEffectsProjection(model: model, sample: data))
    let names = ["y", "x1"]  // x2 has missing values, which a fit drops and a projection rejects
    let columns = try names.map { try data.column(named: $0).doubles() }
    var matrix = try Matrix(rows: data.rowCount, columns: columns.count, columnMajor: Array(columns.joined()))
    let fits = try names.map {
      try FixedEffectsModel(formula: "\($0) ~ 1 | " + fixedEffects, vcov: .iid, singletons: .keep).fit(data)
    }
    try projection.project(&matrix)
    for (j, name) in names.enumerated() {
      let alone = fits[j]
      let shared = matrix.column(j)
      let scale = alone.residuals.map(abs).max() ?? 1
      let worst = zip(shared, alone.residuals).map { abs($0 - $1) }.max() ?? .infinity
      #expect(worst <= 1e-8 * scale, "\(name): largest difference \(worst)")
    }
  }

  @Test("a column with missing values is rejected, not iterated on")
  func missingValuesRejected() throws {
    let data = try Fixtures.table("sim_fe.csv")
    let model = try FixedEffectsModel(formula: "y ~ x1 | firm + year")
    let projection = try #require(try FixedEffectsProjection(model: model, sample: data))
    var matrix = try Matrix(rows: data.rowCount, columns: 1, columnMajor: try data.column(named: "x2").doubles())
    #expect(throws: DataError.self) { try projection.project(&matrix) }
  }

  @Test("a model without fixed effects has no projection")
  func noFixedEffects() throws {
    let data = try Fixtures.table("sim_fe.csv")
    #expect(try FixedEffectsProjection(model: FixedEffectsModel(formula: "y ~ x1"), sample: data) == nil)
  }
}
