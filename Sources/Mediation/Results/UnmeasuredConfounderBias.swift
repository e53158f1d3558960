import CausalCore
import Foundation

/// VanderWeele's (2010) bias-formula sensitivity analysis of a direct and an indirect effect to
/// an unmeasured confounder `U` of the mediators and the outcome, for any mediator and outcome
/// models: with exposure-mediator interaction, several (dependent) mediators, and binary
/// outcomes on the risk-difference scale.
///
/// Two sensitivity parameters describe `U` (given the covariates):
///
/// - `γ`, the confounder effect: the difference in the outcome's mean (a risk difference for a
///   binary outcome) between `U = 1` and `U = 0` (or per unit of a continuous `U`) at the
///   treated level `a`, the mediators and covariates held fixed;
/// - `δ`, the imbalance: the difference in `U`'s mean between treated and controls among
///   units with the same mediator values and covariates, `E[U | a, m, c] − E[U | a*, m, c]`.
///
/// When `γ` and `δ` do not vary with the mediators and covariates, the direct effect is biased
/// by `γδ` and, since the total effect is not (no treatment-outcome confounding), the indirect
/// effect by `−γδ`: corrected direct = observed − `γδ`, corrected indirect = observed + `γδ`,
/// both intervals shifted by the same amount (`γ` and `δ` taken as known). The formula needs no
/// model for `U` and holds whatever the treatment × mediator interaction, which is why
/// CausalKit uses it beside Imai, Keele and Yamamoto's `ρ` analysis (``MediationSensitivity``,
/// ``MediatorConfoundingSensitivity``), which needs linear models without interaction. It applies to
/// the pairs that add up to the total effect: the natural direct effect (ADE at the control
/// level) and indirect effect (ACME at the treated level) of ``MediationResult``, and the
/// interventional direct and joint indirect effects of ``SequentialMediationResult`` and
/// ``InterventionalEffects`` (several mediators: `U` confounds the mediators taken together
/// and the outcome). A treatment × `U` interaction would make `γ` differ between the arms; the
/// formula then uses `γ` at the treated level.
///
/// How to read it: ``biasExplainingAwayEstimate`` is the product `γδ` at which the corrected
/// indirect effect is zero, ``biasExplainingAwayInterval`` the smallest one (in absolute value)
/// at which its interval reaches zero; compare them with plausible products (for example a
/// confounder as strong as the strongest measured covariate).
///
/// ```swift
/// let result = try MediationAnalysis(treatment: "t", mediators: ["m"], outcome: "y", interaction: true).fit(data)
/// let bias = try result.confounderBias(confounderEffects: [0, 0.1, 0.2], imbalances: [0, -0.2, -0.4])
/// bias.biasExplainingAwayEstimate
/// ```
///
/// Encoded with snake_case keys: `observed_direct`, `observed_indirect`, `total` (tidy rows),
/// `scenarios` (each with `confounder_effect`, `imbalance`, `bias`, `direct`, `indirect`,
/// `prop_mediated`), `bias_explaining_away_estimate` and `bias_explaining_away_interval`.
public struct UnmeasuredConfounderBias: Sendable, Equatable, Encodable {
  /// The corrected effects at one pair of sensitivity parameters.
  public struct Scenario: Sendable, Equatable, Encodable {
    /// `γ`: the confounder's effect on the outcome.
    public let confounderEffect: Double
    /// `δ`: the confounder's imbalance between the arms given the mediators.
    public let imbalance: Double
    /// `γδ`, the bias of the direct effect.
    public let bias: Double
    /// The corrected direct effect (observed − `γδ`), interval shifted.
    public let direct: CoefficientRow
    /// The corrected indirect effect (observed + `γδ`), interval shifted.
    public let indirect: CoefficientRow
    /// The corrected indirect effect over the total.
    public let proportionMediated: Double

    /// Encodes the scenario with snake_case keys.
    public func encode(to encoder: any Encoder) throws {
      try encoder.encodeFields([
        .number("confounder_effect", confounderEffect), .number("imbalance", imbalance), .number("bias", bias),
        .value("direct", direct), .value("indirect", indirect), .number("prop_mediated", proportionMediated),
      ])
    }
  }

  /// The observed direct effect.
  public let observedDirect: CoefficientRow
  /// The observed indirect effect.
  public let observedIndirect: CoefficientRow
  /// The total effect (not biased by the confounder).
  public let total: CoefficientRow
  /// One scenario per pair of `γ` and `δ`, `γ` varying slowest.
  public let scenarios: [Scenario]
  /// The product `γδ` at which the corrected indirect effect is zero (−observed).
  public let biasExplainingAwayEstimate: Double
  /// The product `γδ` of smallest magnitude at which the corrected indirect effect's interval
  /// reaches zero (0 when it already contains zero).
  public let biasExplainingAwayInterval: Double

