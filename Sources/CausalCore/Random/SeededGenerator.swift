/// A fast, seedable, splittable pseudorandom generator whose output is identical on every platform
/// and Swift version: xoshiro256** seeded through SplitMix64.
///
/// xoshiro256** is from Blackman & Vigna, "Scrambled linear pseudorandom number generators", ACM
/// TOMS 47 (2021): 256 bits of state, period 2²⁵⁶ − 1, output scrambler `rotl(s₁ · 5, 7) · 9`.
/// As its authors recommend, the four state words are the first four outputs of ``SplitMix64``
/// started at the seed (which can never all be zero, because the SplitMix64 finalizer is a
/// bijection applied to four distinct counters).
///
/// Reproducibility rules for CausalKit code: draw through this type's own mappings —
/// ``nextUniform()``, ``nextInt(below:)``, ``nextNormal()``, ``nextRademacher()`` — never through
/// the standard library's `Double.random(in:using:)` or `Int.random(in:using:)`, whose mapping
/// from bits is not guaranteed stable across Swift versions. For parallel work use
/// ``derived(stream:)``: replicate `r` of a bootstrap takes `root.derived(stream: r)`, so its draws
/// depend only on `(seed, r)`, never on the thread count or scheduling.
///
/// ```swift
/// let root = SeededGenerator(seed: 42)
/// var rng = root.derived(stream: 7)   // replicate 7's own stream
/// let u = rng.nextUniform()           // Double in [0, 1)
/// let k = try rng.nextInt(below: 10)  // 0..<10, unbiased
/// ```
public struct SeededGenerator: RandomNumberGenerator, Sendable, Hashable {
  /// The seed this generator was created from (for a derived generator, its derived seed).
  public let seed: UInt64
  /// The four xoshiro256 state words.
  public private(set) var state: (UInt64, UInt64, UInt64, UInt64)

  /// Creates a generator from a 64-bit seed.
  ///
  /// - Parameter seed: Any value; equal seeds give equal sequences everywhere.
  /// - Complexity: O(1).
  public init(seed: UInt64) {
    self.seed = seed
    var mixer = SplitMix64(seed: seed)
    state = (mixer.next(), mixer.next(), mixer.next(), mixer.next())
  }

  /// The next 64 random bits (xoshiro256**).
  ///
  /// - Returns: A uniformly distributed `UInt64`.
  /// - Complexity: O(1).
  public mutating func next() -> UInt64 {
    let result = rotateLeft(state.1 &* 5, 7) &* 9
    let t = state.1 << 17
    state.2 ^= state.0
    state.3 ^= state.1
    state.1 ^= state.2
    state.0 ^= state.3
    state.2 ^= t
    state.3 = rotateLeft(state.3, 45)
    return result
  }

  /// An independent generator for stream `stream` of this generator's seed.
  ///
  /// The derived seed is `mix(mix(seed ⊕ 0x6A09E667F3BCC909) &+ (stream &+ 1) &* 0x9E3779B97F4A7C15)`
  /// with `mix` the ``SplitMix64/mix(_:)`` finalizer, and the new generator is
  /// `SeededGenerator(seed: derivedSeed)`. For a fixed seed the map from stream to derived seed is
  /// a bijection (an odd multiplier and a bijective finalizer), so distinct streams never share a
  /// seed; the result depends only on `(seed, stream)`, not on how many values were drawn.
  ///
  /// - Parameter stream: The stream index (e.g. the bootstrap replicate number).
  /// - Returns: A fresh generator for that stream.
  /// - Complexity: O(1).
  public func derived(stream: UInt64) -> SeededGenerator {
    let base = SplitMix64.mix(seed ^ 0x6A09_E667_F3BC_C909)
    return SeededGenerator(seed: SplitMix64.mix(base &+ (stream &+ 1) &* SplitMix64.increment))
  }

  /// Advances the state by 2¹²⁸ steps (the xoshiro256 jump polynomial of Blackman & Vigna).
  ///
  /// Calling it repeatedly yields up to 2¹²⁸ non-overlapping subsequences of length 2¹²⁸. The
  /// ``seed`` is unchanged, so ``derived(stream:)`` is unaffected.
  ///
  /// - Complexity: 256 steps of the generator.
  public mutating func jump() {
    let polynomial: [UInt64] = [0x180E_C6D3_3CFD_0ABA, 0xD5A6_1266_F0C9_392C, 0xA958_2618_E03F_C9AA, 0x39AB_DC45_29B1_661C]
    var acc: (UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0)
    for word in polynomial {
      for bit in 0..<64 {
        if word & (1 << UInt64(bit)) != 0 {
          acc.0 ^= state.0
          acc.1 ^= state.1
          acc.2 ^= state.2
          acc.3 ^= state.3
        }
        _ = next()
      }
    }
    state = acc
  }

  /// Two generators are equal when they have the same seed and the same current state (so they
  /// will produce the same sequence from here on).
  ///
  /// - Complexity: O(1).
  public static func == (lhs: SeededGenerator, rhs: SeededGenerator) -> Bool {
    lhs.seed == rhs.seed && lhs.state.0 == rhs.state.0 && lhs.state.1 == rhs.state.1
      && lhs.state.2 == rhs.state.2 && lhs.state.3 == rhs.state.3
  }

  /// Hashes the seed and the state, consistently with `==`.
  ///
  /// - Parameter hasher: The hasher to feed.
  /// - Complexity: O(1).
  public func hash(into hasher: inout Hasher) {
    hasher.combine(seed)
    hasher.combine(state.0)
    hasher.combine(state.1)
    hasher.combine(state.2)
    hasher.combine(state.3)
  }
}

@inline(__always)
private func rotateLeft(_ x: UInt64, _ k: UInt64) -> UInt64 {
  (x << k) | (x >> (64 - k))
}
