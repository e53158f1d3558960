/// Finds singleton observations: observations that are alone in some fixed-effect level.
///
/// A singleton's fixed effect fits it perfectly, so it carries no information about the
/// slopes but inflates the observation count and distorts cluster-robust standard errors
/// (Correia 2015). Removing one singleton can create another, so the search repeats until no
/// level of any dimension has exactly one remaining observation, as reghdfe and pyfixest do.
enum SingletonFilter {
  /// Returns a mask of observations to keep, and how many were removed.
  ///
  /// - Parameters:
  ///   - codes: Codes per dimension.
  ///   - levelCounts: Levels per dimension.
  /// - Complexity: O(n × dimensions) per round; later rounds only revisit the observations
  ///   of levels that lost an observation, so the total is O(n × dimensions) in practice.
  static func keepMask(codes: [[Int32]], levelCounts: [Int]) -> (keep: [Bool], removed: Int) {
    let n = codes.first?.count ?? 0
    var keep = [Bool](repeating: true, count: n)
    var removed = 0
    var counts = levelCounts.map { [Int32](repeating: 0, count: $0) }
    for d in codes.indices {
      codes[d].withUnsafeBufferPointer { c in
        counts[d].withUnsafeMutableBufferPointer { k in
          for i in 0..<n { k[Int(c[i])] &+= 1 }
        }
      }
    }
    // First round over all observations; later rounds over the candidates whose level lost an
    // observation in the previous round (a dimension's remaining observations of that level).
    var candidates = [Int]()
    for d in codes.indices {
      codes[d].withUnsafeBufferPointer { c in
        counts[d].withUnsafeBufferPointer { k in
          for i in 0..<n where k[Int(c[i])] == 1 { candidates.append(i) }
        }
      }
    }
    while !candidates.isEmpty {
      var touched = [(dimension: Int, level: Int32)]()
      for i in candidates where keep[i] {
        var isSingleton = false
        for d in codes.indices where counts[d][Int(codes[d][i])] == 1 {
          isSingleton = true
          break
        }
        guard isSingleton else { continue }
        keep[i] = false
        removed += 1
        for d in codes.indices {
          let g = codes[d][i]
          counts[d][Int(g)] -= 1
          if counts[d][Int(g)] == 1 { touched.append((d, g)) }
        }
      }
      guard !touched.isEmpty else { break }
      // Observations still kept in a level that just dropped to one observation.
      var levelFlags = levelCounts.map { [Bool](repeating: false, count: $0) }
      for t in touched { levelFlags[t.dimension][Int(t.level)] = true }
      candidates.removeAll(keepingCapacity: true)
      for i in 0..<n where keep[i] {
        for d in codes.indices where levelFlags[d][Int(codes[d][i])] {
          candidates.append(i)
          break
        }
      }
    }
    return (keep, removed)
  }
}
