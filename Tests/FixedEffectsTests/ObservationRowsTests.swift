import CausalCore
import FixedEffects
import Foundation
import Testing

/// The fit stores its rows as a bit set over the table and gathers the outcome from the table's
/// response on access; these tests check that what it returns is what was used.
@Suite("Fit rows and outcome")
struct ObservationRowsTests {
  @Test("observationRows skips missing values and singletons; outcome is the response at those rows")
  func rowsAfterDeletionAndSingletons() throws {
    // Row 3 has a missing regressor; row 11 is alone in level 9 of g (a singleton).
    let y: [Double] = [1.0, 2.5, 0.5, 4.0, 3.0, 1.5, 2.0, 0.0, 1.0, 5.0, 2.0, 7.0]
    let x: [Double?] = [0.3, 1.1, -0.4, nil, 0.9, 0.2, -1.0, 0.5, 1.5, -0.3, 0.8, 0.1]
    let g = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 9]
    let table = try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "x", doubles: x), Column(name: "g", ints: g),
    ])
    let fit = try FixedEffectsModel(formula: "y ~ x | g", vcov: .iid).fit(table)
    let expected = [0, 1, 2, 4, 5, 6, 7, 8, 9, 10]
    #expect(fit.observationCount == expected.count)
    #expect(fit.observationRows == expected)
    #expect(fit.outcome == expected.map { y[$0] })
    #expect(fit.residuals.count == expected.count)
    #expect(fit.fittedValues.count == expected.count)
  }

  @Test("rows across 64-row words")
  func rowsAcrossWords() throws {
    let n = 130
    let y = (0..<n).map { Double($0) * 0.5 + sin(Double($0) * 0.7) }
    let x: [Double?] = (0..<n).map { $0 == 64 || $0 == 129 ? nil : cos(Double($0) * 1.3) }
    let g = (0..<n).map { $0 % 5 }
    let table = try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "x", doubles: x), Column(name: "g", ints: g),
    ])
    let fit = try FixedEffectsModel(formula: "y ~ x | g", vcov: .iid).fit(table)
    let expected = (0..<n).filter { $0 != 64 && $0 != 129 }
    #expect(fit.observationRows == expected)
    let outcome = fit.outcome
    #expect(outcome == expected.map { y[$0] })
    #expect(try fit.sample(of: table).rowCount == expected.count)
  }
}
