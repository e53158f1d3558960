/// MatchIt's weights for a match matrix (MatchIt 4.5.1 `weights.matrix` / `weights_matrixC`).
///
/// For focal unit `t` with `k_t ≥ 1` matches (duplicates counted):
/// - `t` gets weight 1 (a focal unit without matches gets 0);
/// - every match `c` of `t` receives `1 / k_t`, so a non-focal unit's raw weight is
///   `w̃_c = Σ_{t : c ∈ matches(t)} 1 / k_t`.
///
/// The non-focal weights are then rescaled to sum to the number of non-focal units with a
/// positive weight: `w_c = w̃_c · m / Σ_c' w̃_c'`, `m = #{c : w̃_c > 0}`. (Checked on MatchIt
/// 4.5.1: matches {a: c, d; b: e} give c = d = 0.75, e = 1.5.) Without replacement and with a
/// full `k:1` match, every raw weight is `1/k` and the rescaled weight is 1.
///
/// The focal group is the treated for the ATT and the controls for the ATC.
public enum MatchingWeights {
  /// Weights from a match matrix.
  ///
  /// - Parameters:
  ///   - unitCount: Number of units.
  ///   - focalUnits: The focal units.
  ///   - matches: `matches[k]` lists the units matched to `focalUnits[k]`.
  /// - Returns: One weight per unit.
  /// - Complexity: O(n + number of matches).
  public static func fromMatches(unitCount: Int, focalUnits: [Int], matches: [[Int]]) -> [Double] {
    var weights = [Double](repeating: 0, count: unitCount)
    var isFocal = [Bool](repeating: false, count: unitCount)
    for (k, unit) in focalUnits.enumerated() {
      isFocal[unit] = true
      let row = matches[k]
      guard !row.isEmpty else { continue }
      weights[unit] += 1
      let share = 1 / Double(row.count)
      for c in row { weights[c] += share }
    }
    var total = 0.0, positive = 0
    for i in 0..<unitCount where !isFocal[i] && weights[i] > 0 {
      total += weights[i]
      positive += 1
    }
    if total > 0 {
      let factor = Double(positive) / total
      for i in 0..<unitCount where !isFocal[i] { weights[i] *= factor }
    }
    return weights
  }

  /// Pair ids for matching without replacement: matched focal units are numbered 1, 2, … in
  /// data order and each of their matches takes the same number.
  ///
  /// - Parameters:
  ///   - unitCount: Number of units.
  ///   - focalUnits: The focal units, in data order.
  ///   - matches: Their matches.
  /// - Returns: A pair id per unit, `nil` outside every pair.
  /// - Complexity: O(n + number of matches).
  public static func subclasses(unitCount: Int, focalUnits: [Int], matches: [[Int]]) -> [Int?] {
    var subclass = [Int?](repeating: nil, count: unitCount)
    var next = 1
    for (k, unit) in focalUnits.enumerated() where !matches[k].isEmpty {
      subclass[unit] = next
      for c in matches[k] { subclass[c] = next }
      next += 1
    }
    return subclass
  }
}
