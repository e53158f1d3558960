/// Conjugate gradient on the fixed-effect normal equations after eliminating the largest
/// dimension exactly, for several variables at once.
///
/// Write the fixed effects as `D₀a₀ + D_R v`, with `D₀` the dummies of the largest dimension
/// and `D_R` those of the rest. Eliminating `a₀` (a group mean) leaves the Schur-complement
/// system `S v = b` with `S = D_Rᵀ W (I − P₀) D_R` and `b = D_Rᵀ W (I − P₀) x`, where `P₀`
/// takes weighted means within the levels of dimension 0. `S` is symmetric positive
/// semi-definite (singular by one direction per connected component and extra dimension, a
/// consistent system that conjugate gradient solves in the range of `S`). The preconditioner
/// is the exact diagonal of `S`: `W_e[h] − Σ_g n_{gh}² / W₀[g]`.
///
/// Each step costs one gathered pass per dimension. Conjugate gradient needs about the square
/// root of the condition number in iterations where alternating projections need the
/// condition number itself, which is what makes poorly connected designs (worker-firm panels)
/// tractable. Each variable has its own step sizes and convergence test.
struct SchurConjugateGradient: Sendable {
  let projector: FixedEffectProjector
  let eliminated: Int
  let rest: [Int]
  /// Inverse diagonal preconditioner per dimension (empty for the eliminated one).
  let inverseDiagonal: [[Double]]
  /// S formed explicitly with its incomplete Cholesky factor, when that is cheap.
  let explicit: (matrix: SparseSchurComplement, factor: IncompleteCholesky)?

  init(structure: FixedEffectStructure) {
    let order = structure.orderBySize
    self.projector = FixedEffectProjector(structure: structure)
    self.eliminated = order[0]
    self.rest = Array(order.dropFirst())
    if let matrix = SparseSchurComplement(structure: structure, eliminated: order[0], rest: Array(order.dropFirst())),
      let factor = IncompleteCholesky(matrix, budget: 20 * structure.count)
    {
      self.explicit = (matrix, factor)
      self.inverseDiagonal = []
    } else {
      self.explicit = nil
      self.inverseDiagonal = Self.preconditioner(structure: structure, eliminated: order[0], rest: Array(order.dropFirst()))
    }
  }

  /// Solves for the coefficients, starting from `start` (for example where alternating
  /// projections stopped).
  func solve(
    groupSums: [NumericBuffer<Double>], start: [NumericBuffer<Double>], variables m: Int,
    tolerance: Double, maxIterations: Int
  ) -> DemeaningOutcome {
    let s = projector.structure
    let levels = s.levelCounts
    let zero = { (d: Int) in NumericBuffer<Double>(count: levels[d] * m, repeating: 0) }
    // b_e = Sx_e − Σ_{i∈h} wᵢ mean₀[c₀(i)]
    let mean0 = zero(eliminated)
    divideByGroupWeights(groupSums[eliminated], into: mean0, dimension: eliminated, variables: m)
    let b = levels.indices.map { zero($0) }
    for e in rest {
      projector.gatherSum(into: b[e], dimension: e, terms: [.init(dimension: eliminated, coefficients: mean0, scale: -1)], variables: m)
      add(groupSums[e], into: b[e])
    }
    let v = levels.indices.map { d in rest.contains(d) ? start[d].copy() : zero(d) }
    if let explicit {
      let outcome = solveExplicit(explicit, b: b, v: v, variables: m, tolerance: tolerance, maxIterations: maxIterations)
      recoverEliminated(v, groupSums: groupSums, variables: m)
      return DemeaningOutcome(coefficients: v, iterations: outcome.iterations, converged: outcome.converged)
    }
    let r = levels.indices.map { zero($0) }
    let q = levels.indices.map { zero($0) }
    let scratch = zero(eliminated)
    apply(v, into: q, scratch: scratch, variables: m)
    for e in rest { for idx in 0..<r[e].count { r[e].base[idx] = b[e].base[idx] - q[e].base[idx] } }
    let bNorm = norms(b, variables: m)
    var converged = (0..<m).map { j in bNorm[j] == 0 || norms(r, variables: m)[j] <= tolerance * bNorm[j] }
    var iterations = [Int](repeating: 0, count: m)
    let z = levels.indices.map { zero($0) }
    applyPreconditioner(r, into: z, variables: m)
    let p = levels.indices.map { zero($0) }
    for e in rest { p[e].assign(from: z[e]) }
    var rz = dots(r, z, variables: m)
    var steps = 0
    // A variable whose curvature pᵀSp vanishes before convergence has broken down.
    var stalled = [Bool](repeating: false, count: m)
    while steps < maxIterations && (0..<m).contains(where: { !converged[$0] && !stalled[$0] }) {
      apply(p, into: q, scratch: scratch, variables: m)
      let pq = dots(p, q, variables: m)
      for j in 0..<m where !converged[j] && !(pq[j] > 0) { stalled[j] = true }
      let alpha = (0..<m).map { j in !converged[j] && !stalled[j] ? rz[j] / pq[j] : 0 }
      for e in rest {
        for idx in 0..<v[e].count {
          let a = alpha[idx % m]
          v[e].base[idx] += a * p[e].base[idx]
          r[e].base[idx] -= a * q[e].base[idx]
        }
      }
      steps += 1
      let rNorm = norms(r, variables: m)
      for j in 0..<m where !converged[j] && !stalled[j] {
        iterations[j] = steps
        if rNorm[j] <= tolerance * bNorm[j] { converged[j] = true }
      }
      applyPreconditioner(r, into: z, variables: m)
      let rzNew = dots(r, z, variables: m)
      for e in rest {
        for idx in 0..<p[e].count {
          let j = idx % m
          let beta = rz[j] > 0 ? rzNew[j] / rz[j] : 0
          p[e].base[idx] = z[e].base[idx] + beta * p[e].base[idx]
        }
      }
      rz = rzNew
    }
    recoverEliminated(v, groupSums: groupSums, variables: m)
    return DemeaningOutcome(coefficients: v, iterations: iterations, converged: converged)
  }

