import StaggeredDiD
import TestSupport
import Testing

/// Panels and options the decomposition refuses, each with an error that says what, where and
/// what to do.
@Suite("Goodman-Bacon decomposition: bad input")
struct BaconDecompositionInputTests {
  static func castleModel() throws -> BaconDecomposition {
    try BaconDecomposition(outcome: "l_homicide", unit: "state", time: "year", treatment: "post")
  }

  /// The castle table with one column's values changed.
  static func castle(replacing column: String, _ change: (inout [Double], [String], [Int]) -> Void) throws -> DataTable {
    var table = try BaconPanels.castle()
    let states = try table.column(named: "state")
    let names = (0..<table.rowCount).map { states.text(at: $0) ?? "" }
    let years = try table.column(named: "year").doubles().map { Int($0) }
    var values = try table.column(named: column).doubles()
    change(&values, names, years)
    try table.set(Column(name: column, doubles: values))
    return table
  }

  @Test("a treatment that switches off names the unit and the period")
  func notAbsorbing() throws {
    // bacondecomp's tests/testthat/test_errors.R makes the same change.
    let table = try Self.castle(replacing: "post") { post, states, years in
      for i in post.indices where states[i] == "Alabama" && years[i] == 2009 { post[i] = 0 }
    }
    #expect(throws: BaconDecompositionError.treatmentNotAbsorbing(unit: "Alabama", period: 2009, treatedSince: 2006)) {
      try Self.castleModel().fit(table)
    }
    let message = BaconDecompositionError.treatmentNotAbsorbing(unit: "Alabama", period: 2009, treatedSince: 2006)
      .description
    #expect(message.contains("unit 'Alabama' is 0 in period 2009 after being 1 in period 2006"))
  }

  @Test("an unbalanced panel is refused with the number of incomplete units and an example")
  func unbalanced() throws {
    let castle = try BaconPanels.castle()
    let states = try castle.column(named: "state"), years = try castle.column(named: "year").doubles()
    let drop = Set((0..<castle.rowCount).filter {
      (states.text(at: $0) == "Texas" && years[$0] == 2004) || (states.text(at: $0) == "Ohio" && years[$0] >= 2009)
    })
    #expect(drop.count == 3)
    let table = castle.selecting(rows: (0..<castle.rowCount).filter { !drop.contains($0) })
    let expected = BaconDecompositionError.unbalancedPanel(
      incompleteUnits: 2, units: 50, periods: 11, exampleUnit: "Ohio", exampleMissingPeriod: 2009)
    #expect(throws: expected) { try Self.castleModel().fit(table) }
    #expect(expected.description.contains("2 of 50 units are not observed in all 11 periods"))
    #expect(expected.description.contains("balanced panels only"))
  }

  @Test("a unit observed twice in a period is refused")
  func duplicate() throws {
    let castle = try BaconPanels.castle()
    let table = castle.selecting(rows: Array(0..<castle.rowCount) + [12])
    #expect(throws: BaconDecompositionError.duplicateObservation(unit: "Alaska", period: 2001)) {
      try Self.castleModel().fit(table)
    }
  }

  @Test("no variation in treatment timing is refused")
  func noVariation() throws {
    // Every treated unit adopts in one period and no unit is never or always treated.
    let oneGroup = try BaconPanels.simulated(seed: 1, units: 20, periods: Array(1...5), onsets: [2])
    let model = try BaconDecomposition(outcome: "y", unit: "unit", time: "time", treatment: "treat")
    #expect(throws: BaconDecompositionError.noTimingVariation(timingGroups: 1, neverTreatedUnits: 0, alwaysTreatedUnits: 0)) {
      try model.fit(oneGroup)
    }
    // Nobody switches: never- and always-treated units only.
    let noSwitch = try BaconPanels.simulated(seed: 2, units: 20, periods: Array(1...5), onsets: [nil, 0])
    #expect(throws: BaconDecompositionError.self) { try model.fit(noSwitch) }
    do {
      _ = try model.fit(noSwitch)
    } catch let error as BaconDecompositionError {
      guard case .noTimingVariation(let timing, let never, let always) = error else {
        Issue.record("unexpected \(error)")
        return
      }
      #expect(timing == 0 && never + always == 20 && never > 0 && always > 0)
      #expect(error.description.contains("0 timing groups"))
    }
  }

  @Test("a treatment other than 0/1 names the value and the row")
  func nonBinary() throws {
    let table = try Self.castle(replacing: "post") { post, _, _ in post[5] = 0.5 }
    #expect(throws: DataError.invalidValues(
      column: "post",
      reason: "value 0.5 in row 6 is not 0 or 1; the treatment must be a 0/1 indicator of treatment in effect")) {
      try Self.castleModel().fit(table)
    }
  }

  @Test("an unknown column suggests the closest name")
  func unknownColumn() throws {
    let model = try BaconDecomposition(outcome: "l_homicde", unit: "state", time: "year", treatment: "post")
    #expect(throws: DataError.unknownColumn(name: "l_homicde", suggestions: ["l_homicide"])) {
      try model.fit(try BaconPanels.castle())
    }
  }

  @Test("missing outcomes are counted and refused")
  func missingOutcome() throws {
    let table = try Self.castle(replacing: "l_homicide") { y, _, _ in
      y[3] = .nan
      y[40] = .nan
    }
    do {
      _ = try Self.castleModel().fit(table)
      Issue.record("expected an error")
    } catch let error as DataError {
      #expect(error.description.hasPrefix("Column 'l_homicide': 2 missing values (the first in row 4)"))
    }
  }

  @Test("time codes must be integers, and numbers")
  func timeCodes() throws {
    let fractional = try Self.castle(replacing: "year") { year, _, _ in year[0] = 2000.5 }
    #expect(throws: DataError.self) { try Self.castleModel().fit(fractional) }
    var text = try BaconPanels.castle()
    try text.set(Column(name: "year", strings: (0..<text.rowCount).map { "y\($0 % 11)" }))
    #expect(throws: DataError.typeMismatch(column: "year", expected: "a numeric column", found: "text (categorical)")) {
      try Self.castleModel().fit(text)
    }
  }

  @Test("a table without rows is refused")
  func empty() throws {
    let castle = try BaconPanels.castle()
    #expect(throws: DataError.noObservations(reason: "the table has no rows")) {
      try Self.castleModel().fit(castle.selecting(rows: []))
    }
  }

  @Test("weights, empty names and a bad confidence level are refused when configured")
  func options() {
    #expect(throws: OptionError.self) {
      try BaconDecomposition(outcome: "y", unit: "u", time: "t", treatment: "d", weights: "w")
    }
    #expect(throws: OptionError.invalid(option: "unit", value: "", expected: "a column name")) {
      try BaconDecomposition(outcome: "y", unit: "", time: "t", treatment: "d")
    }
    #expect(throws: OptionError.self) {
      try BaconDecomposition(outcome: "y", unit: "u", time: "t", treatment: "d", confidenceLevel: 1.5)
    }
  }
}
