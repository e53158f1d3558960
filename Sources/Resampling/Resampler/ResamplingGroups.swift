import CausalCore

/// The rows of a table grouped by the values of one column, groups in order of first appearance.
///
/// Used for clusters (cluster bootstrap, delete-one-cluster jackknife) and strata.
package struct ResamplingGroups: Sendable {
  /// `members[g]`: the row indices of group `g`, ascending.
  package let members: [[Int]]
  /// `groupOfRow[i]`: the group of row `i`.
  package let groupOfRow: [Int]

  /// Groups the rows of `table` by the text value of `column`.
  ///
  /// Integer and categorical columns are grouped by their integer values or codes, which is
  /// the same grouping (distinct integers have distinct texts; a code stands for one level)
  /// without building a string per row.
  ///
  /// - Throws: ``BootstrapError/data(_:)`` for an unknown column and
  ///   ``BootstrapError/missingGroupValue(column:row:)`` for a missing value.
  /// - Complexity: O(n) expected.
  package init(table: DataTable, column name: String) throws(BootstrapError) {
    let column: Column
    do { column = try table.column(named: name) } catch { throw .data(error) }
    var members: [[Int]] = []
    var groupOfRow: [Int] = []
    groupOfRow.reserveCapacity(table.rowCount)
    /// Appends `row` to the group `slot` points at, creating the group on first use.
    func place(_ row: Int, _ slot: inout Int) {
      if slot < 0 {
        slot = members.count
        members.append([])
      }
      members[slot].append(row)
      groupOfRow.append(slot)
    }
    switch column.storage {
    case .int(let values) where !values.isEmpty:
      let low = values.min() ?? 0, high = values.max() ?? 0
      let (span, overflow) = high.subtractingReportingOverflow(low)
      if !overflow && span < 4 * values.count + 1024 {
        var slots = [Int](repeating: -1, count: span + 1)
        for row in 0..<table.rowCount {
          guard !column.isMissing(row) else { throw .missingGroupValue(column: name, row: row) }
          place(row, &slots[values[row] - low])
        }
      } else {
        var slots: [Int: Int] = [:]
        for row in 0..<table.rowCount {
          guard !column.isMissing(row) else { throw .missingGroupValue(column: name, row: row) }
          place(row, &slots[values[row], default: -1])
        }
      }
    case .categorical(let codes, let levels):
      // Codes of equal level texts share a group.
      var slotOfText: [String: Int] = [:]
      var slots = [Int](repeating: -1, count: levels.count)
      for row in 0..<table.rowCount {
        let code = Int(codes[row])
        guard code >= 0 else { throw .missingGroupValue(column: name, row: row) }
        if slots[code] < 0 {
          if let known = slotOfText[levels[code]] {
            slots[code] = known
          } else {
            slotOfText[levels[code]] = members.count
          }
        }
        place(row, &slots[code])
      }
    default:
      var slots: [String: Int] = [:]
      for row in 0..<table.rowCount {
        guard let key = column.text(at: row) else { throw .missingGroupValue(column: name, row: row) }
        place(row, &slots[key, default: -1])
      }
    }
    self.members = members
    self.groupOfRow = groupOfRow
  }
}
