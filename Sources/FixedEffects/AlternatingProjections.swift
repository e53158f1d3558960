/// Alternating projections (block Gauss-Seidel) with Irons-Tuck acceleration, in the space of
/// fixed-effect coefficients.
///
/// With dimensions ordered by decreasing size, one sweep F recomputes the first dimension's
/// coefficients from the others, then each further dimension from all the rest:
/// `a_d[g] = (Σ_{i∈g} wᵢxᵢ − Σ_{i∈g} wᵢ Σ_{e≠d} a_e[c_e(i)]) / Σ_{i∈g} wᵢ`.
/// The state X is the coefficients of all dimensions but the first. Every two sweeps the
/// Irons-Tuck step `X ← F²X − c (F²X − FX)`, with `c = ⟨Δ², ΔF⟩ / ⟨Δ², Δ²⟩`, extrapolates
/// along the direction of convergence (Varadhan and Roland 2008; used by fixest).
///
/// Each sweep costs one pass over the observations per dimension and reads only the integer
/// codes and weights: the variable itself enters once, through its group sums.
struct AlternatingProjections {
  let projector: FixedEffectProjector
  let order: [Int]

  init(structure: FixedEffectStructure) {
    self.projector = FixedEffectProjector(structure: structure)
    self.order = structure.orderBySize
  }

  /// Outcome of a solve.
  struct Outcome {
    var coefficients: [[Double]]
    var iterations: Int
    var converged: Bool
  }

  /// Iterates from `start` until the relative coefficient change is below `tolerance` or
  /// `maxIterations` sweeps have run.
  ///
  /// - Parameters:
  ///   - groupSums: `Σ_{i∈g} wᵢ xᵢ` per dimension.
  ///   - start: Initial coefficients per dimension.
  func solve(groupSums: [[Double]], start: [[Double]], tolerance: Double, maxIterations: Int)
    -> Outcome
  {
    var x = start
    var scratch = projector.structure.levelCounts.map { [Double](repeating: 0, count: $0) }
    var iterations = 0
    while iterations < maxIterations {
      var gx = x
      sweep(&gx, groupSums: groupSums, scratch: &scratch)
      iterations += 1
      if maxRelativeChange(from: x, to: gx) < tolerance {
        return Outcome(coefficients: gx, iterations: iterations, converged: true)
      }
      var ggx = gx
      sweep(&ggx, groupSums: groupSums, scratch: &scratch)
      iterations += 1
      if maxRelativeChange(from: gx, to: ggx) < tolerance {
        return Outcome(coefficients: ggx, iterations: iterations, converged: true)
      }
      // Irons-Tuck extrapolation on the state (all dimensions but the first).
      var num = 0.0, den = 0.0
      for d in order.dropFirst() {
        for g in x[d].indices {
          let dGX = ggx[d][g] - gx[d][g]
          let d2 = dGX - (gx[d][g] - x[d][g])
          num += dGX * d2
          den += d2 * d2
        }
      }
      if den > 0 && num.isFinite {
        let c = num / den
        for d in order.dropFirst() {
          for g in x[d].indices { ggx[d][g] -= c * (ggx[d][g] - gx[d][g]) }
        }
      }
      x = ggx
    }
    // Make the first dimension consistent with the final state before returning.
    updateFirst(&x, groupSums: groupSums, scratch: &scratch)
    return Outcome(coefficients: x, iterations: iterations, converged: false)
  }

  /// One Gauss-Seidel sweep over all dimensions, largest first.
  func sweep(_ coef: inout [[Double]], groupSums: [[Double]], scratch: inout [[Double]]) {
    for d in order { update(&coef, dimension: d, groupSums: groupSums, scratch: &scratch) }
  }

  /// Recomputes only the first (largest) dimension from the others.
  func updateFirst(_ coef: inout [[Double]], groupSums: [[Double]], scratch: inout [[Double]]) {
    if let first = order.first { update(&coef, dimension: first, groupSums: groupSums, scratch: &scratch) }
  }

  private func update(
    _ coef: inout [[Double]], dimension d: Int, groupSums: [[Double]], scratch: inout [[Double]]
  ) {
    let others = order.filter { $0 != d }
    projector.accumulateOthers(into: &scratch[d], dimension: d, others: others, coefficients: coef)
    let w = projector.structure.groupWeights[d]
    for g in coef[d].indices { coef[d][g] = (groupSums[d][g] - scratch[d][g]) / w[g] }
  }

  /// max over the state of |new − old| / (0.1 + |old|).
  private func maxRelativeChange(from old: [[Double]], to new: [[Double]]) -> Double {
    var m = 0.0
    for d in order.dropFirst() {
      for g in old[d].indices {
        let r = abs(new[d][g] - old[d][g]) / (0.1 + abs(old[d][g]))
        if r > m || r.isNaN { m = r.isNaN ? .infinity : r }
      }
    }
    return m
  }
}
