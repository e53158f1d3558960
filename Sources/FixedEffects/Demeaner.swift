import CausalCore

/// Projects the fixed effects out of a set of variables (the "within" transformation).
///
/// For each variable x it finds the fixed-effect coefficients a that minimise
/// `Σ wᵢ (xᵢ − Σ_d a_d[c_d(i)])²` and returns the residual `x − Σ_d a_d[c_d(i)]`. By the
/// Frisch-Waugh-Lovell theorem, regressing the demeaned outcome on the demeaned regressors
/// gives the fixed-effects slopes. Variables are processed in parallel, one per core; each
/// variable's result depends only on its own data, so it is identical whatever the number of
/// threads.
struct Demeaner: Sendable {
  let structure: FixedEffectStructure
  let options: DemeaningOptions

  /// The demeaned variables, their fixed-effect coefficients, and what the solver did.
  struct Output {
    var demeaned: [[Double]]
    var coefficients: [[[Double]]]
    var report: DemeaningReport
  }

  /// Demeans every variable.
  ///
  /// - Throws: ``FixedEffectsError/notConverged(method:iterations:tolerance:)``.
  /// - Complexity: O(n × dimensions × iterations) per variable.
  func demean(_ variables: [[Double]]) throws -> Output {
    let cg: SchurConjugateGradient? =
      structure.dimensions >= 2 && options.method != .alternatingProjections
      ? SchurConjugateGradient(structure: structure) : nil
    let results = try ParallelMap.map(variables.count) { j in
      try demeanOne(variables[j], cg: cg)
    }
    return Output(
      demeaned: results.map(\.0), coefficients: results.map(\.1),
      report: DemeaningReport(methods: results.map(\.2), iterations: results.map(\.3)))
  }

  private func demeanOne(_ x: [Double], cg: SchurConjugateGradient?) throws -> (
    [Double], [[Double]], String, Int
  ) {
    let projector = FixedEffectProjector(structure: structure)
    let sums = x.withUnsafeBufferPointer { xp in
      (0..<structure.dimensions).map { projector.groupSums(xp, dimension: $0) }
    }
    var coefficients: [[Double]]
    var method: String
    var iterations = 0
    if structure.dimensions == 1 {
      coefficients = [zip(sums[0], structure.groupWeights[0]).map { $0 / $1 }]
      method = "closed-form"
    } else {
      let zero = structure.levelCounts.map { [Double](repeating: 0, count: $0) }
      var start = zero
      var done = false
      method = DemeaningOptions.Method.alternatingProjections.rawValue
      if options.method != .conjugateGradient {
        let ap = AlternatingProjections(structure: structure)
        let cap = options.method == .automatic ? min(options.switchIterations, options.maxIterations) : options.maxIterations
        let outcome = ap.solve(groupSums: sums, start: zero, tolerance: options.tolerance, maxIterations: cap)
        iterations = outcome.iterations
        start = outcome.coefficients
        done = outcome.converged
      }
      if !done, let cg {
        method = DemeaningOptions.Method.conjugateGradient.rawValue
        let outcome = x.withUnsafeBufferPointer { xp in
          cg.solve(
            x: xp, groupSums: sums, start: start, tolerance: options.tolerance,
            maxIterations: max(options.maxIterations - iterations, 1))
        }
        iterations += outcome.iterations
        start = outcome.coefficients
        done = outcome.converged
      }
      guard done else {
        throw FixedEffectsError.notConverged(method: method, iterations: iterations, tolerance: options.tolerance)
      }
      coefficients = start
    }
    var out = x
    out.withUnsafeMutableBufferPointer { projector.subtractFixedEffects(from: $0, coefficients: coefficients) }
    return (out, coefficients, method, iterations)
  }
}
