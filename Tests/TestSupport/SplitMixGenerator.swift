import Foundation

/// SplitMix64, a small deterministic generator for test data in targets that do not see
/// CausalCore's `SeededGenerator` (or should not depend on it).
public struct SplitMixGenerator: RandomNumberGenerator {
  /// The generator's state, advanced by each draw.
  public var state: UInt64

  /// A generator starting from `state`.
  public init(state: UInt64) { self.state = state }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// Uniform on [0, 1).
  public mutating func uniform() -> Double { Double(next() >> 11) / Double(UInt64(1) << 53) }

  /// Standard normal by Box–Muller.
  public mutating func normal() -> Double {
    let u = max(uniform(), 1e-300), v = uniform()
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * v)
  }
}
