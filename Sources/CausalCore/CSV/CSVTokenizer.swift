/// Receives the fields of a record from ``CSVTokenizer/nextRecord(_:)`` as they are split.
///
/// The tokenizer is generic over its visitor, so a visitor's `visit` is inlined into the
/// splitting loop: no field list is stored and no closure is called per field.
protocol CSVFieldVisitor: ~Copyable {
  /// The position of the last field the visitor reads (`Int.max`, the default: every field).
  ///
  /// The tokenizer does not hand later fields to ``visit(_:_:line:)``: when the rest of a record
  /// holds no quote (nor, when validating, a non-ASCII byte), it only counts its fields, eight
  /// bytes at a time; otherwise it splits them as usual.
  var lastVisitedField: Int { get }

  /// Called with each field of the record, in order.
  ///
  /// - Parameters:
  ///   - index: The field's 0-based position in the record (it may exceed the header's width
  ///     in a ragged record).
  ///   - bytes: The field's content, quotes and `""` escapes removed; valid only during the call.
  ///   - line: The 1-based physical line on which the field starts.
  mutating func visit(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, line: Int)
}

extension CSVFieldVisitor where Self: ~Copyable {
  var lastVisitedField: Int { .max }
}

/// A visitor that keeps each field as a `String` (for the header).
struct CSVFieldTexts: CSVFieldVisitor {
  /// The fields of the last record visited.
  var texts: [String] = []

  mutating func visit(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
    texts.append(String(decoding: bytes, as: UTF8.self))
  }
}

/// A visitor that keeps the length of the first field (for separator detection).
struct CSVFieldLengths: CSVFieldVisitor {
  /// The byte length of field 0 of the last record visited.
  var first = 0

  mutating func visit(_ index: Int, _ bytes: UnsafeBufferPointer<UInt8>, line: Int) {
    if index == 0 { first = bytes.count }
  }
}

/// Splits CSV bytes into records and fields (RFC 4180), tracking physical line numbers.
///
/// Records end at LF, CRLF or a lone CR (classic Mac OS and some Excel exports); CRLF is one
/// line break. A field that starts with `"` is quoted: it runs to the next lone `"`, may hold
/// separators and any line breaks, and writes a quote as `""`; only a separator or line end
/// may follow the closing quote. A `"` inside an unquoted field is kept literally. A leading UTF-8 byte-order mark is
/// skipped, and line breaks at the very end of the input (blank trailing lines) are ignored.
///
/// The tokenizer works on a borrowed buffer and must not outlive the closure that lent it.
///
/// A tokenizer made with ``init(chunk:range:separator:validatesUTF8:endsAtLineBreak:)`` reads
/// one chunk of a file for the parallel reader: its line numbers count from 1 at the chunk's
/// start, and a chunk that must end at a record boundary reports a record running past its end
/// through ``misaligned`` instead of reading a truncated record or throwing.
struct CSVTokenizer {
  private let input: UnsafeBufferPointer<UInt8>
  /// The offset just past the last byte read (trailing line breaks of the input excluded).
  private(set) var end: Int
  private let separator: UInt8
  private let validatesUTF8: Bool
  /// Whether the last record must end with a line break exactly at ``end``.
  private let endsAtLineBreak: Bool
  /// The offset of the next record.
  private(set) var position: Int
  /// The 1-based physical line of ``position``.
  private(set) var line = 1
  /// Whether a record ran past ``end`` in a chunk that must end at a record boundary: the
  /// chunk did not start at a record boundary or was cut inside a record. ``nextRecord()``
  /// then returns `false`.
  private(set) var misaligned = false
  /// Collapsed content of the current field when it had `""` escapes.
  private var scratch: [UInt8] = []
  /// The 1-based physical line on which the current record starts.
  private(set) var recordLine = 1

  private static let quote = UInt8(ascii: "\""), lf = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")

  /// Creates a tokenizer over `input`.
  ///
  /// - Parameters:
  ///   - input: The CSV bytes; must stay valid while the tokenizer is used.
  ///   - separator: The field separator byte (ASCII, not a quote or line break).
  ///   - validatesUTF8: Whether to check that non-ASCII field content is valid UTF-8.
  init(input: UnsafeBufferPointer<UInt8>, separator: UInt8, validatesUTF8: Bool) {
    self.input = input
    self.separator = separator
    self.validatesUTF8 = validatesUTF8
    var start = 0
    if input.count >= 3, input[0] == 0xEF, input[1] == 0xBB, input[2] == 0xBF { start = 3 }
    var end = input.count
    while end > start, input[end - 1] == Self.lf || input[end - 1] == Self.cr { end -= 1 }
    self.position = start
    self.end = end
    self.endsAtLineBreak = false
  }

