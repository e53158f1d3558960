/// The Gram matrix `Aᵀ A` of a tall, narrow column-major matrix, summed in the order of
/// reference BLAS `dsyrk`, four entries at a time.
///
/// Reference `dsyrk` (upper triangle, `Aᵀ A`) forms each entry `C[i, j]` as one running sum
/// over the rows in order, `t = t + A[l, i] · A[l, j]`, and finishes one entry before it starts
/// the next. Each sum is a chain of dependent additions, so on a matrix of a million rows and a
/// few columns the processor waits on the adder's latency at every row: the Gram matrix of a
/// 1,000,000 × 3 design took 4 ms, about a fifth of a whole least-squares fit.
///
/// This kernel runs four of those sums side by side, each still over the rows in order with
/// one multiplication and one addition per row (never fused, never reassociated), so every
/// entry is bit for bit the one reference `dsyrk` gives (a test checks this) while the four
/// chains keep the adder busy. It is used for matrices of at most ``maximumColumns`` columns;
/// wider ones go to BLAS, whose blocking then pays.
enum GramKernel {
  /// The widest matrix the kernel handles (136 entries in the upper triangle).
  static let maximumColumns = 16

  /// Whether `gram()` of a `rows × columns` matrix uses the kernel.
  static func applies(rows: Int, columns: Int) -> Bool {
    columns > 0 && columns <= maximumColumns && rows > 0
  }

  /// The upper triangle of `Aᵀ A` (column-major, `k × k`, lower triangle left untouched).
  ///
  /// - Parameters:
  ///   - a: The `n × k` matrix, column-major.
  ///   - n: Rows.
  ///   - k: Columns.
  ///   - c: The `k × k` output, column-major.
  /// - Complexity: O(n k²) time, O(k²) extra memory.
  static func upperGram(_ a: UnsafePointer<Double>, rows n: Int, columns k: Int, into c: UnsafeMutablePointer<Double>) {
    var pairs: [(row: Int, column: Int)] = []
    pairs.reserveCapacity(k * (k + 1) / 2)
    for j in 0..<k { for i in 0...j { pairs.append((i, j)) } }
    var p = 0
    while p < pairs.count {
      // Four entries per pass; a short last group repeats its last entry (results dropped).
      let group = (0..<4).map { pairs[min(p + $0, pairs.count - 1)] }
      let x0 = a + group[0].row * n, y0 = a + group[0].column * n
      let x1 = a + group[1].row * n, y1 = a + group[1].column * n
      let x2 = a + group[2].row * n, y2 = a + group[2].column * n
      let x3 = a + group[3].row * n, y3 = a + group[3].column * n
      var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
      for l in 0..<n {
        s0 += x0[l] * y0[l]
        s1 += x1[l] * y1[l]
        s2 += x2[l] * y2[l]
        s3 += x3[l] * y3[l]
      }
      let sums = [s0, s1, s2, s3]
      for q in 0..<min(4, pairs.count - p) {
        c[group[q].row + group[q].column * k] = sums[q]
      }
      p += 4
    }
  }
}
