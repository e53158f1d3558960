import CausalCore
import LinearAlgebra

/// `Σ wᵢ (xᵢ − x̄_w)²` (centred) or `Σ wᵢ xᵢ²`.
func weightedSumOfSquares(_ x: [Double], weights: [Double]?, center: Bool) -> Double {
  x.withUnsafeBufferPointer { sumOfSquares($0, weights: weights, center: center) }
}

/// The same for one column of a matrix.
func columnSumOfSquares(_ m: Matrix, column j: Int, weights: [Double]?, center: Bool) -> Double {
  m.elements.withUnsafeBufferPointer { all in
    sumOfSquares(UnsafeBufferPointer(rebasing: all[(j * m.rows)..<((j + 1) * m.rows)]), weights: weights, center: center)
  }
}

private func sumOfSquares(_ x: UnsafeBufferPointer<Double>, weights: [Double]?, center: Bool) -> Double {
  var mean = 0.0
  if center {
    var sw = 0.0, swx = 0.0
    if let w = weights {
      for i in x.indices { sw += w[i]; swx += w[i] * x[i] }
    } else {
      for i in x.indices { swx += x[i] }
      sw = Double(x.count)
    }
    mean = sw > 0 ? swx / sw : 0
  }
  var s = 0.0
  if let w = weights {
    for i in x.indices { let d = x[i] - mean; s += w[i] * d * d }
  } else {
    for i in x.indices { let d = x[i] - mean; s += d * d }
  }
  return s
}

/// `y − Σ_a β_a x_a` where y is column 0 of `m` and the x are the given columns.
func residualsOf(_ m: Matrix, columns: [Int], beta: [Double]) -> [Double] {
  [Double](zeroSafeUninitializedCapacity: m.rows) { e, count in
    writeResiduals(m, columns: columns, beta: beta, into: e)
    count = m.rows
  }
}

/// ``residualsOf(_:columns:beta:)`` written over `e` (of `m.rows` values), reusing its memory:
/// the same values, bit for bit.
func residualsOf(_ m: Matrix, columns: [Int], beta: [Double], into e: inout [Double]) {
  e.withUnsafeMutableBufferPointer { writeResiduals(m, columns: columns, beta: beta, into: $0) }
}

/// Writes `y − Σ_a β_a x_a` into the `m.rows` values of `e`.
private func writeResiduals(_ m: Matrix, columns: [Int], beta: [Double], into e: UnsafeMutableBufferPointer<Double>) {
  let n = m.rows
  m.elements.withUnsafeBufferPointer { x in
    for i in 0..<n { e[i] = x[i] }
    for (a, c) in columns.enumerated() {
      let b = beta[a], base = c * n
      for i in 0..<n { e[i] -= b * x[base + i] }
    }
  }
}

/// `X_cᵀ W v` for the given columns of `m`.
func weightedProducts(_ m: Matrix, columns: [Int], with v: [Double], weights: [Double]?) -> [Double] {
  let n = m.rows
  return m.elements.withUnsafeBufferPointer { x in
    columns.map { c in
      var s = 0.0
      let base = c * n
      if let w = weights {
        for i in 0..<n { s += w[i] * x[base + i] * v[i] }
      } else {
        for i in 0..<n { s += x[base + i] * v[i] }
      }
      return s
    }
  }
}

/// The weighted cross-product matrix `Mᵀ W M` of all columns of a matrix (`Matrix.gram()`;
/// weighted matrices are scaled by `√wᵢ` first).
func weightedCrossProducts(_ m: Matrix, weights: [Double]?) -> Matrix {
  guard let w = weights else { return m.gram() }
  var scaled = m
  let n = m.rows
  scaled.elements.withUnsafeMutableBufferPointer { x in
    let root = w.map { $0.squareRoot() }
    for j in 0..<m.columns { for i in 0..<n { x[j * n + i] *= root[i] } }
  }
  return scaled.gram()
}
