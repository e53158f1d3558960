/// Exact conversion of a decimal `w × 10^q` to the nearest double (ties to even) by the
/// Eisel-Lemire algorithm (D. Lemire, "Number Parsing at a Gigabyte per Second", Software:
/// Practice and Experience 51, 2021), written from the paper.
///
/// The decimal's value is `w · 5^q · 2^q`. With `w` shifted left until its top bit is set and
/// `T(q)` the 128-bit truncated power of five from ``PowersOfFive``, the top 64 bits of the
/// 192-bit product `w · T(q)` hold the leading 63 or 64 bits of the value: 53 for the double's
/// significand, one rounding bit, and 9 or 10 bits below them. Only when those lowest 9 bits
/// are all ones can a carry from the discarded part of the product reach the rounding bit;
/// then the low word of `T(q)` is multiplied in as well, and when even the 128-bit product
/// leaves it open the conversion answers `nil` ("cannot decide").
///
/// Error bound: `T(q)` is below the true scaled power by less than one unit, so the computed
/// top 128 bits are below the exact ones by less than 2⁶⁴ units of the low word after one
/// multiplication and by less than 2 units after two. The result is therefore never larger
/// than the exact value, and equal to it exactly when `T(q)` is exact and nothing was dropped
/// (0 ≤ q ≤ 27, where the low word of `T(q)` is zero). An exact tie between two doubles is an
/// odd 54-bit integer times a power of two; with q ≥ 0 that needs 5^q to divide the odd
/// integer (q ≤ 23), and with q < 0 it needs `w` < 2⁶⁴ to hold both 5^−q and the odd integer
/// (q ≥ −4). Ties with q ≥ 0 are detected exactly and rounded to even.
///
/// With q < 0 the table is inexact, so a decimal whose value is exactly a dyadic rational (a
/// double such as `1284801260370758.0`, or a tie such as `4503599627370496.5`) gives a product
/// just below a boundary with all ones beneath it, and Eisel-Lemire cannot decide. For
/// −27 ≤ q < 0 that happens only when 5^−q divides `w` (otherwise the value is at least
/// 5^−q ≥ 2⁻⁶³ of a grid step away from every boundary, far outside the error), and then
/// ``exactDyadic(_:_:)`` converts `w / 5^−q × 2^q` exactly. What remains undecided, left to
/// the caller, is a near-tie within about 2⁻⁷² of a rounding step: so rare that random
/// 17-digit input never meets it.
enum DecimalToDouble {
  /// The bit pattern of `+infinity`.
  private static let infinityBits: UInt64 = 0x7FF0_0000_0000_0000

