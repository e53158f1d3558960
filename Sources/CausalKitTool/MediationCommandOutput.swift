import CausalKit

/// What `causalkit mediate` computed: the analysis' result (with the sensitivity analysis when
/// `--sensitivity` was given) and the `--method` it was asked for.
struct MediationCommandOutput {
  /// The effects, models, removals and optional sensitivity analysis.
  var result: MediationResult
  /// The `--method` value: `quasi-bayes`, `bootstrap` or `delta`.
  var method: String

  /// The sensitivity analysis, with `--sensitivity`.
  var sensitivity: MediationSensitivity? { result.sensitivity }
  /// Simulations or bootstrap replicates, `nil` for the delta method.
  var simulations: Int? { result.method.draws }
  /// Observation removals of the analysis and the terms removed from any of its models.
  var drops: DropReport { result.drops }
  /// Each reported effect with its JSON name and mediator (``MediationResult/effectEntries``).
  var labelledEffects: [MediationEffectEntry] { result.effectEntries }
}
