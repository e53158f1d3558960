/// Parsing of single CSV cells (integers, numbers, logicals) and UTF-8 validation, directly
/// from bytes.
///
/// Grammars, all exact and case-sensitive unless noted:
///
/// - integer: optional `+`/`-`, then one or more ASCII digits, with a value that fits `Int64`.
/// - number: optional sign, then digits with an optional `.` and fraction (`1`, `1.`, `.5`,
///   `1.5`), then an optional exponent `e`/`E`, optional sign, digits; or, case-insensitively,
///   `inf`, `infinity` (with optional sign) or `nan` (which reads as a missing value).
///   Hexadecimal floats and surrounding spaces are not numbers.
/// - logical: `true`, `false`, `TRUE`, `FALSE`, `True`, `False`.
///
/// Numbers are converted exactly as `Double(String)` would (nearest double, ties to even; too
/// large becomes ±infinity, too small ±0), from the scan's first 19 significant digits `w`
/// and power of ten `q`:
///
/// 1. Clinger's fast path: when no digit was dropped, `w ≤ 2⁵³` and `|q| ≤ 22`, one correctly
///    rounded IEEE multiplication or division by an exact power of ten.
/// 2. Otherwise the Eisel-Lemire algorithm (`DecimalToDouble`), exact with a 128-bit truncated
///    power of five (`PowersOfFive`); where it cannot decide because the value is exactly a
///    dyadic rational (−27 ≤ q < 0 and 5^−q divides `w`), an exact integer conversion. With
///    more than 19 significant digits both `w` and `w + 1` are converted, and the result is
///    accepted when they agree.
/// 3. When that still cannot decide (rare: near-ties within about 2⁻⁷² of a rounding step, or
///    digits beyond the 19th that decide the rounding), `Double(String)` itself.
enum CSVValueParsing {
  /// The outcome of scanning text as a number, before conversion.
  enum NumberScan {
    /// A decimal number: `mantissa` × 10^`exponent`, exact when `truncated` is false.
    case decimal(negative: Bool, mantissa: UInt64, exponent: Int, truncated: Bool)
    /// `inf` or `infinity`, with its sign.
    case infinity(negative: Bool)
    /// `nan`: a missing value.
    case nan
  }

