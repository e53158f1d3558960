import CausalCore
import LinearAlgebra

/// A binary regression problem after validation: 0/1 response, design with the kept columns,
/// optional positive prior weights.
struct BinaryProblem: Sendable {
  /// The response, each 0 or 1.
  var response: [Double]
  /// The design, `n × k`, column-major.
  var design: Matrix
  /// Prior weights, or `nil` for 1.
  var weights: [Double]?

  var n: Int { design.rows }
  var k: Int { design.columns }
}

/// What one pass over the data returns: the log-likelihood at the current linear predictor,
/// the information `XᵀWX` and the right-hand side.
struct PassResult {
  /// `Σ wᵢ log P(Yᵢ = yᵢ)`.
  var logLikelihood: Double
  /// `XᵀWX`, symmetric, with the Newton weights at this linear predictor (the observed
  /// information; for the logit also the expected information).
  var information: Matrix
  /// `Xᵀu` (the score) at coefficients, or `Xᵀ(Wη₀ + u)` for the starting pass.
  var rhs: [Double]
}

/// One Newton pass: for every row, the linear predictor, the log-likelihood contribution, the
/// Newton weight (observed information) and the score, accumulated into `XᵀWX` and `Xᵀu` in
/// the same sweep over the design (the design is read once per pass).
///
/// Rows are split into fixed blocks of ``CrossProductKernels/blockRows``, grouped into at most
/// ``maxChunks`` chunks of consecutive blocks; chunks run on all cores and their partial sums
/// are added in chunk order, so the result does not depend on the number of threads.
package enum IRLSPass {
  /// The number of chunks of consecutive blocks that run concurrently (each with its own
  /// partial sums), fixed so that results do not depend on the number of cores.
  static let maxChunks = 32

  /// Runs a pass.
  ///
  /// - Parameters:
  ///   - beta: The coefficients; `nil` for the starting pass, where R's binomial start
  ///     `μ₀ = (w y + 0.5)/(w + 1)`, `η₀ = F⁻¹(μ₀)` is used and the right-hand side is
  ///     `Xᵀ(W η₀ + u)` (the working response of the first weighted least squares).
  ///   - eta: Receives the linear predictor of every row (length n).
  static func run(_ problem: BinaryProblem, link: LinkFunction, beta: [Double]?, eta: inout [Double]) -> PassResult {
    let n = problem.n, k = problem.k
    let blockRows = CrossProductKernels.blockRows
    let blocks = (n + blockRows - 1) / blockRows
    let chunks = min(blocks, maxChunks)
    let stride = k * k + k + 1
    var partial = [Double](repeating: 0, count: max(chunks, 1) * stride)
    let starting = beta == nil
    let coefficients = beta ?? [Double](repeating: 0, count: k)
    let weights = problem.weights ?? []
    let weighted = problem.weights != nil
    problem.design.elements.withUnsafeBufferPointer { xp in
      problem.response.withUnsafeBufferPointer { yp in
        coefficients.withUnsafeBufferPointer { bp in
          weights.withUnsafeBufferPointer { wp in
            eta.withUnsafeMutableBufferPointer { ep in
              partial.withUnsafeMutableBufferPointer { pp in
                guard let xBase = xp.baseAddress, let yBase = yp.baseAddress, let bBase = bp.baseAddress,
                  let eBase = ep.baseAddress, let pBase = pp.baseAddress
                else { return }
                let x = SharedReadPointer(xBase), y = SharedReadPointer(yBase), b = SharedReadPointer(bBase)
                let e = SharedPointer(eBase), out = SharedPointer(pBase)
                let w = weighted ? wp.baseAddress.map { SharedReadPointer($0) } : nil
                ParallelChunks.run(chunks) { chunk in
                  let scratch = UnsafeMutablePointer<Double>.allocate(capacity: 3 * blockRows)
                  defer { scratch.deallocate() }
                  for index in (chunk * blocks / chunks)..<((chunk + 1) * blocks / chunks) {
                    let start = index * blockRows
                    block(
                      link: link, x: x.base, n: n, k: k, start: start, count: min(blockRows, n - start),
                      y: y.base + start, w: w.map { $0.base + start }, beta: starting ? nil : b.base,
                      eta: e.base + start, scratch: scratch, out: out.base + chunk * stride)
                  }
                }
              }
            }
          }
        }
      }
    }
    // Add the chunk results in order.
    var info = Matrix(rows: k, columns: k)
    var rhs = [Double](repeating: 0, count: k)
    var logLik = 0.0
    for block in 0..<chunks {
      let base = block * stride
      for a in 0..<k {
        for c in a..<k { info.elements[a + c * k] += partial[base + a + c * k] }
        rhs[a] += partial[base + k * k + a]
      }
      logLik += partial[base + k * k + k]
    }
    info.symmetrizeFromUpper()
    return PassResult(logLikelihood: logLik, information: info, rhs: rhs)
  }

  /// One block: adds to `out` the upper triangle of `XᵀWX` (k·k), then `Xᵀu` (k), then the
  /// log-likelihood (1). `scratch` holds at least `3m` doubles.
  private static func block(
    link: LinkFunction, x: UnsafePointer<Double>, n: Int, k: Int, start: Int, count m: Int,
    y: UnsafePointer<Double>, w: UnsafePointer<Double>?, beta: UnsafePointer<Double>?,
    eta: UnsafeMutablePointer<Double>, scratch: UnsafeMutablePointer<Double>, out: UnsafeMutablePointer<Double>
  ) {
    let weight = scratch, score = scratch + m, t = scratch + 2 * m
    if let beta {
      CrossProductKernels.linearPredictor(x: x, n: n, k: k, start: start, count: m, beta: beta, eta: eta)
    } else {
      for i in 0..<m {
        let wi = w?[i] ?? 1
        eta[i] = link.linearPredictor(probability: (wi * y[i] + 0.5) / (wi + 1))
      }
    }
    var logLik = 0.0
    // One loop per link, so that each link's terms are inlined into its own loop.
    @inline(__always) func accumulate(_ termsAt: (_ eta: Double, _ y: Double, _ w: Double) -> ObservationTerms) {
      for i in 0..<m {
        let terms = termsAt(eta[i], y[i], w?[i] ?? 1)
        logLik += terms.logLikelihood
        weight[i] = terms.newtonWeight
        score[i] = terms.score
      }
    }
    switch link {
    case .logit: accumulate(LinkFunction.logitTerms)
    case .probit: accumulate(LinkFunction.probitTerms)
    }

    if beta == nil {
      for i in 0..<m { score[i] += weight[i] * eta[i] }
    }
    CrossProductKernels.addWeightedGram(x: x, n: n, k: k, start: start, count: m, v: weight, scratch: t, out: out)
    CrossProductKernels.addProducts(x: x, n: n, k: k, start: start, count: m, v: score, out: out + k * k)
    out[k * k + k] += logLik
  }

  /// `Xᵀ diag(v) X` over all rows (symmetric), in parallel blocks; `v == nil` means all ones.
  /// Used by the logit's variance and by StaggeredDiD's nuisance models (rows outside a
  /// subsample get `v = 0`).
  ///
  /// - Parameters:
  ///   - design: The `n × k` design, column-major.
  ///   - v: One weight per row, or `nil`.
  /// - Returns: The `k × k` weighted cross-product, the same whatever the number of threads.
  /// - Complexity: O(n k²).
  package static func weightedGram(_ design: Matrix, _ v: [Double]?) -> Matrix {
    let n = design.rows, k = design.columns
    let blockRows = CrossProductKernels.blockRows
    let blocks = (n + blockRows - 1) / blockRows
    let chunks = min(blocks, maxChunks)
    var partial = [Double](repeating: 0, count: max(chunks, 1) * k * k)
    let ones = v == nil ? [Double](repeating: 1, count: min(n, blockRows)) : []
    design.elements.withUnsafeBufferPointer { xp in
      (v ?? ones).withUnsafeBufferPointer { vp in
        partial.withUnsafeMutableBufferPointer { pp in
          guard let xb = xp.baseAddress, let vb = vp.baseAddress, let pb = pp.baseAddress else { return }
          let x = SharedReadPointer(xb), vs = SharedReadPointer(vb), out = SharedPointer(pb)
          let unweighted = v == nil
          ParallelChunks.run(chunks) { chunk in
            let t = UnsafeMutablePointer<Double>.allocate(capacity: blockRows)
            defer { t.deallocate() }
            for block in (chunk * blocks / chunks)..<((chunk + 1) * blocks / chunks) {
              let start = block * blockRows
              CrossProductKernels.addWeightedGram(
                x: x.base, n: n, k: k, start: start, count: min(blockRows, n - start),
                v: unweighted ? vs.base : vs.base + start, scratch: t, out: out.base + chunk * k * k)
            }
          }
        }
      }
    }
    var g = Matrix(rows: k, columns: k)
    for chunk in 0..<chunks {
      for a in 0..<k { for c in a..<k { g.elements[a + c * k] += partial[chunk * k * k + a + c * k] } }
    }
    g.symmetrizeFromUpper()
    return g
  }
}
