/// The significance stars appended to estimates in a ``RegressionTable``.
///
/// A p-value below a threshold earns that threshold's symbol; the smallest threshold the
/// p-value is below wins. The default, ``conventional``, is the economics convention that
/// fixest's `etable` also uses by default: `***` p < 0.01, `**` p < 0.05, `*` p < 0.10. (R's
/// `summary()` uses a different one: `***` 0.001, `**` 0.01, `*` 0.05, `.` 0.1.)
///
/// ```swift
/// let stars = SignificanceStars.conventional
/// stars.symbol(for: 0.03)  // "**"
/// ```
public struct SignificanceStars: Sendable, Equatable {
  /// Thresholds and symbols, sorted from the smallest threshold.
  public private(set) var levels: [(threshold: Double, symbol: String)]

  /// `***` p < 0.01, `**` p < 0.05, `*` p < 0.10.
  public static let conventional = SignificanceStars(uncheckedLevels: [(0.01, "***"), (0.05, "**"), (0.10, "*")])

  /// Creates a convention from thresholds and symbols.
  ///
  /// - Parameter levels: Pairs of a threshold in (0, 1) and a non-empty symbol, in any order.
  /// - Throws: ``ReportingError/invalidOption(name:value:reason:)`` for a threshold outside
  ///   (0, 1), a repeated threshold or an empty symbol, or when `levels` is empty.
  /// - Complexity: O(k log k) for k levels.
  public init(levels: [(threshold: Double, symbol: String)]) throws(ReportingError) {
    guard !levels.isEmpty else { throw .invalidOption(name: "significance levels", value: "[]", reason: "give at least one level") }
    for level in levels {
      guard level.threshold > 0 && level.threshold < 1 else {
        throw .invalidOption(name: "significance threshold", value: "\(level.threshold)", reason: "must be in (0, 1)")
      }
      guard !level.symbol.isEmpty else {
        throw .invalidOption(name: "significance symbol", value: "", reason: "must not be empty")
      }
    }
    let sorted = levels.sorted { $0.threshold < $1.threshold }
    for (a, b) in zip(sorted, sorted.dropFirst()) where a.threshold == b.threshold {
      throw .invalidOption(name: "significance threshold", value: "\(a.threshold)", reason: "appears twice")
    }
    self.levels = sorted
  }

  private init(uncheckedLevels: [(threshold: Double, symbol: String)]) { levels = uncheckedLevels }

  /// The symbol for a p-value, or `""` when it is not below any threshold or is NaN.
  ///
  /// - Parameter pValue: A two-sided p-value.
  /// - Returns: The symbol.
  /// - Complexity: O(k).
  public func symbol(for pValue: Double) -> String {
    levels.first { pValue < $0.threshold }?.symbol ?? ""
  }

  /// The legend, e.g. `Signif. codes: *** 0.01, ** 0.05, * 0.1`.
  public var legend: String {
    "Signif. codes: " + levels.map { "\($0.symbol) \(SummaryNumber.trimmed($0.threshold))" }.joined(separator: ", ")
  }

  /// Compares thresholds and symbols.
  public static func == (lhs: SignificanceStars, rhs: SignificanceStars) -> Bool {
    lhs.levels.count == rhs.levels.count
      && zip(lhs.levels, rhs.levels).allSatisfy { $0.threshold == $1.threshold && $0.symbol == $1.symbol }
  }
}
