/// Alternating projections (block Gauss-Seidel) with Irons-Tuck acceleration, in the space of
/// fixed-effect coefficients, for several variables at once.
///
/// With dimensions ordered by decreasing size, one sweep F recomputes the first dimension's
/// coefficients from the others, then each further dimension from all the rest:
/// `a_d[g] = (Σ_{i∈g} wᵢxᵢ − Σ_{i∈g} wᵢ Σ_{e≠d} a_e[c_e(i)]) / Σ_{i∈g} wᵢ`.
/// The state X is the coefficients of all dimensions but the first. Every two sweeps the
/// Irons-Tuck step `X ← F²X − c (F²X − FX)`, with `c = ⟨Δ², ΔF⟩ / ⟨Δ², Δ²⟩`, extrapolates
/// along the direction of convergence (Varadhan and Roland 2008; used by fixest). Each
/// variable has its own step size and its own convergence test, and its result is recorded
/// the moment it converges, so it is exactly what solving that variable alone would give.
///
/// A sweep reads only the integer codes (and weights); the variable itself enters once,
/// through its group sums.
struct AlternatingProjections {
  let projector: FixedEffectProjector
  let order: [Int]

  init(structure: FixedEffectStructure) {
    self.projector = FixedEffectProjector(structure: structure)
    self.order = structure.orderBySize
  }

  /// Iterates from `start` until every variable's relative coefficient change is below
  /// `tolerance` or `maxIterations` sweeps have run.
  ///
  /// The `start` buffers become the iteration's state and are overwritten: the caller must not
  /// use them afterwards. The first dimension's coefficients are recomputed from the others at
  /// the start of every sweep, so the three iterates share one buffer for it (with a million
  /// levels and three variables, that saves 48 MB); only the result has its own.
  func solve(
    groupSums: [NumericBuffer<Double>], start: [NumericBuffer<Double>], variables m: Int,
    tolerance: Double, maxIterations: Int
  ) -> DemeaningOutcome {
    let first = order.first
    let x = start
    let gx = x.indices.map { $0 == first ? x[$0] : x[$0].copy() }
    let ggx = x.indices.map { $0 == first ? x[$0] : x[$0].copy() }
    let result = start.map { $0.copy() }
    var converged = [Bool](repeating: false, count: m)
    var iterations = [Int](repeating: 0, count: m)
    var sweeps = 0
    let state = Array(order.dropFirst())

    func record(_ source: [NumericBuffer<Double>], old: [NumericBuffer<Double>]) {
      let change = maxRelativeChange(from: old, to: source, variables: m, dimensions: state)
      for j in 0..<m where !converged[j] && change[j] < tolerance {
        converged[j] = true
        iterations[j] = sweeps
        copyVariable(j, from: source, to: result, variables: m)
      }
    }

    while sweeps < maxIterations && converged.contains(false) {
      for d in gx.indices where gx[d] !== x[d] { gx[d].assign(from: x[d]) }
      sweep(gx, groupSums: groupSums, variables: m)
      sweeps += 1
      record(gx, old: x)
      if !converged.contains(false) || sweeps >= maxIterations { break }
      for d in ggx.indices where ggx[d] !== gx[d] { ggx[d].assign(from: gx[d]) }
      sweep(ggx, groupSums: groupSums, variables: m)
      sweeps += 1
      record(ggx, old: gx)
      if !converged.contains(false) { break }
      // Irons-Tuck extrapolation, one step size per variable.
      var num = [Double](repeating: 0, count: m), den = [Double](repeating: 0, count: m)
      for d in state {
        let a = x[d].base, b = gx[d].base, c = ggx[d].base
        for idx in 0..<x[d].count {
          let j = idx % m
          let dGX = c[idx] - b[idx]
          let d2 = dGX - (b[idx] - a[idx])
          num[j] += dGX * d2
          den[j] += d2 * d2
        }
      }
      for d in x.indices where x[d] !== ggx[d] { x[d].assign(from: ggx[d]) }
      for d in state {
        let b = gx[d].base, c = ggx[d].base, out = x[d].base
        for idx in 0..<x[d].count {
          let j = idx % m
          guard den[j] > 0, num[j].isFinite else { continue }
          out[idx] = c[idx] - (num[j] / den[j]) * (c[idx] - b[idx])
        }
      }
    }
    if converged.contains(false) {
      // Make the first dimension consistent with the last state before handing it on.
      if let first { update(x, dimension: first, groupSums: groupSums, variables: m) }
      for j in 0..<m where !converged[j] {
        iterations[j] = sweeps
        copyVariable(j, from: x, to: result, variables: m)
      }
    }
    return DemeaningOutcome(coefficients: result, iterations: iterations, converged: converged)
  }

  /// One Gauss-Seidel sweep over all dimensions, largest first.
  func sweep(_ coef: [NumericBuffer<Double>], groupSums: [NumericBuffer<Double>], variables m: Int) {
    for d in order { update(coef, dimension: d, groupSums: groupSums, variables: m) }
  }

  /// `a_d = (Σwx − Σ w Σ_{e≠d} a_e) / W_d`. The gathered sums are written straight into
  /// `a_d` (they read only the other dimensions) and then turned into coefficients in place.
  func update(_ coef: [NumericBuffer<Double>], dimension d: Int, groupSums: [NumericBuffer<Double>], variables m: Int) {
    let terms = order.filter { $0 != d }.map { FixedEffectProjector.Term(dimension: $0, coefficients: coef[$0], scale: 1) }
    projector.gatherSum(into: coef[d], dimension: d, terms: terms, variables: m)
    let w = projector.structure.groupWeights[d].base
    let out = coef[d].base, sums = groupSums[d].base
    for g in 0..<projector.structure.levelCounts[d] {
      let inverse = 1 / w[g]
      for j in 0..<m { out[g &* m &+ j] = (sums[g &* m &+ j] - out[g &* m &+ j]) * inverse }
    }
  }

  /// Per variable: max over the state of |new − old| / (0.1 + |old|).
  private func maxRelativeChange(
    from old: [NumericBuffer<Double>], to new: [NumericBuffer<Double>], variables m: Int, dimensions: [Int]
  ) -> [Double] {
    var change = [Double](repeating: 0, count: m)
    for d in dimensions {
      let a = old[d].base, b = new[d].base
      for idx in 0..<old[d].count {
        let r = abs(b[idx] - a[idx]) / (0.1 + abs(a[idx]))
        let j = idx % m
        if !(r <= change[j]) { change[j] = r.isNaN ? .infinity : r }
      }
    }
    return change
  }
}

/// Copies variable j's coefficients of every dimension from one interleaved set to another.
func copyVariable(_ j: Int, from source: [NumericBuffer<Double>], to target: [NumericBuffer<Double>], variables m: Int) {
  for d in source.indices {
    let a = source[d].base, b = target[d].base
    var idx = j
    while idx < source[d].count {
      b[idx] = a[idx]
      idx += m
    }
  }
}
