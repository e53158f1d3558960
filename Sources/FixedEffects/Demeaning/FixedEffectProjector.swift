import CausalCore

/// The passes over the observations shared by the demeaning solvers, for m variables at once.
///
/// Coefficients of dimension d for m variables are stored interleaved in one buffer: level g,
/// variable j at `g·m + j`, so one pass over the codes serves every variable and the m values
/// looked up for an observation share a cache line. Every pass runs over a dimension's sorted
/// ``FixedEffectLayout`` in parallel chunks of levels.
struct FixedEffectProjector: Sendable {
  let structure: FixedEffectStructure

  /// One term of a gathered sum: `scale × coefficients[dimension]`.
  struct Term: Sendable {
    let dimension: Int
    let coefficients: NumericBuffer<Double>
    let scale: Double
  }

  /// For each level g of dimension `d` and variable j:
  /// `out[g·m + j] = Σ_{i∈g} wᵢ Σ_t scale_t · coef_t[c_t(i)·m + j]`.
  /// A term of dimension `d` itself contributes `W_d[g] · scale · coef[g·m + j]`.
  func gatherSum(into out: NumericBuffer<Double>, dimension d: Int, terms: [Term], variables m: Int) {
    let layout = structure.layouts[d]
    let others = terms.filter { $0.dimension != d }
    let own = terms.filter { $0.dimension == d }
    let weights = layout.weights
    let groupWeights = structure.groupWeights[d]
    // Every other dimension has sorted codes in this layout (only `d` itself has none).
    let otherCodes = others.compactMap { layout.codes[$0.dimension] }
    let t = min(others.count, otherCodes.count)
    let chunks = layout.chunks
    ParallelChunks.run(chunks.count) { c in
      let acc = UnsafeMutablePointer<Double>.allocate(capacity: 4)
      defer { acc.deallocate() }
      let start = layout.start.base
      // Raw pointers for the hot loop (no reference counting inside it).
      let codePointers = UnsafeMutablePointer<UnsafeMutablePointer<Int32>>.allocate(capacity: max(t, 1))
      let coefPointers = UnsafeMutablePointer<UnsafeMutablePointer<Double>>.allocate(capacity: max(t, 1))
      let scales = UnsafeMutablePointer<Double>.allocate(capacity: max(t, 1))
      defer {
        codePointers.deallocate()
        coefPointers.deallocate()
        scales.deallocate()
      }
      for u in 0..<t {
        let term = others[u]
        codePointers[u] = otherCodes[u].base
        coefPointers[u] = term.coefficients.base
        scales[u] = term.scale
      }
      let w = weights?.base
      for g in chunks[c] {
        let lo = start[g], hi = start[g + 1]
        // Variables in blocks of up to four, each block summed in registers.
        var j0 = 0
        while j0 < m {
          let width = min(4, m - j0)
          var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
          for u in 0..<t {
            let codes = codePointers[u], coef = coefPointers[u] + j0, scale = scales[u]
            switch width {
            case 1:
              var a = 0.0
              if let w { for k in lo..<hi { a += w[k] * coef[Int(codes[k]) &* m] } } else { for k in lo..<hi { a += coef[Int(codes[k]) &* m] } }
              s0 += scale * a
            case 2:
              var a = 0.0, b = 0.0
              if let w {
                for k in lo..<hi { let p = coef + Int(codes[k]) &* m; a += w[k] * p[0]; b += w[k] * p[1] }
              } else {
                for k in lo..<hi { let p = coef + Int(codes[k]) &* m; a += p[0]; b += p[1] }
              }
              s0 += scale * a; s1 += scale * b
            case 3:
              var a = 0.0, b = 0.0, e = 0.0
              if let w {
                for k in lo..<hi { let p = coef + Int(codes[k]) &* m; a += w[k] * p[0]; b += w[k] * p[1]; e += w[k] * p[2] }
              } else {
                for k in lo..<hi { let p = coef + Int(codes[k]) &* m; a += p[0]; b += p[1]; e += p[2] }
              }
              s0 += scale * a; s1 += scale * b; s2 += scale * e
            default:
              var a = 0.0, b = 0.0, e = 0.0, f = 0.0
              if let w {
                for k in lo..<hi {
                  let p = coef + Int(codes[k]) &* m
                  a += w[k] * p[0]; b += w[k] * p[1]; e += w[k] * p[2]; f += w[k] * p[3]
                }
              } else {
                for k in lo..<hi { let p = coef + Int(codes[k]) &* m; a += p[0]; b += p[1]; e += p[2]; f += p[3] }
              }
              s0 += scale * a; s1 += scale * b; s2 += scale * e; s3 += scale * f
            }
          }
          acc[0] = s0; acc[1] = s1; acc[2] = s2; acc[3] = s3
          for term in own {
            let f = groupWeights.base[g] * term.scale
            for j in 0..<width { acc[j] += f * term.coefficients.base[g &* m &+ j0 &+ j] }
          }
          for j in 0..<width { out.base[g &* m &+ j0 &+ j] = acc[j] }
          j0 += width
        }
      }
    }
  }

