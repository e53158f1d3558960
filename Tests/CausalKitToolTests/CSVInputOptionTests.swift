import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// `--delimiter` and `--na` on every subcommand, the messages that name them, and the
/// infinite-value drop note in the text and JSON output.
@Suite("causalkit --delimiter, --na and infinite-value drops")
struct CSVInputOptionTests {
  /// Writes `text` to a temporary file and returns its path.
  static func file(_ text: String, _ name: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("causalkit-\(name)-\(UUID()).csv")
    try Data(text.utf8).write(to: url)
    return url.path
  }

  /// The semicolon-separated file of the report: `y;x;g`.
  static let semicolonText = "y;x;g\n1.5;2;a\n2.5;3;b\n3.1;5;a\n4.2;4;b\n"

  /// 100 rows of `y,x` where every 7th x is `n/a` (14 cells).
  static let naText = (["y,x"] + (1...100).map { "\(Double($0 % 9) / 4),\($0 % 7 == 0 ? "n/a" : String(Double($0) / 2))" })
    .joined(separator: "\n")

  @Test("--delimiter accepts ',', ';', 'tab', a tab character, '|' and 'auto' (the default)", arguments: [
    (",", DelimiterOption.character(",")), (";", .character(";")), ("tab", .character("\t")),
    ("\t", .character("\t")), ("|", .character("|")), ("auto", .auto),
  ])
  func delimiterValues(argument: String, expected: DelimiterOption) throws {
    let command = try FeolsCommand.parse(["--data", "d.csv", "--formula", "y ~ x", "--delimiter", argument])
    #expect(command.input.delimiter == expected)
    #expect(command.input.csvReader().separator == expected.separator)
  }

