import CausalCore

/// The rows of a table grouped by the values of one column, groups in order of first appearance.
///
/// Used for clusters (cluster bootstrap, delete-one-cluster jackknife) and strata.
struct ResamplingGroups: Sendable {
  /// `members[g]`: the row indices of group `g`, ascending.
  let members: [[Int]]
  /// `groupOfRow[i]`: the group of row `i`.
  let groupOfRow: [Int]

  /// Groups the rows of `table` by the text value of `column`.
  ///
  /// - Throws: ``BootstrapError/data(_:)`` for an unknown column and
  ///   ``BootstrapError/missingGroupValue(column:row:)`` for a missing value.
  /// - Complexity: O(n) expected.
  init(table: DataTable, column name: String) throws(BootstrapError) {
    let column: Column
    do { column = try table.column(named: name) } catch { throw .data(error) }
    var index: [String: Int] = [:]
    var members: [[Int]] = []
    var groupOfRow: [Int] = []
    groupOfRow.reserveCapacity(table.rowCount)
    for row in 0..<table.rowCount {
      guard let key = column.text(at: row) else { throw .missingGroupValue(column: name, row: row) }
      if let g = index[key] {
        members[g].append(row)
        groupOfRow.append(g)
      } else {
        index[key] = members.count
        groupOfRow.append(members.count)
        members.append([row])
      }
    }
    self.members = members
    self.groupOfRow = groupOfRow
  }
}
