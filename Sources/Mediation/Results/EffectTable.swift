import CausalCore
import Foundation

/// The effects table the mediation results print: a header and one line per row with the
/// estimate, standard error, interval and p-value (`%.6g`, 12 characters each).
enum EffectTable {
  /// The header and the rows, the terms padded to `width` (at least the longest term + 2).
  ///
  /// - Complexity: O(rows).
  static func lines(_ rows: [CoefficientRow], width minimum: Int = 28) -> [String] {
    let width = max(minimum, (rows.map(\.term.count).max() ?? 0) + 2)
    let header =
      "term".padding(toLength: width, withPad: " ", startingAt: 0)
      + ["estimate", "std.error", "conf.low", "conf.high", "p.value"].map { $0.leftPadded(12) }.joined()
    return [header]
      + rows.map { row in
        row.term.padding(toLength: width, withPad: " ", startingAt: 0)
          + [row.estimate, row.standardError, row.confLow, row.confHigh, row.pValue]
          .map { String(format: "%.6g", $0).leftPadded(12) }.joined()
      }
  }
}
