/// Expands resolved terms into design-column recipes over the kept rows.
///
/// Conventions (fixed; other modules rely on them):
/// - numeric factor `x` → column `x`; bool → 0/1 named `x`;
/// - text column `g` → one dummy per level except the first (sorted) level, `g::level`, with or
///   without intercept or fixed effects;
/// - interaction → product, names joined with `:` (`x1:x2`, `g::b:x`); several text factors give
///   every combination of their non-first levels, the first factor varying fastest;
/// - `i(var, ref = r)` → `var::value` for each non-reference value in ascending order;
///   `i(var, x, ...)` → `var::value:x`.
struct TermExpander {
  /// The kept rows, or `nil` when every row is kept.
  let rows: [Int]?

  /// The design columns of a term.
  ///
  /// - Throws: ``ModelFrameError`` for text variables with fewer than two levels, unknown
  ///   `ref`/`keep` values, or `i()` terms left without values; `DataError` from coding.
  func expand(_ term: ResolvedTerm) throws -> [DesignColumn] {
    switch term {
    case .factors(let name, let factors):
      return try expandFactors(term: name, factors)
    case .indicator(let spec, let variable, let partner):
      return try expandIndicator(spec, variable: variable, partner: partner)
    }
  }

  /// A text factor coded over the kept rows.
  private struct CodedFactor {
    var position: Int
    var codes: [Int32]
    var labels: [String]
  }

  /// Expands a single factor or an interaction.
  func expandFactors(term: String, _ factors: [ResolvedFactor]) throws -> [DesignColumn] {
    var numericParts: [[Double]] = []
    var coded: [CodedFactor] = []
    for (position, factor) in factors.enumerated() {
      switch factor.kind {
      case .numeric(let values):
        numericParts.append(values)
      case .categorical(let column):
        let coding = try FactorCoder.code(column, rows: rows)
        guard coding.labels.count >= 2 else {
          throw ModelFrameError.tooFewLevels(term: term, variable: column.name)
        }
        coded.append(CodedFactor(position: position, codes: coding.codes, labels: coding.labels))
      }
    }
    let numeric = Self.product(numericParts)
    try requireCombinationsFit(term: term, levels: coded.map { $0.labels.count - 1 }, rows: coded.first?.codes.count ?? 0)
    // Every combination of non-first levels, the first text factor varying fastest.
    var combinations: [[Int32]] = [[]]
    for factor in coded {
      var next: [[Int32]] = []
      for level in 1..<Int32(clamping: factor.labels.count) {
        for combination in combinations { next.append(combination + [level]) }
      }
      combinations = next
    }
    return combinations.map { levels in
      var parts = factors.map(\.name)
      for (k, factor) in coded.enumerated() {
        parts[factor.position] = factors[factor.position].name + "::" + factor.labels[Int(levels[k])]
      }
      let indicators = coded.enumerated().map { k, factor in DesignColumn.Indicator(codes: factor.codes, level: levels[k]) }
      return DesignColumn(name: parts.joined(separator: ":"), term: term, numeric: numeric, indicators: indicators)
    }
  }

  /// Throws before the combinations of an interaction of text factors are enumerated when their
  /// dummy columns alone could not fit in physical memory over the kept rows (two factors of
  /// 100,000 levels make 10¹⁰ combinations).
  ///
  /// - Throws: ``ModelFrameError/designTooLarge(rows:columns:widestTerm:termColumns:physicalMemory:)``.
  /// - Complexity: O(factors).
  func requireCombinationsFit(term: String, levels: [Int], rows: Int) throws(ModelFrameError) {
    guard levels.count > 1 else { return }
    let combinations = levels.reduce(1) { ReplicateMemory.product($0, $1) }
    let memory = ReplicateMemory.physicalMemory
    guard !ReplicateMemory(doubles: combinations, arrays: 0).fits(count: rows, physicalMemory: memory) else { return }
    throw .designTooLarge(
      rows: rows, columns: combinations, widestTerm: term, termColumns: combinations, physicalMemory: memory)
  }

