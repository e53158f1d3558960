/// Raw-buffer access to several arrays at once, for the hot loops that index many arrays per
/// row (no bounds checks, no copy-on-write checks), without a pyramid of nested closures.
enum ArrayBuffers {
  /// Calls `body` with read-only buffers of two arrays.
  @inline(__always)
  static func read<A, B, R>(
    _ a: [A], _ b: [B], _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>) throws -> R
  ) rethrows -> R {
    try a.withUnsafeBufferPointer { a in try b.withUnsafeBufferPointer { b in try body(a, b) } }
  }

  /// Calls `body` with read-only buffers of three arrays.
  @inline(__always)
  static func read<A, B, C, R>(
    _ a: [A], _ b: [B], _ c: [C],
    _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>, UnsafeBufferPointer<C>) throws -> R
  ) rethrows -> R {
    try read(a, b) { a, b in try c.withUnsafeBufferPointer { c in try body(a, b, c) } }
  }

  /// Calls `body` with read-only buffers of four arrays.
  @inline(__always)
  static func read<A, B, C, D, R>(
    _ a: [A], _ b: [B], _ c: [C], _ d: [D],
    _ body: (UnsafeBufferPointer<A>, UnsafeBufferPointer<B>, UnsafeBufferPointer<C>, UnsafeBufferPointer<D>) throws -> R
  ) rethrows -> R {
    try read(a, b, c) { a, b, c in try d.withUnsafeBufferPointer { d in try body(a, b, c, d) } }
  }

  /// Calls `body` with mutable buffers of three arrays.
  @inline(__always)
  static func write<A, B, C, R>(
    _ a: inout [A], _ b: inout [B], _ c: inout [C],
    _ body: (UnsafeMutableBufferPointer<A>, UnsafeMutableBufferPointer<B>, UnsafeMutableBufferPointer<C>) throws -> R
  ) rethrows -> R {
    try a.withUnsafeMutableBufferPointer { a in
      try b.withUnsafeMutableBufferPointer { b in try c.withUnsafeMutableBufferPointer { c in try body(a, b, c) } }
    }
  }
}
