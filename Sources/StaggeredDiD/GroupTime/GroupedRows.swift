/// Row indices grouped by an integer code, built by a counting sort: the rows of group `g` are
/// `rows[offsets[g]..<offsets[g + 1]]`, in their original order.
struct GroupedRows: Sendable {
  /// Start of each group's rows; `groupCount + 1` entries.
  let offsets: [Int]
  /// The row indices, grouped.
  let rows: [Int]

  /// Groups the rows with `keep[i]` by `codes[i]`.
  ///
  /// - Complexity: O(n + groups).
  init(codes: [Int32], groupCount: Int, keep: [Bool]) {
    var offsets = [Int](repeating: 0, count: groupCount + 1)
    for i in codes.indices where keep[i] { offsets[Int(codes[i]) + 1] += 1 }
    for g in 0..<groupCount { offsets[g + 1] += offsets[g] }
    var cursor = offsets
    var rows = [Int](repeating: 0, count: offsets[groupCount])
    for i in codes.indices where keep[i] {
      let g = Int(codes[i])
      rows[cursor[g]] = i
      cursor[g] += 1
    }
    self.offsets = offsets
    self.rows = rows
  }

  /// The rows of one group.
  func rows(of group: Int) -> ArraySlice<Int> { rows[offsets[group]..<offsets[group + 1]] }
}
