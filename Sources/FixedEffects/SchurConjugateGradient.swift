/// Conjugate gradient on the fixed-effect normal equations after eliminating the largest
/// dimension exactly.
///
/// Write the fixed effects as `D₀a₀ + D_R v`, with `D₀` the dummies of the largest dimension
/// and `D_R` those of the rest. Eliminating `a₀` (a group mean) leaves the Schur-complement
/// system `S v = b` with `S = D_Rᵀ W (I − P₀) D_R` and `b = D_Rᵀ W (I − P₀) x`, where `P₀`
/// takes weighted means within the levels of dimension 0. `S` is symmetric positive
/// semi-definite (singular by one direction per connected component and extra dimension, a
/// consistent system that conjugate gradient solves in the range of `S`). The preconditioner
/// is the exact diagonal of `S`: `W_e[h] − Σ_g n_{gh}² / W₀[g]`.
///
/// Each step costs two passes over the observations. Conjugate gradient needs about the
/// square root of the condition number in iterations where alternating projections need the
/// condition number itself, which is what makes poorly connected designs (worker-firm panels)
/// tractable.
struct SchurConjugateGradient {
  let projector: FixedEffectProjector
  let eliminated: Int
  let rest: [Int]
  /// Inverse diagonal preconditioner per remaining dimension.
  let inverseDiagonal: [[Double]]

  init(structure: FixedEffectStructure) {
    let order = structure.orderBySize
    self.projector = FixedEffectProjector(structure: structure)
    self.eliminated = order[0]
    self.rest = Array(order.dropFirst())
    self.inverseDiagonal = Self.preconditioner(structure: structure, eliminated: order[0], rest: Array(order.dropFirst()))
  }

  /// Outcome of a solve: coefficients for every dimension.
  struct Outcome {
    var coefficients: [[Double]]
    var iterations: Int
    var converged: Bool
  }

  /// Solves for the coefficients, starting from `start` (for example where alternating
  /// projections stopped).
  func solve(
    x: UnsafeBufferPointer<Double>, groupSums: [[Double]], start: [[Double]], tolerance: Double,
    maxIterations: Int
  ) -> Outcome {
    let s = projector.structure
    let n = s.count
    // Right-hand side b = D_Rᵀ W (x − mean₀(x)).
    let mean0 = zip(groupSums[eliminated], s.groupWeights[eliminated]).map { $0 / $1 }
    var centered = [Double](repeating: 0, count: n)
    s.codes[eliminated].withUnsafeBufferPointer { c in
      mean0.withUnsafeBufferPointer { m in
        centered.withUnsafeMutableBufferPointer { o in
          for i in 0..<n { o[i] = x[i] - m[Int(c[i])] }
        }
      }
    }
    var b = emptyVector()
    centered.withUnsafeBufferPointer { cp in
      for e in rest { b[e] = projector.groupSums(cp, dimension: e) }
    }
    let bNorm = norm(b)
    var v = start
    for d in s.levelCounts.indices where !rest.contains(d) { v[d] = [] }
    var scratch = [Double](repeating: 0, count: n)
    var r = subtract(b, apply(v, scratch: &scratch))
    var iterations = 0
    var converged = bNorm == 0 || norm(r) <= tolerance * bNorm
    var z = precondition(r)
    var p = z
    var rz = dotProduct(r, z)
    while !converged && iterations < maxIterations {
      let q = apply(p, scratch: &scratch)
      let pq = dotProduct(p, q)
      if !(pq > 0) { break }
      let alpha = rz / pq
      axpy(&v, alpha, p)
      axpy(&r, -alpha, q)
      iterations += 1
      if norm(r) <= tolerance * bNorm {
        converged = true
        break
      }
      z = precondition(r)
      let rzNew = dotProduct(r, z)
      let beta = rzNew / rz
      rz = rzNew
      for e in rest { for h in p[e].indices { p[e][h] = z[e][h] + beta * p[e][h] } }
    }
    // Recover the eliminated dimension: a₀ = (Σ wx − Σ w D_R v) / W₀ over its levels.
    var coefficients = v
    var acc = [Double](repeating: 0, count: s.levelCounts[eliminated])
    projector.accumulateOthers(into: &acc, dimension: eliminated, others: rest, coefficients: v)
    coefficients[eliminated] = (0..<acc.count).map {
      (groupSums[eliminated][$0] - acc[$0]) / s.groupWeights[eliminated][$0]
    }
    return Outcome(coefficients: coefficients, iterations: iterations, converged: converged)
  }

