import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// `causalkit sunab` and `causalkit did2s`: their JSON is the library's encoding and their
/// errors name their flags.
@Suite("causalkit sunab and did2s")
struct EventStudyCommandTests {
  static let panel = [
    "--data", FixtureFiles.data("did_sim_panel.csv"), "--outcome", "y", "--unit", "id", "--time", "year", "--cohort",
    "cohort",
  ]

  @Test("sunab prints the library's encoding of the Sun-Abraham result")
  func sunab() throws {
    let command = try SunabCommand.parse(Self.panel + ["--cluster", "state", "--json"])
    let output = try command.analyze(try command.input.readTable())
    let json = try ToolRuns.object(Data(try output.jsonText().utf8))
    let library = try SunAbraham(outcome: "y", unit: "id", time: "year", cohort: "cohort", vcov: .cluster(["state"]))
      .fit(try CSVReader().read(path: FixtureFiles.data("did_sim_panel.csv")))
    let expected = try ToolRuns.object(encoding: library)
    for key in ["estimates", "att", "cohort_effects", "covariance"] {
      #expect(
        try JSONSerialization.data(withJSONObject: [json[key] as Any], options: .sortedKeys)
          == JSONSerialization.data(withJSONObject: [expected[key] as Any], options: .sortedKeys), "\(key)")
    }
    #expect(json["command"] as? String == "sunab")
    #expect(json["sensitivity"] == nil)
  }

  @Test("sunab --sensitivity runs HonestDiD on the library's event-study estimates")
  func sunabSensitivity() throws {
    let arguments = Self.panel + ["--sensitivity", "relative-magnitude", "--mbar", "0.5,1", "--sensitivity-event-time", "0"]
    let command = try SunabCommand.parse(arguments + ["--json"])
    let output = try command.analyze(try command.input.readTable())
    let library = try SunAbraham(outcome: "y", unit: "id", time: "year", cohort: "cohort")
      .fit(try CSVReader().read(path: FixtureFiles.data("did_sim_panel.csv")))
    let expected = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: [0.5, 1]), target: .eventTime(0), seed: 1)
      .analyze(try EventStudyEstimates(library))
    let sensitivity = try #require(output.additions.sensitivity)
    #expect(sensitivity.robust.map(\.interval) == expected.robust.map(\.interval))
    #expect(sensitivity.robust.count == 2)
    let json = try ToolRuns.object(Data(try output.jsonText().utf8))
    let encoded = try #require(json["sensitivity"] as? [String: Any])
    #expect((encoded["robust"] as? [Any])?.count == 2)
    let text = SunabCommand.text(output: try SunabCommand.parse(arguments).analyze(try command.input.readTable()))
    #expect(text.contains(expected.summary()))
    for bad in [["--mbar", "1"], ["--sensitivity", "relative-magnitude", "--m", "0.1"], ["--sensitivity", "smooth"]] {
      let parsed = try SunabCommand.parse(Self.panel + bad)
      #expect(throws: ValidationError.self) { try parsed.analyze(try parsed.input.readTable()) }
    }
  }

  @Test("did2s prints the pooled ATT or the event study")
  func did2s() throws {
    let pooled = try Did2sCommand.parse(Self.panel + ["--json"])
    let att = try pooled.estimate(try pooled.input.readTable())
    #expect(att.att != nil && att.eventTimeEstimates.isEmpty)
    let events = try Did2sCommand.parse(Self.panel + ["--event-study", "--reference", "-1"])
    let study = try events.estimate(try events.input.readTable())
    #expect(study.att == nil)
    #expect(study.eventTimeEstimates.contains { $0.relativeTime == -1 && $0.isReference })
  }

  @Test("did2s --variance imputation gives the library's Borusyak-Jaravel-Spiess standard errors")
  func did2sImputationVariance() throws {
    let command = try Did2sCommand.parse(
      Self.panel + ["--event-study", "--variance", "imputation", "--imputation-groups", "horizon", "--leave-out", "--json"])
    let result = try command.estimate(try command.input.readTable())
    let library = try TwoStageDiD(
      outcome: "y", unit: "id", time: "year", cohort: "cohort", secondStage: .eventStudy(referencePeriods: [-1]),
      variance: .imputation(groups: .horizon, leaveOut: true)
    ).fit(try CSVReader().read(path: FixtureFiles.data("did_sim_panel.csv")))
    #expect(result.variance == .imputation(groups: .horizon, leaveOut: true))
    #expect(result.coefficients == library.coefficients)
    let gmm = try Did2sCommand.parse(Self.panel + ["--event-study"])
    let gmmResult = try gmm.estimate(try gmm.input.readTable())
    #expect(gmmResult.variance == .gmm && gmmResult.coefficients.map(\.estimate) == result.coefficients.map(\.estimate))
    #expect(gmmResult.coefficients.map(\.standardError) != result.coefficients.map(\.standardError))
    let json = try ToolRuns.object(Data(try Did2sCommand.output(result).jsonText().utf8))
    let variance = try #require(json["variance"] as? [String: Any])
    #expect(variance["method"] as? String == "imputation" && variance["groups"] as? String == "horizon")
    for bad in [["--variance", "hc1"], ["--leave-out"], ["--variance", "imputation", "--imputation-groups", "unit"]] {
      let parsed = try Did2sCommand.parse(Self.panel + bad)
      #expect(throws: ValidationError.self) { try parsed.estimate(try parsed.input.readTable()) }
    }
  }

  @Test("did2s --covariates adds them to the first stage and lists the absorbed ones")
  func did2sCovariates() throws {
    let command = try Did2sCommand.parse(
      Self.panel + ["--event-study", "--cluster", "state", "--covariates", "x1 + I(x1 * (year - 2000))", "--json"])
    let result = try command.estimate(try command.input.readTable())
    let library = try TwoStageDiD(
      outcome: "y", unit: "id", time: "year", cohort: "cohort", covariates: try Covariates(formula: "x1 + I(x1 * (year - 2000))"),
      secondStage: .eventStudy(referencePeriods: [-1]), cluster: "state"
    ).fit(try CSVReader().read(path: FixtureFiles.data("did_sim_panel.csv")))
    #expect(result.coefficients == library.coefficients)
    let plain = try Did2sCommand.parse(Self.panel + ["--event-study", "--cluster", "state"])
    #expect(try plain.estimate(try plain.input.readTable()).coefficients.map(\.estimate) != result.coefficients.map(\.estimate))
    let json = try ToolRuns.object(Data(try Did2sCommand.output(result).jsonText().utf8))
    let expected = try ToolRuns.object(encoding: library)
    for key in ["coefficients", "covariance", "dropped"] {
      #expect(try ToolRuns.canonical([json[key] as Any]) == ToolRuns.canonical([expected[key] as Any]), "\(key)")
    }
    let dropped = try #require(json["dropped"] as? [String: Any])
    #expect(dropped["absorbed_by_fixed_effects"] as? [String] == ["x1"])
    let bad = try Did2sCommand.parse(Self.panel + ["--covariates", "x1 +"])
    #expect(throws: (any Error).self) { try bad.estimate(try bad.input.readTable()) }
  }

  @Test("bad values name the flags")
  func errors() throws {
    let command = try Did2sCommand.parse(Self.panel + ["--reference", "x"])
    #expect(throws: ValidationError.self) { try command.estimate(try command.input.readTable()) }
    let level = ToolDiagnostics.message(
      for: try #require(Self.error { try SunabCommand.parse(Self.panel + ["--level", "2"]).estimate(DataTable()) }),
      command: "sunab")
    #expect(level.contains("--level"))
  }

  static func error(_ body: () throws -> Any) -> (any Error)? {
    do {
      _ = try body()
      return nil
    } catch { return error }
  }
}
