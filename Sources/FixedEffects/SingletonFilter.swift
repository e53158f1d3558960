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
  /// - Complexity: O(n × dimensions × rounds); rounds is small in practice.
  static func keepMask(codes: [[Int32]], levelCounts: [Int]) -> (keep: [Bool], removed: Int) {
    let n = codes.first?.count ?? 0
    var keep = [Bool](repeating: true, count: n)
    var removed = 0
    var counts = levelCounts.map { [Int32](repeating: 0, count: $0) }
    for d in codes.indices { for c in codes[d] { counts[d][Int(c)] += 1 } }
    // Only one dimension: singletons never cascade, one pass suffices; otherwise iterate.
    var changed = true
    while changed {
      changed = false
      for i in 0..<n where keep[i] {
        var isSingleton = false
        for d in codes.indices where counts[d][Int(codes[d][i])] == 1 {
          isSingleton = true
          break
        }
        if isSingleton {
          keep[i] = false
          removed += 1
          changed = true
          for d in codes.indices { counts[d][Int(codes[d][i])] -= 1 }
        }
      }
      if codes.count == 1 { break }
    }
    return (keep, removed)
  }
}
