import ArgumentParser
import CausalKit

/// The options every subcommand reads its input and chooses its output with: `--data`,
/// `--delimiter`, `--na` and `--json`.
struct InputOptions: ParsableArguments {
  @Option(name: .long, help: "CSV or Stata .dta file to read (one row per observation; for match, one row per unit).")
  var data: String

  @Option(name: .long, help: "CSV field separator: \(DelimiterOption.accepted) (detect it from the header and first rows).")
  var delimiter: DelimiterOption = .auto

  @Option(name: .long, help: "Comma-separated cell texts that mean a missing value; empty cells always do.")
  var na: String = "NA,."

  @Flag(name: .long, help: "Print one JSON object instead of the text tables.")
  var json = false

  /// Reads the `--data` file: a Stata file (a `.dta` name or `<stata_dta>` first bytes) with
  /// ``StataReader``, anything else as CSV.
  ///
  /// - Throws: the Stata or CSV reader's errors.
  func readTable() throws -> DataTable {
    try readTable(columns: nil)
  }

  /// Reads only the named columns of a CSV `--data` file (the others are split into fields
  /// but not typed or stored), or every column when `columns` is `nil`; a Stata file is read
  /// whole.
  ///
  /// - Throws: the Stata or CSV reader's errors; a name the header lacks is an unknown column.
  func readTable(columns: [String]?) throws -> DataTable {
    if StataReader.isStataFile(path: data) { return try StataReader().read(path: data) }
    var reader = csvReader()
    reader.selectedColumns = columns
    let table = try reader.read(path: data)
    ProcessMemory.returnFreeMemory()
    return table
  }
}

/// A subcommand that reads its table with ``InputOptions``.
protocol TableCommand: ParsableCommand {
  /// The `--data` and `--json` options.
  var input: InputOptions { get }
}

extension TableCommand {
  /// The `--data` path.
  var data: String { input.data }
  /// Whether `--json` was given.
  var json: Bool { input.json }
}

/// The options of the regression-type subcommands (feols, logit, mediate): `--weights` and
/// `--level`.
struct FitOptions: ParsableArguments {
  @Option(name: .long, help: "Column of non-negative observation weights (weighted least squares or likelihood).")
  var weights: String?

  @Option(name: .long, parsing: .unconditional, help: "Confidence level of the intervals.")
  var level: Double = 0.95
}

/// The `--seed` option of the subcommands that draw random numbers (feols and match
/// bootstraps, match's random order, mediate's simulations).
struct SeedOptions: ParsableArguments {
  @Option(name: .long, parsing: .unconditional, help: "Random seed of the command's random draws (bootstrap, simulations, --order random); the tool's default is 1, the library's 0.")
  var seed: UInt64 = 1
}

/// Runs a long resampling loop with a progress bar on standard error and Ctrl-C cancelling it.
///
/// - Parameters:
///   - label: The progress bar's label.
///   - body: The loop, given the progress callback and the cancellation check to pass on.
/// - Throws: whatever `body` throws (the library's cancellation error after Ctrl-C).
func withProgress<T>(
  label: String,
  _ body: (_ progress: @escaping @Sendable (Int, Int) -> Void, _ isCancelled: @escaping @Sendable () -> Bool) throws -> T
) rethrows -> T {
  let bar = TerminalProgressBar(label: label)
  let interrupt = InterruptMonitor()
  interrupt.start()
  defer {
    interrupt.stop()
    bar.finish()
  }
  return try body({ done, total in bar.update(done, of: total) }, { interrupt.isInterrupted })
}
