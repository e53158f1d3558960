/// The values of an integer ``Column``: 64-bit integers, stored in 32 bits whenever every
/// value fits.
///
/// Integer columns in program-evaluation data are mostly identifiers and codes (schools,
/// students, years, cohorts) far below ±2³¹, so storing them as `Int32` halves their memory and
/// the bandwidth of every pass over them. The choice is automatic and canonical: every
/// initializer stores 32-bit values when all values lie in `Int32.min...Int32.max`, and 64-bit
/// values otherwise. Reading always gives `Int`, so the representation never changes a
/// result; ``isCompact`` tells which one is in use.
///
/// The type is a random-access collection of `Int`, so `values[i]`, `values.count`,
/// `values.map { ... }`, `min()`, `max()` and `Array(values)` work as on `[Int]`.
///
/// ```swift
/// let ids = IntegerValues([1_001, 1_002, 1_003])
/// ids.isCompact     // true: stored as Int32
/// ids[1]            // 1002
/// ```
public struct IntegerValues: RandomAccessCollection, Sendable, Hashable, ExpressibleByArrayLiteral {
  /// The two representations; always the narrow one when every value fits in 32 bits.
  @usableFromInline
  enum Representation: Sendable, Hashable {
    case narrow([Int32])
    case wide([Int])
  }

  @usableFromInline
  let representation: Representation

  /// Stores `values`, in 32 bits when every value fits.
  ///
  /// - Complexity: O(n).
  public init(_ values: [Int]) {
    if Self.fitInInt32(values) {
      representation = .narrow(values.map { Int32(truncatingIfNeeded: $0) })
    } else {
      representation = .wide(values)
    }
  }

  /// Stores 32-bit values as they are.
  ///
  /// - Complexity: O(1).
  public init(_ values: [Int32]) {
    representation = .narrow(values)
  }

  /// Stores the values of a sequence, in 32 bits when every value fits.
  ///
  /// - Complexity: O(n).
  public init<S: Sequence>(_ values: S) where S.Element == Int {
    self.init(Array(values))
  }

  /// Creates the values from an array literal.
  public init(arrayLiteral elements: Int...) {
    self.init(elements)
  }

  /// Joins accumulated pieces in order into one store, written directly in 32 bits when every
  /// piece is (no 64-bit copy of the whole).
  ///
  /// - Parameter parts: The pieces, in order.
  /// - Complexity: O(total count).
  package init(joining parts: [IntegerAccumulator]) {
    let total = parts.reduce(0) { $0 + $1.count }
    if parts.allSatisfy({ !$0.isWide }) {
      if parts.count == 1, let only = parts.first {
        representation = .narrow(only.narrow)
        return
      }
      var whole: [Int32] = []
      whole.reserveCapacity(total)
      for part in parts { whole.append(contentsOf: part.narrow) }
      representation = .narrow(whole)
    } else if parts.count == 1, let only = parts.first {
      representation = .wide(only.wide)
    } else {
      var whole: [Int] = []
      whole.reserveCapacity(total)
      for part in parts {
        if part.isWide {
          whole.append(contentsOf: part.wide)
        } else {
          whole.append(contentsOf: part.narrow.lazy.map { Int($0) })
        }
      }
      representation = .wide(whole)
    }
  }

  /// Whether the values are stored in 32 bits.
  public var isCompact: Bool {
    if case .narrow = representation { return true }
    return false
  }

  /// The first index, 0.
  public var startIndex: Int { 0 }

  /// The number of values.
  public var endIndex: Int {
    switch representation {
    case .narrow(let v): return v.count
    case .wide(let v): return v.count
    }
  }

  /// The value at position `i`, in `0..<count`.
  ///
  /// - Complexity: O(1).
  @inlinable
  public subscript(i: Int) -> Int {
    switch representation {
    case .narrow(let v): return Int(v[i])
    case .wide(let v): return v[i]
    }
  }

  /// The values as a 64-bit array.
  ///
  /// - Complexity: O(n) when stored in 32 bits; O(1) otherwise.
  public var wideArray: [Int] {
    switch representation {
    case .narrow(let v): return v.map { Int($0) }
    case .wide(let v): return v
    }
  }

