import CausalKit
import Foundation

/// The printed summary of `causalkit mediate`: the models, the effects table (as
/// `mediation`'s `summary`) and, when requested, the sensitivity analysis.
enum MediationSummaryText {
  /// The whole text.
  static func render(_ result: MediationResult) -> String {
    var lines: [String] = []
    for model in result.models {
      lines.append("\(model.name.prefix(1).uppercased() + model.name.dropFirst()) (\(model.family.rawValue)): \(model.formula)")
    }
    lines.append("")
    lines.append(result.summary())
    if let s = result.sensitivity {
      lines.append("")
      lines.append(sensitivity(s))
    }
    return lines.joined(separator: "\n")
  }

  /// `medsens`-style summary: the thresholds and the curve at every tenth of `ρ` on the grid.
  static func sensitivity(_ s: MediationSensitivity) -> String {
    var lines = [
      "Sensitivity of the ACME to the correlation rho of the mediator and outcome errors "
        + "(\(s.replicates) bootstrap replicates, \(Int((100 * s.confidenceLevel).rounded()))% band)",
      String(format: "ACME = 0 at rho = %.4f:  R^2_M* R^2_Y* = %.4f,  R~^2_M R~^2_Y = %.4f",
        s.rhoAtZero, s.r2StarProductAtZero, s.r2TildeProductAtZero),
      "     rho        ACME    conf.low   conf.high",
    ]
    for i in s.rho.indices {
      let tenths = s.rho[i] * 10
      guard abs(tenths - tenths.rounded()) < 1e-9 else { continue }
      lines.append(String(format: "%8.2f  %10.5f  %10.5f  %10.5f", s.rho[i], s.acme[i], s.band[i].lower, s.band[i].upper))
    }
    return lines.joined(separator: "\n")
  }
}
