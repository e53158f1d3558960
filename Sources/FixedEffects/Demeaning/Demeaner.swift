import CausalCore
import LinearAlgebra

/// Projects the fixed effects out of a set of variables (the "within" transformation).
///
/// For each variable x it finds the fixed-effect coefficients a that minimise
/// `Σ wᵢ (xᵢ − Σ_d a_d[c_d(i)])²` and returns the residual `x − Σ_d a_d[c_d(i)]`. By the
/// Frisch-Waugh-Lovell theorem, regressing the demeaned outcome on the demeaned regressors
/// gives the fixed-effects slopes. All variables share each pass over the observations, and
/// the passes run in parallel over fixed chunks of levels, so the result of every variable is
/// identical whatever the number of threads and whichever other variables are demeaned with it.
struct Demeaner: Sendable {
  let structure: FixedEffectStructure
  let options: DemeaningOptions

  /// The fixed-effect coefficients of the demeaned variables, and what the solver did.
  struct Output {
    /// Per dimension, the coefficients of all variables interleaved (level g, variable j at
    /// `g·m + j`).
    var coefficients: [NumericBuffer<Double>]
    var report: DemeaningReport

    /// Variable j's coefficients, one array per dimension.
    func coefficients(ofVariable j: Int, count m: Int) -> [[Double]] {
      coefficients.map { buffer in stride(from: j, to: buffer.count, by: m).map { buffer.base[$0] } }
    }
  }

  /// Demeans every column of `variables` in place.
  ///
  /// - Parameter variables: An n × m matrix, one variable per column.
  /// - Throws: ``FixedEffectsError/notConverged(method:iterations:tolerance:)``.
  /// - Complexity: O(n × dimensions² × iterations) for all variables together.
  func demean(_ variables: inout Matrix) throws -> Output {
    let m = variables.columns
    guard m > 0, variables.rows == structure.count, structure.count > 0 else {
      return Output(coefficients: [], report: DemeaningReport(methods: [], iterations: []))
    }
    return try variables.elements.withUnsafeMutableBufferPointer { buffer in
      guard let base = buffer.baseAddress else {
        return Output(coefficients: [], report: DemeaningReport(methods: [], iterations: []))
      }
      let pointer = SharedPointer(base)
      let output = try solve(pointer, count: m)
      FixedEffectProjector(structure: structure).subtractFixedEffects(from: pointer, count: m, coefficients: output.coefficients)
      return output
    }
  }

  /// Finds the fixed-effect coefficients of m variables stored column after column at `x`.
  private func solve(_ x: SharedPointer<Double>, count m: Int) throws -> Output {
    let projector = FixedEffectProjector(structure: structure)
    let sums = (0..<structure.dimensions).map { projector.groupSums(x, count: m, dimension: $0) }
    var coefficients = structure.levelCounts.map { NumericBuffer<Double>(count: $0 * m, repeating: 0) }
    var methods = [String](repeating: "closed-form", count: m)
    var iterations = [Int](repeating: 0, count: m)
    if structure.dimensions == 1 {
      let w = structure.groupWeights[0].base
      for g in 0..<structure.levelCounts[0] {
        for j in 0..<m { coefficients[0].base[g * m + j] = sums[0].base[g * m + j] / w[g] }
      }
      return Output(coefficients: coefficients, report: DemeaningReport(methods: methods, iterations: iterations))
    }
    var converged = [Bool](repeating: false, count: m)
    if options.method != .conjugateGradient {
      let cap = options.method == .automatic ? min(options.switchIterations, options.maxIterations) : options.maxIterations
      let outcome = AlternatingProjections(structure: structure).solve(
        groupSums: sums, start: coefficients, variables: m, tolerance: options.tolerance, maxIterations: cap)
      coefficients = outcome.coefficients
      iterations = outcome.iterations
      converged = outcome.converged
      methods = [String](repeating: DemeaningOptions.Method.alternatingProjections.rawValue, count: m)
    }
    let pending = (0..<m).filter { !converged[$0] }
    if !pending.isEmpty && options.method != .alternatingProjections {
      let k = pending.count
      let outcome = SchurConjugateGradient(structure: structure).solve(
        groupSums: sums.map { select(pending, from: $0, variables: m) },
        start: coefficients.map { select(pending, from: $0, variables: m) }, variables: k,
        tolerance: options.tolerance, maxIterations: max(options.maxIterations - (iterations.max() ?? 0), 1))
      for (local, j) in pending.enumerated() {
        for d in coefficients.indices {
          insert(local, of: k, from: outcome.coefficients[d], into: j, of: m, target: coefficients[d])
        }
        iterations[j] += outcome.iterations[local]
        converged[j] = outcome.converged[local]
        methods[j] = DemeaningOptions.Method.conjugateGradient.rawValue
      }
    }
    if let j = converged.firstIndex(of: false) {
      throw FixedEffectsError.notConverged(method: methods[j], iterations: iterations[j], tolerance: options.tolerance)
    }
    return Output(coefficients: coefficients, report: DemeaningReport(methods: methods, iterations: iterations))
  }

  /// The interleaved values of the selected variables.
  private func select(_ variables: [Int], from buffer: NumericBuffer<Double>, variables m: Int) -> NumericBuffer<Double> {
    let k = variables.count
    let levels = buffer.count / max(m, 1)
    let out = NumericBuffer<Double>(count: levels * k, repeating: 0)
    for g in 0..<levels { for (local, j) in variables.enumerated() { out.base[g * k + local] = buffer.base[g * m + j] } }
    return out
  }

  /// Copies variable `local` of a k-variable buffer into variable `j` of an m-variable one.
  private func insert(_ local: Int, of k: Int, from source: NumericBuffer<Double>, into j: Int, of m: Int, target: NumericBuffer<Double>) {
    let levels = target.count / max(m, 1)
    for g in 0..<levels { target.base[g * m + j] = source.base[g * k + local] }
  }
}