  /// The values at the given rows, in the given order (rows must be in `0..<count`).
  ///
  /// - Complexity: O(rows.count).
  public func selecting(rows: [Int]) -> IntegerValues {
    switch representation {
    case .narrow(let v): return IntegerValues(rows.map { v[$0] })
    case .wide(let v): return IntegerValues(rows.map { v[$0] })
    }
  }

  /// Calls one of two bodies with the stored values: `narrow` for 32-bit storage, `wide` for
  /// 64-bit storage. Hot loops use it to read the values without a per-element branch.
  ///
  /// - Returns: What the called body returns.
  /// - Complexity: O(1) plus the cost of the body.
  public func withStorage<R, E: Error>(
    narrow: (UnsafeBufferPointer<Int32>) throws(E) -> R,
    wide: (UnsafeBufferPointer<Int>) throws(E) -> R
  ) throws(E) -> R {
    switch representation {
    case .narrow(let v):
      return try v.withUnsafeBufferPointer { (buffer) throws(E) -> R in try narrow(buffer) }
    case .wide(let v):
      return try v.withUnsafeBufferPointer { (buffer) throws(E) -> R in try wide(buffer) }
    }
  }

  /// Whether every value lies in the 32-bit range.
  private static func fitInInt32(_ values: [Int]) -> Bool {
    var low = 0, high = 0
    for x in values {
      low = Swift.min(low, x)
      high = Swift.max(high, x)
    }
    return low >= Int(Int32.min) && high <= Int(Int32.max)
  }
}

/// Integers appended one at a time, kept in 32 bits until one does not fit, then in 64 bits:
/// the CSV reader's per-chunk store of an integer column.
package struct IntegerAccumulator: Sendable {
  /// The values while every one fits in 32 bits.
  fileprivate private(set) var narrow: [Int32] = []
  /// The values once one did not fit.
  fileprivate private(set) var wide: [Int] = []
  /// Whether the values are in `wide`.
  fileprivate private(set) var isWide = false

  /// An empty store with room for `capacity` values in 32 bits.
  package init(capacity: Int) {
    narrow.reserveCapacityAdvisingHugePages(capacity)
  }

  /// The number of values appended.
  package var count: Int { isWide ? wide.count : narrow.count }

  /// Appends a value.
  ///
  /// - Complexity: O(1) amortised; O(count) once, when the first value beyond 32 bits arrives.
  @inline(__always)
  package mutating func append(_ x: Int) {
    if !isWide, let small = Int32(exactly: x) {
      narrow.append(small)
    } else {
      appendWide(x)
    }
  }

  private mutating func appendWide(_ x: Int) {
    widen(reserving: 1)
    wide.append(x)
  }

  /// Appends the values of a later store, in order (32 bits while both stores are).
  ///
  /// - Complexity: O(other.count) amortised; O(count) more once, when this store widens.
  package mutating func append(contentsOf other: IntegerAccumulator) {
    if !isWide, !other.isWide {
      narrow.append(contentsOf: other.narrow)
      return
    }
    widen(reserving: other.count)
    if other.isWide {
      wide.append(contentsOf: other.wide)
    } else {
      wide.append(contentsOf: other.narrow.lazy.map { Int($0) })
    }
  }

  /// Reserves room for `capacity` values in the current width.
  ///
  /// - Complexity: O(count) when the storage moves.
  package mutating func reserveCapacity(_ capacity: Int) {
    if isWide {
      wide.reserveCapacityAdvisingHugePages(capacity)
    } else {
      narrow.reserveCapacityAdvisingHugePages(capacity)
    }
  }

  /// Moves the values to 64 bits (once), with room for `extra` more.
  private mutating func widen(reserving extra: Int) {
    guard !isWide else { return }
    wide.reserveCapacity(Swift.max(narrow.capacity, narrow.count + extra))
    wide.append(contentsOf: narrow.lazy.map { Int($0) })
    narrow = []
    isWide = true
  }
}
