/// The null hypothesis tested by a wild cluster bootstrap: one linear restriction `Rβ = r`.
public enum WildBootstrapHypothesis: Sendable, Equatable {
  /// `β_term = 0`.
  case term(String)
  /// `Σ coefficients[name] · β_name = value`, one row `R` given by term name.
  case restriction([String: Double], equals: Double)

  /// The restriction row over `terms` and its value.
  ///
  /// - Throws: ``WildBootstrapError/termNotInModel(_:)`` for a name not in `terms`,
  ///   ``WildBootstrapError/invalidRestriction`` for an empty, zero or non-finite restriction.
  func row(over terms: [String]) throws(WildBootstrapError) -> (r: [Double], value: Double) {
    var row = [Double](repeating: 0, count: terms.count)
    let entries: [String: Double]
    let value: Double
    switch self {
    case .term(let name):
      entries = [name: 1]
      value = 0
    case .restriction(let given, let v):
      entries = given
      value = v
    }
    for (name, c) in entries.sorted(by: { $0.key < $1.key }) {  // the same term named first on every run
      guard let j = terms.firstIndex(of: name) else { throw .termNotInModel(name) }
      row[j] += c
    }
    guard value.isFinite, row.allSatisfy(\.isFinite), row.contains(where: { $0 != 0 }) else {
      throw .invalidRestriction
    }
    return (row, value)
  }

  /// A short label, the term or `R·β = r`.
  var label: String {
    switch self {
    case .term(let name): return name
    case .restriction(let entries, let value):
      let lhs = entries.sorted { $0.key < $1.key }.map { "\($0.value)*\($0.key)" }.joined(separator: " + ")
      return "\(lhs) = \(value)"
    }
  }
}
