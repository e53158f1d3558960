import CausalCore
import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// Bad inputs get typed errors; trimming, drops and the no-covariate identity are reported.
@Suite struct DoublyRobustDiDInputTests {
  /// A small balanced panel: `units` units, periods 1 and 2, treated units `0..<treatedUnits`.
  static func panel(
    units: Int = 40, treatedUnits: Int = 15, x: ((Int) -> Double)? = nil, isTreated: ((Int) -> Bool)? = nil
  ) throws -> DataTable {
    var id = [Int](), t = [Int](), y = [Double](), d = [Int](), xs = [Double](), w = [Double]()
    for u in 0..<units {
      for period in [1, 2] {
        id.append(u)
        t.append(period)
        let treated = isTreated?(u) ?? (u < treatedUnits)
        d.append(treated ? 1 : 0)
        let covariate = x?(u) ?? Double((u * 7) % 11) / 3
        xs.append(covariate)
        w.append(1 + Double(u % 3))
        y.append(Double(u % 5) + covariate + (period == 2 ? 1 + 0.3 * covariate + (treated ? 2 : 0) : 0)
          + sin(Double(u * period)))
      }
    }
    return try DataTable(columns: [
      Column(name: "id", ints: id), Column(name: "t", ints: t), Column(name: "y", doubles: y),
      Column(name: "d", ints: d), Column(name: "x", doubles: xs), Column(name: "w", doubles: w),
    ])
  }

  static func replacing(_ table: DataTable, _ column: Column) throws -> DataTable {
    try DataTable(columns: table.columnNames.map { $0 == column.name ? column : try table.column(named: $0) })
  }

  static func model(unit: String? = "id", method: TwoByTwoMethod = .improvedDoublyRobust, covariates: Covariates = ["x"])
    throws -> DoublyRobustDiD
  {
    try DoublyRobustDiD(outcome: "y", time: "t", treatment: "d", unit: unit, covariates: covariates, method: method)
  }

