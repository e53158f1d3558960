import Foundation

extension SeededGenerator {
  /// A uniform `Double` in `[0, 1)`: the top 53 bits of ``next()`` times 2⁻⁵³.
  ///
  /// Every output is a multiple of 2⁻⁵³, each with probability 2⁻⁵³; the mapping is fixed by this
  /// documentation and does not depend on the Swift version.
  ///
  /// - Returns: A value in `[0, 1)`.
  /// - Complexity: O(1).
  public mutating func nextUniform() -> Double {
    Double(next() >> 11) * 0x1p-53
  }

  /// A uniform `Double` in `(0, 1]`: `(top 53 bits + 1) · 2⁻⁵³`.
  ///
  /// Use it where 0 must be excluded, e.g. `-log(u)` for an exponential draw.
  ///
  /// - Returns: A value in `(0, 1]`.
  /// - Complexity: O(1).
  public mutating func nextUniformOpenClosed() -> Double {
    Double((next() >> 11) + 1) * 0x1p-53
  }

  /// A uniform `Double` in the open interval `(0, 1)`: `(top 53 bits + ½) · 2⁻⁵³`, symmetric
  /// about ½ (so `1 − u` has the same distribution), the input to ``nextNormal()``.
  ///
  /// - Returns: A value in `(0, 1)`.
  /// - Complexity: O(1).
  public mutating func nextUniformOpen() -> Double {
    (Double(next() >> 11) + 0.5) * 0x1p-53
  }

  /// An unbiased integer in `0..<bound` by Lemire's nearly divisionless method.
  ///
  /// Lemire, "Fast random integer generation in an interval", ACM TOMACS 29 (2019): multiply a
  /// 64-bit draw by `bound` in 128 bits; the high word is the result unless the low word falls
  /// below `2⁶⁴ mod bound`, in which case the draw is rejected and repeated. One draw is consumed
  /// except with probability below `bound / 2⁶⁴`.
  ///
  /// - Parameter bound: The exclusive upper bound; must be at least 1.
  /// - Returns: An integer in `0..<bound`.
  /// - Throws: ``DistributionError/invalidBound(function:value:)`` when `bound < 1`.
  /// - Complexity: O(1) expected.
  public mutating func nextInt(below bound: Int) throws(DistributionError) -> Int {
    guard bound >= 1 else { throw .invalidBound(function: "SeededGenerator.nextInt(below:)", value: bound) }
    return Int(truncatingIfNeeded: nextUInt64(below: UInt64(bound)))
  }

  /// Lemire's method on a positive `UInt64` bound (the caller guarantees `bound ≥ 1`).
  mutating func nextUInt64(below bound: UInt64) -> UInt64 {
    var product = next().multipliedFullWidth(by: bound)
    if product.low < bound {
      let threshold = (0 &- bound) % bound
      while product.low < threshold {
        product = next().multipliedFullWidth(by: bound)
      }
    }
    return product.high
  }

  /// A standard normal draw by inversion: `Φ⁻¹(u)` with `u` from ``nextUniformOpen()`` and Φ⁻¹ from
  /// Wichura's AS 241 (``SpecialFunctions/normalQuantile(_:upperTail:)``).
  ///
  /// Inversion uses exactly one 64-bit draw per normal and CausalKit's own quantile code, so the
  /// sequence does not depend on the Swift version (unlike rejection methods, whose draw count
  /// varies). The central branch of AS 241 (85% of draws) is pure arithmetic and bit-identical
  /// everywhere; the tail branch also calls the C library's `log`, which is correctly rounded in
  /// practice on glibc and Apple platforms but not guaranteed by a standard, so a last-bit
  /// difference there is possible on an unusual libm. The extreme outputs are about ±8.3
  /// (at `u = 2⁻⁵⁴`).
  ///
  /// - Returns: A draw from N(0, 1).
  /// - Complexity: O(1).
  public mutating func nextNormal() -> Double {
    SpecialFunctions.normalQuantile(nextUniformOpen())
  }

  /// A Rademacher draw: +1 or −1 with probability ½ each, from the top bit of ``next()``.
  ///
  /// Used by the wild bootstrap (Rademacher weights).
  ///
  /// - Returns: `1.0` or `-1.0`.
  /// - Complexity: O(1).
  public mutating func nextRademacher() -> Double {
    next() >> 63 == 1 ? 1 : -1
  }
}
