extension Array {
  /// Creates an array by writing up to `capacity` elements into uninitialized memory, as
  /// `init(unsafeUninitializedCapacity:initializingWith:)`, but returns a plain empty array
  /// (without calling `body`) when `capacity` is 0.
  ///
  /// The standard library's zero-capacity path stores the element count into the process-wide
  /// empty-array storage, a write that races with any other thread reading an empty array
  /// (ThreadSanitizer reports it). Every chunked, multi-threaded path of CausalKit builds its
  /// arrays through this initializer so that the sanitizer runs stay clean.
  ///
  /// A large array (4 MiB or more) is advised to use huge pages before `body` first writes it
  /// (``HugePageAdvice``), so that filling it faults 2 MiB at a time.
  ///
  /// - Parameters:
  ///   - capacity: The number of elements to reserve.
  ///   - body: Writes the elements and sets the count actually initialized.
  /// - Complexity: O(capacity) plus the cost of `body`.
  @inlinable
  package init(
    zeroSafeUninitializedCapacity capacity: Int,
    initializingWith body: (inout UnsafeMutableBufferPointer<Element>, inout Int) throws -> Void
  ) rethrows {
    if capacity <= 0 {
      self = []
      return
    }
    try self.init(unsafeUninitializedCapacity: capacity) { buffer, count in
      HugePageAdvice.advise(buffer)
      try body(&buffer, &count)
    }
  }
}
