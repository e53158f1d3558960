import CausalKit
import Foundation

/// A workload written by generate_data.py: raw little-endian float64/int32 columns plus
/// meta.json.
struct Workload {
  struct Meta: Decodable {
    struct ColumnMeta: Decodable {
      var name: String
      var type: String
      var file: String
      var levels: Int?
    }
    var workload: String
    var rows: Int
    var formula: String
    var vcov: Variance
    var columns: [ColumnMeta]
    var sha256: String
  }

  /// `"iid"` or `{"cluster": "fe2"}`.
  enum Variance: Decodable {
    case iid
    case cluster(String)
    init(from decoder: any Decoder) throws {
      if let s = try? decoder.singleValueContainer().decode(String.self), s == "iid" {
        self = .iid
        return
      }
      let d = try decoder.singleValueContainer().decode([String: String].self)
      guard let c = d["cluster"] else { throw BenchError("unsupported vcov in meta.json") }
      self = .cluster(c)
    }
  }

  var meta: Meta
  var doubles: [String: [Double]] = [:]
  var codes: [String: [Int32]] = [:]

  init(directory: String) throws {
    let metaURL = URL(fileURLWithPath: directory).appendingPathComponent("meta.json")
    meta = try JSONDecoder().decode(Meta.self, from: Data(contentsOf: metaURL))
    for c in meta.columns {
      let url = URL(fileURLWithPath: directory).appendingPathComponent(c.file)
      let data = try Data(contentsOf: url, options: .alwaysMapped)
      switch c.type {
      case "float64":
        guard data.count == meta.rows * 8 else { throw BenchError("\(c.file): wrong size") }
        doubles[c.name] = data.withUnsafeBytes { raw in
          [Double](unsafeUninitializedCapacity: meta.rows) { out, n in
            for i in 0..<meta.rows { out[i] = Double(bitPattern: UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: 8 * i, as: UInt64.self))) }
            n = meta.rows
          }
        }
      case "int32":
        guard data.count == meta.rows * 4 else { throw BenchError("\(c.file): wrong size") }
        codes[c.name] = data.withUnsafeBytes { raw in
          [Int32](unsafeUninitializedCapacity: meta.rows) { out, n in
            for i in 0..<meta.rows { out[i] = Int32(littleEndian: raw.loadUnaligned(fromByteOffset: 4 * i, as: Int32.self)) }
            n = meta.rows
          }
        }
      default:
        throw BenchError("\(c.file): unknown type \(c.type)")
      }
    }
  }

  /// Bytes of the raw data (float64 and int32 columns), as written to disk.
  var dataBytes: Int { meta.rows * (8 * doubles.count + 4 * codes.count) }

  /// The data as a CausalKit table: float64 columns as `double`, codes as `int` columns.
  func table() throws -> DataTable {
    var columns = [Column]()
    for c in meta.columns {
      if let d = doubles[c.name] {
        columns.append(Column(name: c.name, doubles: d))
      } else if let k = codes[c.name] {
        columns.append(Column(name: c.name, ints: k.map { Int($0) }))
      }
    }
    return try DataTable(columns: columns)
  }

  /// (D − 1) × Σ_g n_g² / n for the levels g of the fixed effect with the most levels (before
  /// singleton removal), or `nil` with fewer than two fixed effects.
  var schurCostPerObservation: Double? {
    let fe = fixedEffectNames.compactMap { codes[$0] }
    guard fe.count >= 2, let largest = fe.max(by: { ($0.max() ?? 0) < ($1.max() ?? 0) }) else { return nil }
    var counts = [Int](repeating: 0, count: Int(largest.max() ?? 0) + 1)
    for c in largest { counts[Int(c)] += 1 }
    let squares = counts.reduce(0) { $0 + $1 * $1 }
    return Double((fe.count - 1) * squares) / Double(largest.count)
  }

  /// The fixed-effect names of the formula (after `|`), in order.
  var fixedEffectNames: [String] {
    guard let bar = meta.formula.firstIndex(of: "|") else { return [] }
    return meta.formula[meta.formula.index(after: bar)...].split(separator: "+").map {
      $0.trimmingCharacters(in: .whitespaces)
    }
  }
}

struct BenchError: Error, CustomStringConvertible {
  var description: String
  init(_ d: String) { description = d }
}
