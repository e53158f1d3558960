import Dispatch

/// A minimal mutual-exclusion lock over a Dispatch semaphore, for the few places in
/// `CausalCore` that share mutable state between the threads of one parallel job (this module
/// does not depend on Foundation's `NSLock`, and `Synchronization.Mutex` needs newer systems
/// than the package supports).
package final class SemaphoreLock: @unchecked Sendable {
  private let semaphore = DispatchSemaphore(value: 1)

  /// Creates an unlocked lock.
  package init() {}

  /// Runs `body` while holding the lock.
  ///
  /// - Parameter body: The work to do under the lock; it must not take this lock again.
  /// - Returns: What `body` returns.
  /// - Throws: What `body` throws (the lock is released first).
  /// - Complexity: O(1) besides `body`.
  package func withLock<R>(_ body: () throws -> R) rethrows -> R {
    semaphore.wait()
    defer { semaphore.signal() }
    return try body()
  }
}
