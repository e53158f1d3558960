/// A zero-fill incomplete Cholesky factor `L Lᵀ ≈ S + α·diag(S)` of a sparse symmetric
/// matrix, used as the preconditioner of conjugate gradient on the Schur complement.
///
/// IC(0) keeps L on the sparsity pattern of the lower triangle of S (Meijerink and van der
/// Vorst 1977). The Schur complement is singular (one direction per connected component and
/// extra dimension) and need not be an M-matrix, so a diagonal shift α (starting at 1e-8 and
/// growing tenfold) is applied until every pivot is safely positive (Manteuffel 1980).
struct IncompleteCholesky: Sendable {
  let size: Int
  /// Lower-triangular rows (columns ascending, diagonal last).
  let rowStart: [Int]
  let columnIndex: [Int32]
  let values: [Double]

  /// Factors S, or returns `nil` when no shift up to 1 gives positive pivots or when the
  /// factorization would cost more than `budget` multiply-adds (dense-ish S, where diagonal
  /// preconditioning of the implicit operator is cheaper).
  init?(_ s: SparseSchurComplement, budget: Int) {
    var cost = 0
    for i in 0..<s.size {
      for p in s.rowStart[i]..<s.rowStart[i + 1] where Int(s.columnIndex[p]) < i {
        let k = Int(s.columnIndex[p])
        cost += s.rowStart[k + 1] - s.rowStart[k]
      }
      if cost > budget { return nil }
    }
    var shift = 1e-8
    while shift <= 1 {
      if let factor = Self.factor(s, shift: shift) {
        self = factor
        return
      }
      shift *= 10
    }
    return nil
  }

  private init(size: Int, rowStart: [Int], columnIndex: [Int32], values: [Double]) {
    self.size = size
    self.rowStart = rowStart
    self.columnIndex = columnIndex
    self.values = values
  }

  private static func factor(_ s: SparseSchurComplement, shift: Double) -> IncompleteCholesky? {
    let n = s.size
    var rowStart = [0]
    var columns = [Int32]()
    var values = [Double]()
    rowStart.reserveCapacity(n + 1)
    var dense = [Double](repeating: 0, count: n)
    var diagonalIndex = [Int](repeating: 0, count: n)
    for i in 0..<n {
      let lo = s.rowStart[i], hi = s.rowStart[i + 1]
      var diagonal = 0.0
      let first = columns.count
      for p in lo..<hi {
        let c = Int(s.columnIndex[p])
        if c < i {
          columns.append(Int32(c))
          values.append(s.values[p])
          dense[c] = 0
        } else if c == i {
          diagonal = s.values[p] * (1 + shift)
        }
      }
      // Row i of L, column by column, using the rows already factored.
      var p = first
      while p < columns.count {
        let k = Int(columns[p])
        var sum = values[p]
        for q in rowStart[k]..<(diagonalIndex[k]) {
          sum -= dense[Int(columns[q])] * values[q]
        }
        let lik = sum / values[diagonalIndex[k]]
        values[p] = lik
        dense[k] = lik
        p += 1
      }
      for q in first..<columns.count {
        diagonal -= values[q] * values[q]
        dense[Int(columns[q])] = 0
      }
      guard diagonal > 1e-12 * max(abs(s.values[s.rowStart[i]..<s.rowStart[i + 1]].max() ?? 1), 1e-300) else { return nil }
      diagonalIndex[i] = columns.count
      columns.append(Int32(i))
      values.append(diagonal.squareRoot())
      rowStart.append(columns.count)
    }
    return IncompleteCholesky(size: n, rowStart: rowStart, columnIndex: columns, values: values)
  }

  /// Solves `L Lᵀ z = r` for m variables interleaved.
  func solve(_ r: [Double], into z: inout [Double], variables m: Int) {
    for idx in 0..<(size * m) { z[idx] = r[idx] }
    // Forward: L y = r.
    for i in 0..<size {
      let last = rowStart[i + 1] - 1
      for p in rowStart[i]..<last {
        let a = values[p], c = Int(columnIndex[p]) * m
        for j in 0..<m { z[i * m + j] -= a * z[c + j] }
      }
      let d = values[last]
      for j in 0..<m { z[i * m + j] /= d }
    }
    // Backward: Lᵀ z = y, scattering each solved value into the rows above.
    for i in stride(from: size - 1, through: 0, by: -1) {
      let last = rowStart[i + 1] - 1
      let d = values[last]
      for j in 0..<m { z[i * m + j] /= d }
      for p in rowStart[i]..<last {
        let a = values[p], c = Int(columnIndex[p]) * m
        for j in 0..<m { z[c + j] -= a * z[i * m + j] }
      }
    }
  }
}