  /// Creates a tokenizer over one chunk of a larger input.
  ///
  /// - Parameters:
  ///   - input: The whole input; must stay valid while the tokenizer is used.
  ///   - range: The chunk: it starts at a record boundary, and ends just after a line feed
  ///     when `endsAtLineBreak` is true, or where the whole input's records end otherwise.
  ///   - separator: The field separator byte.
  ///   - validatesUTF8: Whether to check that non-ASCII field content is valid UTF-8.
  ///   - endsAtLineBreak: Whether the chunk's last record must end with its line break exactly
  ///     at the end of `range` (every chunk but the last).
  init(
    chunk input: UnsafeBufferPointer<UInt8>, range: Range<Int>, separator: UInt8, validatesUTF8: Bool,
    endsAtLineBreak: Bool
  ) {
    self.input = input
    self.separator = separator
    self.validatesUTF8 = validatesUTF8
    self.position = range.lowerBound
    self.end = range.upperBound
    self.endsAtLineBreak = endsAtLineBreak
  }

  /// Reads the next record, handing each field to `visitor`.
  ///
  /// - Returns: The number of fields of the record, or `nil` at the end of the input (or of a
  ///   misaligned chunk).
  /// - Throws: ``CSVError/unterminatedQuote(line:column:)``,
  ///   ``CSVError/textAfterClosingQuote(line:column:)`` or ``CSVError/invalidUTF8(line:column:)``.
  /// - Complexity: O(length of the record) plus the visitor's work.
  @inline(__always)
  mutating func nextRecord<V: CSVFieldVisitor & ~Copyable>(_ visitor: inout V) throws(CSVError) -> Int? {
    guard position < end else { return nil }
    recordLine = line
    var p = position
    var index = 0
    let lf = Self.lf, cr = Self.cr, sep = separator
    let lastVisited = visitor.lastVisitedField
    // Whether the fields after `lastVisited` may still be counted without splitting them (not
    // after a first try found a quote: trying again at every field would be quadratic).
    var countsTail = true
    while true {
      if index > lastVisited, countsTail {
        if let tail = unvisitedTail(from: p) {
          index += tail.fields
          p = tail.end
        } else {
          countsTail = false
          continue
        }
      } else {
        guard try splitField(at: &p, index: index, &visitor) else { return misalign() }
        index += 1
      }
      if p >= end {
        position = end
        return endsAtLineBreak ? misalign() : index
      }
      let b = input[p]
      if b == sep {
        p += 1
        continue
      }
      p += b == cr && p + 1 < end && input[p + 1] == lf ? 2 : 1
      line += 1
      position = p
      return index
    }
  }

  /// Splits the field of position `index` that starts at `p` and hands it to `visitor`,
  /// leaving `p` just past it (at the separator, the line break or ``end``).
  ///
  /// - Returns: `false` when a quoted field runs past the end of a chunk that must end at a
  ///   record boundary (the caller marks the chunk misaligned).
  /// - Throws: As ``nextRecord(_:)``.
  @inline(__always)
  private mutating func splitField<V: CSVFieldVisitor & ~Copyable>(
    at p: inout Int, index: Int, _ visitor: inout V
  ) throws(CSVError) -> Bool {
    let quote = Self.quote, lf = Self.lf, cr = Self.cr, sep = separator
    let fieldLine = line
    var ored: UInt8 = 0
    let rawStart: Int
    if p < end, input[p] == quote {
      p += 1
      rawStart = p
      var escaped = false
      var closed = false
      while p < end {
        let b = input[p]
        if b == quote {
          if p + 1 < end, input[p + 1] == quote {
            escaped = true
            p += 2
            continue
          }
          closed = true
          break
        }
        if b == lf || (b == cr && (p + 1 >= end || input[p + 1] != lf)) { line += 1 }
        ored |= b
        p += 1
      }
      guard closed else {
        if endsAtLineBreak { return false }
        throw .unterminatedQuote(line: fieldLine, column: index + 1)
      }
      let close = p
      p += 1
      if p < end {
        let b = input[p]
        guard b == sep || b == lf || b == cr else { throw .textAfterClosingQuote(line: line, column: index + 1) }
      }
      if validatesUTF8, ored >= 0x80 {
        try validateUTF8(from: rawStart, to: close, line: fieldLine, column: index + 1)
      }
      if escaped {
        unescape(from: rawStart, to: close)
        scratch.withUnsafeBufferPointer { visitor.visit(index, $0, line: fieldLine) }
      } else {
        visitor.visit(index, UnsafeBufferPointer(rebasing: input[rawStart..<close]), line: fieldLine)
      }
    } else {
      rawStart = p
      p = unquotedEnd(from: p, ored: &ored)
      if validatesUTF8, ored >= 0x80 { try validateUTF8(from: rawStart, to: p, line: fieldLine, column: index + 1) }
      visitor.visit(index, UnsafeBufferPointer(rebasing: input[rawStart..<p]), line: fieldLine)
    }
    return true
  }

