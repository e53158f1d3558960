import CausalCore

/// Locale-independent number formatting for tables and figures.
enum SummaryNumber {
  /// Fixed decimals; `NaN`, `Inf`, `-Inf` for non-finite values.
  static func fixed(_ x: Double, _ digits: Int) -> String {
    if x.isNaN { return "NaN" }
    if x.isInfinite { return x > 0 ? "Inf" : "-Inf" }
    let text = SummaryFormat.fixed(x, max(0, digits))
    return text == "-0" || (text.hasPrefix("-") && text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
  }

  /// The shortest decimal text of a value with at most 10 decimals, without trailing zeros.
  static func trimmed(_ x: Double) -> String {
    guard x.isFinite else { return fixed(x, 0) }
    var text = fixed(x, 10)
    if text.contains(".") {
      while text.hasSuffix("0") { text.removeLast() }
      if text.hasSuffix(".") { text.removeLast() }
    }
    return text
  }

  /// An integer with thousands separators: `15,992`.
  static func grouped(_ n: Int) -> String { SummaryFormat.grouped(n) }
}
