import ArgumentParser

/// The `causalkit` command-line tool: CausalKit's estimators on CSV files.
@main
struct CausalKitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "causalkit",
    abstract: "Causal inference for program evaluation: fixed effects, matching, bootstrap, mediation, staggered DiD.",
    discussion: """
      Each subcommand reads a CSV file (header row; the separator is detected unless \
      --delimiter gives it; empty fields, NA and . are missing unless --na says otherwise), \
      fits an estimator, and prints a table or, with --json, one JSON object. Errors go to \
      standard error with a non-zero exit status.

      Examples:
        causalkit feols --data panel.csv --formula "y ~ x1 + x2 | firm + year" --vcov cluster:firm
        causalkit logit --data units.csv --formula "treat ~ x1 + x2 + region"
        causalkit match --data units.csv --treatment treat --covariates "x1 + x2" --outcome y
        causalkit mediate --data units.csv --treatment treat --mediator m --outcome y --covariates "x1 + x2"
        causalkit did --data panel.csv --outcome y --time year --unit id --cohort first_treated
        causalkit drdid --data panel.csv --outcome y --time year --unit id --treatment d --covariates "x1 + x2"
        causalkit sunab --data panel.csv --outcome y --unit id --time year --cohort first_treated
        causalkit did2s --data panel.csv --outcome y --unit id --time year --cohort first_treated --event-study
        causalkit bacon --data panel.csv --outcome y --unit id --time year --treatment d
      """,
    version: "0.1.0",
    subcommands: [
      FeolsCommand.self, LogitCommand.self, MatchCommand.self, MediateCommand.self, DidCommand.self, DrdidCommand.self,
      SunabCommand.self, Did2sCommand.self, BaconCommand.self,
    ]
  )
}