  /// 10⁰ through 10²², all exactly representable as doubles.
  private static let powersOfTen: [Double] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
    1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
  ]

  private static let plus = UInt8(ascii: "+"), minus = UInt8(ascii: "-"), dot = UInt8(ascii: ".")

  /// An optional leading `+` or `-`: whether it is negative and where the digits start, or
  /// `nil` when there is nothing after the sign (or nothing at all).
  @inline(__always)
  static func leadingSign(_ b: UnsafeBufferPointer<UInt8>) -> (negative: Bool, start: Int)? {
    guard let first = b.first else { return nil }
    guard first == plus || first == minus else { return (false, 0) }
    return b.count > 1 ? (first == minus, 1) : nil
  }

  /// Parses an integer that fits `Int64`.
  ///
  /// - Complexity: O(n) for n bytes.
  @inline(__always)
  static func parseInt(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = b.count
    guard let (negative, start) = leadingSign(b) else { return nil }
    var i = start
    var value: UInt64 = 0
    while i < n {
      let d = b[i] &- 48
      guard d < 10 else { return nil }
      let (m, o1) = value.multipliedReportingOverflow(by: 10)
      let (s, o2) = m.addingReportingOverflow(UInt64(d))
      guard !o1, !o2 else { return nil }
      value = s
      i += 1
    }
    let limit = UInt64(Int64.max)
    if negative {
      guard value <= limit + 1 else { return nil }
      return Int(exactly: value == limit + 1 ? Int64.min : -Int64(value))
    }
    guard value <= limit else { return nil }
    return Int(exactly: Int64(value))
  }

  /// Whether the text is a number written with commas, which the reader does not convert: an
  /// optional sign, digits, one or more groups of a comma and digits, then optionally a point
  /// and digits (`1,5`, `-0,25`, `1,234`, `1,234,567.5`).
  ///
  /// - Complexity: O(n) for n bytes.
  static func isCommaNumber(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
    guard let (_, start) = leadingSign(b) else { return false }
    var i = start
    var commas = 0
    var digitsBefore = 0
    while i < b.count {
      let c = b[i]
      if c &- 48 < 10 {
        digitsBefore += 1
      } else if c == UInt8(ascii: ",") {
        guard digitsBefore > 0 else { return false }
        commas += 1
        digitsBefore = 0
      } else {
        break
      }
      i += 1
    }
    guard commas > 0, digitsBefore > 0 else { return false }
    if i == b.count { return true }
    guard b[i] == dot, i + 1 < b.count else { return false }
    for k in (i + 1)..<b.count where b[k] &- 48 >= 10 { return false }
    return true
  }

  /// Parses a logical: `true`, `false`, `TRUE`, `FALSE`, `True` or `False`.
  ///
  /// - Complexity: O(1).
  @inline(__always)
  static func parseBool(_ b: UnsafeBufferPointer<UInt8>) -> Bool? {
    switch b.count {
    case 4:
      // "true", "TRUE", "True"
      if (b[0] == 0x74 && b[1] == 0x72 && b[2] == 0x75 && b[3] == 0x65)
        || (b[0] == 0x54 && b[1] == 0x52 && b[2] == 0x55 && b[3] == 0x45)
        || (b[0] == 0x54 && b[1] == 0x72 && b[2] == 0x75 && b[3] == 0x65) { return true }
      return nil
    case 5:
      // "false", "FALSE", "False"
      if (b[0] == 0x66 && b[1] == 0x61 && b[2] == 0x6C && b[3] == 0x73 && b[4] == 0x65)
        || (b[0] == 0x46 && b[1] == 0x41 && b[2] == 0x4C && b[3] == 0x53 && b[4] == 0x45)
        || (b[0] == 0x46 && b[1] == 0x61 && b[2] == 0x6C && b[3] == 0x73 && b[4] == 0x65) { return false }
      return nil
    default:
      return nil
    }
  }

  /// Scans text as a number without converting it.
  ///
  /// - Complexity: O(n) for n bytes.
  @inline(__always)
  static func scanNumber(_ b: UnsafeBufferPointer<UInt8>) -> NumberScan? {
    scanNumeric(b)?.scan
  }

  /// Scans text as an integer or a number in one pass: the integer when the text is one (as
  /// ``parseInt(_:)`` would return it), the scanned number otherwise, or `nil` for neither.
  ///
  /// - Complexity: O(n) for n bytes.
  @inline(__always)
  static func scanIntegerOrNumber(_ b: UnsafeBufferPointer<UInt8>) -> CSVCellValue? {
    guard let (scan, plain) = scanNumeric(b) else { return nil }
    // A plain integer with at most 19 significant digits has its exact value in the mantissa;
    // one with more does not fit Int64 (the scan then kept 19 digits and `truncated` or a
    // positive exponent says so).
    if plain, case .decimal(let negative, let mantissa, 0, false) = scan {
      let limit = UInt64(Int64.max)
      if !negative, mantissa <= limit { return .int(Int(Int64(mantissa))) }
      if negative, mantissa <= limit { return .int(-Int(Int64(mantissa))) }
      if negative, mantissa == limit + 1 { return .int(Int(Int64.min)) }
    }
    return .number(scan)
  }

  /// The scan of ``scanNumber(_:)``, and whether the text is a plain integer (an optional sign
  /// and digits only).
  ///
  /// The digits are accumulated as they are read, eight at a time where possible. With at most
  /// 19 significant digits (leading zeros do not count) that is the exact significand; with
  /// more, the digits are read again by `longSignificand`, which keeps the first 19.
  ///
  /// - Complexity: O(n) for n bytes.
  @inline(__always)
  private static func scanNumeric(_ b: UnsafeBufferPointer<UInt8>) -> (scan: NumberScan, plain: Bool)? {
    let n = b.count
    guard let (negative, start) = leadingSign(b) else { return nil }
    var i = start
    let lead = b[i] | 0x20
    if lead == UInt8(ascii: "i") || lead == UInt8(ascii: "n") {
      return scanSpecial(b, from: i, negative: negative).map { ($0, false) }
    }
    var mantissa: UInt64 = 0
    let integerStart = i
    i = accumulateDigits(b, from: i, into: &mantissa)
    let integerEnd = i
    var fractionStart = i
    var plain = true
    if i < n, b[i] == dot {
      plain = false
      fractionStart = i &+ 1
      i = accumulateDigits(b, from: fractionStart, into: &mantissa)
    }
    let fractionEnd = i
    let fractionDigits = fractionEnd &- fractionStart
    let digitCount = (integerEnd &- integerStart) &+ fractionDigits
    guard digitCount > 0 else { return nil }

    var exponent = 0
    if i < n, b[i] | 0x20 == UInt8(ascii: "e") {
      plain = false
      i += 1
      var negativeExponent = false
      if i < n, b[i] == plus || b[i] == minus {
        negativeExponent = b[i] == minus
        i += 1
      }
      var e = 0
      var sawExponentDigit = false
      while i < n {
        let d = b[i] &- 48
        guard d < 10 else { break }
        sawExponentDigit = true
        if e < 100_000 { e = e * 10 + Int(d) }
        i += 1
      }
      guard sawExponentDigit else { return nil }
      exponent = negativeExponent ? -e : e
    }
    guard i == n else { return nil }
    if digitCount <= 19 || digitCount &- leadingZeros(b, from: integerStart, to: fractionEnd) <= 19 {
      return (.decimal(negative: negative, mantissa: mantissa, exponent: exponent - fractionDigits, truncated: false), plain)
    }
    let long = longSignificand(b, integer: integerStart..<integerEnd, fraction: fractionStart..<fractionEnd)
    return (.decimal(negative: negative, mantissa: long.mantissa, exponent: exponent + long.exponent,
                     truncated: long.truncated), plain)
  }

  /// Accumulates the run of ASCII digits starting at byte `start` into `value` (`value × 10 +
  /// digit` per digit, wrapping past 19 digits) and returns the offset after the run.
  ///
  /// Eight bytes at a time are tested as digits and converted together with Lemire's SWAR
  /// formula (three multiplications); the rest one at a time.
  ///
  /// - Complexity: O(k) for a run of k digits.
  @inline(__always)
  private static func accumulateDigits(_ b: UnsafeBufferPointer<UInt8>, from start: Int, into value: inout UInt64) -> Int {
    let n = b.count
    var i = start
    if let base = b.baseAddress {
      while n &- i >= 8 {
        let chunk = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
        // Every byte is 0x30...0x39: its high nibble is 3, and adding 6 keeps it 3.
        let high = chunk & 0xF0F0_F0F0_F0F0_F0F0
        let carried = (chunk &+ 0x0606_0606_0606_0606) & 0xF0F0_F0F0_F0F0_F0F0
        guard high | carried &>> 4 == 0x3333_3333_3333_3333 else { break }
        // The first byte is the lowest: pair up digits, then the pairs, in 32-bit lanes.
        var v = chunk &- 0x3030_3030_3030_3030
        v = v &* 10 &+ v &>> 8
        let mask: UInt64 = 0x0000_00FF_0000_00FF
        v = ((v & mask) &* (100 &+ 1_000_000 &<< 32) &+ (v &>> 16 & mask) &* (1 &+ 10_000 &<< 32)) &>> 32
        value = value &* 100_000_000 &+ v
        i &+= 8
      }
    }
    while i < n {
      let d = b[i] &- 48
      guard d < 10 else { break }
      value = value &* 10 &+ UInt64(d)
      i &+= 1
    }
    return i
  }

  /// The number of zero digits before the first nonzero one in bytes `start..<end` (digits and
  /// at most one point).
  ///
  /// - Complexity: O(k) for k leading zeros.
  @inline(__always)
  private static func leadingZeros(_ b: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) -> Int {
    var zeros = 0
    var i = start
    while i < end {
      let c = b[i]
      if c == UInt8(ascii: "0") {
        zeros &+= 1
      } else if c != dot {
        break
      }
      i &+= 1
    }
    return zeros
  }

  /// The first 19 significant digits of a number with more than 19 digits, given the ranges of
  /// its integer and fraction digits: the significand, the power of ten to apply to it (before
  /// any written exponent) and whether a nonzero digit was dropped.
  ///
  /// A digit kept after the point lowers the exponent, a digit dropped before it raises it.
  ///
  /// - Complexity: O(k) for k digits.
  private static func longSignificand(_ b: UnsafeBufferPointer<UInt8>, integer: Range<Int>, fraction: Range<Int>)
    -> (mantissa: UInt64, exponent: Int, truncated: Bool)
  {
    var mantissa: UInt64 = 0
    var digits = 0
    var exponent = 0
    var truncated = false
    func read(_ range: Range<Int>, fractional: Bool) {
      for i in range {
        let d = b[i] &- 48
        if digits < 19 {
          mantissa = mantissa &* 10 &+ UInt64(d)
          if mantissa != 0 { digits += 1 }
          if fractional { exponent -= 1 }
        } else {
          if !fractional { exponent += 1 }
          truncated = truncated || d != 0
        }
      }
    }
    read(integer, fractional: false)
    read(fraction, fractional: true)
    return (mantissa, exponent, truncated)
  }

  /// Scans `inf`, `infinity` or `nan` (case-insensitive) starting at byte `i`.
  private static func scanSpecial(_ b: UnsafeBufferPointer<UInt8>, from i: Int, negative: Bool) -> NumberScan? {
    let rest = b.count - i
    func matches(_ word: StaticString) -> Bool {
      guard rest == word.utf8CodeUnitCount else { return false }
      let w = word.utf8Start
      for k in 0..<rest where b[i + k] | 0x20 != w[k] { return false }
      return true
    }
    if matches("inf") || matches("infinity") { return .infinity(negative: negative) }
    if matches("nan") { return .nan }
    return nil
  }

  /// Parses a number; `nan` gives `Double.nan`. The result equals `Double(String)` of the
  /// same text, bit for bit.
  ///
  /// - Complexity: O(n) for n bytes; O(1) work after the scan except in the rare case that
  ///   falls back to `Double(String)`.
  @inline(__always)
  static func parseDouble(_ b: UnsafeBufferPointer<UInt8>) -> Double? {
    guard let scan = scanNumber(b) else { return nil }
    return double(from: scan, b)
  }

  /// The value of a scanned number; `b` is the text it was scanned from (for the rare slow
  /// path). The result equals `Double(String)` of the text, bit for bit.
  ///
  /// - Complexity: O(1), or O(n) for n bytes on the slow path.
  @inline(__always)
  static func double(from scan: NumberScan, _ b: UnsafeBufferPointer<UInt8>) -> Double {
    switch scan {
    case .nan:
      return .nan
    case .infinity(let negative):
      return negative ? -.infinity : .infinity
    case .decimal(let negative, let mantissa, let exponent, let truncated):
      if mantissa == 0 { return negative ? -0.0 : 0.0 }
      if !truncated, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
        var value = Double(mantissa)
        if exponent < 0 { value /= powersOfTen[-exponent] } else { value *= powersOfTen[exponent] }
        return negative ? -value : value
      }
      if let bits = DecimalToDouble.bitPattern(mantissa: mantissa, exponent: exponent, truncated: truncated) {
        return Double(bitPattern: negative ? bits | 1 << 63 : bits)
      }
      return Double(String(decoding: b, as: UTF8.self)) ?? .nan
    }
  }

  /// The offset of the first byte that does not belong to a valid UTF-8 sequence (overlong
  /// forms, surrogates and code points above U+10FFFF are invalid), or `nil` when all are valid.
  ///
  /// - Complexity: O(n) for n bytes.
  static func firstInvalidUTF8(_ b: UnsafeBufferPointer<UInt8>) -> Int? {
    let n = b.count
    var i = 0
    while i < n {
      let c = b[i]
      if c < 0x80 {
        i += 1
        continue
      }
      var need = 0
      var low: UInt8 = 0x80
      var high: UInt8 = 0xBF
      switch c {
      case 0xC2...0xDF: need = 1
      case 0xE0: need = 2; low = 0xA0
      case 0xE1...0xEC, 0xEE, 0xEF: need = 2
      case 0xED: need = 2; high = 0x9F
      case 0xF0: need = 3; low = 0x90
      case 0xF1...0xF3: need = 3
      case 0xF4: need = 3; high = 0x8F
      default: return i
      }
      guard i + need < n, b[i + 1] >= low, b[i + 1] <= high else { return i }
      for k in 2...max(2, need) where k <= need && (b[i + k] & 0xC0) != 0x80 { return i }
      i += need + 1
    }
    return nil
  }
}
