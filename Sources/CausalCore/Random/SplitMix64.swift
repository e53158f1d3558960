/// The SplitMix64 generator and its output finalizer, used to seed and derive `SeededGenerator`s.
///
/// SplitMix64 (Steele, Lea & Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014;
/// the variant recommended by Blackman & Vigna for seeding xoshiro) advances a 64-bit counter by
/// the golden-ratio increment `0x9E3779B97F4A7C15` and returns ``mix(_:)`` of it. The finalizer is
/// a bijection of `UInt64` with strong avalanche (Stafford's "Mix13"), so distinct inputs always
/// give distinct outputs.
public struct SplitMix64: RandomNumberGenerator, Sendable, Hashable {
  /// The golden-ratio increment ⌊2⁶⁴/φ⌋, made odd.
  public static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15

  /// The counter; the next output is `mix(state &+ increment)`.
  public private(set) var state: UInt64

  /// Creates a generator whose counter starts at `seed`.
  ///
  /// - Parameter seed: Any 64-bit value.
  /// - Complexity: O(1).
  public init(seed: UInt64) { state = seed }

  /// The next 64-bit output.
  ///
  /// - Returns: `mix(state)` after advancing the counter.
  /// - Complexity: O(1).
  public mutating func next() -> UInt64 {
    state &+= Self.increment
    return Self.mix(state)
  }

  /// The SplitMix64 finalizer: `z ^= z >> 30; z *= 0xBF58476D1CE4E5B9; z ^= z >> 27;
  /// z *= 0x94D049BB133111EB; z ^= z >> 31` — a bijection on `UInt64`.
  ///
  /// - Parameter value: Any 64-bit value.
  /// - Returns: The mixed value.
  /// - Complexity: O(1).
  @inlinable
  public static func mix(_ value: UInt64) -> UInt64 {
    var z = value
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }
}
