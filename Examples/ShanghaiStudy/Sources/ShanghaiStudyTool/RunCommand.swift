import ArgumentParser
import Foundation
import ShanghaiStudy

/// `ssp-study run` (the default subcommand): the Shanghai Strong School Project study on
/// synthetic data (or on a user's panel): naive comparison, two-way fixed-effects DiD, event
/// study, PSM-DiD and the wild cluster bootstrap, with a Markdown report.
struct RunCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "run",
    abstract: "Reproduce the Shanghai Strong School Project evaluation (Wang & Liu 2025) on synthetic or your own data.",
    discussion: """
      Without --data, generates a seeded synthetic panel of Grade 9 students in 300 schools \
      (120 in the project, selected on low prior achievement), 2015-2021 with the project from \
      2018, whose true effects are known (0.67 SD math and 0.63 SD Chinese, the study's figures; \
      0.40 English, 0.35 science), and estimates them by a naive comparison, TWFE DiD (with a wild cluster \
      bootstrap), PSM-DiD, doubly robust DiD and Callaway-Sant'Anna, with TWFE and Callaway-Sant'Anna event \
      studies and the Goodman-Bacon decomposition of the TWFE DiD, then the indirect effects through peer relationships, \
      principal leadership and teaching style (DiD mediation with a cluster bootstrap) and, for synthetic data, the \
      path-specific and interventional effects along the mediators' causal order (leadership → teaching style → \
      peer relationships). Writes \
      report.md, tables.tex, SVG figures and the data (ssp-data.csv) to the output folder and \
      prints a summary. This is the default subcommand: `ssp-study` and `ssp-study run` are \
      the same.

      Examples:
        ssp-study
        ssp-study --seed 7 --schools 200 --ssp-schools 80 --bootstrap-reps 999
        ssp-study --staggered            # staggered adoption with effects growing with exposure
        ssp-study --data panel.csv --school-column school_id --year-column exam_year \\
          --treated-column program --first-project-year 2018 --score-columns math,reading \\
          --covariates baseline,enrolment --mediators climate
      """)

  @OptionGroup(title: "Synthetic data")
  var generator: GeneratorOptions

  @OptionGroup(title: "Your own panel")
  var input: DataOptions

  @Option(name: .customLong("first-project-year"), help: "First project year (generator; with --data, defines post when there is no --post-column). Default 2018.")
  var firstProjectYear: Int?

  @Option(name: .customLong("bootstrap-reps"), help: "Wild cluster bootstrap replicates per outcome (0 skips the bootstrap).")
  var bootstrapReps: Int = 9_999

  @Option(name: .customLong("bootstrap-seed"), help: "Seed of the bootstrap weights.")
  var bootstrapSeed: UInt64 = StudyPipeline.Options().bootstrapSeed

  @Option(
    name: .customLong("mediation-reps"),
    help: "Cluster-bootstrap replicates of the mediation analysis per outcome (0: closed form with delta-method SEs).")
  var mediationReps: Int = DifferenceInDifferencesMediationStage().replicates

  @Option(name: .customLong("sensitivity-reps"), help: "Bootstrap replicates of the mediation sensitivity band (at least 2).")
  var sensitivityReps: Int = DifferenceInDifferencesMediationStage().sensitivityReplicates

  @Flag(name: .customLong("no-mediation"), help: "Skip the mediation analysis (the mediators' DiD shifts are still reported).")
  var noMediation = false

  @Option(
    name: .customLong("chain-reps"),
    help: "Cluster-bootstrap replicates of the interventional effects of the causal-chain analysis (synthetic data; at least 2).")
  var chainReps: Int = CausalChainStage().replicates

  @Flag(
    name: .customLong("no-chain"),
    help: "Skip the causal-chain analysis (leadership → teaching style → peer relationships: path-specific and interventional effects).")
  var noChain = false

  @Flag(name: .customLong("no-figures"), help: "Do not write the SVG figures and tables.tex.")
  var noFigures = false

  @Option(name: .long, help: "Matching caliper in standard deviations of the propensity score.")
  var caliper: Double = 0.2

  @Flag(name: .long, help: "Print the time taken by each pipeline step.")
  var timings = false

  @Option(name: .long, help: "Output folder for report.md and ssp-data.csv.")
  var output: String = "ssp-output"

  mutating func validate() throws {
    guard bootstrapReps >= 0 else { throw ValidationError("--bootstrap-reps must be 0 or more") }
    guard mediationReps == 0 || mediationReps >= 2 else { throw ValidationError("--mediation-reps must be 0 or at least 2") }
    guard chainReps >= 2 else { throw ValidationError("--chain-reps must be at least 2") }
    guard sensitivityReps >= 2 else { throw ValidationError("--sensitivity-reps must be at least 2") }
    guard caliper > 0, caliper.isFinite else { throw ValidationError("--caliper must be positive") }
  }

  func run() throws {
    let start = Date()
    var options = StudyPipeline.Options()
    options.bootstrapReplicates = bootstrapReps
    options.bootstrapSeed = bootstrapSeed
    options.caliper = caliper
    if !noMediation {
      options.mediation = DifferenceInDifferencesMediationStage(
        replicates: mediationReps, seed: bootstrapSeed, sensitivityReplicates: sensitivityReps)
    }
    var pipeline = StudyPipeline(options: options)
    var writer = StudyOutputWriter(directory: output)
    writer.writesFigures = !noFigures
    let report: MarkdownReport
    let files: StudyOutputWriter.WrittenFiles
    let summary: ConsoleSummary
    do {
      if let path = input.data {
        let schema = try input.schema(firstProjectYear: firstProjectYear)
        let results = try pipeline.run(csvPath: path, schema: schema)
        report = MarkdownReport(results: results, dataFile: nil)
        summary = ConsoleSummary(results: results)
        files = try writer.write(report: report, data: nil)
      } else {
        let configuration = try generator.configuration(firstProjectYear: firstProjectYear)
        let generated = Date()
        let panel = try SchoolPanelGenerator(configuration: configuration).generate()
        if !noChain { pipeline.options.chain = CausalChainStage(replicates: chainReps, seed: bootstrapSeed) }
        print("generated \(panel.table.rowCount) students in \(String(format: "%.2f", Date().timeIntervalSince(generated))) s")
        let results = try pipeline.run(panel.table, schema: panel.schema)
        report = MarkdownReport(results: results, truth: panel.truth, configuration: configuration, dataFile: writer.dataName)
        summary = ConsoleSummary(results: results, truth: panel.truth)
        files = try writer.write(report: report, data: panel.table)
      }
    } catch let error as ValidationError {
      throw error
    } catch {
      throw ValidationError("\(error)")
    }
    print(summary.text())
    if timings { print(summary.timings()) }
    print("report: \(files.report)")
    if let latex = files.latex { print("tables: \(latex)") }
    if !files.figures.isEmpty { print("figures: " + files.figures.joined(separator: ", ")) }
    if let data = files.data { print("data:   \(data)") }
    print("total time \(String(format: "%.2f", Date().timeIntervalSince(start))) s")
  }
}
