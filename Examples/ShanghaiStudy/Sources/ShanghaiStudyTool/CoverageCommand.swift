import ArgumentParser
import Foundation
import ShanghaiStudy

/// `ssp-study coverage`: the Monte Carlo study of the pipeline (``CoverageStudy``). For each
/// seed, the default panel (or the one the generator options describe), the pipeline without
/// the wild bootstrap and with the mediation closed form; prints bias, SD, mean SE and 95%
/// coverage per subject and estimator or channel.
struct CoverageCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "coverage",
    abstract: "Bias, SD, mean SE and 95% interval coverage of the estimators over many seeded panels.",
    discussion: """
      For each seed: generates the panel, runs the naive comparison, TWFE DiD, event study, \
      PSM-DiD and the DiD mediation by its closed form (delta-method intervals; no wild or \
      mediation bootstrap), and scores the estimates against the simulation's truth. Seeds run \
      in parallel (--jobs); the output does not depend on the number of jobs. The generator \
      options set the panel; their --seed is replaced by each of --seeds.

      Examples:
        ssp-study coverage --seeds 101-200
        ssp-study coverage --seeds 101-200 --output coverage.json
        ssp-study coverage --seeds 1,2,3 --schools 60 --ssp-schools 24 --students 15-25
      """)

  @Option(name: .long, help: "Seeds: ranges and single seeds, comma-separated, e.g. 101-200 or 1,2,5-7.")
  var seeds: String = "101-200"

  @Option(name: .long, help: "Seeds run at once.")
  var jobs: Int = 2

  @Option(name: .long, help: "Matching caliper in standard deviations of the propensity score.")
  var caliper: Double = 0.2

  @Option(name: .customLong("first-project-year"), help: "First project year of the generated panels. Default 2018.")
  var firstProjectYear: Int?

  @Option(name: .long, help: "Also write the result to this file: JSON (summary and every draw) if it ends in .json, else Markdown.")
  var output: String?

  @Flag(name: .long, help: "Do not report each finished seed on standard error.")
  var quiet = false

  @OptionGroup(title: "Synthetic data")
  var generator: GeneratorOptions

  mutating func validate() throws {
    guard CoverageStudy.parseSeeds(seeds) != nil else { throw ValidationError("--seeds '\(seeds)' is not a list such as 101-200 or 1,2,5-7") }
    guard jobs >= 1 else { throw ValidationError("--jobs must be at least 1") }
    guard caliper > 0, caliper.isFinite else { throw ValidationError("--caliper must be positive") }
  }

  func run() throws {
    let list = CoverageStudy.parseSeeds(seeds) ?? []
    let study = CoverageStudy(
      configuration: try generator.configuration(firstProjectYear: firstProjectYear), seeds: list, caliper: caliper, jobs: jobs)
    let total = list.count, quiet = quiet
    let result: CoverageResult
    do {
      result = try study.run { seed, done in
        if !quiet { FileHandle.standardError.write(Data("seed \(seed) done (\(done)/\(total))\n".utf8)) }
      }
    } catch {
      throw ValidationError("\(error)")
    }
    print(result.markdownReport())
    if let output {
      let data = output.hasSuffix(".json") ? try result.jsonData() : Data(result.markdownReport().utf8)
      try data.write(to: URL(fileURLWithPath: output))
      print("written: \(output)")
    }
  }
}
