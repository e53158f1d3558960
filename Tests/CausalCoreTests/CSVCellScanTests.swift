import Testing

@testable import CausalCore

/// A comparable description of a cell's classification.
private func describe(_ value: CSVCellValue?) -> String {
  switch value {
  case .int(let v)?: return "int \(v)"
  case .number(.decimal(let negative, let mantissa, let exponent, let truncated))?:
    return "decimal \(negative) \(mantissa) \(exponent) \(truncated)"
  case .number(.infinity(let negative))?: return "infinity \(negative)"
  case .number(.nan)?: return "nan"
  case .bool(let v)?: return "bool \(v)"
  case .text?: return "text"
  case nil: return "none"
  }
}

/// The one-pass scan and the two passes it replaced (``CSVValueParsing/parseInt(_:)``, then
/// ``CSVValueParsing/scanNumber(_:)``), described.
private func bothWays(_ text: String) -> (onePass: String, twoPasses: String) {
  Array(text.utf8).withUnsafeBufferPointer { b in
    let old: CSVCellValue? = CSVValueParsing.parseInt(b).map { .int($0) } ?? CSVValueParsing.scanNumber(b).map { .number($0) }
    return (describe(CSVValueParsing.scanIntegerOrNumber(b)), describe(old))
  }
}

/// Type inference classifies each cell as an integer or a number in one scan; the result must be
/// what parsing it as an integer first, then as a number, gave.
@Suite("CSV cells: the one-pass integer-or-number scan")
struct CSVCellScanTests {
  @Test("edge cases: Int64's limits, 19 and 20 digits, leading zeros, signs, points and exponents")
  func edges() {
    let texts = [
      "0", "-0", "+0", "007", "-007", "+42", "9223372036854775807", "9223372036854775808",
      "-9223372036854775808", "-9223372036854775809", "+9223372036854775807", "18446744073709551615",
      "18446744073709551616", "99999999999999999999", "0000000000000000000000001",
      "-00000000000000000000009223372036854775808", "00000000000000000000009223372036854775808",
      "92233720368547758070", "1.", ".5", "1.0", "1e5", "1E+5", "1e", "-", "+", "", "inf", "-Infinity", "nan",
      "NaN", "12a", "1,5", " 1", "1 ", "+-1", "--1", "9223372036854775807.0", "1e0", "0x10", "١",
    ]
    for text in texts {
      let (one, two) = bothWays(text)
      #expect(one == two, "\(text): \(one) against \(two)")
    }
  }

  @Test("200,000 random strings of digits, signs, points and exponents, and random Int64 values")
  func random() {
    var rng = SplitMix64(seed: 20_261_205)
    let alphabet = Array("0123456789+-.eE")
    var mismatches = 0
    for k in 0..<200_000 {
      let text: String
      if k % 2 == 0 {
        let length = Int(rng.next() % 26)
        text = String((0..<length).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
      } else {
        let value = Int64(bitPattern: rng.next()) >> (rng.next() % 64)
        let zeros = String(repeating: "0", count: Int(rng.next() % 4))
        let magnitude = value.magnitude.description
        text = (value < 0 ? "-" : rng.next() % 3 == 0 ? "+" : "") + zeros + magnitude
      }
      let (one, two) = bothWays(text)
      if one != two {
        mismatches += 1
        if mismatches <= 5 { Issue.record("\(text): \(one) against \(two)") }
      }
    }
    #expect(mismatches == 0)
  }
}
