import CausalKit

/// What `causalkit mediate` computed: the analysis' result, the optional sensitivity analysis,
/// and how inference was requested.
struct MediationCommandOutput {
  /// The effects, models and removals.
  var result: MediationResult
  /// The sensitivity analysis, with `--sensitivity`.
  var sensitivity: MediationSensitivity?
  /// The `--method` value: `quasi-bayes`, `bootstrap` or `delta`.
  var method: String
  /// Simulations or bootstrap replicates, `nil` for the delta method.
  var simulations: Int?

  /// Observation removals of the analysis and the terms removed from any of its models
  /// (each term once).
  var drops: DropReport {
    var terms: [DropRecord] = []
    for record in result.models.flatMap(\.drops.terms) where !terms.contains(record) {
      terms.append(record)
    }
    return DropReport(observations: result.drops.observations, terms: terms)
  }

  /// Each reported effect with its JSON name and mediator: the ten joint quantities, then
  /// (with several mediators) each mediator's six. The joint rows are labelled with the
  /// mediator's name when there is one mediator, `all` otherwise.
  var labelledEffects: [(effect: String, mediator: String, row: MediationEffect)] {
    let e = result.effects
    let mediators = result.mediatorEffects
    let joint = mediators.count == 1 ? mediators[0].mediator : "all"
    var out: [(effect: String, mediator: String, row: MediationEffect)] = [
      ("acme_control", joint, e.acmeControl), ("acme_treated", joint, e.acmeTreated),
      ("ade_control", joint, e.adeControl), ("ade_treated", joint, e.adeTreated), ("total", joint, e.total),
      ("prop_mediated_control", joint, e.proportionControl), ("prop_mediated_treated", joint, e.proportionTreated),
      ("acme_average", joint, e.acmeAverage), ("ade_average", joint, e.adeAverage),
      ("prop_mediated", joint, e.proportionAverage),
    ]
    guard mediators.count > 1 else { return out }
    for m in mediators {
      out += [
        ("acme_control", m.mediator, m.acmeControl), ("acme_treated", m.mediator, m.acmeTreated),
        ("acme_average", m.mediator, m.acmeAverage), ("prop_mediated_control", m.mediator, m.proportionControl),
        ("prop_mediated_treated", m.mediator, m.proportionTreated), ("prop_mediated", m.mediator, m.proportionAverage),
      ]
    }
    return out
  }
}
