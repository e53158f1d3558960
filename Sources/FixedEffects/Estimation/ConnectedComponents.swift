/// Connected components of the bipartite graph linking the levels of two fixed-effect
/// dimensions through the observations (for example workers and firms linked by job spells).
///
/// With two dimensions, one level of the second is redundant per component, so the number of
/// identified fixed-effect parameters is `L₁ + L₂ − components` (Abowd, Creecy and Kramarz
/// 2002; reghdfe's "mobility groups").
enum ConnectedComponents {
  /// The number of components, by union-find with path halving and union by size.
  ///
  /// - Complexity: O(n α(L₁ + L₂)).
  static func count(_ a: [Int32], _ la: Int, _ b: [Int32], _ lb: Int) -> Int {
    var parent = Array(0..<(la + lb))
    var size = [Int](repeating: 1, count: la + lb)
    func find(_ x: Int) -> Int {
      var x = x
      while parent[x] != x {
        parent[x] = parent[parent[x]]
        x = parent[x]
      }
      return x
    }
    var components = la + lb
    for i in a.indices {
      var r1 = find(Int(a[i])), r2 = find(la + Int(b[i]))
      if r1 == r2 { continue }
      if size[r1] < size[r2] { swap(&r1, &r2) }
      parent[r2] = r1
      size[r1] += size[r2]
      components -= 1
    }
    return components
  }
}
