/// One key and value of a result's JSON object, written the CausalKit way: numbers through
/// ``number(_:_:)`` and friends (NaN and infinities as `null`, see `FiniteCoding.swift`), other
/// values with their own `Encodable` conformance.
///
/// Every hand-written `encode(to:)` of the library is a table of fields in key order, so that a
/// type states each key once, next to the value it holds:
///
/// ```swift
/// public func encode(to encoder: any Encoder) throws {
///   try encoder.encodeFields([
///     .value("term", term), .number("estimate", estimate), .numbers("draws", draws),
///     .object("counts", [.value("treated", treated), .value("control", control)]),
///   ])
/// }
/// ```
///
/// Keys are string literals (``JSONKey``) for types that only encode, and the type's
/// `CodingKeys` (``Encoder/encodeFields(keyedBy:_:)``) for types that also decode, so that both
/// directions share one list of keys.
package struct JSONField<Key: CodingKey> {
  private let write: (inout KeyedEncodingContainer<Key>) throws -> Void

  private init(_ write: @escaping (inout KeyedEncodingContainer<Key>) throws -> Void) { self.write = write }

  /// `value` with its own encoding; an optional `nil` is written as `null`.
  package static func value(_ key: Key, _ value: some Encodable) -> Self {
    Self { try $0.encode(value, forKey: key) }
  }

  /// `value` with its own encoding, or no key at all when it is `nil`.
  package static func ifPresent(_ key: Key, _ value: (some Encodable)?) -> Self {
    Self { try $0.encodeIfPresent(value, forKey: key) }
  }

  /// A number, `null` when it is `nil` or not finite.
  package static func number(_ key: Key, _ value: Double?) -> Self {
    Self { try $0.encodeNumber(value, forKey: key) }
  }

  /// An array of numbers, each non-finite entry as `null`.
  package static func numbers(_ key: Key, _ values: [Double]) -> Self {
    Self { try $0.encodeNumbers(values, forKey: key) }
  }

  /// A matrix given as rows, each non-finite entry as `null`.
  package static func numberRows(_ key: Key, _ rows: [[Double]]) -> Self {
    Self { try $0.encodeNumberRows(rows, forKey: key) }
  }

  /// A nested object made of `fields`.
  package static func object(_ key: Key, _ fields: [JSONField<JSONKey>]) -> Self {
    Self { container in
      var nested = container.nestedContainer(keyedBy: JSONKey.self, forKey: key)
      for field in fields { try field.write(&nested) }
    }
  }

  /// Writes the field into `container`.
  package func encode(into container: inout KeyedEncodingContainer<Key>) throws { try write(&container) }
}

/// A coding key given by its string, for the field tables of types that only encode.
package struct JSONKey: CodingKey, ExpressibleByStringLiteral {
  package let stringValue: String
  package var intValue: Int? { nil }

  package init(stringValue: String) { self.stringValue = stringValue }
  package init?(intValue: Int) { nil }
  package init(stringLiteral value: String) { stringValue = value }
}

extension Encoder {
  /// Writes `fields`, in order, into this encoder's keyed container (adding to what an earlier
  /// call wrote there, so that a type can write a nested value's keys and its own in one object).
  package func encodeFields(_ fields: [JSONField<JSONKey>]) throws {
    try encodeFields(keyedBy: JSONKey.self, fields)
  }

  /// Writes `fields`, keyed by a type's `CodingKeys`, into this encoder's keyed container.
  package func encodeFields<Key: CodingKey>(keyedBy keys: Key.Type, _ fields: [JSONField<Key>]) throws {
    var container = container(keyedBy: keys)
    for field in fields { try field.encode(into: &container) }
  }
}
