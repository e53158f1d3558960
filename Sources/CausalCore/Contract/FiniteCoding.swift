/// Coding of floating-point numbers in CausalKit's JSON: finite values as numbers, NaN and
/// infinities as `null` (decoded back as NaN), so that encoding never throws on a reference
/// period's undefined statistic or a failed replicate.
extension KeyedEncodingContainer {
  /// Encodes `value`, or `null` when it is not finite.
  package mutating func encodeNumber(_ value: Double, forKey key: Key) throws {
    if value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
  }

  /// Encodes `value`, or `null` when it is `nil` or not finite.
  package mutating func encodeNumber(_ value: Double?, forKey key: Key) throws {
    if let value, value.isFinite { try encode(value, forKey: key) } else { try encodeNil(forKey: key) }
  }

  /// Encodes an array with each non-finite entry as `null`.
  package mutating func encodeNumbers(_ values: [Double], forKey key: Key) throws {
    try encode(values.map { $0.isFinite ? $0 : nil }, forKey: key)
  }

  /// Encodes a matrix given as rows, each non-finite entry as `null`.
  package mutating func encodeNumberRows(_ rows: [[Double]], forKey key: Key) throws {
    try encode(rows.map { $0.map { $0.isFinite ? $0 : nil } }, forKey: key)
  }
}

extension KeyedDecodingContainer {
  /// Decodes a number written by ``KeyedEncodingContainer/encodeNumber(_:forKey:)``: `null`
  /// (or an absent key) reads as NaN.
  package func decodeNumber(forKey key: Key) throws -> Double {
    try decodeIfPresent(Double.self, forKey: key) ?? .nan
  }

  /// Decodes an optional number: `null` or an absent key reads as `nil`.
  package func decodeOptionalNumber(forKey key: Key) throws -> Double? {
    try decodeIfPresent(Double.self, forKey: key)
  }

  /// Decodes an array written by ``KeyedEncodingContainer/encodeNumbers(_:forKey:)``.
  package func decodeNumbers(forKey key: Key) throws -> [Double] {
    try decode([Double?].self, forKey: key).map { $0 ?? .nan }
  }

  /// Decodes rows written by ``KeyedEncodingContainer/encodeNumberRows(_:forKey:)``.
  package func decodeNumberRows(forKey key: Key) throws -> [[Double]] {
    try decode([[Double?]].self, forKey: key).map { $0.map { $0 ?? .nan } }
  }
}

extension KeyedDecodingContainer {
  /// Decodes the value at `key`, its type inferred: `try self.init(term: c.value(.term), ...)`.
  package func value<T: Decodable>(_ key: Key) throws -> T { try decode(T.self, forKey: key) }

  /// Decodes the value at `key`, `nil` when it is `null` or absent.
  package func optional<T: Decodable>(_ key: Key) throws -> T? { try decodeIfPresent(T.self, forKey: key) }

  /// Decodes a number written by ``JSONField/number(_:_:)``: `null` or absent reads as NaN.
  package func number(_ key: Key) throws -> Double { try decodeNumber(forKey: key) }

  /// Decodes an array written by ``JSONField/numbers(_:_:)``.
  package func numbers(_ key: Key) throws -> [Double] { try decodeNumbers(forKey: key) }

  /// Decodes rows written by ``JSONField/numberRows(_:_:)``.
  package func numberRows(_ key: Key) throws -> [[Double]] { try decodeNumberRows(forKey: key) }
}