  /// The bit pattern of the double nearest `w × 10^q` (a positive value, or `+0`, or
  /// `+infinity`), or `nil` when the algorithm cannot decide the rounding.
  ///
  /// Values below half the smallest subnormal become `+0`; values that round beyond the
  /// largest finite double become `+infinity`; subnormal results are rounded correctly
  /// (an exact tie cannot occur there).
  ///
  /// - Parameters:
  ///   - w: The decimal significand.
  ///   - q: The power of ten.
  /// - Complexity: O(1): one or two 64×64→128-bit multiplications.
  @inline(__always)
  static func eiselLemire(_ w: UInt64, _ q: Int) -> UInt64? {
    // w · 10^q ≤ (2⁶⁴ − 1) · 10⁻³⁴³ < 2⁻¹⁰⁷⁵, half the smallest subnormal; w · 10³⁰⁹ > max.
    if w == 0 || q < PowersOfFive.smallestExponent { return 0 }
    if q > PowersOfFive.largestExponent { return infinityBits }
    let lz = w.leadingZeroBitCount
    let normalized = w &<< UInt64(lz)
    let index = (q &- PowersOfFive.smallestExponent) &* 2
    let (high, low) = PowersOfFive.words.withUnsafeBufferPointer { ($0[index], $0[index &+ 1]) }
    var (hi, lo) = normalized.multipliedFullWidth(by: high)
    // A carry from the rest of the product changes bits 9 and above only when bits 0-8 of `hi`
    // are all ones; then the low word of T(q) is multiplied in too.
    if hi & 0x1FF == 0x1FF {
      let (yHi, yLo) = normalized.multipliedFullWidth(by: low)
      let (mergedLo, carry) = lo.addingReportingOverflow(yHi)
      let mergedHi = hi &+ (carry ? 1 : 0)
      // The product is still short by less than two units of `lo`: it can carry into `hi` only
      // when `lo` is all ones and `yLo` plus the error (less than `normalized`) reaches 2⁶⁴.
      if mergedHi & 0x1FF == 0x1FF, mergedLo == .max, yLo.addingReportingOverflow(normalized).overflow {
        return nil
      }
      hi = mergedHi
      lo = mergedLo
    }
    let upper = Int(truncatingIfNeeded: hi &>> 63)
    let shift = UInt64(upper &+ 9)
    // 54 bits: the significand and one rounding bit.
    var mantissa = hi &>> shift
    // The biased binary exponent of a normal result: ⌊q · log₂ 10⌋ + 1086 + upper − lz.
    var power2 = ((217_706 &* q) &>> 16) &+ 1086 &+ upper &- lz
    if power2 <= 0 {
      // Subnormal: drop 1 − power2 more bits than a normal result. No exact tie is possible
      // this small, and the computed product is never above the exact one, so a set rounding
      // bit means "round up".
      let drop = 1 &- power2
      if drop >= 64 { return 0 }
      mantissa &>>= UInt64(drop)
      mantissa &+= mantissa & 1
      mantissa &>>= 1
      // 2⁵² here is the smallest normal double, whose bit pattern is also 2⁵².
      return mantissa
    }
    // An exact tie (rounding bit set, nothing below it, exact product) with an even
    // significand rounds down; every other set rounding bit rounds up.
    if lo == 0, q >= 0, q <= 23, mantissa & 3 == 1, mantissa &<< shift == hi {
      mantissa &= ~1
    }
    mantissa &+= mantissa & 1
    mantissa &>>= 1
    if mantissa >= 1 << 53 {
      mantissa = 1 << 52
      power2 &+= 1
    }
    if power2 >= 0x7FF { return infinityBits }
    return UInt64(truncatingIfNeeded: power2) &<< 52 | (mantissa & 0x000F_FFFF_FFFF_FFFF)
  }

  /// The bit pattern of the double equal to or nearest `w × 10^q` when −27 ≤ q < 0 and 5^−q
  /// divides `w`, so that the value is the integer `w / 5^−q` times 2^q; otherwise `nil`.
  ///
  /// The conversion of the integer to a double rounds once, to nearest with ties to even, and
  /// the scaling by 2^q (at least 2⁻²⁷, far from the subnormal range) is exact.
  ///
  /// - Complexity: O(|q|), on the rare path only.
  static func exactDyadic(_ w: UInt64, _ q: Int) -> UInt64? {
    guard q < 0, q >= -27 else { return nil }
    var power: UInt64 = 1
    for _ in 0..<(-q) { power &*= 5 }  // 5²⁷ < 2⁶⁴
    let (quotient, remainder) = w.quotientAndRemainder(dividingBy: power)
    guard remainder == 0 else { return nil }
    return Double(sign: .plus, exponent: q, significand: Double(quotient)).bitPattern
  }

  /// The bit pattern of the double nearest `w × 10^q` by ``eiselLemire(_:_:)``, or when that
  /// cannot decide by ``exactDyadic(_:_:)``; `nil` when neither can.
  ///
  /// - Complexity: O(1) (O(|q|) on the rare second path).
  @inline(__always)
  static func nearest(_ w: UInt64, _ q: Int) -> UInt64? {
    if let bits = eiselLemire(w, q) { return bits }
    return exactDyadic(w, q)
  }

  /// The bit pattern of the double nearest the scanned decimal `mantissa × 10^exponent`
  /// (without its sign), or `nil` when it cannot be decided here.
  ///
  /// When `truncated` is true the decimal had more than 19 significant digits and its exact
  /// value lies strictly between `mantissa × 10^exponent` and `(mantissa + 1) × 10^exponent`;
  /// rounding is monotonic, so when both bounds round to the same double that double is the
  /// answer, and otherwise the answer is `nil`.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  static func bitPattern(mantissa: UInt64, exponent: Int, truncated: Bool) -> UInt64? {
    guard let bits = nearest(mantissa, exponent) else { return nil }
    if truncated {
      guard mantissa < .max, let above = nearest(mantissa &+ 1, exponent), above == bits else { return nil }
    }
    return bits
  }
}
