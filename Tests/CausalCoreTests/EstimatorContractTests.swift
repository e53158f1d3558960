import CausalCore
import Foundation
import LinearAlgebra
import Testing

@Suite("The estimator contract: fingerprints, covariates, formula building, JSON numbers")
struct EstimatorContractTests {
  func table(_ y: [Double]) throws -> DataTable {
    try DataTable(columns: [
      Column(name: "y", doubles: y),
      Column(name: "prior score", doubles: y.map { $0 * 2 }),
      Column(name: "school", strings: y.map { $0 > 1 ? "a" : "b" }),
    ])
  }

  @Test("A table's fingerprint is stable and catches a shorter or different table")
  func fingerprint() throws {
    let a = try table([1, 2, 3, 4])
    let f = TableFingerprint(a)
    #expect(f == TableFingerprint(try table([1, 2, 3, 4])))
    try f.check(a)
    #expect(throws: DataError.tableMismatch(expectedRows: 4, foundRows: 3)) { try f.check(try table([1, 2, 3])) }
    #expect(throws: DataError.tableMismatch(expectedRows: 4, foundRows: 4)) { try f.check(try table([1, 2, 3, 5])) }
    let round = try JSONDecoder().decode(TableFingerprint.self, from: JSONEncoder().encode(f))
    #expect(round == f)
  }

  @Test("Column names of any spelling are quoted and read back as the same column")
  func quoting() throws {
    #expect(Formula.quoted("x1") == "x1")
    #expect(Formula.quoted("prior score") == "`prior score`")
    #expect(Formula.quoted("a`b") == "`a``b`")
    #expect(Formula.quoted("2019") == "`2019`")
    #expect(Formula.quoted("log") == "`log`")
    let f = try Formula(
      response: "test score", regressors: ["prior score", "a`b"], terms: [Formula.interaction(["treated unit", "post"])],
      covariates: ["x 1"], fixedEffects: ["school id"])
    #expect(f.variables == ["test score", "prior score", "a`b", "treated unit", "post", "x 1", "school id"])
    #expect(f.terms.map(\.name) == ["prior score", "a`b", "treated unit:post", "x 1"])
    #expect(f.fixedEffects.map(\.name) == ["school id"])
  }

  @Test("Any column name survives quoting: 2,000 seeded random names read back as the same column")
  func quotingRoundTrip() throws {
    var rng = SeededGenerator(seed: 11)
    let alphabet = Array("ab_.Z9 `~|+-*/^:(),='\"\\éß漢\t")
    for _ in 0..<2_000 {
      let length = Int.random(in: 1...12, using: &rng)
      let name = String((0..<length).map { _ in alphabet[Int.random(in: 0..<alphabet.count, using: &rng)] })
      let f = try Formula(response: name, regressors: [name + "2"], fixedEffects: [name + "3"])
      #expect(f.variables == [name, name + "2", name + "3"], "\(name.debugDescription)")
    }
  }

  @Test("Covariates from columns and from formula text combine into one list of terms")
  func covariates() throws {
    let a: Covariates = ["prior score", "female"]
    let b = try Covariates(formula: "x1 + i(region)")
    #expect((a + b).terms == ["`prior score`", "female", "x1 + i(region)"])
    #expect(try Covariates(formula: "  ").isEmpty)
    #expect(throws: FormulaError.self) { try Covariates(formula: "x1 + + x2") }
    #expect(throws: FormulaError.self) { try Covariates(formula: "x1 | fe") }
    let f = try Formula(response: "y", regressors: ["d"], covariates: a + b)
    #expect(f.terms.map(\.name).prefix(3) == ["d", "prior score", "female"])
  }

  @Test("Non-finite numbers encode as null and decode as NaN; the keys are snake_case")
  func finiteCoding() throws {
    let row = CoefficientRow(
      term: "event_time::-1", estimate: 0, standardError: 0, statistic: .nan, pValue: .nan, confLow: -.infinity,
      confHigh: 0)
    let data = try JSONEncoder().encode(row)
    let text = String(decoding: data, as: UTF8.self)
    #expect(text.contains("\"statistic\":null"))
    #expect(text.contains("\"std_error\":0"))
    #expect(text.contains("\"conf_low\":null"))
    let back = try JSONDecoder().decode(CoefficientRow.self, from: data)
    #expect(back.statistic.isNaN && back.confLow.isNaN && back.term == row.term)
    let v = try TermVariance(terms: ["a", "b"], matrix: Matrix(columns: [[1, .nan], [.nan, 4]]))
    let vText = String(decoding: try JSONEncoder().encode(v), as: UTF8.self)
    #expect(vText.contains("null"))
    let vBack = try JSONDecoder().decode(TermVariance.self, from: JSONEncoder().encode(v))
    #expect(vBack.terms == ["a", "b"] && vBack.matrix[1, 1] == 4 && vBack.matrix[0, 1].isNaN)
  }

  @Test("A drop report encodes its records and the tally scripts read")
  func dropReport() throws {
    var report = DropReport()
    report.appendObservations(DropRecord(reason: .missingValue, count: 3, variables: ["x"]))
    report.appendTerm(DropRecord(reason: .collinear, count: 1, variables: ["x2"]))
    let data = try JSONEncoder().encode(report)
    let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(object["missing_value"] as? Int == 3)
    #expect(object["collinear"] as? [String] == ["x2"])
    #expect(try JSONDecoder().decode(DropReport.self, from: data) == report)
  }
}
