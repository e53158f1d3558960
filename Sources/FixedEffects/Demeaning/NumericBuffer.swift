import CausalCore

/// A fixed-size, manually allocated array with a stable address, for the demeaning hot loops.
///
/// Swift arrays cannot hand out a pointer that outlives a closure, and the demeaning passes
/// read several of them at once from parallel chunks. `NumericBuffer` owns its memory for its
/// whole lifetime, so its ``base`` pointer can be shared with concurrently running chunks
/// (each of which writes a disjoint range). Only trivial element types are used.
final class NumericBuffer<T: BitwiseCopyable>: @unchecked Sendable {
  /// The first element.
  let base: UnsafeMutablePointer<T>
  /// The number of elements.
  let count: Int

  /// Allocates `count` elements set to `value`.
  init(count: Int, repeating value: T) {
    self.count = count
    self.base = Self.allocate(count)
    base.initialize(repeating: value, count: count)
  }

  /// Allocates `count` elements and has `fill` write every one of them (a pass that writes
  /// each element exactly once, such as a counting sort's scatter, needs no zero-fill first).
  ///
  /// - Parameters:
  ///   - count: The number of elements.
  ///   - fill: Writes all `count` elements through the pointer it is given.
  init(count: Int, writingEveryElement fill: (UnsafeMutablePointer<T>) -> Void) {
    self.count = count
    self.base = Self.allocate(count)
    fill(base)
  }

  /// Allocates a copy of `array`.
  init(copying array: [T]) {
    self.count = array.count
    self.base = Self.allocate(array.count)
    array.withUnsafeBufferPointer { source in
      if let s = source.baseAddress { base.initialize(from: s, count: array.count) }
    }
  }

  /// A new buffer with the same contents.
  func copy() -> NumericBuffer<T> {
    NumericBuffer(copying: UnsafeBufferPointer(start: base, count: count))
  }

  /// Allocates a copy of the elements a buffer pointer covers.
  init(copying source: UnsafeBufferPointer<T>) {
    self.count = source.count
    self.base = Self.allocate(source.count)
    if let s = source.baseAddress { base.initialize(from: s, count: source.count) }
  }

  /// Overwrites this buffer with another of the same size.
  func assign(from other: NumericBuffer<T>) {
    base.update(from: other.base, count: min(count, other.count))
  }

  /// The contents as a Swift array.
  var array: [T] { Array(UnsafeBufferPointer(start: base, count: count)) }

  /// Uninitialized room for `count` elements (at least one), advised to use huge pages when
  /// large (`HugePageAdvice`), before anything is written.
  private static func allocate(_ count: Int) -> UnsafeMutablePointer<T> {
    let base = UnsafeMutablePointer<T>.allocate(capacity: max(count, 1))
    HugePageAdvice.advise(UnsafeMutableBufferPointer(start: base, count: count))
    return base
  }

  deinit { base.deallocate() }
}

/// What an iterative demeaning solver returns: the coefficients of every dimension for m
/// variables (interleaved: level g, variable j at `g·m + j`), and per variable the iterations
/// used and whether it converged.
struct DemeaningOutcome {
  var coefficients: [NumericBuffer<Double>]
  var iterations: [Int]
  var converged: [Bool]
}