  /// Applies the bias formula to an observed direct and indirect effect.
  ///
  /// - Parameters:
  ///   - direct: The observed direct effect (natural or interventional).
  ///   - indirect: The observed indirect effect that adds up with `direct` to `total`.
  ///   - total: The total effect.
  ///   - confounderEffects: The values of `γ`.
  ///   - imbalances: The values of `δ`.
  /// - Throws: ``MediationError/invalidOption(_:)`` for an empty grid or a non-finite value.
  /// - Complexity: O(|γ| |δ|).
  public init(
    direct: CoefficientRow, indirect: CoefficientRow, total: CoefficientRow, confounderEffects: [Double],
    imbalances: [Double]
  ) throws(MediationError) {
    for (name, grid) in [("confounderEffects", confounderEffects), ("imbalances", imbalances)] {
      guard !grid.isEmpty, grid.allSatisfy(\.isFinite) else {
        throw .invalidOption(
          .invalid(option: name, value: "\(grid)", expected: "one or more finite values"))
      }
    }
    observedDirect = direct
    observedIndirect = indirect
    self.total = total
    var scenarios: [Scenario] = []
    for gamma in confounderEffects {
      for delta in imbalances {
        let bias = gamma * delta
        let corrected = Self.shifted(indirect, by: bias)
        scenarios.append(Scenario(
          confounderEffect: gamma, imbalance: delta, bias: bias, direct: Self.shifted(direct, by: -bias),
          indirect: corrected, proportionMediated: corrected.estimate / total.estimate))
      }
    }
    self.scenarios = scenarios
    biasExplainingAwayEstimate = -indirect.estimate
    if indirect.confLow > 0 {
      biasExplainingAwayInterval = -indirect.confLow
    } else if indirect.confHigh < 0 {
      biasExplainingAwayInterval = -indirect.confHigh
    } else {
      biasExplainingAwayInterval = 0
    }
  }

  /// A row moved by `shift`: estimate and interval shifted, the standard error kept, the
  /// statistic and normal p-value recomputed.
  static func shifted(_ row: CoefficientRow, by shift: Double) -> CoefficientRow {
    let estimate = row.estimate + shift
    let z = row.standardError > 0 ? estimate / row.standardError : .nan
    return CoefficientRow(
      term: row.term, estimate: estimate, standardError: row.standardError, statistic: z,
      pValue: z.isFinite ? 2 * NormalDistribution.standard.cdf(-abs(z)) : .nan, confLow: row.confLow + shift,
      confHigh: row.confHigh + shift)
  }

  /// Printable lines: the observed effects, the products that explain the indirect effect away
  /// and one line per scenario.
  ///
  /// - Complexity: O(|γ| |δ|).
  public func summaryLines() -> [String] {
    func f(_ x: Double) -> String { SummaryFormat.number(x) }
    var lines = [
      "Sensitivity to an unmeasured mediator-outcome confounder (VanderWeele's bias formula: direct − γδ, indirect + γδ)",
      "  observed direct \(f(observedDirect.estimate)), indirect \(f(observedIndirect.estimate)), total \(f(total.estimate))",
      "  γδ that explains the indirect effect away: \(f(biasExplainingAwayEstimate)); that moves its interval to zero: "
        + f(biasExplainingAwayInterval),
    ]
    for s in scenarios {
      lines.append(
        "  γ = \(f(s.confounderEffect)), δ = \(f(s.imbalance)): direct \(f(s.direct.estimate)) "
          + "[\(f(s.direct.confLow)), \(f(s.direct.confHigh))], indirect \(f(s.indirect.estimate)) "
          + "[\(f(s.indirect.confLow)), \(f(s.indirect.confHigh))]")
    }
    return lines
  }

  /// Encodes the analysis (see the type's discussion for the keys).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("observed_direct", observedDirect), .value("observed_indirect", observedIndirect), .value("total", total),
      .value("scenarios", scenarios), .number("bias_explaining_away_estimate", biasExplainingAwayEstimate),
      .number("bias_explaining_away_interval", biasExplainingAwayInterval),
    ])
  }
}

extension MediationResult {
  /// The bias-formula sensitivity of the natural direct effect at the control level (ADE(0))
  /// and the indirect effect at the treated level (ACME(1)), which add up to the total effect
  /// (with several mediators: the joint effects) — valid with exposure-mediator interaction and
  /// any model family (see ``UnmeasuredConfounderBias``).
  ///
  /// - Parameters:
  ///   - confounderEffects: The values of `γ` (outcome scale: mean or risk difference).
  ///   - imbalances: The values of `δ`.
  /// - Returns: The corrected effects for every pair.
  /// - Throws: ``MediationError/invalidOption(_:)`` for an empty or non-finite grid.
  public func confounderBias(confounderEffects: [Double], imbalances: [Double]) throws(MediationError) -> UnmeasuredConfounderBias {
    try UnmeasuredConfounderBias(
      direct: effects.adeControl, indirect: effects.acmeTreated, total: effects.total,
      confounderEffects: confounderEffects, imbalances: imbalances)
  }
}

extension SequentialMediationResult {
  /// The bias-formula sensitivity of the interventional direct and joint indirect effects (see
  /// ``UnmeasuredConfounderBias``).
  ///
  /// - Parameters:
  ///   - confounderEffects: The values of `γ`.
  ///   - imbalances: The values of `δ`.
  /// - Returns: The corrected effects for every pair.
  /// - Throws: ``MediationError/invalidOption(_:)`` for an empty or non-finite grid.
  public func confounderBias(confounderEffects: [Double], imbalances: [Double]) throws(MediationError) -> UnmeasuredConfounderBias {
    try UnmeasuredConfounderBias(
      direct: interventionalDirect, indirect: jointIndirect, total: total, confounderEffects: confounderEffects,
      imbalances: imbalances)
  }
}

extension InterventionalEffects {
  /// The bias-formula sensitivity of the interventional direct and joint indirect effects on
  /// this outcome (see ``UnmeasuredConfounderBias``).
  ///
  /// - Parameters:
  ///   - confounderEffects: The values of `γ` (outcome scale: mean or risk difference).
  ///   - imbalances: The values of `δ`.
  /// - Returns: The corrected effects for every pair.
  /// - Throws: ``MediationError/invalidOption(_:)`` for an empty or non-finite grid.
  public func confounderBias(confounderEffects: [Double], imbalances: [Double]) throws(MediationError) -> UnmeasuredConfounderBias {
    try UnmeasuredConfounderBias(
      direct: interventionalDirect, indirect: jointIndirect, total: total, confounderEffects: confounderEffects,
      imbalances: imbalances)
  }
}
