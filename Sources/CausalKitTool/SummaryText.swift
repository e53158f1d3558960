import CausalKit
import Foundation

/// Fixed-width numbers for the tool's text tables.
enum SummaryText {
  /// `s` padded on the right to `width`.
  static func pad(_ s: String, _ width: Int) -> String { s + String(repeating: " ", count: max(0, width - s.count)) }

  /// Estimate, standard error and interval of a row, each 10 wide.
  static func numbers(_ row: CoefficientRow) -> String {
    numbers([row.estimate, row.standardError, row.confLow, row.confHigh])
  }

  /// Numbers with six decimals, each 10 wide.
  static func numbers(_ values: [Double]) -> String {
    values.map { value -> String in
      let text = value.isFinite ? String(format: "%.6f", value) : "NaN"
      return String(repeating: " ", count: max(0, 10 - text.count)) + text
    }.joined(separator: " ")
  }
}
