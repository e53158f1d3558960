/// How many values of one variable were Stata missing values, by missing code.
///
/// Stata has 27 numeric missing values: the system missing value `.` and the extended ones
/// `.a` to `.z`, which surveys use for reasons such as "refused" or "not asked". Every one of
/// them becomes a missing value of the table (NaN, a flagged integer, or code −1); the counts
/// keep the distinction. An empty string (`""`, Stata's missing string) counts as `.`.
///
/// It encodes as `{"system": 3, "extended": {"a": 2, "d": 1}, "total": 6}`.
public struct StataMissingCounts: Sendable, Equatable, Codable {
  /// Values equal to `.` (and, for strings, empty strings).
  public let system: Int
  /// Values equal to `.a` … `.z`, keyed by the letter; letters with no value are absent.
  public let extended: [String: Int]

  /// Creates counts.
  ///
  /// - Parameters:
  ///   - system: The count of `.` (or empty strings).
  ///   - extended: Counts of `.a` … `.z` by letter.
  public init(system: Int, extended: [String: Int]) {
    self.system = system
    self.extended = extended.filter { $0.value > 0 }
  }

  /// Creates counts from 27 tallies: index 0 is `.`, 1 to 26 are `.a` to `.z`.
  init(tallies: [Int]) {
    var extended: [String: Int] = [:]
    for (k, count) in tallies.enumerated().dropFirst() where count > 0 {
      extended[StataMissingCode.letter(k)] = count
    }
    self.init(system: tallies.first ?? 0, extended: extended)
  }

  /// All missing values of the variable.
  public var total: Int { extended.values.reduce(system, +) }

  private enum CodingKeys: String, CodingKey {
    case system, extended, total
  }

  /// Encodes `system`, `extended` and `total`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.system, system), .value(.extended, extended), .value(.total, total),
    ])
  }

  /// Decodes `system` and `extended` (`total` is recomputed).
  public init(from decoder: any Decoder) throws {
    let container = try decoder.container(keyedBy: CodingKeys.self)
    self.init(
      system: try container.decode(Int.self, forKey: .system),
      extended: try container.decode([String: Int].self, forKey: .extended))
  }
}

/// The missing-value codes of each Stata numeric type.
///
/// A value is missing when it lies above the type's largest valid value; its code (0 for `.`,
/// 1…26 for `.a`…`.z`) is its distance from the first missing value, in steps of one for the
/// integer types and in the type's fixed bit-pattern steps for `float` (`0x800`) and `double`
/// (`0x100_0000_0000`). Floating-point values above the first missing value that are not on
/// that grid (NaN and infinity, as some programs write them) count as `.`.
enum StataMissingCode {
  /// The first missing `byte` value (`.`); `.a` … `.z` are 102 … 127.
  static let byteBase: Int8 = 101
  /// The first missing `int` value.
  static let intBase: Int16 = 32741
  /// The first missing `long` value.
  static let longBase: Int32 = 2_147_483_621
  /// The bit pattern of `.` as a `float` (2¹²⁷).
  static let floatBase: UInt32 = 0x7f00_0000
  /// The bit pattern of `.` as a `double` (2¹⁰²³).
  static let doubleBase: UInt64 = 0x7fe0_0000_0000_0000

  /// The letter of extended missing code `k` (1 → `a`, 26 → `z`).
  static func letter(_ k: Int) -> String {
    String(UnicodeScalar(UInt8(96 + min(max(k, 1), 26))))
  }

  /// The missing code of a `float` bit pattern known to be missing.
  @inline(__always)
  static func floatCode(_ bits: UInt32) -> Int {
    let offset = bits &- floatBase
    guard bits >= floatBase, offset & 0x7ff == 0, offset >> 11 <= 26 else { return 0 }
    return Int(offset >> 11)
  }

  /// The missing code of a `double` bit pattern known to be missing.
  @inline(__always)
  static func doubleCode(_ bits: UInt64) -> Int {
    let offset = bits &- doubleBase
    guard bits >= doubleBase, offset & 0xff_ffff_ffff == 0, offset >> 40 <= 26 else { return 0 }
    return Int(offset >> 40)
  }

  /// Whether a `float` value is missing: at or above 2¹²⁷, or NaN.
  @inline(__always)
  static func isMissing(_ value: Float) -> Bool {
    !(value < Float(sign: .plus, exponent: 127, significand: 1))
  }

  /// Whether a `double` value is missing: at or above 2¹⁰²³, or NaN.
  @inline(__always)
  static func isMissing(_ value: Double) -> Bool {
    !(value < Double(sign: .plus, exponent: 1023, significand: 1))
  }
}
