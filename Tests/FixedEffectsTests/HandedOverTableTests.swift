import CausalCore
import FixedEffects
import Foundation
import Testing

/// A table handed over to the fit (`fit(consume table)`) is freed column by column as the model
/// frame copies it; the fit must be the one of a table the caller keeps, bit for bit.
@Suite("Fits of a handed-over table")
struct HandedOverTableTests {
  /// 300 rows with a missing regressor value, weights, a text factor and two fixed effects.
  static func table() throws -> DataTable {
    let n = 300
    let x: [Double?] = (0..<n).map { i -> Double? in i == 17 ? nil : 3 * sin(0.37 * Double(i)) }
    let z: [Double] = (0..<n).map { i in cos(0.11 * Double(i)) }
    let y: [Double] = (0..<n).map { i in
      let signal: Double = 1.5 * (x[i] ?? 0) - 0.5 * z[i]
      return signal + Double(i % 7) / 3 + sin(Double(i))
    }
    return try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "x", doubles: x), Column(name: "z", doubles: z),
      Column(name: "w", doubles: (0..<n).map { 1 + Double($0 % 4) / 4 }),
      Column(name: "kind", strings: (0..<n).map { ["a", "b", "c"][$0 % 3] }),
      Column(name: "g", ints: (0..<n).map { $0 % 12 }), Column(name: "h", ints: (0..<n).map { $0 % 5 }),
    ])
  }

  @Test(
    "coefficients, standard errors, residuals and the outcome equal those of a kept table",
    arguments: ["y ~ x + z + kind + x:kind | g + h", "y ~ x + I(z^2) + kind", "y ~ x:z | g"])
  func handedOverEqualsKept(formula: String) throws {
    let model = try FixedEffectsModel(formula: formula, weights: "w", vcov: .cluster(["g"]))
    let kept = try Self.table()
    let reference = try model.fit(kept)
    let handedOver = try Self.table()
    let fit = try model.fit(consume handedOver)
    #expect(fit.coefficients.map(\.estimate.bitPattern) == reference.coefficients.map(\.estimate.bitPattern))
    #expect(fit.coefficients.map(\.standardError.bitPattern) == reference.coefficients.map(\.standardError.bitPattern))
    #expect(fit.residuals.map(\.bitPattern) == reference.residuals.map(\.bitPattern))
    #expect(fit.outcome == reference.outcome)
    #expect(fit.observationCount == 299)
    // The kept table is untouched by the fit.
    #expect(TableFingerprint(kept) == TableFingerprint(try Self.table()))
  }
}
