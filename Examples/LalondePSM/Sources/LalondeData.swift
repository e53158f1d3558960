import CausalKit
import Foundation

/// The bundled Lalonde data split into the three samples the analysis compares: the NSW
/// experiment (treated and experimental controls), and the NSW treated with the PSID or the
/// CPS comparison group.
struct LalondeData {
  /// NSW treated + NSW experimental controls (445 units).
  var experimental: DataTable
  /// NSW treated + PSID comparison units.
  var psid: DataTable
  /// NSW treated + CPS comparison units.
  var cps: DataTable

  /// The file shipped with the example: `Examples/LalondePSM/data/…` from the package root, or
  /// beside this source file when run from elsewhere.
  static func bundledPath() throws -> String {
    let name = "lalonde_nsw_psid_cps.csv"
    let candidates = [
      FileManager.default.currentDirectoryPath + "/Examples/LalondePSM/data/" + name,
      URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("data").appendingPathComponent(name).path,
    ]
    guard let found = candidates.first(where: { FileManager.default.fileExists(atPath: $0) }) else {
      throw LalondeDataError.missingFile(candidates)
    }
    return found
  }

  /// Reads the CSV and splits it by its `sample` column.
  init(path: String) throws {
    let table = try CSVReader().read(path: path)
    let sample = try table.column(named: "sample")
    var groups: [String: [Int]] = [:]
    for i in 0..<table.rowCount {
      groups[sample.text(at: i) ?? "", default: []].append(i)
    }
    func rows(_ names: String...) throws -> DataTable {
      var out: [Int] = []
      for name in names {
        guard let r = groups[name], !r.isEmpty else { throw LalondeDataError.missingSample(name) }
        out += r
      }
      return table.selecting(rows: out)
    }
    experimental = try rows("nsw_treated", "nsw_control")
    psid = try rows("nsw_treated", "psid")
    cps = try rows("nsw_treated", "cps")
  }
}

/// Problems with the example's data file.
enum LalondeDataError: Error, CustomStringConvertible {
  case missingFile([String])
  case missingSample(String)

  var description: String {
    switch self {
    case .missingFile(let paths):
      return "the bundled data file was not found (looked at \(paths.joined(separator: ", "))); run from the package root or pass --data"
    case .missingSample(let name):
      return "the data has no rows with sample = \(name)"
    }
  }
}
