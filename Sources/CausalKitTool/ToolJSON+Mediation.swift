import CausalKit

extension ToolJSON {
  /// The `mediate` object: one entry per effect (`effect`, `mediator`, `estimate`,
  /// `conf_low`, `conf_high`, `p_value`), the sample size, the number of simulations or
  /// replicates (`null` for the delta method), the method, the removals, and the sensitivity
  /// analysis or `null`.
  static func mediation(_ output: MediationCommandOutput) -> String {
    let effects: [JSONValue] = output.labelledEffects.map { item in
      .object([
        ("effect", .string(item.effect)), ("mediator", .string(item.mediator)),
        ("estimate", .number(item.row.estimate)), ("conf_low", .number(item.row.confLow)),
        ("conf_high", .number(item.row.confHigh)), ("p_value", .number(item.row.pValue)),
      ])
    }
    return JSONValue.object([
      ("effects", .array(effects)),
      ("nobs", .number(Double(output.result.observationCount))),
      ("sims", output.simulations.map { .number(Double($0)) } ?? .null),
      ("method", .string(output.method)),
      ("dropped", dropped(output.drops)),
      ("sensitivity", output.sensitivity.map(sensitivity) ?? .null),
    ]).rendered
  }

  /// The sensitivity curve, its band and the thresholds at which the ACME vanishes.
  static func sensitivity(_ s: MediationSensitivity) -> JSONValue {
    let numbers = { (values: [Double]) -> JSONValue in .array(values.map { .number($0) }) }
    return .object([
      ("rho", numbers(s.rho)), ("acme", numbers(s.acme)), ("conf_low", numbers(s.band.map(\.lower))),
      ("conf_high", numbers(s.band.map(\.upper))), ("rho_at_zero", .number(s.rhoAtZero)),
      ("r2_star_product_at_zero", .number(s.r2StarProductAtZero)),
      ("r2_tilde_product_at_zero", .number(s.r2TildeProductAtZero)),
    ])
  }
}
