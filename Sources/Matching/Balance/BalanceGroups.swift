/// The treated and control units of a balance table.
struct BalanceGroups: Sendable {
  /// Whether each unit is treated.
  let isTreated: [Bool]
  /// Indices of the treated units, ascending.
  let treated: [Int]
  /// Indices of the control units, ascending.
  let control: [Int]

  /// Splits units by treatment.
  ///
  /// - Complexity: O(n).
  init(_ isTreated: [Bool]) {
    self.isTreated = isTreated
    self.treated = isTreated.indices.filter { isTreated[$0] }
    self.control = isTreated.indices.filter { !isTreated[$0] }
  }
}
