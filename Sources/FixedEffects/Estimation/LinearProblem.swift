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
    /// Level labels, or empty when the fit does not need them.
    var labels: [String]
  }

  /// The response (column 0) and the regressors (columns 1...), one column each (no intercept
  /// column when there are fixed effects), in one matrix so that they are demeaned in place
  /// together.
  var variables: Matrix
  var responseName: String
  var termNames: [String]
  var hasIntercept: Bool
  var weights: [Double]?
  var fixedEffects: [Factor]
  var clusters: [Factor]
  /// The table row of each observation.
  var rows: ObservationRows
  /// The response over every row of the table (shared with the table when it is a `double`
  /// column): the fit's ``FixedEffectsFit/outcome`` is gathered from it on access.
  var responseOverTable: [Double]
  /// Removals so far (missing values, zero weights).
  var drops: DropReport

  var count: Int { variables.rows }
  /// The number of regressors (the columns of ``variables`` after the response).
  var regressorCount: Int { variables.columns - 1 }

  /// Keeps the observations where `keep` is true and re-codes factors compactly, compacting
  /// every array in place (no second copy of the data when this problem owns its arrays).
  ///
  /// - Complexity: O(n × (columns + factors)).
  mutating func filter(keeping keep: [Bool]) {
    let n = keep.count, columns = variables.columns
    var elements = variables.elements
    variables = Matrix(rows: 0, columns: 0)
    var write = 0
    keep.withUnsafeBufferPointer { kept in
      elements.withUnsafeMutableBufferPointer { values in
        for j in 0..<columns {
          let base = j * n
          for i in 0..<n where kept[i] {
            values[write] = values[base + i]
            write += 1
          }
        }
      }
    }
    elements.removeLast(elements.count - write)
    variables = Matrix(uncheckedRows: columns > 0 ? write / columns : 0, columns: columns, elements: elements)
    if var w = weights {
      weights = nil
      Self.compact(&w, keep)
      weights = w
    }
    rows.filter(keeping: keep)
    for d in fixedEffects.indices { Self.compact(&fixedEffects[d], keep) }
    for c in clusters.indices { Self.compact(&clusters[c], keep) }
  }

  private static func compact<T>(_ array: inout [T], _ keep: [Bool]) {
    var write = 0
    keep.withUnsafeBufferPointer { kept in
      array.withUnsafeMutableBufferPointer { values in
        for i in values.indices where kept[i] {
          values[write] = values[i]
          write += 1
        }
      }
    }
    array.removeLast(array.count - write)
  }

  private static func compact(_ f: inout Factor, _ keep: [Bool]) {
    compact(&f.codes, keep)
    var map = [Int32](repeating: -1, count: f.count)
    map.withUnsafeMutableBufferPointer { map in
      f.codes.withUnsafeBufferPointer { codes in
        for c in codes { map[Int(c)] = 0 }
      }
    }
    // Labels are carried only when the fit reports fixed-effect values (an empty list stays
    // empty: a million labels cost tens of megabytes).
    var labels = [String]()
    var next: Int32 = 0
    for g in 0..<f.count where map[g] == 0 {
      map[g] = next
      next += 1
      if !f.labels.isEmpty { labels.append(g < f.labels.count ? f.labels[g] : String(g)) }
    }
    map.withUnsafeBufferPointer { map in
      f.codes.withUnsafeMutableBufferPointer { codes in
        for i in codes.indices { codes[i] = map[Int(codes[i])] }
      }
    }
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
