/// Builds the categorical column of a numeric variable that has value labels.
///
/// **Levels** are the label texts, ordered by numeric value: every labelled non-missing value
/// of the table, whether or not it occurs in the data, and every value that occurs in the data
/// without a label, written as its number (`7`, `2.5`). The first level (the reference level
/// of dummy coding) is therefore the smallest value, as in Stata's factor variables. Two values
/// with the same text share one level, placed at the smaller value. Missing values (`.`,
/// `.a` … `.z`) are missing whatever their labels say.
enum StataLabeledColumn {
  /// The column from the variable's values (NaN where missing) and its label table.
  ///
  /// - Throws: ``StataError/tableConstruction(_:)`` (a defect).
  /// - Complexity: O(rows + L log L) for L distinct values and labels.
  static func column(name: String, values: [Double], table: StataValueLabelTable) throws(StataError) -> Column {
    var firstSeen: [UInt64: Int32] = [:]
    var distinct: [Double] = []
    var raw = [Int32](repeating: -1, count: values.count)
    for (row, value) in values.enumerated() where !value.isNaN {
      let key = (value == 0 ? 0 : value).bitPattern  // -0 and 0 are one value
      if let index = firstSeen[key] {
        raw[row] = index
      } else {
        let index = Int32(distinct.count)
        firstSeen[key] = index
        distinct.append(value == 0 ? 0 : value)
        raw[row] = index
      }
    }
    var all = Set(distinct.map(\.bitPattern))
    var ordered = distinct
    for value in table.labels.keys where all.insert(Double(value).bitPattern).inserted { ordered.append(Double(value)) }
    ordered.sort()
    var levels: [String] = []
    var levelOfText: [String: Int32] = [:]
    var levelOfValue: [UInt64: Int32] = [:]
    for value in ordered {
      let text = label(of: value, in: table)
      let level: Int32
      if let existing = levelOfText[text] {
        level = existing
      } else {
        level = Int32(levels.count)
        levels.append(text)
        levelOfText[text] = level
      }
      levelOfValue[value.bitPattern] = level
    }
    let remap = distinct.map { levelOfValue[$0.bitPattern] ?? -1 }
    let codes = raw.map { $0 < 0 ? -1 : remap[Int($0)] }
    do {
      return try Column(name: name, codes: codes, orderedLevels: levels)
    } catch {
      throw .tableConstruction(error)
    }
  }

  /// The label of a value, or its number as text.
  static func label(of value: Double, in table: StataValueLabelTable) -> String {
    if let key = Int32(exactly: value), let text = table.labels[key] {
      return text
    }
    return Column.format(value)
  }
}
