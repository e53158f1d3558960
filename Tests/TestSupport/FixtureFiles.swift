import Foundation

/// Where the committed reference data and expected values live, for every test target.
///
/// Paths are found relative to this source file (`Tests/TestSupport/`), so tests need no
/// bundle resources and run from any working directory.
public enum FixtureFiles {
  /// `Tests/Fixtures`.
  public static let root = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures")

  /// The path of a data file in `Tests/Fixtures/data`.
  public static func data(_ name: String) -> String {
    root.appendingPathComponent("data").appendingPathComponent(name).path
  }

  /// The `cases` array of an expected-values file (`{"cases": [...], ...}`), or an empty array
  /// when the file is missing or does not decode — every suite also asserts its case count,
  /// so a broken fixture fails loudly instead of running zero cases.
  public static func cases<Case: Decodable>(_ file: String, as type: Case.Type = Case.self) -> [Case] {
    guard let data = try? Data(contentsOf: expected(file)),
      let decoded = try? JSONDecoder().decode(CaseFile<Case>.self, from: data)
    else { return [] }
    return decoded.cases
  }

  /// The URL of an expected-values file in `Tests/Fixtures/expected`.
  public static func expected(_ name: String) -> URL {
    root.appendingPathComponent("expected").appendingPathComponent(name)
  }
}

/// Relative difference `|a − b| / max(|b|, floor)`, zero when the values are identical.
public func relativeDifference(_ a: Double, _ b: Double, floor: Double = 1e-300) -> Double {
  if a == b { return 0 }
  return abs(a - b) / max(abs(b), floor)
}

/// The common shape of the expected-values files: a `cases` array beside metadata.
private struct CaseFile<Case: Decodable>: Decodable {
  var cases: [Case]
}