  /// a₀ = (Σwx − Σ w D_R v) / W₀, written into `v[eliminated]`.
  private func recoverEliminated(_ v: [NumericBuffer<Double>], groupSums: [NumericBuffer<Double>], variables m: Int) {
    let acc = NumericBuffer<Double>(count: projector.structure.levelCounts[eliminated] * m, repeating: 0)
    projector.gatherSum(into: acc, dimension: eliminated, terms: rest.map { .init(dimension: $0, coefficients: v[$0], scale: 1) }, variables: m)
    for idx in 0..<acc.count { acc.base[idx] = groupSums[eliminated].base[idx] - acc.base[idx] }
    divideByGroupWeights(acc, into: v[eliminated], dimension: eliminated, variables: m)
  }

  /// Preconditioned conjugate gradient on the explicit S with the incomplete Cholesky factor,
  /// each variable with its own step sizes; updates `v` (the remaining dimensions) in place.
  private func solveExplicit(
    _ system: (matrix: SparseSchurComplement, factor: IncompleteCholesky), b bBuffers: [NumericBuffer<Double>],
    v vBuffers: [NumericBuffer<Double>], variables m: Int, tolerance: Double, maxIterations: Int
  ) -> (iterations: [Int], converged: [Bool]) {
    let size = system.matrix.size
    func flatten(_ buffers: [NumericBuffer<Double>]) -> [Double] {
      var out = [Double](repeating: 0, count: size * m)
      for e in rest {
        let offset = (system.matrix.offsets[e] ?? 0) * m
        for idx in 0..<buffers[e].count { out[offset + idx] = buffers[e].base[idx] }
      }
      return out
    }
    let b = flatten(bBuffers)
    var v = flatten(vBuffers)
    var q = [Double](repeating: 0, count: size * m)
    system.matrix.multiply(v, into: &q, variables: m)
    var r = zip(b, q).map { $0 - $1 }
    func columnDots(_ a: [Double], _ c: [Double]) -> [Double] {
      var out = [Double](repeating: 0, count: m)
      for idx in a.indices { out[idx % m] += a[idx] * c[idx] }
      return out
    }
    let bNorm = columnDots(b, b).map { $0.squareRoot() }
    var converged = (0..<m).map { j in bNorm[j] == 0 || columnDots(r, r)[j].squareRoot() <= tolerance * bNorm[j] }
    var stalled = [Bool](repeating: false, count: m)
    var iterations = [Int](repeating: 0, count: m)
    var z = [Double](repeating: 0, count: size * m)
    system.factor.solve(r, into: &z, variables: m)
    var p = z
    var rz = columnDots(r, z)
    var steps = 0
    while steps < maxIterations && (0..<m).contains(where: { !converged[$0] && !stalled[$0] }) {
      system.matrix.multiply(p, into: &q, variables: m)
      let pq = columnDots(p, q)
      for j in 0..<m where !converged[j] && !(pq[j] > 0) { stalled[j] = true }
      let alpha = (0..<m).map { j in !converged[j] && !stalled[j] ? rz[j] / pq[j] : 0 }
      for idx in v.indices {
        let a = alpha[idx % m]
        v[idx] += a * p[idx]
        r[idx] -= a * q[idx]
      }
      steps += 1
      let rNorm = columnDots(r, r).map { $0.squareRoot() }
      for j in 0..<m where !converged[j] && !stalled[j] {
        iterations[j] = steps
        if rNorm[j] <= tolerance * bNorm[j] { converged[j] = true }
      }
      system.factor.solve(r, into: &z, variables: m)
      let rzNew = columnDots(r, z)
      for idx in p.indices {
        let j = idx % m
        let beta = rz[j] != 0 ? rzNew[j] / rz[j] : 0
        p[idx] = z[idx] + beta * p[idx]
      }
      rz = rzNew
    }
    for e in rest {
      let offset = (system.matrix.offsets[e] ?? 0) * m
      for idx in 0..<vBuffers[e].count { vBuffers[e].base[idx] = v[offset + idx] }
    }
    return (iterations, converged)
  }

