/// The storage type of a Stata variable, as the `.dta` file declares it.
///
/// Numeric types hold their values in 1 (`byte`), 2 (`int`), 4 (`long`, `float`) or 8
/// (`double`) bytes; `str1` to `str2045` are fixed-width strings of that many bytes
/// (null-terminated when shorter); `strL` values are long strings stored once in the file's
/// `<strls>` section and referenced by 8 bytes in each row. It encodes as Stata spells it:
/// `"byte"`, `"str12"`, `"strL"`.
public enum StataStorageType: Sendable, Equatable, Hashable, Codable, CustomStringConvertible {
  /// 8-bit integer, −127 to 100 (101 to 127 are the missing codes).
  case byte
  /// 16-bit integer, −32,767 to 32,740 (32,741 and above are missing codes).
  case int
  /// 32-bit integer, −2,147,483,647 to 2,147,483,620 (2,147,483,621 and above are missing).
  case long
  /// 32-bit floating point; 2¹²⁷ and above are missing codes.
  case float
  /// 64-bit floating point; 2¹⁰²³ and above are missing codes.
  case double
  /// Fixed-width string of the given number of bytes (1 to 2045).
  case string(width: Int)
  /// Long string stored in the `<strls>` section.
  case strL

  /// The type for a code of the `<variable_types>` section, or `nil` for an unknown code.
  ///
  /// Codes: 1–2045 `str#`, 32768 `strL`, 65526 `double`, 65527 `float`, 65528 `long`,
  /// 65529 `int`, 65530 `byte`.
  init?(code: Int) {
    switch code {
    case 1...2045: self = .string(width: code)
    case 32768: self = .strL
    case 65526: self = .double
    case 65527: self = .float
    case 65528: self = .long
    case 65529: self = .int
    case 65530: self = .byte
    default: return nil
    }
  }

  /// The bytes one value takes in a row of the data section.
  public var width: Int {
    switch self {
    case .byte: return 1
    case .int: return 2
    case .long, .float: return 4
    case .double, .strL: return 8
    case .string(let width): return width
    }
  }

  /// Whether the type holds numbers.
  public var isNumeric: Bool {
    switch self {
    case .string, .strL: return false
    default: return true
    }
  }

  /// Stata's name of the type: `byte`, `int`, `long`, `float`, `double`, `str#`, `strL`.
  public var description: String {
    switch self {
    case .byte: return "byte"
    case .int: return "int"
    case .long: return "long"
    case .float: return "float"
    case .double: return "double"
    case .string(let width): return "str\(width)"
    case .strL: return "strL"
    }
  }

  /// Decodes Stata's name of a type.
  ///
  /// - Throws: `DecodingError.dataCorrupted` for a name that is not a Stata type.
  public init(from decoder: any Decoder) throws {
    let name = try decoder.singleValueContainer().decode(String.self)
    let fixed: [String: StataStorageType] = [
      "byte": .byte, "int": .int, "long": .long, "float": .float, "double": .double, "strL": .strL,
    ]
    if let type = fixed[name] {
      self = type
    } else if name.hasPrefix("str"), let width = Int(name.dropFirst(3)), (1...2045).contains(width) {
      self = .string(width: width)
    } else {
      throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "'\(name)' is not a Stata storage type"))
    }
  }

  /// Encodes Stata's name of the type.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(description)
  }
}
