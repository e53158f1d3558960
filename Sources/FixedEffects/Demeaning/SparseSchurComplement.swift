/// The Schur complement of the fixed-effect normal equations, formed explicitly as a sparse
/// symmetric matrix, when that is cheap.
///
/// After eliminating the largest dimension 0, the remaining normal equations are
/// `S = D_Rᵀ W D_R − D_Rᵀ W D₀ (D₀ᵀ W D₀)⁻¹ D₀ᵀ W D_R` over the levels of the other dimensions
/// (numbered consecutively, dimension after dimension). Entry (r, r') sums `wᵢ` over the
/// observations with both levels, minus `n_{g r} n_{g r'} / W₀[g]` over the levels g of
/// dimension 0. On designs such as worker-firm panels S is small (firms and years) and sparse
/// (a firm meets the firms its workers move between), so an iteration of conjugate gradient
/// on S costs its number of non-zeros instead of passes over every observation, and S admits
/// an incomplete Cholesky preconditioner.
struct SparseSchurComplement: Sendable {
  /// Number of rows (the levels of all remaining dimensions).
  let size: Int
  /// Row r's entries are at `rowStart[r]..<rowStart[r + 1]`, columns ascending.
  let rowStart: [Int]
  let columnIndex: [Int32]
  let values: [Double]
  /// First row of each remaining dimension.
  let offsets: [Int: Int]

  /// Builds S, or returns `nil` when it would be too large: when forming it would cost more
  /// than `50 n` operations or hold more than `2 n` non-zeros.
  init?(structure s: FixedEffectStructure, eliminated: Int, rest: [Int]) {
    let n = s.count
    let layout0 = s.layouts[eliminated]
    let g0 = s.levelCounts[eliminated]
    var cost = 0
    for g in 0..<g0 {
      let size = layout0.start.base[g + 1] - layout0.start.base[g]
      cost += size * size
    }
    guard cost * rest.count <= 50 * n else { return nil }
    var offsets = [Int: Int]()
    var offsetOf = [Int](repeating: 0, count: s.dimensions)
    var total = 0
    for e in rest {
      offsets[e] = total
      offsetOf[e] = total
      total += s.levelCounts[e]
    }
    let maxNonZeros = 2 * n
    var rowStart = [0]
    var columns = [Int32]()
    var values = [Double]()
    var dense = [Double](repeating: 0, count: total)
    var marked = [Bool](repeating: false, count: total)
    var touched = [Int]()
    var pairWeight = [Double](repeating: 0, count: g0)
    var pairTouched = [Int]()
    let w0 = s.groupWeights[eliminated].base
    for e in rest {
      let layout = s.layouts[e]
      guard let codes0 = layout.codes[eliminated] else { return nil }
      for h in 0..<s.levelCounts[e] {
        func add(_ c: Int, _ v: Double) {
          if !marked[c] {
            marked[c] = true
            touched.append(c)
          }
          dense[c] += v
        }
        // Direct part: observations of level h, through every remaining dimension.
        for k in layout.start.base[h]..<layout.start.base[h + 1] {
          let wk = layout.weights?.base[k] ?? 1
          for e2 in rest {
            let c = e2 == e ? h : Int(layout.codes[e2]?.base[k] ?? 0)
            add(offsetOf[e2] + c, wk)
          }
          let g = Int(codes0.base[k])
          if pairWeight[g] == 0 { pairTouched.append(g) }
          pairWeight[g] += wk
        }
        // Schur part: through each level g of dimension 0 that level h meets.
        for g in pairTouched {
          let f = pairWeight[g] / w0[g]
          pairWeight[g] = 0
          for k in layout0.start.base[g]..<layout0.start.base[g + 1] {
            let wk = layout0.weights?.base[k] ?? 1
            for e2 in rest {
              guard let c = layout0.codes[e2]?.base[k] else { continue }
              add(offsetOf[e2] + Int(c), -f * wk)
            }
          }
        }
        pairTouched.removeAll(keepingCapacity: true)
        touched.sort()
        for c in touched {
          columns.append(Int32(c))
          values.append(dense[c])
          dense[c] = 0
          marked[c] = false
        }
        touched.removeAll(keepingCapacity: true)
        rowStart.append(columns.count)
        if columns.count > maxNonZeros { return nil }
      }
    }
    self.size = total
    self.rowStart = rowStart
    self.columnIndex = columns
    self.values = values
    self.offsets = offsets
  }

  /// `out = S v` for m variables interleaved (row r, variable j at `r·m + j`).
  func multiply(_ v: [Double], into out: inout [Double], variables m: Int) {
    for r in 0..<size {
      for j in 0..<m { out[r * m + j] = 0 }
      for p in rowStart[r]..<rowStart[r + 1] {
        let a = values[p], c = Int(columnIndex[p]) * m
        for j in 0..<m { out[r * m + j] += a * v[c + j] }
      }
    }
  }
}
