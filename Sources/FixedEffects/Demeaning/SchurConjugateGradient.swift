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
    // The remaining dimensions' coefficients, laid out one after the other in `rest` order.
    var offsets = [Int](repeating: 0, count: levels.count)
    var size = 0
    for e in rest {
      offsets[e] = size * m
      size += levels[e]
    }
    func flatten(_ buffers: [NumericBuffer<Double>], into out: inout [Double]) {
      for e in rest { for idx in 0..<buffers[e].count { out[offsets[e] + idx] = buffers[e].base[idx] } }
    }
    func flatten(_ buffers: [NumericBuffer<Double>]) -> [Double] {
      var out = [Double](repeating: 0, count: size * m)
      flatten(buffers, into: &out)
      return out
    }
    func unflatten(_ flat: [Double], into buffers: [NumericBuffer<Double>]) {
      for e in rest { for idx in 0..<buffers[e].count { buffers[e].base[idx] = flat[offsets[e] + idx] } }
    }
    let solver = PreconditionedConjugateGradient(variables: m, tolerance: tolerance, maxIterations: maxIterations)
    var flatV = flatten(v)
    let outcome: (iterations: [Int], converged: [Bool])
    if let explicit {
      outcome = solver.solve(
        b: flatten(b), v: &flatV, apply: { explicit.matrix.multiply($0, into: &$1, variables: m) },
        preconditioner: { explicit.factor.solve($0, into: &$1, variables: m) })
    } else {
      let p = levels.indices.map { zero($0) }
      let q = levels.indices.map { zero($0) }
      let scratch = zero(eliminated)
      var inverse = [Double](repeating: 0, count: size * m)
      for e in rest {
        for h in inverseDiagonal[e].indices { for j in 0..<m { inverse[offsets[e] + h * m + j] = inverseDiagonal[e][h] } }
      }
      outcome = solver.solve(
        b: flatten(b), v: &flatV,
        apply: { flatP, flatQ in
          unflatten(flatP, into: p)
          apply(p, into: q, scratch: scratch, variables: m)
          flatten(q, into: &flatQ)
        },
        preconditioner: { r, z in for idx in r.indices { z[idx] = r[idx] * inverse[idx] } })
    }
    unflatten(flatV, into: v)
    recoverEliminated(v, groupSums: groupSums, variables: m)
    return DemeaningOutcome(coefficients: v, iterations: outcome.iterations, converged: outcome.converged)
  }

  /// a₀ = (Σwx − Σ w D_R v) / W₀, written into `v[eliminated]`.
  private func recoverEliminated(_ v: [NumericBuffer<Double>], groupSums: [NumericBuffer<Double>], variables m: Int) {
    let acc = NumericBuffer<Double>(count: projector.structure.levelCounts[eliminated] * m, repeating: 0)
    projector.gatherSum(into: acc, dimension: eliminated, terms: rest.map { .init(dimension: $0, coefficients: v[$0], scale: 1) }, variables: m)
    for idx in 0..<acc.count { acc.base[idx] = groupSums[eliminated].base[idx] - acc.base[idx] }
    divideByGroupWeights(acc, into: v[eliminated], dimension: eliminated, variables: m)
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