  /// `S v`: one gathered pass over dimension 0 and one per remaining dimension.
  private func apply(_ v: [NumericBuffer<Double>], into out: [NumericBuffer<Double>], scratch m0: NumericBuffer<Double>, variables m: Int) {
    let terms = rest.map { FixedEffectProjector.Term(dimension: $0, coefficients: v[$0], scale: 1) }
    projector.gatherSum(into: m0, dimension: eliminated, terms: terms, variables: m)
    divideByGroupWeights(m0, into: m0, dimension: eliminated, variables: m)
    let all = terms + [FixedEffectProjector.Term(dimension: eliminated, coefficients: m0, scale: -1)]
    for e in rest { projector.gatherSum(into: out[e], dimension: e, terms: all, variables: m) }
  }

  private func divideByGroupWeights(_ source: NumericBuffer<Double>, into target: NumericBuffer<Double>, dimension d: Int, variables m: Int) {
    let w = projector.structure.groupWeights[d].base
    for g in 0..<projector.structure.levelCounts[d] {
      for j in 0..<m { target.base[g &* m &+ j] = source.base[g &* m &+ j] / w[g] }
    }
  }

  private func add(_ source: NumericBuffer<Double>, into target: NumericBuffer<Double>) {
    for idx in 0..<target.count { target.base[idx] += source.base[idx] }
  }

  private func applyPreconditioner(_ r: [NumericBuffer<Double>], into z: [NumericBuffer<Double>], variables m: Int) {
    for e in rest {
      let inv = inverseDiagonal[e]
      for h in inv.indices { for j in 0..<m { z[e].base[h &* m &+ j] = r[e].base[h &* m &+ j] * inv[h] } }
    }
  }

  private func dots(_ a: [NumericBuffer<Double>], _ b: [NumericBuffer<Double>], variables m: Int) -> [Double] {
    var out = [Double](repeating: 0, count: m)
    for e in rest { for idx in 0..<a[e].count { out[idx % m] += a[e].base[idx] * b[e].base[idx] } }
    return out
  }

  private func norms(_ a: [NumericBuffer<Double>], variables m: Int) -> [Double] {
    dots(a, a, variables: m).map { $0.squareRoot() }
  }

  /// Inverse of the exact diagonal of S, from the layout of the eliminated dimension.
  ///
  /// - Complexity: O(n) per remaining dimension.
  static func preconditioner(structure s: FixedEffectStructure, eliminated: Int, rest: [Int]) -> [[Double]] {
    let layout = s.layouts[eliminated]
    var out = s.levelCounts.map { _ in [Double]() }
    for e in rest {
      guard let codes = layout.codes[e] else { continue }
      let we = s.groupWeights[e]
      var diag = (0..<s.levelCounts[e]).map { we.base[$0] }
      var pair = [Double](repeating: 0, count: s.levelCounts[e])
      var touched = [Int]()
      for g in 0..<s.levelCounts[eliminated] {
        for k in layout.start.base[g]..<layout.start.base[g + 1] {
          let h = Int(codes.base[k])
          if pair[h] == 0 { touched.append(h) }
          pair[h] += layout.weights?.base[k] ?? 1
        }
        let w0 = s.groupWeights[eliminated].base[g]
        for h in touched {
          diag[h] -= pair[h] * pair[h] / w0
          pair[h] = 0
        }
        touched.removeAll(keepingCapacity: true)
      }
      out[e] = diag.indices.map { h in diag[h] > 1e-10 * we.base[h] ? 1 / diag[h] : 1 / we.base[h] }
    }
    return out
  }
}
