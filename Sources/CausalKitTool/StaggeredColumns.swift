import ArgumentParser

/// The columns every staggered-adoption subcommand reads (`did`, `sunab`, `did2s`): the
/// outcome, the integer period and each unit's first treated period.
struct StaggeredColumns: ParsableArguments {
  @Option(name: .long, help: "The outcome column.") var outcome: String
  @Option(name: .long, help: "The time column (integer periods).") var time: String
  @Option(name: .long, help: "The cohort column: each unit's first treated period, 0 for never treated.") var cohort: String
}