  /// The end of the record whose remaining fields start at `start` (the offset of its LF or CR,
  /// or ``end``) and how many fields remain, when none of its remaining bytes is a quote or, when
  /// validating UTF-8, non-ASCII; `nil` otherwise, for the caller to split them one by one.
  ///
  /// Eight bytes are examined at a time with the exact per-byte test
  /// `~(((x & 0x7F…7F) + 0x7F…7F) | x) & 0x80…80` on `x = word XOR byte`, which sets the high bit
  /// of exactly the bytes equal to `byte`, so the separators before the record's end can be
  /// counted.
  ///
  /// - Complexity: O(length of the rest of the record).
  @inline(__always)
  private func unvisitedTail(from start: Int) -> (end: Int, fields: Int)? {
    let sep = separator, lf = Self.lf, cr = Self.cr, quote = Self.quote
    var p = start, fields = 1
    if let base = input.baseAddress {
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
      let lows: UInt64 = 0x7F7F_7F7F_7F7F_7F7F
      let sepWord = ones &* UInt64(sep), lfWord = ones &* UInt64(lf), crWord = ones &* UInt64(cr)
      let quoteWord = ones &* UInt64(quote)
      let nonASCII: UInt64 = validatesUTF8 ? highs : 0
      @inline(__always) func equal(_ x: UInt64) -> UInt64 { ~(((x & lows) &+ lows) | x) & highs }
      while p + 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self))
        let stops = equal(word ^ lfWord) | equal(word ^ crWord)
        let refused = equal(word ^ quoteWord) | word & nonASCII
        let separators = equal(word ^ sepWord)
        if stops != 0 {
          let before = stops.trailingZeroBitCount >> 3
          let kept: UInt64 = before == 0 ? 0 : UInt64.max >> (64 - 8 * before)
          guard refused & kept == 0 else { return nil }
          return (p + before, fields + (separators & kept).nonzeroBitCount)
        }
        guard refused == 0 else { return nil }
        fields += separators.nonzeroBitCount
        p += 8
      }
    }
    while p < end {
      let b = input[p]
      if b == lf || b == cr { break }
      if b == quote || (validatesUTF8 && b >= 0x80) { return nil }
      if b == sep { fields += 1 }
      p += 1
    }
    return (p, fields)
  }

  /// The end of the unquoted field starting at `start`: the offset of the first separator, LF
  /// or CR, or ``end``; `ored` gains the OR of the field's bytes' high bits (non-ASCII content).
  ///
  /// Eight bytes are examined at a time: for each of the three stop bytes, the classic test
  /// `(x − 0x01…01) & ~x & 0x80…80` on `x = word XOR stop` sets the high bit of the first
  /// byte equal to the stop (bits above the first match may be wrong, but only the lowest one
  /// is used).
  ///
  /// - Complexity: O(field length).
  @inline(__always)
  private func unquotedEnd(from start: Int, ored: inout UInt8) -> Int {
    var p = start
    let sep = separator, lf = Self.lf, cr = Self.cr
    if let base = input.baseAddress {
      let raw = UnsafeRawPointer(base)
      let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
      let sepWord = ones &* UInt64(sep), lfWord = ones &* UInt64(lf), crWord = ones &* UInt64(cr)
      var high: UInt64 = 0
      while p + 8 <= end {
        let word = UInt64(littleEndian: raw.loadUnaligned(fromByteOffset: p, as: UInt64.self))
        let a = word ^ sepWord, b = word ^ lfWord, c = word ^ crWord
        let stops = ((a &- ones) & ~a | (b &- ones) & ~b | (c &- ones) & ~c) & highs
        if stops != 0 {
          let before = stops.trailingZeroBitCount >> 3
          if before > 0 { high |= word & (UInt64.max >> (64 - 8 * before)) & highs }
          p += before
          if high != 0 { ored |= 0x80 }
          return p
        }
        high |= word & highs
        p += 8
      }
      if high != 0 { ored |= 0x80 }
    }
    while p < end {
      let b = input[p]
      if b == sep || b == lf || b == cr { break }
      ored |= b
      p += 1
    }
    return p
  }

  /// Marks the chunk misaligned and ends it.
  private mutating func misalign() -> Int? {
    misaligned = true
    position = end
    return nil
  }

  /// Copies a quoted field's raw content into the scratch buffer with `""` collapsed to `"`.
  private mutating func unescape(from start: Int, to stop: Int) {
    scratch.removeAll(keepingCapacity: true)
    var i = start
    while i < stop {
      let b = input[i]
      scratch.append(b)
      i += b == Self.quote ? 2 : 1
    }
  }

  /// Throws ``CSVError/invalidUTF8(line:column:)`` if the raw bytes `start..<stop` are not
  /// valid UTF-8, with the physical line of the offending byte.
  private func validateUTF8(from start: Int, to stop: Int, line: Int, column: Int) throws(CSVError) {
    let raw = UnsafeBufferPointer(rebasing: input[start..<stop])
    guard let bad = CSVValueParsing.firstInvalidUTF8(raw) else { return }
    var badLine = line
    for k in 0..<bad where raw[k] == Self.lf || (raw[k] == Self.cr && raw[k + 1] != Self.lf) { badLine += 1 }
    throw .invalidUTF8(line: badLine, column: column)
  }
}