  /// `S v`: two passes over the observations.
  private func apply(_ v: [[Double]], scratch t: inout [Double]) -> [[Double]] {
    let s = projector.structure
    projector.sumCoefficients(into: &t, dimensions: rest, coefficients: v)
    let sums0 = t.withUnsafeBufferPointer { projector.groupSums($0, dimension: eliminated) }
    let mean0 = zip(sums0, s.groupWeights[eliminated]).map { $0 / $1 }
    s.codes[eliminated].withUnsafeBufferPointer { c in
      mean0.withUnsafeBufferPointer { m in
        t.withUnsafeMutableBufferPointer { tp in
          for i in 0..<tp.count { tp[i] -= m[Int(c[i])] }
        }
      }
    }
    var out = emptyVector()
    t.withUnsafeBufferPointer { tp in
      for e in rest { out[e] = projector.groupSums(tp, dimension: e) }
    }
    return out
  }

  private func emptyVector() -> [[Double]] {
    projector.structure.levelCounts.indices.map { _ in [] }
  }

  private func precondition(_ r: [[Double]]) -> [[Double]] {
    var z = r
    for e in rest { for h in z[e].indices { z[e][h] *= inverseDiagonal[e][h] } }
    return z
  }

  private func dotProduct(_ a: [[Double]], _ b: [[Double]]) -> Double {
    var s = 0.0
    for e in rest { for h in a[e].indices { s += a[e][h] * b[e][h] } }
    return s
  }

  private func norm(_ a: [[Double]]) -> Double { dotProduct(a, a).squareRoot() }

  private func subtract(_ a: [[Double]], _ b: [[Double]]) -> [[Double]] {
    var out = a
    for e in rest { for h in out[e].indices { out[e][h] -= b[e][h] } }
    return out
  }

  private func axpy(_ y: inout [[Double]], _ alpha: Double, _ x: [[Double]]) {
    for e in rest { for h in y[e].indices { y[e][h] += alpha * x[e][h] } }
  }

  /// Inverse of the exact diagonal of S, computed once per structure in O(n) per remaining
  /// dimension by walking the observations grouped by the eliminated dimension.
  static func preconditioner(structure s: FixedEffectStructure, eliminated: Int, rest: [Int]) -> [[Double]] {
    let n = s.count
    let g0 = s.levelCounts[eliminated]
    // Counting sort of observations by their level in the eliminated dimension.
    var start = [Int](repeating: 0, count: g0 + 1)
    for c in s.codes[eliminated] { start[Int(c) + 1] += 1 }
    for g in 0..<g0 { start[g + 1] += start[g] }
    var position = start
    var byLevel = [Int](repeating: 0, count: n)
    for (i, c) in s.codes[eliminated].enumerated() {
      byLevel[position[Int(c)]] = i
      position[Int(c)] += 1
    }
    var out = s.levelCounts.map { _ in [Double]() }
    for e in rest {
      var diag = s.groupWeights[e]
      var pair = [Double](repeating: 0, count: s.levelCounts[e])
      var touched = [Int]()
      let codes = s.codes[e]
      for g in 0..<g0 {
        for k in start[g]..<start[g + 1] {
          let i = byLevel[k]
          let h = Int(codes[i])
          if pair[h] == 0 { touched.append(h) }
          pair[h] += s.weights?[i] ?? 1
        }
        let w0 = s.groupWeights[eliminated][g]
        for h in touched {
          diag[h] -= pair[h] * pair[h] / w0
          pair[h] = 0
        }
        touched.removeAll(keepingCapacity: true)
      }
      out[e] = zip(diag, s.groupWeights[e]).map { d, w in d > 1e-10 * w ? 1 / d : 1 / w }
    }
    return out
  }
}
