import CausalCore
import Foundation

/// How the tool's text output prints bootstrap and simulation results: numbers as the
/// coefficient tables print estimates (`SummaryFormat.number`: six decimals, three from 100,
/// scientific below 1e-4 and from 1e6), and a p-value of zero as a bound.
///
/// A bootstrap p-value counts the replicates at least as extreme as the estimate; when none
/// is, it is 0, which only says that the p-value is below the resolution of `B` replicates.
/// The text then prints `p < 1/B` with `B` the replicates the p-value was computed from
/// (failed replicates excluded): `p < 1/999`. The JSON output keeps the number (`p_value`
/// 0) next to `reps` and `failed`.
enum BootstrapText {
  /// `p = 0.0420`, or `p < 1/B` for a p-value of zero.
  ///
  /// - Parameters:
  ///   - p: The bootstrap p-value.
  ///   - replicates: The replicates it was computed from.
  /// - Returns: The text, starting with `p`.
  static func pValue(_ p: Double, replicates: Int) -> String {
    "p " + pValueBound(p, replicates: replicates)
  }

  /// `= 0.0420`, or `< 1/B` for a p-value of zero (the part after `p`).
  ///
  /// - Parameters:
  ///   - p: The bootstrap p-value.
  ///   - replicates: The replicates it was computed from.
  static func pValueBound(_ p: Double, replicates: Int) -> String {
    if p == 0 && replicates > 0 { return "< 1/\(replicates)" }
    return "= " + (p.isFinite ? SummaryFormat.pValue(p) : "NaN")
  }

  /// `[lower, upper]` with both bounds formatted like estimates.
  static func interval(_ lower: Double, _ upper: Double) -> String {
    "[\(SummaryFormat.number(lower)), \(SummaryFormat.number(upper))]"
  }

  /// A number formatted like an estimate.
  static func number(_ x: Double) -> String { SummaryFormat.number(x) }

  /// A confidence level as a percentage without a needless decimal: `95%`, `99.5%`.
  static func percent(_ level: Double) -> String { String(format: "%g%%", level * 100) }
}
