import CausalCore

/// How the effects of a ``SequentialMediation`` move with unmeasured confounding of each
/// mediator and the outcome: for each mediator `k`, the correlation `ρ_k` between its model's
/// error and the outcome model's error (the others zero), the curves of its interventional
/// indirect effect and of the joint indirect effect, their bootstrap bands, and the `ρ_k` at
/// which each is zero.
///
/// The formulas are Imai, Keele and Yamamoto's (2010) correlation approach extended to a chain
/// of linear models (see the Mediation article): with one mediator the curve is
/// ``MediationSensitivity``'s `ACME(ρ)`. It needs linear models without treatment × mediator
/// terms. Read a curve as: "if the unmeasured confounding of `M_k` and the outcome were as
/// strong as a correlation `ρ_k` of their errors, the effect would be …"; a `ρ_k` at zero close
/// to 0 means a weak confounder would explain the effect away.
///
/// Encoded with snake_case keys: `curves` (per mediator: `mediator`, `rho`,
/// `interventional_indirect`, `conf_low`, `conf_high`, `joint_indirect`, `joint_conf_low`,
/// `joint_conf_high`, `rho_at_zero_indirect`, `rho_at_zero_joint`), `reps`, `confidence_level`,
/// `nobs`.
public struct MediatorConfoundingSensitivity: Sendable, Equatable, Encodable {
  /// One mediator's curves.
  public struct Curve: Sendable, Equatable, Encodable {
    /// The mediator whose error correlates with the outcome's.
    public let mediator: String
    /// The grid of `ρ_k`.
    public let rho: [Double]
    /// The mediator's interventional indirect effect at each `ρ_k`.
    public let interventionalIndirect: [Double]
    /// Its percentile bootstrap band.
    public let band: [ConfidenceInterval]
    /// The joint indirect effect at each `ρ_k`.
    public let jointIndirect: [Double]
    /// Its percentile bootstrap band.
    public let jointBand: [ConfidenceInterval]
    /// The `ρ_k` at which the mediator's interventional indirect effect is zero.
    public let rhoAtZeroIndirect: Double
    /// The `ρ_k` at which the joint indirect effect is zero (NaN when `ρ_k` does not move it).
    public let rhoAtZeroJoint: Double

    /// Encodes the curve (see the enclosing type for the keys).
    public func encode(to encoder: any Encoder) throws {
      try encoder.encodeFields([
        .value("mediator", mediator), .numbers("rho", rho), .numbers("interventional_indirect", interventionalIndirect),
        .numbers("conf_low", band.map(\.lower)), .numbers("conf_high", band.map(\.upper)),
        .numbers("joint_indirect", jointIndirect), .numbers("joint_conf_low", jointBand.map(\.lower)),
        .numbers("joint_conf_high", jointBand.map(\.upper)), .number("rho_at_zero_indirect", rhoAtZeroIndirect),
        .number("rho_at_zero_joint", rhoAtZeroJoint),
      ])
    }
  }

  /// One curve per mediator, in the causal order.
  public let curves: [Curve]
  /// Bootstrap replicates that succeeded.
  public let replicates: Int
  /// The level of the bands.
  public let confidenceLevel: Double
  /// Observations used.
  public let observationCount: Int

  /// Encodes the analysis (see the type's discussion for the keys).
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("curves", curves), .value("reps", replicates), .number("confidence_level", confidenceLevel),
      .value("nobs", observationCount),
    ])
  }

  /// Printable lines: for each mediator, the `ρ` at which its effect and the joint effect vanish
  /// and the curves at every tenth of `ρ`.
  func summaryLines() -> [String] {
    var lines = ["Sensitivity to mediator-outcome confounding (correlation of errors, one mediator at a time):"]
    for curve in curves {
      lines.append(
        "  \(curve.mediator): its indirect effect is zero at rho = \(String(format: "%.3f", curve.rhoAtZeroIndirect)), "
          + "the joint indirect effect at rho = \(String(format: "%.3f", curve.rhoAtZeroJoint))")
      for (i, rho) in curve.rho.enumerated() where abs(rho * 10 - (rho * 10).rounded()) < 1e-9 {
        lines.append(
          "    rho \(String(format: "% .1f", rho)): indirect \(String(format: "% .4f", curve.interventionalIndirect[i])) "
            + "[\(String(format: "% .4f", curve.band[i].lower)), \(String(format: "% .4f", curve.band[i].upper))]  "
            + "joint \(String(format: "% .4f", curve.jointIndirect[i]))")
      }
    }
    return lines
  }
}
