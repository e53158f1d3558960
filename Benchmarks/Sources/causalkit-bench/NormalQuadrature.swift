import Foundation

/// Expectations over a standard normal variable by the trapezoidal rule on `[−L, L]`, used for
/// the true effects of the nonlinear coverage designs.
///
/// For an integrand `φ(z) f(z)` with `f` analytic in a strip `|Im z| < d` (a logistic function
/// of `b z + c` has its nearest poles at `|Im z| = π / |b|`), the trapezoidal rule with step `h`
/// converges geometrically, with error of order `e^{−2π d / h}`, and truncation at `L = 10`
/// costs `φ(10) ≈ 10⁻²²`. With `h = 0.05` and the slopes of the designs (`|b| ≤ 1`) both are
/// below double-precision rounding; ``halfStep`` repeats a computation with `h = 0.1` so the
/// report can state the agreement.
struct NormalQuadrature: Sendable {
  /// The nodes `z_j = −L + j h`.
  let nodes: [Double]
  /// The weights `h φ(z_j)` (the trapezoid's end weights are negligible at `L = 10`).
  let weights: [Double]

  /// A rule with step `step` on `[−limit, limit]`.
  init(step: Double = 0.05, limit: Double = 10) {
    let count = Int((2 * limit / step).rounded()) + 1
    nodes = (0..<count).map { -limit + Double($0) * step }
    let c = step / (2 * Double.pi).squareRoot()
    weights = nodes.map { c * exp(-0.5 * $0 * $0) }
  }

  /// The rule with twice the step, for an accuracy check.
  static let halfStep = NormalQuadrature(step: 0.1)

  /// `E[f(Z)]` for `Z ~ N(0, 1)`.
  func expectation(_ f: (Double) -> Double) -> Double {
    var sum = 0.0
    for (z, w) in zip(nodes, weights) { sum += w * f(z) }
    return sum
  }
}
