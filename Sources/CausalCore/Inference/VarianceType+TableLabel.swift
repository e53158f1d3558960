extension VarianceType {
  /// The short name a results table prints in its "S.E. type" row: `IID`, `HC1`, `HC0`, `HC2`,
  /// `HC3` or `Clustered (a & b)`.
  ///
  /// - Complexity: O(number of cluster variables).
  public var tableLabel: String {
    switch self {
    case .iid: return "IID"
    case .hetero: return "HC1"
    case .hc0: return "HC0"
    case .hc2: return "HC2"
    case .hc3: return "HC3"
    case .cluster(let names): return "Clustered (\(names.joined(separator: " & ")))"
    }
  }
}
