import CausalCore
import LinearAlgebra

/// The numeric content of a linear model, after the formula has been expanded and missing
/// rows removed: what ``FixedEffectsEstimator`` works on.
struct LinearProblem: Sendable {
  /// A categorical variable coded `0..<count`, with labels.
  struct Factor: Sendable {
    var name: String
    var codes: [Int32]
    var count: Int
    var labels: [String]
  }

  var response: [Double]
  var responseName: String
  /// Regressors, one column each (no intercept column when there are fixed effects).
  var regressors: Matrix
  var termNames: [String]
  var hasIntercept: Bool
  var weights: [Double]?
  var fixedEffects: [Factor]
  var clusters: [Factor]
  /// Original row of each observation.
  var rows: [Int]
  /// Removals so far (missing values, zero weights).
  var drops: DropReport

  var count: Int { response.count }

  /// Keeps the observations where `keep` is true and re-codes factors compactly, compacting
  /// every array in place (no second copy of the data when this problem owns its arrays).
  ///
  /// - Complexity: O(n × (columns + factors)).
  mutating func filter(keeping keep: [Bool]) {
    Self.compact(&response, keep)
    let n = keep.count, p = regressors.columns
    var elements = regressors.elements
    regressors = Matrix(rows: 0, columns: 0)
    var write = 0
    for j in 0..<p {
      let base = j * n
      for i in 0..<n where keep[i] {
        elements[write] = elements[base + i]
        write += 1
      }
    }
    elements.removeLast(elements.count - write)
    regressors = Matrix(uncheckedRows: p > 0 ? write / p : response.count, columns: p, elements: elements)
    if var w = weights {
      weights = nil
      Self.compact(&w, keep)
      weights = w
    }
    Self.compact(&rows, keep)
    for d in fixedEffects.indices { Self.compact(&fixedEffects[d], keep) }
    for c in clusters.indices { Self.compact(&clusters[c], keep) }
  }

  private static func compact<T>(_ array: inout [T], _ keep: [Bool]) {
    var write = 0
    for i in array.indices where keep[i] {
      array[write] = array[i]
      write += 1
    }
    array.removeLast(array.count - write)
  }

  private static func compact(_ f: inout Factor, _ keep: [Bool]) {
    compact(&f.codes, keep)
    var map = [Int32](repeating: -1, count: f.count)
    for c in f.codes { map[Int(c)] = 0 }
    var labels = [String]()
    var next: Int32 = 0
    for g in 0..<f.count where map[g] == 0 {
      map[g] = next
      next += 1
      labels.append(g < f.labels.count ? f.labels[g] : String(g))
    }
    for i in f.codes.indices { f.codes[i] = map[Int(f.codes[i])] }
    f.count = Int(next)
    f.labels = labels
  }
}

/// Sequential collinearity detection in formula order, as fixest does (see
/// `SequentialIndependence`): later columns are dropped in favour of earlier ones, so
/// `x3 = 2·x1 − x2` drops `x3`.
func sequentiallyIndependentColumns(gram: Matrix, tolerance: Double) -> [Int] {
  SequentialIndependence.independentColumns(gram: gram, tolerance: tolerance)
}
