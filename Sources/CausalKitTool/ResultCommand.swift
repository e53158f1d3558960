import ArgumentParser
import CausalKit

/// A subcommand that fits one library result and prints it: a text table, or with `--json`
/// the result's own encoding (``CommandOutput``), with the subcommand's own keys when it has any.
///
/// The subcommand supplies ``estimate(_:)`` (and ``text(_:)`` when the result's summary is not
/// what it prints; ``additions(to:table:)`` and ``text(output:)`` when it adds analyses of the
/// result); reading the table, reporting errors in the terms of the command line and printing
/// are shared: `bacon`, `logit`, `drdid`, `sunab`, `did2s` and `mediate` run this way.
protocol ResultCommand: TableCommand {
  /// The library result the subcommand prints.
  associatedtype Result: EstimationResult
  /// The subcommand's own top-level JSON keys (``NoAdditions`` when it has none).
  associatedtype Additions: Encodable = NoAdditions

  /// Fits what the options describe to the table.
  ///
  /// - Parameter table: The `--data` table.
  /// - Throws: `ValidationError` for option values the subcommand refuses; the library's errors.
  func estimate(_ table: DataTable) throws -> Result

  /// The analyses the options add to a fitted result (a sensitivity analysis, say).
  ///
  /// - Parameters:
  ///   - result: The fit.
  ///   - table: The `--data` table, for refits.
  /// - Throws: `ValidationError` for option values the subcommand refuses; the library's errors.
  func additions(to result: Result, table: DataTable) throws -> Additions

  /// The text output of a result.
  static func text(_ result: Result) -> String

  /// The text output of a result with its additions.
  static func text(output: CommandOutput<Result, Additions>) -> String
}

extension ResultCommand {
  /// The subcommand's name, as typed after `causalkit` (every subcommand's configuration names it).
  static var name: String { configuration.commandName ?? String(describing: Self.self) }

  /// The result's summary.
  static func text(_ result: Result) -> String { result.summary() }

  /// The result's text; the additions are in the JSON only.
  static func text(output: CommandOutput<Result, Additions>) -> String { text(output.result) }

  /// Fits and adds the subcommand's analyses: what `run()` prints.
  ///
  /// - Parameter table: The `--data` table.
  /// - Throws: `ValidationError` for usage errors; the library's errors.
  func analyze(_ table: DataTable) throws -> CommandOutput<Result, Additions> {
    let result = try estimate(table)
    return CommandOutput(command: Self.name, result: result, additions: try additions(to: result, table: table))
  }

  /// Reads `--data`, fits, and prints the text or, with `--json`, the JSON object; errors are
  /// reported as ``ToolDiagnostics/reportingErrors(of:input:maxIterations:_:)`` does.
  ///
  /// - Throws: `ValidationError` for usage errors; `ExitCode.failure` after printing any other error.
  func run() throws {
    try ToolDiagnostics.reportingErrors(of: Self.name, input: input) {
      let output = try analyze(try input.readTable())
      print(json ? try output.jsonText() : Self.text(output: output))
    }
  }
}

extension ResultCommand where Additions == NoAdditions {
  /// No additions.
  func additions(to result: Result, table: DataTable) throws -> NoAdditions { NoAdditions() }

  /// The `--json` object: the result's encoding.
  static func output(_ result: Result) -> CommandOutput<Result, NoAdditions> {
    CommandOutput(command: name, result: result, additions: NoAdditions())
  }
}
