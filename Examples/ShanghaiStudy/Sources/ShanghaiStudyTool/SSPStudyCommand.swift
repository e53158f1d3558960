import ArgumentParser

/// `ssp-study`: the Shanghai Strong School Project study. `run` (the default) analyses one
/// panel and writes the report; `coverage` scores the estimators over many seeds.
@main
struct SSPStudyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "ssp-study",
    abstract: "Reproduce the Shanghai Strong School Project evaluation (Wang & Liu 2025) on synthetic or your own data.",
    discussion: """
      Without a subcommand, runs `run` (the study on one panel). `coverage` repeats the \
      estimation on many seeded panels and reports bias, SD, mean SE and 95% interval coverage.

      Examples:
        ssp-study
        ssp-study --seed 7 --bootstrap-reps 999
        ssp-study coverage --seeds 101-200 --output coverage.md
      """,
    version: "0.1.0",
    subcommands: [RunCommand.self, CoverageCommand.self],
    defaultSubcommand: RunCommand.self)
}
