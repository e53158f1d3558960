/// Inner loops shared by the IRLS passes and the variance estimators: weighted cross products
/// `Xᵀ diag(v) X` and products `Xᵀ v` over a block of rows of a column-major design.
///
/// The reference BLAS on Linux has no blocked `dsyrk`, so these loops are written by hand:
/// each block of rows fits in the L2 cache, the weighted column `vᵢ xᵢₐ` is formed once and
/// dotted with four columns at a time, and the dot products keep several independent SIMD
/// accumulators.
enum CrossProductKernels {
  /// Rows per block: 4,096 rows of 11 columns take 352 KiB.
  static let blockRows = 4096

  /// Adds `Σ_i v_i x_ia x_ib` over rows `start..<start+count` to the upper triangle of the
  /// column-major `k × k` matrix `out` (element (a, b), a ≤ b, at `a + b·k`).
  ///
  /// - Parameters:
  ///   - x: The design, column-major with leading dimension `n`.
  ///   - v: The row weights for the block, `count` values (already offset to the block).
  ///   - scratch: `count` doubles of scratch space.
  static func addWeightedGram(
    x: UnsafePointer<Double>, n: Int, k: Int, start: Int, count m: Int,
    v: UnsafePointer<Double>, scratch t: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>
  ) {
    for a in 0..<k {
      let xa = x + a * n + start
      for i in 0..<m { t[i] = v[i] * xa[i] }
      var b = a
      while b + 4 <= k {
        let s = dot4(t, x + b * n + start, x + (b + 1) * n + start, x + (b + 2) * n + start, x + (b + 3) * n + start, m)
        out[a + b * k] += s.0
        out[a + (b + 1) * k] += s.1
        out[a + (b + 2) * k] += s.2
        out[a + (b + 3) * k] += s.3
        b += 4
      }
      while b < k {
        out[a + b * k] += dot(t, x + b * n + start, m)
        b += 1
      }
    }
  }

  /// Adds `Σ_i v_i x_ia` over the block to `out[a]` for every column.
  static func addProducts(
    x: UnsafePointer<Double>, n: Int, k: Int, start: Int, count m: Int,
    v: UnsafePointer<Double>, out: UnsafeMutablePointer<Double>
  ) {
    var a = 0
    while a + 4 <= k {
      let s = dot4(v, x + a * n + start, x + (a + 1) * n + start, x + (a + 2) * n + start, x + (a + 3) * n + start, m)
      out[a] += s.0
      out[a + 1] += s.1
      out[a + 2] += s.2
      out[a + 3] += s.3
      a += 4
    }
    while a < k {
      out[a] += dot(v, x + a * n + start, m)
      a += 1
    }
  }

  /// Writes `η_i = Σ_a β_a x_ia` for the block into `eta` (offset to the block).
  static func linearPredictor(
    x: UnsafePointer<Double>, n: Int, k: Int, start: Int, count m: Int,
    beta: UnsafePointer<Double>, eta: UnsafeMutablePointer<Double>
  ) {
    for i in 0..<m { eta[i] = 0 }
    for a in 0..<k {
      let b = beta[a]
      let xa = x + a * n + start
      for i in 0..<m { eta[i] += b * xa[i] }
    }
  }

  /// `Σ t_i y_i` with four SIMD accumulators.
  @inline(__always)
  static func dot(_ t: UnsafePointer<Double>, _ y: UnsafePointer<Double>, _ m: Int) -> Double {
    var s0 = SIMD2<Double>(), s1 = SIMD2<Double>(), s2 = SIMD2<Double>(), s3 = SIMD2<Double>()
    var i = 0
    while i + 8 <= m {
      s0 += load(t, i) * load(y, i)
      s1 += load(t, i + 2) * load(y, i + 2)
      s2 += load(t, i + 4) * load(y, i + 4)
      s3 += load(t, i + 6) * load(y, i + 6)
      i += 8
    }
    var s = ((s0 + s1) + (s2 + s3)).sum()
    while i < m {
      s += t[i] * y[i]
      i += 1
    }
    return s
  }

  /// Four dot products sharing the left operand.
  @inline(__always)
  static func dot4(
    _ t: UnsafePointer<Double>, _ y0: UnsafePointer<Double>, _ y1: UnsafePointer<Double>,
    _ y2: UnsafePointer<Double>, _ y3: UnsafePointer<Double>, _ m: Int
  ) -> (Double, Double, Double, Double) {
    var a0 = SIMD2<Double>(), a1 = SIMD2<Double>(), a2 = SIMD2<Double>(), a3 = SIMD2<Double>()
    var b0 = SIMD2<Double>(), b1 = SIMD2<Double>(), b2 = SIMD2<Double>(), b3 = SIMD2<Double>()
    var i = 0
    while i + 4 <= m {
      let u = load(t, i), w = load(t, i + 2)
      a0 += u * load(y0, i)
      a1 += u * load(y1, i)
      a2 += u * load(y2, i)
      a3 += u * load(y3, i)
      b0 += w * load(y0, i + 2)
      b1 += w * load(y1, i + 2)
      b2 += w * load(y2, i + 2)
      b3 += w * load(y3, i + 2)
      i += 4
    }
    var r = ((a0 + b0).sum(), (a1 + b1).sum(), (a2 + b2).sum(), (a3 + b3).sum())
    while i < m {
      r.0 += t[i] * y0[i]
      r.1 += t[i] * y1[i]
      r.2 += t[i] * y2[i]
      r.3 += t[i] * y3[i]
      i += 1
    }
    return r
  }

  @inline(__always)
  static func load(_ p: UnsafePointer<Double>, _ i: Int) -> SIMD2<Double> {
    UnsafeRawPointer(p + i).loadUnaligned(as: SIMD2<Double>.self)
  }
}
