import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// `--data` accepts Stata files: `sim_fe.dta` (written by pandas from `sim_fe.csv`) gives the
/// same estimates as the CSV.
@Suite("causalkit --data reads Stata .dta files")
struct StataDataTests {
  static let dta = FixtureFiles.data("stata/sim_fe.dta")

  /// `causalkit feols <arguments> --json`, reading `--data` the way `run()` does.
  static func feolsJSON(_ arguments: [String]) throws -> [String: Any] {
    let command = try FeolsCommand.parse(arguments)
    let run = try command.estimate(try command.input.readTable())
    return try ToolRuns.object(Data(try FeolsCommand.output(fit: run.fit, bootstrap: run.bootstrap).jsonText().utf8))
  }

  @Test("feols on sim_fe.dta gives the coefficients and standard errors of sim_fe.csv")
  func feolsSameAsCSV() throws {
    let rest = ["--formula", "y ~ x1 + x2 + group | firm + year", "--vcov", "cluster:state", "--json"]
    let fromDTA = try Self.feolsJSON(["--data", Self.dta] + rest)
    let fromCSV = try Self.feolsJSON(["--data", ToolFixtures.simFE] + rest)
    let dtaRows = try #require(fromDTA["coefficients"] as? [[String: Any]])
    let csvRows = try #require(fromCSV["coefficients"] as? [[String: Any]])
    #expect(dtaRows.count == 4)
    #expect(try ToolRuns.canonical(dtaRows) == ToolRuns.canonical(csvRows))
    #expect(try ToolRuns.canonical(fromDTA) == ToolRuns.canonical(fromCSV))
  }

  @Test("every subcommand's --data dispatches on the name or the first bytes", arguments: [
    (FixtureFiles.data("stata/sim_fe.dta"), 5000), (FixtureFiles.data("stata/pandas_118.dta"), 10),
    (FixtureFiles.data("sim_fe.csv"), 5000),
  ])
  func dispatch(path: String, rows: Int) throws {
    let table = try InputOptions.parse(["--data", path]).readTable()
    #expect(table.rowCount == rows)
  }

  @Test("a .dta file without the .dta name is read as Stata")
  func renamed() throws {
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("renamed-\(UUID().uuidString).data").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try Data(contentsOf: URL(fileURLWithPath: Self.dta)).write(to: URL(fileURLWithPath: path))
    let table = try InputOptions.parse(["--data", path]).readTable()
    #expect(table["region"]?.levels == ["r1", "r2", "r3", "r4", "r5", "r6", "r7"])
  }

  @Test("a damaged .dta file gets the reader's message, with the byte offset")
  func damaged() throws {
    let bytes = try Data(contentsOf: URL(fileURLWithPath: Self.dta)).prefix(2000)
    let path = FileManager.default.temporaryDirectory.appendingPathComponent("cut-\(UUID().uuidString).dta").path
    defer { try? FileManager.default.removeItem(atPath: path) }
    try bytes.write(to: URL(fileURLWithPath: path))
    let message = try #require(Self.message(path))
    #expect(message.contains("Byte ") && message.contains("Stata file"), "\(message)")
  }

  /// The message `feols` prints for a `--data` path, reading through `InputOptions`.
  static func message(_ path: String) -> String? {
    do {
      _ = try InputOptions.parse(["--data", path]).readTable()
      return nil
    } catch {
      return ToolDiagnostics.message(for: error, command: "feols")
    }
  }
}
