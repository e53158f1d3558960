#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// Low-level passes over the observations shared by the demeaning solvers.
///
/// Every pass reads the integer codes of the dimensions it needs, gathers coefficient values,
/// and scatters weighted sums into per-level accumulators. All loops run over unsafe buffer
/// pointers; callers guarantee that codes are in range (they come from
/// ``FixedEffectStructure``).
struct FixedEffectProjector {
  let structure: FixedEffectStructure

  /// Weighted group sums of a variable in one dimension: `Σ_{i∈g} wᵢ xᵢ`.
  func groupSums(_ x: UnsafeBufferPointer<Double>, dimension d: Int) -> [Double] {
    var out = [Double](repeating: 0, count: structure.levelCounts[d])
    structure.codes[d].withUnsafeBufferPointer { c in
      out.withUnsafeMutableBufferPointer { o in
        if let w = structure.weights {
          w.withUnsafeBufferPointer { wp in
            for i in 0..<x.count { o[Int(c[i])] += wp[i] * x[i] }
          }
        } else {
          for i in 0..<x.count { o[Int(c[i])] += x[i] }
        }
      }
    }
    return out
  }

  /// For dimension `d`, accumulates `Σ_{i∈g} wᵢ Σ_{e∈others} coef[e][c_e(i)]` into `out`
  /// (which is zeroed first).
  func accumulateOthers(
    into out: inout [Double], dimension d: Int, others: [Int], coefficients: [[Double]]
  ) {
    let n = structure.count
    for g in out.indices { out[g] = 0 }
    let cd = structure.codes[d]
    // Specialize the common cases of one and two other dimensions.
    cd.withUnsafeBufferPointer { c in
      out.withUnsafeMutableBufferPointer { o in
        if others.count == 1 {
          let e = others[0]
          structure.codes[e].withUnsafeBufferPointer { ce in
            coefficients[e].withUnsafeBufferPointer { a in
              if let w = structure.weights {
                w.withUnsafeBufferPointer { wp in
                  for i in 0..<n { o[Int(c[i])] += wp[i] * a[Int(ce[i])] }
                }
              } else {
                for i in 0..<n { o[Int(c[i])] += a[Int(ce[i])] }
              }
            }
          }
        } else if others.count == 2 {
          let e1 = others[0], e2 = others[1]
          structure.codes[e1].withUnsafeBufferPointer { c1 in
            structure.codes[e2].withUnsafeBufferPointer { c2 in
              coefficients[e1].withUnsafeBufferPointer { a1 in
                coefficients[e2].withUnsafeBufferPointer { a2 in
                  if let w = structure.weights {
                    w.withUnsafeBufferPointer { wp in
                      for i in 0..<n { o[Int(c[i])] += wp[i] * (a1[Int(c1[i])] + a2[Int(c2[i])]) }
                    }
                  } else {
                    for i in 0..<n { o[Int(c[i])] += a1[Int(c1[i])] + a2[Int(c2[i])] }
                  }
                }
              }
            }
          }
        } else {
          var total = [Double](repeating: 0, count: n)
          sumCoefficients(into: &total, dimensions: others, coefficients: coefficients)
          total.withUnsafeBufferPointer { t in
            if let w = structure.weights {
              w.withUnsafeBufferPointer { wp in
                for i in 0..<n { o[Int(c[i])] += wp[i] * t[i] }
              }
            } else {
              for i in 0..<n { o[Int(c[i])] += t[i] }
            }
          }
        }
      }
    }
  }

  /// Sets `out[i] = Σ_{e∈dimensions} coef[e][c_e(i)]`.
  func sumCoefficients(into out: inout [Double], dimensions: [Int], coefficients: [[Double]]) {
    let n = structure.count
    out.withUnsafeMutableBufferPointer { o in
      for i in 0..<n { o[i] = 0 }
      for e in dimensions {
        structure.codes[e].withUnsafeBufferPointer { c in
          coefficients[e].withUnsafeBufferPointer { a in
            for i in 0..<n { o[i] += a[Int(c[i])] }
          }
        }
      }
    }
  }

  /// Replaces `x` by `x - Σ_d coef[d][c_d(i)]`.
  func subtractFixedEffects(from x: UnsafeMutableBufferPointer<Double>, coefficients: [[Double]]) {
    for d in 0..<structure.dimensions {
      structure.codes[d].withUnsafeBufferPointer { c in
        coefficients[d].withUnsafeBufferPointer { a in
          for i in 0..<x.count { x[i] -= a[Int(c[i])] }
        }
      }
    }
  }
}
