import Dispatch

/// Runs a fixed list of chunks of work on all cores.
///
/// The chunks are fixed by the caller (never by the number of cores), and each chunk writes
/// only its own outputs, so results are bit-identical whatever the number of threads.
package enum ParallelChunks {
  /// Calls `body(c)` for every chunk `c` in `0..<count`, concurrently when `count > 1`.
  ///
  /// - Complexity: O(count) calls spread over the available cores.
  package static func run(_ count: Int, _ body: @Sendable (Int) -> Void) {
    if count <= 1 {
      for c in 0..<count { body(c) }
      return
    }
    DispatchQueue.concurrentPerform(iterations: count, execute: body)
  }
}

/// A raw pointer that may cross into concurrently running chunks.
///
/// Only for code where every chunk reads shared memory or writes a disjoint region; the
/// owner keeps the memory alive for the duration of ``ParallelChunks/run(_:_:)``.
@frozen
package struct SharedPointer<T>: @unchecked Sendable {
  @usableFromInline package let base: UnsafeMutablePointer<T>
  @inlinable package init(_ base: UnsafeMutablePointer<T>) { self.base = base }
  @inlinable package subscript(i: Int) -> T {
    get { base[i] }
    nonmutating set { base[i] = newValue }
  }
}

/// A read-only raw pointer that may cross into concurrently running chunks.
@frozen
package struct SharedReadPointer<T>: @unchecked Sendable {
  @usableFromInline package let base: UnsafePointer<T>
  @inlinable package init(_ base: UnsafePointer<T>) { self.base = base }
  @inlinable package subscript(i: Int) -> T { base[i] }
}
