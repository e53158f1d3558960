import CausalCore

/// Checks and prepares the outcome of a binary model.
enum BinaryResponse {
  /// Replaces a text response column with two levels by a 0/1 column (first sorted level 0).
  ///
  /// - Returns: A note describing the coding, or `nil` when the response is not a text column.
  /// - Throws: `PropensityError/responseNotBinary(variable:examples:)` for a text column whose
  ///   non-missing values do not have exactly two levels.
  static func recodeTextResponse(_ response: FormulaExpression, in table: inout DataTable) throws -> String? {
    guard let name = response.columnName, let column = table[name], column.kind == .categorical,
      case .categorical(let codes, let levels) = column.storage
    else { return nil }
    var present = [Bool](repeating: false, count: levels.count)
    for c in codes where c >= 0 { present[Int(c)] = true }
    let used = levels.indices.filter { present[$0] }
    guard used.count == 2 else {
      throw PropensityError.responseNotBinary(variable: name, examples: used.prefix(5).map { "'\(levels[$0])'" })
    }
    let one = Int32(used[1])
    let values = codes.map { c -> Double in c < 0 ? .nan : (c == one ? 1 : 0) }
    try table.set(Column(name: name, doubles: values))
    return "Response \(name): '\(levels[used[0]])' coded 0, '\(levels[used[1]])' coded 1."
  }

  /// Checks that every value is 0 or 1 and both occur.
  ///
  /// - Returns: The number of events (1s).
  /// - Throws: `PropensityError/responseNotBinary(variable:examples:)`,
  ///   `PropensityError/noOutcomeVariation(variable:value:)`.
  static func validate(_ y: [Double], name: String) throws(PropensityError) -> Int {
    var events = 0
    var bad = [String]()
    for v in y {
      if v == 1 {
        events += 1
      } else if v != 0 {
        let text = v == v.rounded() && abs(v) < 1e15 ? String(Int64(v)) : "\(v)"
        if bad.count < 5 && !bad.contains(text) { bad.append(text) }
      }
    }
    guard bad.isEmpty else { throw .responseNotBinary(variable: name, examples: bad) }
    if events == 0 { throw .noOutcomeVariation(variable: name, value: 0) }
    if events == y.count { throw .noOutcomeVariation(variable: name, value: 1) }
    return events
  }
}
