/// Where the rows of the `<data>` section lie: N rows of fixed width, each variable at a fixed
/// offset within its row.
struct StataDataLayout {
  /// The file offset of the first row.
  let start: Int
  /// The number of rows.
  let rowCount: Int
  /// The bytes of one row (the sum of the variables' widths).
  let rowWidth: Int
  /// Each variable's offset within a row.
  let offsets: [Int]

  /// The file offset of variable `j` in row `row`.
  @inline(__always)
  func offset(row: Int, variable j: Int) -> Int { start + row * rowWidth + offsets[j] }
}

/// Decodes numeric variables of the data section with unaligned loads from the file's bytes,
/// into one typed array per variable (no allocation per value), counting missing codes.
enum StataNumericDecoder {
  /// The values of an integer variable (`byte`, `int`, `long`), with a mask of missing rows
  /// (empty when none is missing).
  ///
  /// - Parameters:
  ///   - tallies: 27 counters of missing codes (`.`, `.a` … `.z`), incremented.
  /// - Complexity: O(rows).
  static func integers(
    _ bytes: UnsafeRawBufferPointer, layout: StataDataLayout, variable j: Int, type: StataStorageType,
    bigEndian: Bool, tallies: inout [Int]
  ) -> (values: [Int], missing: [Bool]) {
    let n = layout.rowCount
    var missing: [Bool] = []
    var counts = [Int](repeating: 0, count: 27)
    let values = [Int](zeroSafeUninitializedCapacity: n) { out, initialized in
      for row in 0..<n {
        let at = layout.offset(row: row, variable: j)
        let code: Int
        let value: Int
        switch type {
        case .byte:
          let v = Int8(bitPattern: bytes[at])
          value = Int(v)
          code = v >= StataMissingCode.byteBase ? Int(v - StataMissingCode.byteBase) : -1
        case .int:
          let v = Int16(bitPattern: load(bytes, at, as: UInt16.self, bigEndian: bigEndian))
          value = Int(v)
          code = v >= StataMissingCode.intBase ? Int(v - StataMissingCode.intBase) : -1
        default:
          let v = Int32(bitPattern: load(bytes, at, as: UInt32.self, bigEndian: bigEndian))
          value = Int(v)
          code = v >= StataMissingCode.longBase ? Int(v - StataMissingCode.longBase) : -1
        }
        if code >= 0 {
          if missing.isEmpty { missing = [Bool](repeating: false, count: n) }
          missing[row] = true
          counts[code] += 1
          out[row] = 0
        } else {
          out[row] = value
        }
      }
      initialized = n
    }
    for k in 0..<27 { tallies[k] += counts[k] }
    return (values, missing)
  }

  /// The values of any numeric variable as doubles, NaN where missing.
  ///
  /// - Parameters:
  ///   - tallies: 27 counters of missing codes (`.`, `.a` … `.z`), incremented.
  /// - Complexity: O(rows).
  static func doubles(
    _ bytes: UnsafeRawBufferPointer, layout: StataDataLayout, variable j: Int, type: StataStorageType,
    bigEndian: Bool, tallies: inout [Int]
  ) -> [Double] {
    switch type {
    case .byte, .int, .long:
      let (ints, missing) = integers(bytes, layout: layout, variable: j, type: type, bigEndian: bigEndian, tallies: &tallies)
      if missing.isEmpty { return ints.map(Double.init) }
      return ints.indices.map { missing[$0] ? .nan : Double(ints[$0]) }
    case .float:
      return floats(bytes, layout: layout, variable: j, as: UInt32.self, bigEndian: bigEndian, tallies: &tallies) {
        let value = Float(bitPattern: $0)
        return StataMissingCode.isMissing(value) ? (.nan, StataMissingCode.floatCode($0)) : (Double(value), nil)
      }
    default:
      return floats(bytes, layout: layout, variable: j, as: UInt64.self, bigEndian: bigEndian, tallies: &tallies) {
        let value = Double(bitPattern: $0)
        return StataMissingCode.isMissing(value) ? (.nan, StataMissingCode.doubleCode($0)) : (value, nil)
      }
    }
  }

  /// The values of a `float` or `double` variable, decoded from their bit patterns.
  ///
  /// - Parameters:
  ///   - bits: The storage width (`UInt32` for float, `UInt64` for double).
  ///   - tallies: 27 counters of missing codes, incremented.
  ///   - decode: The value of a bit pattern, and its missing code (0 for `.`, 1-26 for `.a`-`.z`)
  ///     when it is one of Stata's missing values.
  /// - Complexity: O(rows).
  @inline(__always)
  private static func floats<Bits: FixedWidthInteger & UnsignedInteger>(
    _ bytes: UnsafeRawBufferPointer, layout: StataDataLayout, variable j: Int, as bits: Bits.Type, bigEndian: Bool,
    tallies: inout [Int], decode: (Bits) -> (value: Double, missingCode: Int?)
  ) -> [Double] {
    let n = layout.rowCount
    var counts = [Int](repeating: 0, count: 27)
    let values = [Double](zeroSafeUninitializedCapacity: n) { out, initialized in
      for row in 0..<n {
        let (value, code) = decode(load(bytes, layout.offset(row: row, variable: j), as: Bits.self, bigEndian: bigEndian))
        if let code { counts[code] += 1 }
        out[row] = value
      }
      initialized = n
    }
    for k in 0..<27 { tallies[k] += counts[k] }
    return values
  }

  /// An unaligned load of a fixed-width unsigned integer in the file's byte order. The caller
  /// has checked that the data section holds every row.
  @inline(__always)
  static func load<T: FixedWidthInteger & UnsignedInteger>(
    _ bytes: UnsafeRawBufferPointer, _ at: Int, as type: T.Type, bigEndian: Bool
  ) -> T {
    let raw = bytes.loadUnaligned(fromByteOffset: at, as: T.self)
    return bigEndian ? T(bigEndian: raw) : T(littleEndian: raw)
  }
}
