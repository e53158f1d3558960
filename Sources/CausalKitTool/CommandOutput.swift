import CausalKit
import Foundation

/// The JSON object a subcommand prints with `--json`: the library's own encoding of its
/// result, the subcommand's additions (bootstrap entries, an Abadie-Imbens effect), and
/// `schema_version` and `command`.
///
/// The result, the additions and the two header keys are encoded into the same encoder, so
/// `JSONEncoder` merges them into one object; a key of the additions replaces the result's key
/// of the same name. The schema is documented in the `CommandLineJSON` article; within one
/// schema version keys are only ever added.
struct CommandOutput<Result: Encodable, Additions: Encodable>: Encodable {
  /// The version of the documented schema.
  static var schemaVersion: Int { 1 }

  /// The subcommand's name: `feols`, `logit`, `match`, `mediate`, `did`, `drdid` or `bacon`.
  let command: String
  /// The library result, encoded as `JSONEncoder` encodes it.
  let result: Result
  /// The subcommand's own top-level keys.
  let additions: Additions

  enum CodingKeys: String, CodingKey {
    case schemaVersion = "schema_version"
    case command
  }

  /// Encodes the result's keys, the additions' keys, then `schema_version` and `command`.
  func encode(to encoder: any Encoder) throws {
    try result.encode(to: encoder)
    try additions.encode(to: encoder)
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(Self.schemaVersion, forKey: .schemaVersion)
    try c.encode(command, forKey: .command)
  }

  /// The compact JSON text, keys sorted (see ``CommandJSON/encoder()``).
  ///
  /// - Throws: `EncodingError` (the library encodes non-finite numbers as `null`, so none is expected).
  func jsonText() throws -> String {
    String(decoding: try CommandJSON.encoder().encode(self), as: UTF8.self)
  }
}

/// How every subcommand writes JSON.
enum CommandJSON {
  /// A `JSONEncoder` that writes compact text with sorted keys, so the text is stable.
  static func encoder() -> JSONEncoder {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    return encoder
  }
}

/// The additions of a subcommand that adds no key of its own (`logit`, `mediate`, `bacon`).
struct NoAdditions: Encodable {
  /// Encodes nothing.
  func encode(to encoder: any Encoder) throws {}
}
