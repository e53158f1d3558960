import CausalCore
import FixedEffects
import Foundation
import PropertyBased
import Testing
import TestSupport

/// Properties every linear fit must have whatever the data's units and order (issue
/// "Robustness"): rescaling a regressor by c scales its coefficient and standard error by 1/c
/// and leaves every t statistic unchanged; permuting the rows changes nothing. Random inputs
/// from swift-property-based; a failure prints the seed that reproduces it.
@Suite("Invariance properties")
struct InvariancePropertyTests {
  /// The model specifications checked: no fixed effects (iid, HC1, HC3), one fixed effect with
  /// clustering, two fixed effects with two-way clustering.
  static let specifications: [(formula: String, vcov: VarianceType)] = [
    ("y ~ x1 + x2", .iid), ("y ~ x1 + x2", .hetero), ("y ~ x1 + x2", .hc3),
    ("y ~ x1 + x2 | firm", .cluster(["g"])), ("y ~ x1 + x2 | firm + g", .cluster(["firm", "g"])),
  ]

  /// `data/extremes.csv` with x2 multiplied by `c` and the rows in the given order.
  static func table(scalingX2 c: Double, order: [Int]? = nil) throws -> DataTable {
    let base = try CSVReader().read(path: FixtureFiles.data("extremes.csv"))
    let rows = order ?? Array(0..<base.rowCount)
    return try DataTable(
      columns: base.columnNames.map { name in
        let v = try base.column(named: name).doubles()
        return Column(name: name, doubles: rows.map { name == "x2" ? v[$0] * c : v[$0] })
      })
  }

  static func fit(_ spec: Int, _ table: DataTable) throws -> FixedEffectsFit {
    let s = specifications[spec]
    return try FixedEffectsModel(formula: s.formula, vcov: s.vcov).fit(table)
  }

  @Test("x2 × c, c = ±10^u with u uniform in [-150, 150]: x2's estimate × 1/c, its standard error × 1/|c|, every |t| unchanged")
  func rescalingARegressorLeavesTStatisticsUnchanged() async throws {
    let base = try Self.table(scalingX2: 1)
    let reference = try Self.specifications.indices.map { try Self.fit($0, base) }
    await propertyCheck(
      count: 150, input: Gen.double(in: -150...150), Gen.bool, Gen.int(in: 0..<Self.specifications.count)
    ) { exponent, negative, spec in
      let c = (negative ? -1 : 1) * pow(10, exponent)
      let fit = try Self.fit(spec, Self.table(scalingX2: c))
      let ref = reference[spec]
      #expect(fit.coefficients.map(\.term) == ref.coefficients.map(\.term))
      for (a, b) in zip(fit.coefficients, ref.coefficients) {
        let factor = a.term == "x2" ? c : 1
        #expect(relativeDifference(a.estimate * factor, b.estimate) < 1e-9, "\(a.term), c = \(c)")
        #expect(relativeDifference(a.standardError * abs(factor), b.standardError) < 1e-9, "\(a.term), c = \(c)")
        // A negative factor flips the sign of x2's estimate and so of its t statistic.
        let sign: Double = factor < 0 ? -1 : 1
        #expect(relativeDifference(a.statistic * sign, b.statistic) < 1e-9, "\(a.term), c = \(c)")
      }
      #expect(relativeDifference(fit.r2, ref.r2) < 1e-12)
    }
  }

  @Test("permuting the rows leaves estimates, standard errors and fit statistics unchanged")
  func permutingRowsLeavesEstimatesUnchanged() async throws {
    let base = try Self.table(scalingX2: 1)
    let reference = try Self.specifications.indices.map { try Self.fit($0, base) }
    await propertyCheck(
      count: 100, input: Gen<[Int]>.shuffled(Array(0..<base.rowCount)), Gen.int(in: 0..<Self.specifications.count)
    ) { order, spec in
      let fit = try Self.fit(spec, Self.table(scalingX2: 1, order: order))
      let ref = reference[spec]
      #expect(fit.coefficients.map(\.term) == ref.coefficients.map(\.term))
      for (a, b) in zip(fit.coefficients, ref.coefficients) {
        #expect(relativeDifference(a.estimate, b.estimate, floor: 1e-12) < 1e-9, "\(a.term)")
        #expect(relativeDifference(a.standardError, b.standardError) < 1e-9, "\(a.term)")
      }
      #expect(relativeDifference(fit.residualSumOfSquares, ref.residualSumOfSquares) < 1e-10)
      #expect(fit.observationCount == ref.observationCount)
    }
  }
}
