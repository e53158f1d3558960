import ArgumentParser
import CausalKit
import Foundation
import TestSupport
import Testing

@testable import CausalKitTool

/// The inputs of the "Robustness" issue: replicate counts beyond the machine's memory,
/// demeaning advice, control characters in messages, zero bootstrap p-values and interval
/// formatting in the text output.
@Suite("causalkit robustness: limits, advice, escaping and bootstrap text")
struct ToolRobustnessTests {
  static let fe = ["--data", ToolFixtures.simFE, "--formula", "y ~ x1 + x2"]
  static let twoWay = ["--data", ToolFixtures.simFE, "--formula", "y ~ x1 + x2 | firm + year"]

  // MARK: - Replicate and simulation counts

  @Test("--reps / --sims 1000000000000 are refused with the memory needed and the machine's", arguments: [
    (["feols"] + fe + ["--bootstrap", "pairs", "--reps", "1000000000000"], "--reps"),
    (["feols"] + fe + ["--vcov", "hetero", "--bootstrap", "wild", "--reps", "1000000000000"], "--reps"),
    (["feols"] + fe + ["--bootstrap", "pairs", "--reps", "9223372036854775807"], "--reps"),
    (
      ["match", "--data", ToolFixtures.lalonde, "--treatment", "treat", "--covariates", "age + educ", "--outcome", "re78",
       "--bootstrap", "--reps", "1000000000000"], "--reps"
    ),
    (["mediate"] + ToolFixtures.framingArguments + ["--sims", "1000000000000"], "--sims"),
    (["mediate"] + ToolFixtures.framingArguments + ["--method", "bootstrap", "--sims", "1000000000000"], "--sims"),
  ])
  func memoryRefusal(arguments: [String], flag: String) throws {
    let message = try #require(ToolRuns.errorMessage(arguments), "expected \(arguments) to fail")
    #expect(message.hasPrefix("Too large a value "), "\(message)")
    #expect(message.contains(" for \(flag): the results would need about "), "\(message)")
    let physical = ReplicateMemory.describe(bytes: Double(ProcessInfo.processInfo.physicalMemory))
    #expect(message.contains("more than the \(physical) of physical memory of this machine. Use at most "), "\(message)")
    #expect(!message.contains("replicates") && !message.contains("simulations"), "\(message)")
  }

  @Test("feols --bootstrap pairs --reps 1000000000000 needs 160 bytes a replicate for three coefficients")
  func pairsFootprint() throws {
    let message = try #require(ToolRuns.errorMessage(["feols"] + Self.fe + ["--bootstrap", "pairs", "--reps", "1000000000000"]))
    let bytes = ReplicateLoop.memory(width: 6).bytesPerItem
    #expect(message.contains("(\(bytes) bytes each)"), "\(message)")
    #expect(message.contains("about \(ReplicateMemory.describe(bytes: 1e12 * Double(bytes))) of memory"), "\(message)")
  }

  // MARK: - Demeaning advice

  @Test("--tolerance 1e-16 --max-iterations 100000000: conjugate gradient stalls and is not suggested again")
  func stalledConjugateGradient() throws {
    let command = try FeolsCommand.parse(Self.twoWay + ["--tolerance", "1e-16", "--max-iterations", "100000000"])
    let table = try CSVReader().read(path: command.data)
    let error = #expect(throws: FixedEffectsError.self) { try command.estimate(table) }
    guard case .notConverged(let method, let iterations, _)? = error else {
      Issue.record("expected notConverged, got \(String(describing: error))")
      return
    }
    #expect(method == "conjugate-gradient")
    #expect(iterations < 100_000_000)
    let message = ToolDiagnostics.message(for: try #require(error), command: "feols", maxIterations: command.maxIterations)
    #expect(!message.contains("use --solver conjugate-gradient"), "\(message)")
    #expect(message.contains("already in use and stopped improving before --max-iterations (100,000,000)"), "\(message)")
    #expect(message.contains("loosen --tolerance"), "\(message)")
    #expect(!message.contains("raise --max-iterations"), "\(message)")
  }

  @Test("--solver conjugate-gradient --max-iterations 2 suggests more iterations, not conjugate gradient")
  func conjugateGradientCap() throws {
    let command = try FeolsCommand.parse(
      Self.twoWay + ["--tolerance", "1e-18", "--max-iterations", "2", "--solver", "conjugate-gradient"])
    let table = try CSVReader().read(path: command.data)
    let error = #expect(throws: FixedEffectsError.self) { try command.estimate(table) }
    let message = ToolDiagnostics.message(for: try #require(error), command: "feols", maxIterations: command.maxIterations)
    #expect(
      message
        == "Fixed-effect demeaning (conjugate-gradient) did not converge to tolerance 1e-18 in 2 iterations. The "
        + "conjugate-gradient solver was already in use: raise --max-iterations, loosen --tolerance, or check the "
        + "fixed effects for many small, weakly connected groups.")
  }

  @Test("--solver alternating-projections --max-iterations 2 suggests the other solvers")
  func alternatingProjectionsCap() throws {
    let command = try FeolsCommand.parse(
      Self.twoWay + ["--tolerance", "1e-18", "--max-iterations", "2", "--solver", "alternating-projections"])
    let table = try CSVReader().read(path: command.data)
    let error = #expect(throws: FixedEffectsError.self) { try command.estimate(table) }
    let message = ToolDiagnostics.message(for: try #require(error), command: "feols", maxIterations: command.maxIterations)
    #expect(message.hasSuffix("Raise --max-iterations, loosen --tolerance, or use --solver automatic or conjugate-gradient, "
      + "which need far fewer iterations on weakly connected fixed effects."), "\(message)")
    let library = try #require(error).description
    #expect(library.contains("choose the automatic or conjugate-gradient method"), "\(library)")
  }

