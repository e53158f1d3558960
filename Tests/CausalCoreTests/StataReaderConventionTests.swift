import CausalCore
import Foundation
import TestSupport
import Testing

@Suite("StataReader: conventions (levels, missing codes, CSV equivalence)")
struct StataReaderConventionTests {
  @Test("sim_fe.dta and wage_panel.dta read as the same table as their CSV originals", arguments: [
    "sim_fe", "wage_panel",
  ])
  func sameAsCSV(name: String) throws {
    let csv = try CSVReader().read(path: FixtureFiles.data(name + ".csv"))
    let dta = try StataReader().read(path: FixtureFiles.data("stata/" + name + ".dta"))
    #expect(dta.columnNames == csv.columnNames)
    #expect(dta.rowCount == csv.rowCount)
    for column in csv.columns {
      let other = try dta.column(named: column.name)
      #expect(other.kind == column.kind, "\(column.name)")
      #expect(other.levels == column.levels, "\(column.name)")
      let differing = (0..<csv.rowCount).filter { other.text(at: $0) != column.text(at: $0) }
      #expect(differing.isEmpty, "\(column.name): rows \(differing.prefix(5))")
    }
  }

  @Test("value-labelled levels follow the numbers, so the reference level is the smallest value")
  func levelOrder() throws {
    let file = StataTestFile(
      variables: [StataTestFile.byte("satisfied", [3, 1, 2, 3, 101, 105], label: "agree")],
      labelTables: [(name: "agree", entries: [(1, "low"), (2, "medium"), (3, "high")])])
    let table = try StataReader().read(bytes: file.bytes)
    let column = try table.column(named: "satisfied")
    #expect(column.levels == ["low", "medium", "high"])
    #expect((0..<6).map { column.text(at: $0) } == ["high", "low", "medium", "high", nil, nil])
  }

  @Test("labels of missing codes are not levels; the values stay missing and are counted by code")
  func labelledMissingCodes() throws {
    let file = StataTestFile(
      variables: [StataTestFile.byte("answer", [1, 102, 102, 104, 101, 2], label: "yn")],
      labelTables: [(name: "yn", entries: [(1, "yes"), (2, "no"), (2_147_483_622, "refused"), (2_147_483_624, "not asked")])])
    let dataset = try StataReader().readDataset(bytes: file.bytes)
    let column = try dataset.table.column(named: "answer")
    #expect(column.levels == ["yes", "no"])
    #expect((0..<6).map { column.text(at: $0) } == ["yes", nil, nil, nil, nil, "no"])
    #expect(dataset.variables[0].missing == StataMissingCounts(system: 1, extended: ["a": 2, "c": 1]))
    #expect(dataset.missingValueCount == 4)
  }

  @Test("unlabelled values keep their number, equal texts share the first value's level")
  func partialLabels() throws {
    let file = StataTestFile(
      variables: [StataTestFile.double("region", [4, 1, 2.5, 3, nil, -1], label: "r")],
      labelTables: [(name: "r", entries: [(1, "north"), (3, "north"), (4, "east"), (9, "west")])])
    let column = try StataReader().read(bytes: file.bytes).column(named: "region")
    #expect(column.levels == ["-1", "north", "2.5", "east", "west"])
    #expect((0..<6).map { column.text(at: $0) } == ["east", "north", "2.5", "north", nil, "-1"])
  }

  @Test("a value-label name without a table leaves the variable numeric")
  func danglingLabelName() throws {
    let file = StataTestFile(variables: [StataTestFile.byte("x", [1, 2], label: "nowhere")])
    let dataset = try StataReader().readDataset(bytes: file.bytes)
    #expect(dataset.table["x"] == Column(name: "x", ints: [1, 2]))
    #expect(dataset.variables[0].valueLabelName == "nowhere")
    #expect(dataset.variables[0].columnKind == .int)
  }

  @Test("a table without variables is empty")
  func noVariables() throws {
    let dataset = try StataReader().readDataset(bytes: StataTestFile(variables: []).bytes)
    #expect(dataset.table.rowCount == 0 && dataset.variables.isEmpty)
  }

  @Test("variables encode with snake_case keys and Stata's type names, and decode back")
  func variableJSON() throws {
    let dataset = try StataReader().readDataset(path: FixtureFiles.data("stata/pyreadstat_118.dta"))
    let answer = try #require(dataset.variables.first { $0.name == "answer" })
    let json = String(decoding: try JSONEncoder().encode(answer), as: UTF8.self)
    for key in ["\"storage_type\":\"long\"", "\"value_label_name\":\"answer1\"", "\"column_kind\":\"categorical\"",
                "\"variable_label\":\"Survey answer\"", "\"total\":4"] {
      #expect(json.contains(key), "\(json)")
    }
    #expect(try JSONDecoder().decode(StataVariable.self, from: Data(json.utf8)) == answer)
    let essay = try #require(dataset.variables.first { $0.name == "essay" })
    #expect(essay.storageType == .strL)
    #expect(try JSONDecoder().decode(StataStorageType.self, from: Data("\"str2045\"".utf8)) == .string(width: 2045))
  }

  @Test("Stata files are recognised by extension or by their first bytes")
  func detection() throws {
    #expect(StataReader.isStataFile(path: FixtureFiles.data("stata/pandas_118.dta")))
    #expect(StataReader.isStataFile(path: "/nonexistent/SURVEY.DTA"))
    #expect(!StataReader.isStataFile(path: FixtureFiles.data("sim_fe.csv")))
    let copy = FileManager.default.temporaryDirectory.appendingPathComponent("stata-\(UUID().uuidString).bin")
    defer { try? FileManager.default.removeItem(at: copy) }
    try Data(try stataFixture("pandas_117.dta")).write(to: copy)
    #expect(StataReader.isStataFile(path: copy.path))
    #expect(try StataReader().read(path: copy.path).rowCount == 10)
  }

  @Test("Windows-1252 text of format 117 becomes UTF-8")
  func latinText() throws {
    let table = try StataReader().read(path: FixtureFiles.data("stata/pandas_117.dta"))
    #expect(table["city"]?.levels == ["Genève", "Köln", "Zürich", "Århus", "Øslo"])
  }
}
