import CausalCore

/// Connected components of the bipartite graph linking the levels of two fixed-effect
/// dimensions through the observations (for example workers and firms linked by job spells).
///
/// With two dimensions, one level of the second is redundant per component, so the number of
/// identified fixed-effect parameters is `L₁ + L₂ − components` (Abowd, Creecy and Kramarz
/// 2002; reghdfe's "mobility groups").
enum ConnectedComponents {
  /// The number of components, by union-find (``DisjointSets``).
  ///
  /// - Complexity: O(n α(L₁ + L₂)).
  static func count(_ a: [Int32], _ la: Int, _ b: [Int32], _ lb: Int) -> Int {
    var sets = DisjointSets(count: la + lb)
    for i in a.indices { sets.union(Int(a[i]), la + Int(b[i])) }
    return sets.setCount
  }
}
