import CausalKit
import Foundation

/// Number formats shared by the Markdown report and the console summary.
enum NumberFormatting {
  /// `x` with `digits` decimals; "NaN" for NaN.
  static func fixed(_ x: Double, _ digits: Int = 3) -> String {
    x.isNaN ? "NaN" : String(format: "%.\(digits)f", x)
  }

  /// `estimate [low, high]`.
  static func withInterval(_ row: CoefficientRow, _ digits: Int = 3) -> String {
    "\(fixed(row.estimate, digits)) [\(fixed(row.confLow, digits)), \(fixed(row.confHigh, digits))]"
  }

  /// `[low, high]`, or "—".
  static func interval(_ range: ClosedRange<Double>?, _ digits: Int = 3) -> String {
    guard let range else { return "—" }
    return "[\(fixed(range.lowerBound, digits)), \(fixed(range.upperBound, digits))]"
  }

  /// `x` with as few digits as it needs (`%g`): "0", "0.25", "1.5".
  static func compact(_ x: Double) -> String {
    x.isNaN ? "NaN" : String(format: "%g", x)
  }

  /// A p-value: four decimals, or "< 0.0001".
  static func pValue(_ p: Double) -> String {
    if p.isNaN { return "—" }
    return p < 0.0001 ? "< 0.0001" : String(format: "%.4f", p)
  }
}