  @Test("the library's advice for conjugate gradient does not suggest conjugate gradient")
  func libraryAdvice() {
    let error = FixedEffectsError.notConverged(method: "conjugate-gradient", iterations: 20, tolerance: 1e-16)
    #expect(!error.description.contains("choose the"), "\(error.description)")
    #expect(error.description.contains("The conjugate-gradient method was already in use: loosen the tolerance"))
  }

  // MARK: - Control characters

  @Test("--formula 'y ~ x1 \\u{1B}[31m+ x2' and '`x1\\u{1B}[31m`': the escape character is shown escaped")
  func formulaControlCharacters() throws {
    let syntax = try #require(
      ToolRuns.errorMessage(["feols", "--data", ToolFixtures.simFE, "--formula", "y ~ x1 \u{1B}[31m+ x2"]))
    #expect(syntax.hasPrefix("Invalid formula: unexpected character '\\u{1B}'\n  y ~ x1 \\u{1B}[31m+ x2\n"), "\(syntax)")
    let column = try #require(
      ToolRuns.errorMessage(["feols", "--data", ToolFixtures.simFE, "--formula", "y ~ `x1\u{1B}[31m` + x2"]))
    #expect(column.hasPrefix("Unknown column 'x1\\u{1B}[31m'."), "\(column)")
    for message in [syntax, column] {
      #expect(!message.unicodeScalars.contains { $0 != "\n" && VisibleText.needsEscaping($0) })
    }
  }

  @Test("mediate --mediator 'emo\\u{1B}' names the column escaped")
  func unknownColumnTab() throws {
    var arguments = ["mediate"] + ToolFixtures.framingArguments
    let index = try #require(arguments.firstIndex(of: "emo"))
    arguments[index] = "emo\u{1B}"
    let message = try #require(ToolRuns.errorMessage(arguments))
    #expect(message.contains("'emo\\u{1B}'"), "\(message)")
    #expect(!message.contains("\u{1B}"))
  }

  @Test("a usage error echoing '--ci per\\u{7}c' is rethrown with the bell escaped")
  func usageErrorEscaped() {
    do {
      try ToolDiagnostics.reportingErrors(of: "feols") { throw ValidationError("--ci must be percentile, not 'per\u{7}c'.") }
      Issue.record("expected a ValidationError")
    } catch let error as ValidationError {
      #expect(error.message == "--ci must be percentile, not 'per\\u{7}c'.")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  // MARK: - Bootstrap p-values and intervals in the text output

  @Test("a p-value of zero prints as p < 1/B, others as four decimals")
  func pValueText() {
    #expect(BootstrapText.pValue(0, replicates: 999) == "p < 1/999")
    #expect(BootstrapText.pValue(0.0421, replicates: 999) == "p = 0.0421")
    #expect(BootstrapText.pValue(0.00002, replicates: 99_999) == "p = 2.000e-05")
    #expect(BootstrapText.pValue(.nan, replicates: 999) == "p = NaN")
    #expect(BootstrapText.interval(1.8369763912345678, -0.000012345) == "[1.836976, -1.234e-05]")
    #expect(BootstrapText.percent(0.95) == "95%")
    #expect(BootstrapText.percent(0.995) == "99.5%")
  }

  @Test("feols --vcov hetero --bootstrap wild --reps 999: p < 1/999 and intervals with six decimals")
  func wildText() throws {
    let command = try FeolsCommand.parse(Self.fe + ["--vcov", "hetero", "--bootstrap", "wild", "--reps", "999"])
    let run = try command.estimate(try CSVReader().read(path: command.data))
    let output = try #require(run.bootstrap)
    let text = output.text(level: 0.95)
    let lines = text.split(separator: "\n").map(String.init)
    #expect(lines.count == 3)
    guard case .wild(let tests) = output, let x1 = tests.first(where: { $0.label == "x1" })?.result,
      let ci = x1.confidenceInterval
    else {
      Issue.record("expected wild tests")
      return
    }
    #expect(x1.pValue == 0)
    #expect(
      lines[1] == "Heteroskedastic wild bootstrap (WR, rademacher, 999 replicates): x1 p < 1/999, 95% CI "
        + "[\(SummaryFormat.number(ci.lower)), \(SummaryFormat.number(ci.upper))]")
    #expect(!text.contains("p = 0.0"))
    // The JSON keeps the number and B.
    let data = try CommandJSON.encoder().encode(output.jsonEntries)
    let entries = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
    let entry = try #require(entries.first { $0["term"] as? String == "x1" })
    #expect(entry["p_value"] as? Double == 0)
    #expect(entry["reps"] as? Int == 999)
  }

  @Test("feols --bootstrap pairs --reps 99: p < 1/99 and estimates, s.e. and intervals with six decimals")
  func pairsText() throws {
    let command = try FeolsCommand.parse(Self.fe + ["--bootstrap", "pairs", "--reps", "99"])
    let run = try command.estimate(try CSVReader().read(path: command.data))
    let output = try #require(run.bootstrap)
    guard case .resampled(let result) = output, let e = result.estimates.first(where: { $0.term == "x1" }) else {
      Issue.record("expected a pairs bootstrap")
      return
    }
    #expect(e.pValue == 0 && e.failures == 0)
    let line = try #require(output.text(level: 0.95).split(separator: "\n").map(String.init).first { $0.hasPrefix("  x1:") })
    #expect(
      line == "  x1: estimate \(SummaryFormat.number(e.estimate))  bootstrap s.e. \(SummaryFormat.number(e.standardError))  "
        + "95% CI [\(SummaryFormat.number(e.interval.lower)), \(SummaryFormat.number(e.interval.upper))]  p < 1/99  failed 0")
  }

  @Test("mediate --sims 100: the ACME's p-value of zero prints as < 1/100")
  func mediateText() throws {
    let command = try MediateCommand.parse(ToolFixtures.framingArguments + ["--sims", "100"])
    let result = try command.estimate(try CSVReader().read(path: command.data))
    let acme = try #require(result.rows.first { $0.term == "ACME (average)" })
    #expect(acme.pValue == 0)
    let line = try #require(result.summary().split(separator: "\n").map(String.init).first { $0.hasPrefix("ACME (average)") })
    #expect(line.hasSuffix("     < 1/100"), "\(line)")
    let other = try #require(result.summary().split(separator: "\n").map(String.init).first { $0.hasPrefix("Total effect") })
    #expect(!other.contains("<"), "\(other)")
  }

  // MARK: - Factor terms in the wild cluster bootstrap

  @Test("feols --formula 'y ~ x + treat + i(period)' --vcov cluster:cl --bootstrap wild --test period::3 runs")
  func wildFactorTerm() throws {
    let command = try FeolsCommand.parse([
      "--data", FixtureFiles.data("sim_wild.csv"), "--formula", "y ~ x + treat + i(period)", "--vcov", "cluster:cl",
      "--bootstrap", "wild", "--reps", "999", "--test", "period::3", "--test", "treat",
    ])
    let run = try command.estimate(try CSVReader().read(path: command.data))
    guard case .wild(let tests)? = run.bootstrap else {
      Issue.record("expected wild tests")
      return
    }
    #expect(tests.map(\.label) == ["period::3", "treat"])
    for (label, result) in tests {
      let row = try #require(run.fit.coefficient(label))
      #expect(abs(result.statistic - row.statistic) <= 1e-10 * abs(row.statistic), "\(label)")
      #expect(result.replicates == 999)
    }
  }
}