  @Test func threeTimeValuesAreRefused() throws {
    let table = try Self.panel()
    var t = try table.column(named: "t").doubles()
    t[5] = 3
    #expect(throws: DiDError.timePeriods(column: "t", values: [1, 2, 3])) {
      try Self.model().fit(Self.replacing(table, Column(name: "t", doubles: t)))
    }
  }

  @Test func nonBinaryTreatmentIsRefused() throws {
    let table = try Self.panel()
    var d = try table.column(named: "d").doubles()
    d[0] = 2
    d[1] = 2
    #expect(throws: DiDError.treatmentNotBinary(column: "d", value: 2, row: 0)) {
      try Self.model().fit(Self.replacing(table, Column(name: "d", doubles: d)))
    }
  }

  @Test func treatmentVaryingWithinUnitIsRefused() throws {
    let table = try Self.panel()
    var d = try table.column(named: "d").doubles()
    d[1] = 0  // unit 0 treated in period 1 only
    #expect(throws: DiDError.treatmentVariesWithinUnit(column: "d", unit: "0")) {
      try Self.model().fit(Self.replacing(table, Column(name: "d", doubles: d)))
    }
  }

  @Test func noTreatedAndNoComparisonAreRefused() throws {
    #expect(throws: DiDError.noTreated(period: nil)) { try Self.model().fit(Self.panel(treatedUnits: 0)) }
    #expect(throws: DiDError.noComparison(period: nil)) { try Self.model().fit(Self.panel(treatedUnits: 40)) }
    // Repeated cross-sections need both groups in both periods.
    let table = try Self.panel()
    let t = try table.column(named: "t").doubles()
    var d = try table.column(named: "d").doubles()
    for i in d.indices where t[i] == 2 { d[i] = 0 }
    #expect(throws: DiDError.noTreated(period: "post")) {
      try Self.model(unit: nil).fit(Self.replacing(table, Column(name: "d", doubles: d)))
    }
  }

  @Test func unknownColumnIsADataError() throws {
    #expect {
      try Self.model(covariates: ["nope"]).fit(Self.panel())
    } throws: { error in
      guard case .data(.unknownColumn(let name, _)) = error as? DiDError else { return false }
      return name == "nope"
    }
  }

  @Test func duplicateRowsAndVaryingWeightsAreRefused() throws {
    let table = try Self.panel()
    var t = try table.column(named: "t").doubles()
    t[1] = 1  // unit 0 twice in period 1
    #expect(throws: DiDError.duplicateUnitPeriod(unit: "0", period: 1)) {
      try Self.model().fit(Self.replacing(table, Column(name: "t", doubles: t)))
    }
    var w = try table.column(named: "w").doubles()
    w[3] = 9
    #expect(throws: DiDError.weightVariesWithinUnit(column: "w", unit: "1")) {
      try DoublyRobustDiD(outcome: "y", time: "t", treatment: "d", unit: "id", weights: "w")
        .fit(Self.replacing(table, Column(name: "w", doubles: w)))
    }
  }

  @Test func optionsAreValidated() {
    #expect(throws: OptionError.self) { try DoublyRobustDiD(outcome: "", time: "t", treatment: "d") }
    #expect(throws: OptionError.self) { try DoublyRobustDiD(outcome: "y", time: "y", treatment: "d") }
    #expect(throws: OptionError.self) { try DoublyRobustDiD(outcome: "y", time: "t", treatment: "d", confidenceLevel: 1) }
  }

  @Test func missingValuesAndIncompleteUnitsAreCounted() throws {
    let table = try Self.panel()
    var y = try table.column(named: "y").doubles()
    y[2] = .nan  // unit 1, period 1: the row is dropped, then unit 1's other row
    let fit = try Self.model().fit(Self.replacing(table, Column(name: "y", doubles: y)))
    #expect(fit.drops.observationCount(.missingValue) == 1)
    #expect(fit.drops.observationCount(.incompleteUnit) == 1)
    #expect(fit.sampleSize == 39 && fit.observationCount == 78)
  }

  /// Scores that reach the cap `1 − 1e-6` (and the trimming level) for comparison units far
  /// into the treated region: those units are trimmed and counted, and the estimate stays
  /// finite.
  @Test(arguments: [TwoByTwoMethod.traditionalDoublyRobust, .inverseProbabilityWeighting, .improvedDoublyRobust])
  func extremeScoresAreTrimmedAndReported(_ method: TwoByTwoMethod) throws {
    // Treatment probability logistic(-1 + 6 x) over x in [-2, 5] (a fixed pseudo-random draw),
    // and six units among those of largest x forced into the comparison group: the logit gives
    // all six scores of at least 0.995 (statsmodels' logit agrees: 6 when this was written).
    let units = 400
    let x: (Int) -> Double = { u in -2 + 7 * Double(u) / Double(units - 1) }
    let uniform: (Int) -> Double = { u in
      let s = sin(Double(u) * 12.9898) * 43758.5453
      return s - s.rounded(.down)
    }
    let table = try Self.panel(units: units, x: x) { u in
      ![3, 8, 15, 22, 30, 41].contains(units - 1 - u) && uniform(u) < 1 / (1 + exp(-(-1 + 6 * x(u))))
    }
    let fit = try Self.model(method: method).fit(table)
    #expect(fit.estimate.isFinite && fit.standardError.isFinite)
    if method != .improvedDoublyRobust { #expect(fit.trimmedCount == 6) }
    #expect(fit.trimmedCount <= fit.comparisonCount)
    #expect(fit.summary().contains("trimmed") == (fit.trimmedCount > 0))
  }

  /// Without covariates every method is the difference of mean outcome changes (weighted).
  @Test(arguments: TwoByTwoMethod.allCases)
  func noCovariatesGiveTheDifferenceOfMeanChanges(_ method: TwoByTwoMethod) throws {
    let table = try Self.panel()
    let y = try table.column(named: "y").doubles(), d = try table.column(named: "d").doubles()
    let w = try table.column(named: "w").doubles()
    var sums = [[0.0, 0.0], [0.0, 0.0]], mass = [0.0, 0.0]
    for i in stride(from: 0, to: y.count, by: 2) {
      let g = Int(d[i])
      sums[g][0] += w[i] * (y[i + 1] - y[i])
      mass[g] += w[i]
    }
    let panelExpected = sums[1][0] / mass[1] - sums[0][0] / mass[0]
    let panelFit = try DoublyRobustDiD(outcome: "y", time: "t", treatment: "d", unit: "id", method: method, weights: "w")
      .fit(table)
    #expect(abs(panelFit.estimate - panelExpected) < 1e-12 * max(1, abs(panelExpected)))
    // Repeated cross-sections: (ȳ₁₁ − ȳ₁₀) − (ȳ₀₁ − ȳ₀₀), weighted.
    var cell = [[0.0, 0.0], [0.0, 0.0]], cellMass = [[0.0, 0.0], [0.0, 0.0]]
    let t = try table.column(named: "t").doubles()
    for i in y.indices {
      cell[Int(d[i])][Int(t[i]) - 1] += w[i] * y[i]
      cellMass[Int(d[i])][Int(t[i]) - 1] += w[i]
    }
    let mean = { (g: Int, p: Int) in cell[g][p] / cellMass[g][p] }
    let csExpected = (mean(1, 1) - mean(1, 0)) - (mean(0, 1) - mean(0, 0))
    let csFit = try DoublyRobustDiD(outcome: "y", time: "t", treatment: "d", method: method, weights: "w").fit(table)
    #expect(abs(csFit.estimate - csExpected) < 1e-12 * max(1, abs(csExpected)))
  }

  @Test func resultEncodesEstimateAndStandardErrorAndRoundTrips() throws {
    let fit = try Self.model().fit(Self.panel())
    let data = try JSONEncoder().encode(fit)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    #expect(relativeDifference(try #require(object["estimate"] as? Double), fit.estimate) < 1e-15)
    #expect(relativeDifference(try #require(object["std_error"] as? Double), fit.standardError) < 1e-15)
    #expect(object["method"] as? String == "imp")
    let decoded = try JSONDecoder().decode(DoublyRobustDiDResult.self, from: data)
    #expect(decoded.method == fit.method && decoded.sampleSize == fit.sampleSize && decoded.drops == fit.drops)
    #expect(relativeDifference(decoded.row.confHigh, fit.row.confHigh) < 1e-15)
  }
}
