@testable import CausalCore
import Testing

@Suite("Disjoint sets")
struct DisjointSetsTests {
  @Test("unions merge sets and count them; find agrees with a plain flood fill on random graphs", arguments: 0..<6)
  func agreesWithFloodFill(_ seed: Int) {
    var g = SeededGenerator(seed: UInt64(seed))
    let n = 50
    var sets = DisjointSets(count: n)
    var edges = [(Int, Int)]()
    for _ in 0..<(20 + seed * 8) {
      let a = Int(g.nextUniform() * Double(n)), b = Int(g.nextUniform() * Double(n))
      let apart = sets.find(a) != sets.find(b)
      #expect(sets.union(a, b) == apart)
      edges.append((a, b))
    }
    // Flood fill from each vertex over the same edges.
    var label = [Int](repeating: -1, count: n)
    var parts = 0
    for v in 0..<n where label[v] < 0 {
      var stack = [v]
      label[v] = parts
      while let x = stack.popLast() {
        for (a, b) in edges where a == x || b == x {
          let y = a == x ? b : a
          if label[y] < 0 {
            label[y] = parts
            stack.append(y)
          }
        }
      }
      parts += 1
    }
    #expect(sets.setCount == parts)
    for a in 0..<n {
      for b in 0..<n { #expect((sets.find(a) == sets.find(b)) == (label[a] == label[b])) }
    }
  }
}
