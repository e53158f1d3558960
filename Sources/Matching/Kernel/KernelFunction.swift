import Foundation

/// The kernel of kernel matching, evaluated at `u = (d_c − d_t) / h`.
///
/// The normalizing constants cancel in the kernel weights (each focal unit's weights are
/// divided by their sum), so any positive multiple of a kernel gives the same weights.
public enum KernelFunction: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
  /// `K(u) = ¾ (1 − u²)` for `|u| < 1`, else 0 (Stata psmatch2's default kernel).
  case epanechnikov
  /// `K(u) = exp(−u²/2) / √(2π)`; every candidate gets a positive weight.
  case gaussian

  /// The kernel's value at `u`.
  ///
  /// - Parameter u: The scaled distance.
  /// - Returns: `K(u)`.
  public func value(at u: Double) -> Double {
    switch self {
    case .epanechnikov:
      return abs(u) < 1 ? 0.75 * (1 - u * u) : 0
    case .gaussian:
      return exp(-0.5 * u * u) / (2 * Double.pi).squareRoot()
    }
  }

  /// Half-width of the support in units of `h` (`nil` for unbounded support).
  var support: Double? {
    switch self {
    case .epanechnikov: return 1
    case .gaussian: return nil
    }
  }
}
