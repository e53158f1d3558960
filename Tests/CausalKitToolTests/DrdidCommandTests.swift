import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// `causalkit drdid`: the library's estimate and JSON, and errors in the tool's terms.
@Suite struct DrdidCommandTests {
  static let nsw = [
    "drdid", "--data", FixtureFiles.data("drdid_nsw_long.csv"), "--outcome", "re", "--time", "year", "--unit", "id",
    "--treatment", "experimental", "--covariates", "age + educ + black + married + nodegree + hisp + re74",
  ]
  static let simRC = [
    "drdid", "--data", FixtureFiles.data("drdid_sim_rc.csv"), "--outcome", "y", "--time", "post",
    "--treatment", "d", "--covariates", "x1 + x2 + x3 + x4", "--repeated-cross-section",
  ]

  /// The reference value of a case of `expected/drdid.json`.
  static func expected(_ name: String) throws -> DRDIDCaseValues {
    try #require(FixtureFiles.cases("drdid.json", as: DRDIDCaseValues.self).first { $0.name == name })
  }

  @Test func panelJSONIsTheLibraryResult() throws {
    let object = try ToolRuns.json(Self.nsw + ["--json"])
    let reference = try Self.expected("nsw_imp_cov")
    #expect(object["command"] as? String == "drdid")
    #expect(object["schema_version"] as? Int == 1)
    #expect(object["method"] as? String == "imp")
    #expect(object["panel"] as? Bool == true)
    #expect(relativeDifference(try #require(object["estimate"] as? Double), reference.estimate) < 1e-8)
    #expect(relativeDifference(try #require(object["std_error"] as? Double), reference.std_error) < 1e-6)
    #expect(object["n"] as? Int == reference.n)
  }

  @Test(arguments: ["imp", "trad", "ipw", "reg"])
  func repeatedCrossSectionMethods(_ method: String) throws {
    let object = try ToolRuns.json(Self.simRC + ["--method", method, "--json"])
    let reference = try Self.expected("sim_rc_\(method)_cov")
    #expect(object["panel"] as? Bool == false)
    #expect(relativeDifference(try #require(object["estimate"] as? Double), reference.estimate) < 1e-8)
    #expect(relativeDifference(try #require(object["std_error"] as? Double), reference.std_error) < 1e-6)
  }

  @Test func tableShowsTheEstimate() throws {
    let command = try DrdidCommand.parse(Array(Self.nsw.dropFirst()))
    let text = try command.estimate(try command.input.readTable()).summary()
    #expect(text.contains("ATT") && text.contains("-901.270") && text.contains("improved doubly robust"))
  }

  @Test func unitAndRepeatedCrossSectionAreChecked() {
    let noUnit = Self.nsw.filter { $0 != "--unit" && $0 != "id" }
    #expect(throws: ValidationError.self) { try ToolRuns.jsonText(noUnit) }
    #expect(throws: ValidationError.self) { try ToolRuns.jsonText(Self.nsw + ["--repeated-cross-section"]) }
    #expect(throws: ValidationError.self) { try ToolRuns.jsonText(Self.nsw + ["--method", "dr"]) }
  }

  @Test func errorsNameTheFlags() throws {
    let level = try #require(ToolRuns.errorMessage(Self.nsw + ["--level", "2"]))
    #expect(level.contains("--level") && !level.contains("confidenceLevel"), "\(level)")
    let time = try #require(ToolRuns.errorMessage(Self.nsw.map { $0 == "year" ? "re74" : $0 }))
    #expect(time.contains("'re74'") && time.contains("two values"), "\(time)")
  }
}

/// The fields of an `expected/drdid.json` case these tests read.
struct DRDIDCaseValues: Decodable {
  let name: String
  let estimate: Double
  let std_error: Double
  let n: Int
}
