/// The fitted restriction `Rβ = r` that both wild bootstrap kernels (`WildBootstrapKernel`,
/// `WildHeteroskedasticKernel`) start from: `q = A R'`, `R q`, `Rβ̂`, its standard error
/// `√(R V R')` and the t statistic of the original data.
///
/// `A = (X̃'X̃)⁻¹` and `V` are the design's bread and the fit's robust (clustered or
/// heteroskedasticity-robust) variance, both row-major `k × k`.
struct WildRestriction: Sendable {
  /// `q = A R'`.
  let q: [Double]
  /// `R q = R A R'`.
  let rq: Double
  /// `R V R'`, the variance of `Rβ̂`.
  let variance: Double
  /// `Rβ̂`.
  let estimate: Double
  /// The tested value `r`.
  let value: Double

  /// `√(R V R')`, the standard error of `Rβ̂`.
  var standardError: Double { variance.squareRoot() }
  /// `(Rβ̂ − r) / √(R V R')`.
  var statistic: Double { (estimate - value) / variance.squareRoot() }

  /// Reduces the restriction `row · β = value` with the design's `A`, `V` and `β̂`.
  ///
  /// - Throws: ``WildBootstrapError/degenerateVariance`` when `R V R'` or `R q` is not
  ///   positive and finite.
  /// - Complexity: O(k²).
  init(row: [Double], value: Double, beta: [Double], bread: [Double], variance: [Double]) throws {
    let k = beta.count
    var q = [Double](repeating: 0, count: k)
    for i in 0..<k { for j in 0..<k { q[i] += bread[i * k + j] * row[j] } }
    var rvr = 0.0
    for i in 0..<k { for j in 0..<k { rvr += row[i] * variance[i * k + j] * row[j] } }
    let rq = zip(row, q).reduce(0) { $0 + $1.0 * $1.1 }
    guard rvr > 0, rvr.isFinite, rq > 0, rq.isFinite else { throw WildBootstrapError.degenerateVariance }
    self.q = q
    self.rq = rq
    self.variance = rvr
    self.estimate = zip(row, beta).reduce(0) { $0 + $1.0 * $1.1 }
    self.value = value
  }
}
