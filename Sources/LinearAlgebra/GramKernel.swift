/// The Gram matrix `Aᵀ A` of a column-major matrix, summed in the order of reference BLAS
/// `dsyrk`, four entries at a time over blocks of rows that stay in cache.
///
/// Reference `dsyrk` (upper triangle, `Aᵀ A`) forms each entry `C[i, j]` as one running sum
/// over the rows in order, `t = t + A[l, i] · A[l, j]`, and finishes one entry before it starts
/// the next. Each sum is a chain of dependent additions, so on a matrix of a million rows the
/// processor waits on the adder's latency at every row (the Gram matrix of a 1,000,000 × 3
/// design took 4 ms, a fifth of a whole least-squares fit), and a wide matrix is read from
/// memory once per entry.
///
/// This kernel runs four of those sums side by side, each still over the rows in order with
/// one multiplication and one addition per row (never fused, never reassociated), so every
/// entry is bit for bit the one reference `dsyrk` gives (a test checks this) while the four
/// chains keep the adder busy. The rows are taken in blocks whose columns fit in the cache; a
/// sum carries over from one block to the next, so blocking does not change the order.
enum GramKernel {
  /// Rows per block for a matrix of `k` columns: about 512 KiB of the matrix, at least 512 rows.
  static func blockRows(columns k: Int) -> Int {
    max(512, (1 << 16) / max(k, 1))
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
    var left: [Int] = [], right: [Int] = []
    for j in 0..<k {
      for i in 0...j {
        left.append(i)
        right.append(j)
      }
    }
    let entries = left.count
    guard entries > 0 else { return }
    // Four entries per group; a short last group repeats its last entry (results dropped).
    let groups = (entries + 3) / 4
    var sums = [Double](repeating: 0, count: 4 * groups)
    let block = blockRows(columns: k)
    sums.withUnsafeMutableBufferPointer { s in
      var lo = 0
      while lo < n {
        let hi = min(n, lo + block)
        for q in 0..<groups {
          let e0 = 4 * q, e1 = min(e0 + 1, entries - 1), e2 = min(e0 + 2, entries - 1), e3 = min(e0 + 3, entries - 1)
          let x0 = a + left[e0] * n, y0 = a + right[e0] * n
          let x1 = a + left[e1] * n, y1 = a + right[e1] * n
          let x2 = a + left[e2] * n, y2 = a + right[e2] * n
          let x3 = a + left[e3] * n, y3 = a + right[e3] * n
          var s0 = s[e0], s1 = s[e0 + 1], s2 = s[e0 + 2], s3 = s[e0 + 3]
          for l in lo..<hi {
            s0 += x0[l] * y0[l]
            s1 += x1[l] * y1[l]
            s2 += x2[l] * y2[l]
            s3 += x3[l] * y3[l]
          }
          s[e0] = s0
          s[e0 + 1] = s1
          s[e0 + 2] = s2
          s[e0 + 3] = s3
        }
        lo = hi
      }
    }
    for e in 0..<entries { c[left[e] + right[e] * k] = sums[e] }
  }
}
