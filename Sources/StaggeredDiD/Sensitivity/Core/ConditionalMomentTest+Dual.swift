import Foundation

extension ConditionalMomentTest {
  /// `v_lo`, `v_up` and `σ_γ` when the dual vertex `γ` is degenerate (HonestDiD's
  /// `.lp_dual_fn` and `.vlo_vup_dual_fn`, ARP's Algorithm 1).
  ///
  /// Along the line `y(c) = s + b c`, `b = Rγ / γᵀRγ` and `s = y − b γᵀy`, the statistic is
  /// `max_λ λᵀy(c)` and equals `c` exactly while `γ` stays optimal; `[v_lo, v_up]` is that range
  /// of `c`. Each end is found as HonestDiD does: start beyond `max(100, η ± 20σ)` (infinite if
  /// `γ` is still optimal there), take up to ten steps `c ← λᵀs / (1 − λᵀb)` with `λ` the
  /// program's vertex at the last `c` (exact once the right vertex is hit), and fall back to
  /// bisection to 1e-6 when those do not land on a point where `γ` is optimal (checked to
  /// 1e-6).
  ///
  /// - Returns: The range and `σ_γ`, or `nil` when `γᵀRγ` is zero (then HonestDiD rejects iff
  ///   `η > 0`).
  /// - Complexity: A few linear programs, at most about 40 per end.
  func dualTruncation(y: [Double], gamma: [Double], eta: Double) -> (lower: Double, upper: Double, sd: Double)? {
    let m = moments.count
    let r = moments.correlation
    let rGamma = (0..<m).map { i in (0..<m).reduce(0) { $0 + r[i * m + $1] * gamma[$1] } }
    let variance = (0..<m).reduce(0) { $0 + gamma[$1] * rGamma[$1] }
    guard abs(variance) >= Double.ulpOfOne, variance > 0 else { return nil }
    let b = rGamma.map { $0 / variance }
    let gammaY = (0..<m).reduce(0) { $0 + gamma[$1] * y[$1] }
    let s = (0..<m).map { y[$0] - b[$0] * gammaY }
    let sd = variance.squareRoot()
    /// Whether γ is optimal at c (the program's value equals c), with the program's vertex.
    func check(_ c: Double) -> (optimal: Bool, vertex: [Double]?) {
      guard let solution = dual((0..<m).map { s[$0] + b[$0] * c }) else { return (false, nil) }
      return (abs(c - solution.value) <= 1e-6, solution.vertex)
    }
    /// The next point of the shortcut, `λᵀs / (1 − λᵀb)`, or `nil` when undefined.
    func shortcut(_ vertex: [Double]?) -> Double? {
      guard let vertex else { return nil }
      var (ls, lb) = (0.0, 0.0)
      for i in 0..<m {
        ls += vertex[i] * s[i]
        lb += vertex[i] * b[i]
      }
      if abs(ls) < pow(Double.ulpOfOne, 0.75) { ls = 0 }  // HonestDiD's .roundeps
      let next = ls / (1 - lb)
      return next.isFinite ? next : nil
    }
    guard check(eta).optimal else { return (eta, .infinity, sd) }
    /// One end: `start` beyond it, `inside` a point where γ is optimal.
    func end(start: Double, inside: Double) -> Double {
      let first = check(start)
      if first.optimal { return start > inside ? .infinity : -.infinity }
      var point = shortcut(first.vertex)
      var iterations = 1
      var outside = start
      while let c = point {
        let result = check(c)
        if result.optimal { return c }
        outside = c
        iterations += 1
        if iterations >= 10 { break }
        point = shortcut(result.vertex)
      }
      // Bisection between a point where γ is optimal and one where it is not.
      var (good, bad) = (inside, outside)
      var mid = bad
      while abs(bad - good) > 1e-6, iterations < 10_000 {
        iterations += 1
        mid = 0.5 * (good + bad)
        if check(mid).optimal { good = mid } else { bad = mid }
      }
      return mid
    }
    let upper = end(start: max(100, eta + 20 * sd), inside: eta)
    let lower = end(start: min(-100, eta - 20 * sd), inside: eta)
    return (lower, upper, sd)
  }
}