  @Test("--delimiter rejects other values ('x', ';;')", arguments: ["x", ";;", "comma"])
  func delimiterRejected(argument: String) {
    #expect(throws: (any Error).self) {
      try FeolsCommand.parse(["--data", "d.csv", "--formula", "y ~ x", "--delimiter", argument])
    }
  }

  @Test("every subcommand takes --delimiter and --na; defaults auto and 'NA,.'")
  func everySubcommand() throws {
    let rest = ["--delimiter", ";", "--na", "NA, ., n/a"]
    let inputs = [
      try FeolsCommand.parse(["--data", "d.csv", "--formula", "y ~ x"] + rest).input,
      try LogitCommand.parse(["--data", "d.csv", "--formula", "y ~ x"] + rest).input,
      try MatchCommand.parse(["--data", "d.csv", "--treatment", "t", "--covariates", "x"] + rest).input,
      try MediateCommand.parse(["--data", "d.csv", "--treatment", "t", "--mediator", "m", "--outcome", "y"] + rest).input,
    ]
    for input in inputs {
      #expect(input.delimiter == .character(";"))
      #expect(input.missingTokens == ["", "NA", ".", "n/a"])
    }
    let defaults = try FeolsCommand.parse(["--data", "d.csv", "--formula", "y ~ x"]).input
    #expect(defaults.delimiter == .auto)
    #expect(defaults.na == "NA,.")
    #expect(defaults.missingTokens == CSVReader.defaultMissingTokens)
    #expect(try FeolsCommand.parse(["--data", "d.csv", "--formula", "y ~ x", "--na", ""]).input.missingTokens == [""])
  }

  @Test("a semicolon file ('y;x;g') fits with the detected separator: 4 observations")
  func semicolonDetected() throws {
    let path = try Self.file(Self.semicolonText, "semicolon")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let json = try ToolRuns.json(["feols", "--data", path, "--formula", "y ~ x"])
    #expect(json["nobs"] as? Int == 4)
    let explicit = try ToolRuns.json(["feols", "--data", path, "--formula", "y ~ x", "--delimiter", ";"])
    #expect(explicit["nobs"] as? Int == 4)
  }

  @Test("a semicolon file read with --delimiter ',' (Unknown column 'y') says to pass --delimiter ';'")
  func semicolonHint() throws {
    let path = try Self.file(Self.semicolonText, "semicolon")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let message = try #require(ToolRuns.errorMessage(["feols", "--data", path, "--formula", "y ~ x", "--delimiter", ","]))
    #expect(message == "Unknown column 'y'. The file was read as one column named 'y;x;g' (with --delimiter ','), "
      + "and that name holds ';': the file is probably separated by ';'. Pass --delimiter ';'.")
    let match = try #require(ToolRuns.errorMessage([
      "match", "--data", path, "--treatment", "t", "--covariates", "x", "--delimiter", ",",
    ]))
    #expect(match.contains("Pass --delimiter ';'."), "\(match)")
  }

  @Test("an unknown column in a file with several columns gets no --delimiter hint")
  func noHintForRealColumns() throws {
    let message = try #require(ToolRuns.errorMessage(["feols", "--data", ToolFixtures.simFE, "--formula", "y ~ nope"]))
    #expect(!message.contains("--delimiter"))
  }

  @Test("'n/a' in 14% of x: the error names x, the value, its line and --na 'NA,.,n/a'; with it, 86 observations")
  func strayCodeNamesNa() throws {
    let path = try Self.file(Self.naText, "na")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let message = try #require(ToolRuns.errorMessage(["feols", "--data", path, "--formula", "y ~ x"]))
    #expect(message == "Line 8, column 2 ('x'): \"n/a\" is not a number, but column 'x' looks numeric (86 of its 100 "
      + "non-missing values are numbers), so it is not read as text. If \"n/a\" marks a missing value, add it to --na "
      + "(--na 'NA,.,n/a'); otherwise fix the value in the file.")
    #expect(!message.contains("missingTokens") && !message.contains("columnTypes"))
    let custom = try #require(ToolRuns.errorMessage(["feols", "--data", path, "--formula", "y ~ x", "--na", "NA,-99"]))
    #expect(custom.contains("(--na 'NA,-99,n/a')"))
    let json = try ToolRuns.json(["feols", "--data", path, "--formula", "y ~ x", "--na", "NA,.,n/a"])
    #expect(json["nobs"] as? Int == 86)
    #expect((json["dropped"] as? [String: Any])?["missing_value"] as? Int == 14)
  }

  @Test("a European file ('y;x' with decimal commas) fails naming the comma, not silently as text")
  func decimalCommaFile() throws {
    let path = try Self.file("y;x\n1,5;2\n2,25;3\n3,5;5\n", "decimal-comma")
    defer { try? FileManager.default.removeItem(atPath: path) }
    let message = try #require(ToolRuns.errorMessage(["feols", "--data", path, "--formula", "y ~ x"]))
    #expect(message == "Line 2, column 1 ('y'): \"1,5\" is a number written with a comma (a decimal comma or a "
      + "thousands separator), which is not read as a number, and column 'y' looks numeric (3 of its 3 non-missing "
      + "values are numbers), so it is not read as text. Save the file with a decimal point and no thousands separators.")
  }

  @Test("Stata '.' in 15% of x (r_stata_dot.csv) is missing by default: 170 observations, not 165 dummies")
  func stataDot() throws {
    let json = try ToolRuns.json(["feols", "--data", FixtureFiles.data("r_stata_dot.csv"), "--formula", "y ~ x | firm"])
    #expect(json["nobs"] as? Int == 170)
    let terms = (json["coefficients"] as? [[String: Any]])?.compactMap { $0["term"] as? String }
    #expect(terms == ["x"])
    #expect((json["dropped"] as? [String: Any])?["missing_value"] as? Int == 30)
  }

  @Test("r_write_csv.csv (Inf/-Inf in z, NA in x): text notes and JSON count infinite values apart")
  func infiniteValues() throws {
    let arguments = ["feols", "--data", FixtureFiles.data("r_write_csv.csv"), "--formula", "y ~ x + z"]
    let json = try ToolRuns.json(arguments)
    let dropped = try #require(json["dropped"] as? [String: Any])
    #expect(dropped["missing_value"] as? Int == 1)
    #expect(dropped["infinite_value"] as? Int == 2)
    #expect(dropped["singleton"] as? Int == 0 && dropped["zero_weight"] as? Int == 0)
    #expect(json["nobs"] as? Int == 9)
    let command = try FeolsCommand.parse(Array(arguments.dropFirst()))
    let text = try command.estimate(try command.input.readTable()).fit.summary()
    #expect(text.contains("1 observation removed because of missing values in x."))
    #expect(text.contains("2 observations removed because of infinite values in z."))
  }

  @Test("match's first line counts units removed for missing and for infinite values apart (lalonde, re74 Inf, age NA)")
  func matchRemovedNote() throws {
    let units = try CSVReader().read(path: ToolFixtures.lalonde)
    var re74 = try #require(units["re74"]).doubles()
    var age = try #require(units["age"]).doubles().map(Optional.some)
    re74[0] = .infinity
    re74[1] = -.infinity
    age[2] = nil
    let columns = units.columns.map { column -> Column in
      switch column.name {
      case "re74": return Column(name: "re74", doubles: re74)
      case "age": return Column(name: "age", doubles: age)
      default: return column
      }
    }
    let result = try PropensityScoreMatching(treatment: "treat", covariates: ["age", "educ", "re74"])
      .fit(try DataTable(columns: columns))
    let first = MatchingSummaryText.render(result, distance: .propensityScore, effect: nil).split(separator: "\n").first
    #expect(first == "Propensity-score matching (ATT), 611 units (1 removed for missing values, 2 for infinite values)")
    #expect(result.missingDropped == 1 && result.infiniteDropped == 2)
    #expect(result.summary().hasPrefix("Propensity-score matching (ATT), 611 units (1 removed for missing values, 2 for"))
    let counts = try #require(ToolRuns.object(encoding: result)["counts"] as? [String: Any])
    #expect(counts["missing_dropped"] as? Int == 1 && counts["infinite_dropped"] as? Int == 2)
  }

  @Test("R write.csv row names (r_write_csv.csv) are the column 'rowname' the tool can use")
  func rowNamesColumn() throws {
    let json = try ToolRuns.json(["feols", "--data", FixtureFiles.data("r_write_csv.csv"), "--formula", "y ~ rowname"])
    #expect(json["nobs"] as? Int == 12)
  }
}
