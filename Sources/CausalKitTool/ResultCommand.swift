import ArgumentParser
import CausalKit

/// A subcommand that fits one library result and prints it: a text table, or with `--json`
/// the result's own encoding (``CommandOutput`` without additions).
///
/// The subcommand supplies ``estimate(_:)`` (and ``text(_:)`` when the result's summary is not
/// what it prints); reading the table, reporting errors in the terms of the command line and
/// printing are shared: `bacon`, `logit`, `drdid`, `sunab`, `did2s` and `mediate` run this way.
protocol ResultCommand: TableCommand {
  /// The library result the subcommand prints.
  associatedtype Result: EstimationResult

  /// Fits what the options describe to the table.
  ///
  /// - Parameter table: The `--data` table.
  /// - Throws: `ValidationError` for option values the subcommand refuses; the library's errors.
  func estimate(_ table: DataTable) throws -> Result

  /// The text output of a result.
  static func text(_ result: Result) -> String
}

extension ResultCommand {
  /// The subcommand's name, as typed after `causalkit` (every subcommand's configuration names it).
  static var name: String { configuration.commandName ?? String(describing: Self.self) }

  /// The result's summary.
  static func text(_ result: Result) -> String { result.summary() }

  /// The `--json` object: the result's encoding.
  static func output(_ result: Result) -> CommandOutput<Result, NoAdditions> {
    CommandOutput(command: name, result: result, additions: NoAdditions())
  }

  /// Reads `--data`, fits, and prints the text or, with `--json`, the JSON object; errors are
  /// reported as ``ToolDiagnostics/reportingErrors(of:input:maxIterations:_:)`` does.
  ///
  /// - Throws: `ValidationError` for usage errors; `ExitCode.failure` after printing any other error.
  func run() throws {
    try ToolDiagnostics.reportingErrors(of: Self.name, input: input) {
      let result = try estimate(try input.readTable())
      print(json ? try Self.output(result).jsonText() : Self.text(result))
    }
  }
}
