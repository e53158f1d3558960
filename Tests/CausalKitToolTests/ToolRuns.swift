import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// Runs `causalkit` subcommands in-process, as `run()` does but without printing: the
/// `--json` text, its parsed value, or the message printed for an error.
enum ToolRuns {
  /// The `--json` text of `causalkit <arguments>` (the first argument is the subcommand).
  ///
  /// - Throws: What the subcommand throws.
  static func jsonText(_ arguments: [String]) throws -> String {
    let subcommand = arguments[0], rest = Array(arguments.dropFirst())
    switch subcommand {
    case "feols":
      let command = try FeolsCommand.parse(rest)
      let run = try command.estimateReadingUsedColumns()
      return try FeolsCommand.output(fit: run.fit, bootstrap: run.bootstrap).jsonText()
    case "logit":
      let command = try LogitCommand.parse(rest)
      return try LogitCommand.output(try command.estimate(try command.input.readTable())).jsonText()
    case "match":
      let command = try MatchCommand.parse(rest)
      return try command.estimate(try command.input.readTable()).jsonText()
    case "mediate":
      let command = try MediateCommand.parse(rest)
      return try command.analyze(try command.input.readTable()).jsonText()
    case "did":
      let command = try DidCommand.parse(rest)
      return try command.analyze(try command.input.readTable()).jsonText()
    case "bacon":
      let command = try BaconCommand.parse(rest)
      return try BaconCommand.output(try command.estimate(try command.input.readTable())).jsonText()
    case "drdid":
      let command = try DrdidCommand.parse(rest)
      return try DrdidCommand.output(try command.estimate(try command.input.readTable())).jsonText()
    default:
      throw ValidationError("unknown subcommand \(subcommand)")
    }
  }

  /// The parsed `--json` object of `causalkit <arguments>`.
  static func json(_ arguments: [String]) throws -> [String: Any] {
    try object(Data(jsonText(arguments).utf8))
  }

  /// The message `causalkit <arguments>` prints after `causalkit <subcommand>: `, or `nil`
  /// when it succeeds or fails with a usage error.
  static func errorMessage(_ arguments: [String]) -> String? {
    do {
      _ = try jsonText(arguments)
      return nil
    } catch is ValidationError {
      return nil
    } catch {
      return ToolDiagnostics.message(for: error, command: arguments[0], input: input(arguments))
    }
  }

  /// The `--data`, `--delimiter`, `--na` and `--json` options of `causalkit <arguments>`, or
  /// `nil` when the arguments do not parse.
  static func input(_ arguments: [String]) -> InputOptions? {
    let rest = Array(arguments.dropFirst())
    switch arguments.first {
    case "feols": return try? FeolsCommand.parse(rest).input
    case "logit": return try? LogitCommand.parse(rest).input
    case "match": return try? MatchCommand.parse(rest).input
    case "mediate": return try? MediateCommand.parse(rest).input
    case "did": return try? DidCommand.parse(rest).input
    case "bacon": return try? BaconCommand.parse(rest).input
    case "drdid": return try? DrdidCommand.parse(rest).input
    default: return nil
    }
  }

  /// A JSON object from its text.
  static func object(_ data: Data) throws -> [String: Any] {
    try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
  }

  /// A value's `JSONEncoder` encoding as a parsed JSON object.
  static func object<T: Encodable>(encoding value: T) throws -> [String: Any] {
    try object(try JSONEncoder().encode(value))
  }

  /// A parsed JSON value as canonical text (keys sorted), for exact comparisons of parsed values.
  static func canonical(_ value: Any) throws -> String {
    String(decoding: try JSONSerialization.data(withJSONObject: value, options: [.sortedKeys]), as: UTF8.self)
  }

  /// The table `causalkit feols <arguments>` fits: the columns its options name.
  static func feolsTable(_ arguments: [String]) throws -> DataTable {
    let command = try FeolsCommand.parse(arguments)
    return try CSVReader(selectedColumns: command.usedColumns(try command.makeModel())).read(path: command.input.data)
  }

  /// A parsed JSON value without its `fingerprint` keys, at any depth.
  static func removingFingerprints(_ value: Any) -> Any {
    switch value {
    case let object as [String: Any]:
      return object.filter { $0.key != "fingerprint" }.mapValues(removingFingerprints)
    case let array as [Any]:
      return array.map(removingFingerprints)
    default:
      return value
    }
  }

  /// Every key path of a parsed JSON value: `a`, `a.b`, `a[].c` (array entries share one path).
  static func keyPaths(_ value: Any, prefix: String = "") -> Set<String> {
    switch value {
    case let object as [String: Any]:
      return object.reduce(into: Set<String>()) { paths, pair in
        let path = prefix.isEmpty ? pair.key : prefix + "." + pair.key
        paths.insert(path)
        paths.formUnion(keyPaths(pair.value, prefix: path))
      }
    case let array as [Any]:
      return array.reduce(into: Set<String>()) { $0.formUnion(keyPaths($1, prefix: prefix + "[]")) }
    default:
      return []
    }
  }
}

/// The fixtures the tool tests read.
enum ToolFixtures {
  static let simFE = FixtureFiles.data("sim_fe.csv")
  static let lalonde = FixtureFiles.data("lalonde.csv")
  static let framing = FixtureFiles.data("framing.csv")
  static let lalondeCovariates = "age + educ + race + married + nodegree + re74 + re75"
  static let framingArguments = [
    "--data", framing, "--treatment", "treat", "--mediator", "emo", "--outcome", "cong_mesg",
    "--covariates", "age + educ + gender + income",
  ]
}