  /// The element-wise product of numeric factors, or `nil` when there are none.
  static func product(_ parts: [[Double]]) -> [Double]? {
    guard var result = parts.first else { return nil }
    for part in parts.dropFirst() {
      result = ExpressionEvaluator.combine(.vector(result), .vector(part)) { $0 * $1 }.vector
    }
    return result
  }

  /// Expands `i(var, x, ref = ..., keep = ...)`.
  func expandIndicator(_ spec: IndicatorTerm, variable: Column, partner: ResolvedFactor?) throws -> [DesignColumn] {
    let term = spec.description
    let coding = try FactorCoder.code(variable, rows: rows)
    let count = coding.labels.count
    var selected = [Bool](repeating: true, count: count)
    if let keep = spec.keep {
      selected = [Bool](repeating: false, count: count)
      for level in try levels(matching: keep, coding: coding, variable: variable, term: term, argument: "keep") {
        selected[level] = true
      }
    }
    if let reference = spec.reference {
      for level in try levels(matching: reference, coding: coding, variable: variable, term: term, argument: "ref") {
        selected[level] = false
      }
    } else if spec.dropsFirstValueByDefault, count > 0 {
      selected[0] = false
    }
    guard selected.contains(true) else { throw ModelFrameError.noLevelsLeft(term: term) }
    var numeric: [Double]?
    var suffix = ""
    if let partner, case .numeric(let values) = partner.kind {
      numeric = values
      suffix = ":" + partner.name
    }
    let name = spec.variable
    return (0..<count).filter { selected[$0] }.map { level in
      DesignColumn(
        name: name + "::" + coding.labels[level] + suffix, term: term, numeric: numeric,
        indicators: [DesignColumn.Indicator(codes: coding.codes, level: Int32(clamping: level))])
    }
  }

  /// The levels matching any of the `ref`/`keep` values.
  ///
  /// Values absent from the kept rows are ignored, so `ref = c(-1, -1000)` works on samples
  /// without never-treated units. When no value matches a kept level and none occurs anywhere
  /// in the column (a likely typo), the values are an error.
  ///
  /// - Throws: ``ModelFrameError/unknownLevel(term:argument:value:available:)``.
  func levels(matching values: [FormulaValue], coding: FactorCoding, variable: Column, term: String, argument: String) throws -> [Int] {
    let hits = coding.labels.indices.filter { level in
      values.contains { Self.matches($0, label: coding.labels[level], numeric: coding.numericLevels?[level]) }
    }
    if hits.isEmpty, !values.contains(where: { Self.occurs($0, in: variable) }) {
      throw ModelFrameError.unknownLevel(term: term, argument: argument, value: IndicatorTerm.render(values), available: coding.labels)
    }
    return hits
  }

  /// Whether a formula value denotes a level with this label and numeric value.
  static func matches(_ value: FormulaValue, label: String, numeric: Double?) -> Bool {
    switch value {
    case .number(let d):
      if let x = numeric { return x == d }
      return label == FormulaNames.format(d)
    case .text(let s):
      if label == s { return true }
      if let x = numeric, let d = Double(s) { return x == d }
      return false
    case .logical(let b):
      if let x = numeric { return x == (b ? 1 : 0) }
      return label.uppercased() == (b ? "TRUE" : "FALSE")
    }
  }

  /// Whether a value occurs anywhere in a column (including rows that were dropped).
  static func occurs(_ value: FormulaValue, in column: Column) -> Bool {
    if column.kind == .categorical {
      return column.levels.contains { matches(value, label: $0, numeric: nil) }
    }
    guard let values = try? column.doubles() else { return false }
    return values.contains { !$0.isNaN && matches(value, label: "", numeric: $0) }
  }
}

extension ExpressionEvaluator.Values {
  /// The values as an array (a scalar is returned as one element).
  var vector: [Double] {
    switch self {
    case .vector(let v): return v
    case .scalar(let s): return [s]
    }
  }
}
