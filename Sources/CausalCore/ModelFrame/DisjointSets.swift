/// Disjoint sets of `0..<count` (union-find), for the connected parts of the graphs that fixed
/// effects form: levels of two dimensions linked by the observations, units and periods.
///
/// Union by size with path halving: a sequence of m operations costs O(m α(count)).
///
/// ```swift
/// var sets = DisjointSets(count: 4)
/// sets.union(0, 2)          // true: 0 and 2 were apart
/// sets.find(2) == sets.find(0)
/// sets.setCount             // 3
/// ```
package struct DisjointSets: Sendable {
  private var parent: [Int]
  private var size: [Int]
  /// The number of disjoint sets.
  package private(set) var setCount: Int

  /// `count` singleton sets.
  ///
  /// - Complexity: O(count).
  package init(count: Int) {
    parent = Array(0..<count)
    size = [Int](repeating: 1, count: count)
    setCount = count
  }

  /// The representative of `x`'s set.
  ///
  /// - Complexity: O(α(count)) amortized.
  package mutating func find(_ x: Int) -> Int {
    var x = x
    while parent[x] != x {
      parent[x] = parent[parent[x]]
      x = parent[x]
    }
    return x
  }

  /// Joins the sets of `a` and `b`.
  ///
  /// - Returns: Whether they were apart (the number of sets fell by one).
  /// - Complexity: O(α(count)) amortized.
  @discardableResult
  package mutating func union(_ a: Int, _ b: Int) -> Bool {
    var r1 = find(a), r2 = find(b)
    if r1 == r2 { return false }
    if size[r1] < size[r2] { swap(&r1, &r2) }
    parent[r2] = r1
    size[r1] += size[r2]
    setCount -= 1
    return true
  }
}
