import ArgumentParser
import Foundation

/// How the subcommands read option values that ArgumentParser keeps as text: one word of a
/// fixed set, or a comma-separated list.
enum OptionValues {
  /// The value of a choice option (compared in lower case), or a usage error listing the choices.
  ///
  /// - Parameters:
  ///   - value: The text given.
  ///   - flag: The option's flag, for the message.
  ///   - choices: The accepted spellings (lower case) and their values, in the order the message lists them.
  /// - Throws: `ValidationError` naming the flag and the choices.
  static func choice<T>(_ value: String, _ flag: String, _ choices: KeyValuePairs<String, T>) throws -> T {
    guard let hit = choices.first(where: { $0.key == value.lowercased() }) else {
      throw ValidationError("\(flag) must be one of \(choices.map(\.key).joined(separator: ", ")); got '\(value)'.")
    }
    return hit.value
  }

  /// The items of a comma-separated option, spaces around each item ignored.
  ///
  /// - Parameters:
  ///   - text: The text given, e.g. `-1,-5` or `0.5, 1, 2`.
  ///   - flag: The option's flag, for the message.
  ///   - expected: What the option takes, with an example, for the message: the message reads
  ///     "<flag> takes <expected>; got '<text>'."
  /// - Throws: `ValidationError` when an item does not read as a `T`.
  static func list<T: LosslessStringConvertible>(_ text: String, _ flag: String, expected: String) throws -> [T] {
    try text.split(separator: ",").map { part in
      guard let value = T(part.trimmingCharacters(in: .whitespaces)) else {
        throw ValidationError("\(flag) takes \(expected); got '\(text)'.")
      }
      return value
    }
  }
}
