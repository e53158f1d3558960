import CausalCore
import Foundation
import TestSupport
import Testing

/// One file of `Tests/Fixtures/expected/stata_files.json`, as pyreadstat reads it (written by
/// `Tests/Fixtures/generate_stata.py`).
struct StataFixtureCase: Decodable, CustomTestStringConvertible, Sendable {
  /// A value: a number (infinities written as `"Infinity"` and `"-Infinity"`), a text, or
  /// `null` (missing).
  enum Value: Decodable, Equatable, Sendable {
    case number(Double)
    case text(String)
    case missing

    init(from decoder: any Decoder) throws {
      let container = try decoder.singleValueContainer()
      if container.decodeNil() {
        self = .missing
      } else if let number = try? container.decode(Double.self) {
        self = .number(number)
      } else {
        let text = try container.decode(String.self)
        switch text {
        case "Infinity": self = .number(.infinity)
        case "-Infinity": self = .number(-.infinity)
        default: self = .text(text)
        }
      }
    }
  }

  struct Missing: Decodable, Sendable {
    let system: Int
    let extended: [String: Int]
  }

  struct Variable: Decodable, Sendable {
    let name: String
    let storage_type: String
    let format: String
    let variable_label: String
    let value_label_name: String?
    let kind: String
    let levels: [String]?
    let values: [Value]
    let missing: Missing
  }

  let file: String
  let release: Int
  let byte_order: String
  let rows: Int
  let label: String
  let variables: [Variable]

  var testDescription: String { file }

  /// Every case of the fixture file.
  static let all: [StataFixtureCase] = FixtureFiles.cases("stata_files.json")

  /// The path of the case's `.dta` file.
  var path: String { FixtureFiles.data("stata/" + file) }
}

@Suite("StataReader: every value of the fixture files agrees with pyreadstat")
struct StataReaderFixtureTests {
  @Test("the fixture file holds the expected cases")
  func caseCount() {
    #expect(StataFixtureCase.all.count == 13)
    let releases = Set(StataFixtureCase.all.map { "\($0.release) \($0.byte_order)" })
    #expect(releases == ["117 LSF", "117 MSF", "118 LSF", "118 MSF", "119 LSF", "119 MSF"])
  }

  @Test("header, variables, levels, values and missing counts", arguments: StataFixtureCase.all)
  func agrees(with expected: StataFixtureCase) throws {
    let dataset = try StataReader().readDataset(path: expected.path)
    #expect(dataset.release == expected.release)
    #expect(dataset.byteOrder.rawValue == expected.byte_order)
    #expect(dataset.label == expected.label)
    #expect(dataset.table.rowCount == expected.rows)
    #expect(dataset.table.columnNames == expected.variables.map(\.name))
    for (variable, want) in zip(dataset.variables, expected.variables) {
      let column = try dataset.table.column(named: want.name)
      #expect(variable.storageType.description == want.storage_type, "\(want.name)")
      #expect(variable.format == want.format, "\(want.name)")
      #expect(variable.variableLabel == want.variable_label, "\(want.name)")
      #expect(variable.valueLabelName == want.value_label_name, "\(want.name)")
      #expect(column.kind.rawValue == want.kind, "\(want.name)")
      #expect(variable.columnKind == column.kind)
      #expect(variable.missing == StataMissingCounts(system: want.missing.system, extended: want.missing.extended), "\(want.name)")
      #expect(column.missingCount == want.missing.system + want.missing.extended.values.reduce(0, +), "\(want.name)")
      if let levels = want.levels { #expect(column.levels == levels, "\(want.name)") }
      #expect(column.count == want.values.count)
      var mismatches = 0
      for (row, value) in want.values.enumerated() where Self.value(of: column, at: row) != value {
        mismatches += 1
        if mismatches <= 3 {
          Issue.record("\(expected.file) \(want.name) row \(row): \(Self.value(of: column, at: row)) != \(value)")
        }
      }
      #expect(mismatches == 0, "\(expected.file) \(want.name)")
    }
  }

  /// A column's value in the fixture's terms.
  static func value(of column: Column, at row: Int) -> StataFixtureCase.Value {
    if column.isMissing(row) { return .missing }
    switch column.storage {
    case .double(let values): return .number(values[row])
    case .int(let values): return .number(Double(values[row]))
    case .bool(let values): return .number(values[row] ? 1 : 0)
    case .categorical(let codes, let levels): return .text(levels[Int(codes[row])])
    }
  }
}
