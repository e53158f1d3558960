import CausalCore
import LinearAlgebra

/// A statistic of a linear recursive system that is a sum of products of coefficients (the
/// effect along a set of paths), with its delta-method gradient.
struct PathProducts {
  /// One coefficient: the model (mediators in order, then the outcome) and its position.
  struct Coefficient: Hashable {
    let model: Int
    let index: Int
  }

  /// The products summed, each a list of coefficients along one path.
  var paths: [[Coefficient]]
  /// The factor every product is multiplied by (`treated − control`).
  var scale: Double

  /// `scale × Σ_paths Π coefficients`.
  func value(_ estimates: [[Double]]) -> Double {
    scale * paths.reduce(0) { sum, path in sum + path.reduce(1) { $0 * estimates[$1.model][$1.index] } }
  }

  /// The gradient with respect to every model's coefficients: for each product, the product
  /// of the other factors.
  func gradient(_ estimates: [[Double]]) -> [[Double]] {
    var g = estimates.map { [Double](repeating: 0, count: $0.count) }
    for path in paths {
      for (f, c) in path.enumerated() {
        var others = scale
        for (h, d) in path.enumerated() where h != f { others *= estimates[d.model][d.index] }
        g[c.model][c.index] += others
      }
    }
    return g
  }
}

extension Int {
  /// The lowest `width` bits in reverse order: descending reversed masks list subsets of one
  /// size in the lexicographic order of their positions.
  func bitReversed(_ width: Int) -> Int {
    var out = 0
    for bit in 0..<width where self & (1 << bit) != 0 { out |= 1 << (width - 1 - bit) }
    return out
  }
}
