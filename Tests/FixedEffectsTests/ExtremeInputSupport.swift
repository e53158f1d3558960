import CausalCore
import Foundation
import TestSupport

/// A number of `Tests/Fixtures/expected/extremes.json`: finite numbers are JSON numbers,
/// non-finite ones the strings "NaN", "Inf" and "-Inf".
struct ReferenceNumber: Decodable, Sendable {
  let value: Double

  init(from decoder: any Decoder) throws {
    let c = try decoder.singleValueContainer()
    if let v = try? c.decode(Double.self) {
      value = v
    } else {
      switch try c.decode(String.self) {
      case "Inf": value = .infinity
      case "-Inf": value = -.infinity
      default: value = .nan
      }
    }
  }
}

/// One tool's answer for one case (R or statsmodels).
struct ReferenceAnswer: Decodable, Sendable {
  struct Inference: Decodable, Sendable {
    var se: [ReferenceNumber]?
    var t: [ReferenceNumber]?
    var p: [ReferenceNumber]?
  }
  var terms: [String]?
  var coef: [ReferenceNumber]?
  var variances: [String: Inference]
  var warnings: [String]?
  var error: String?
  var errors: [String]?

  func se(_ type: String) -> [Double] { variances[type]?.se?.map(\.value) ?? [] }
  func t(_ type: String) -> [Double] { variances[type]?.t?.map(\.value) ?? [] }
  var estimates: [Double] { coef?.map(\.value) ?? [] }
}

/// One case of `extremes.json` (written by `Tests/Fixtures/generate_extremes.py`).
struct ExtremeCase: Decodable, Sendable {
  var name: String
  var model: String
  var formula: String
  var transform: String
  var vcov: [String]
  var r: ReferenceAnswer
  var statsmodels: ReferenceAnswer
}

/// The extreme-input fixtures: the base data and the transformations of the generator.
enum ExtremeInputs {
  static let cases: [String: ExtremeCase] = Dictionary(
    uniqueKeysWithValues: FixtureFiles.cases("extremes.json", as: ExtremeCase.self).map { ($0.name, $0) })

  static func reference(_ name: String) throws -> ExtremeCase {
    guard let c = cases[name] else { throw FixtureMissing(name: name) }
    return c
  }

  struct FixtureMissing: Error { let name: String }

  /// The base data (`data/extremes.csv`): y, x1, x2, d (0/1), firm, g.
  static func base() throws -> DataTable { try CSVReader().read(path: FixtureFiles.data("extremes.csv")) }

  /// The base data after one of the generator's transformations (`scale:COL:C`,
  /// `set:COL:ROW:V`, `const:COL:V`, `perfect`, `none`), done with the same double operations.
  static func table(_ spec: String) throws -> DataTable {
    let t = try base()
    var columns = try t.columnNames.map { name in (name, try t.column(named: name).doubles()) }
    func update(_ name: String, _ change: (inout [Double]) -> Void) {
      guard let j = columns.firstIndex(where: { $0.0 == name }) else { return }
      change(&columns[j].1)
    }
    let parts = spec.split(separator: ":").map(String.init)
    switch parts[0] {
    case "scale":
      let c = Double(parts[2]) ?? .nan
      update(parts[1]) { v in for i in v.indices { v[i] *= c } }
    case "set":
      let row = Int(parts[2]) ?? 0, value = Double(parts[3]) ?? .nan
      update(parts[1]) { v in v[row] = value }
    case "const":
      let value = Double(parts[2]) ?? .nan
      update(parts[1]) { v in for i in v.indices { v[i] = value } }
    case "perfect":
      let x1 = columns.first { $0.0 == "x1" }?.1 ?? [], x2 = columns.first { $0.0 == "x2" }?.1 ?? []
      update("y") { v in for i in v.indices { v[i] = 1 + 2 * x1[i] - x2[i] } }
    default: break
    }
    return try DataTable(columns: columns.map { Column(name: $0.0, doubles: $0.1) })
  }
}