  /// Weighted group sums of the variables in dimension `d`:
  /// `out[g·m + j] = Σ_{i∈g} wᵢ x_j[i]`, where variable j is at `variables + j·n`.
  ///
  /// Dimensions with few levels are summed in the original order into per-chunk partial sums
  /// (sequential reads, cache-resident accumulators), reduced in chunk order; large ones in
  /// one sequential pass in the original order. Both orders are fixed by the data, so the
  /// result does not depend on the number of threads.
  func groupSums(_ variables: SharedPointer<Double>, count m: Int, dimension d: Int) -> NumericBuffer<Double> {
    let n = structure.count
    let levels = structure.levelCounts[d]
    let out = NumericBuffer<Double>(count: levels * m, repeating: 0)
    if levels * m <= 32_768 {
      let chunkSize = max(65_536, (n + 15) / 16)
      let chunkCount = (n + chunkSize - 1) / chunkSize
      let partial = NumericBuffer<Double>(count: chunkCount * levels * m, repeating: 0)
      let weights = structure.weightBuffer
      structure.codes[d].withUnsafeBufferPointer { codes in
        guard let codeBase = codes.baseAddress else { return }
        let shared = SharedReadPointer(codeBase)
        ParallelChunks.run(chunkCount) { c in
          // The raw pointer, read once: indexing the generic wrapper in the loop is not
          // specialized across modules, and cost a call per observation.
          let code = shared.base
          let lo = c * chunkSize, hi = min(n, lo + chunkSize)
          let acc = partial.base + c * levels * m
          for j in 0..<m {
            let x = variables.base + j &* n
            if let w = weights?.base {
              for i in lo..<hi { acc[Int(code[i]) &* m &+ j] += w[i] * x[i] }
            } else {
              for i in lo..<hi { acc[Int(code[i]) &* m &+ j] += x[i] }
            }
          }
        }
      }
      for c in 0..<chunkCount {
        let acc = partial.base + c * levels * m
        for idx in 0..<(levels * m) { out.base[idx] += acc[idx] }
      }
      return out
    }
    // Many levels: one pass in the original order, adding each observation to its level's
    // row of `out` (the m values of a level share a cache line). Within a level this adds the
    // observations in ascending order, the order of the stable sorted layout, so the sums are
    // those of a level-by-level pass, without a permutation of the observations.
    let weights = structure.weightBuffer
    structure.codes[d].withUnsafeBufferPointer { codes in
      for i in codes.indices {
        let row = out.base + Int(codes[i]) &* m
        if let w = weights?.base {
          for j in 0..<m { row[j] += w[i] * variables.base[j &* n &+ i] }
        } else {
          for j in 0..<m { row[j] += variables.base[j &* n &+ i] }
        }
      }
    }
    return out
  }

  /// Replaces every variable by `x_j[i] − Σ_d coef_d[c_d(i)·m + j]`, in place.
  func subtractFixedEffects(from variables: SharedPointer<Double>, count m: Int, coefficients: [NumericBuffer<Double>]) {
    let n = structure.count
    let chunkSize = 65_536
    let chunkCount = (n + chunkSize - 1) / chunkSize
    for d in structure.codes.indices {
      structure.codes[d].withUnsafeBufferPointer { buffer in
        guard let base = buffer.baseAddress else { return }
        let shared = SharedReadPointer(base)
        let coef = coefficients[d]
        ParallelChunks.run(chunkCount) { c in
          let codes = shared.base
          let lo = c * chunkSize, hi = min(n, lo + chunkSize)
          // One coefficient lookup (one cache line) serves up to four variables.
          var j0 = 0
          while j0 < m {
            let width = min(4, m - j0)
            let x0 = variables.base + j0 &* n
            let a = coef.base + j0
            switch width {
            case 1:
              for i in lo..<hi { x0[i] -= a[Int(codes[i]) &* m] }
            case 2:
              let x1 = x0 + n
              for i in lo..<hi {
                let p = a + Int(codes[i]) &* m
                x0[i] -= p[0]; x1[i] -= p[1]
              }
            case 3:
              let x1 = x0 + n, x2 = x1 + n
              for i in lo..<hi {
                let p = a + Int(codes[i]) &* m
                x0[i] -= p[0]; x1[i] -= p[1]; x2[i] -= p[2]
              }
            default:
              let x1 = x0 + n, x2 = x1 + n, x3 = x2 + n
              for i in lo..<hi {
                let p = a + Int(codes[i]) &* m
                x0[i] -= p[0]; x1[i] -= p[1]; x2[i] -= p[2]; x3[i] -= p[3]
              }
            }
            j0 += width
          }
        }
      }
    }
  }
}
