import Foundation

/// What one replicate produced.
package enum ReplicateOutcome: Sendable {
  case success([Double])
  case failure(String)
  case cancelled
}

/// A thread-safe counter: of finished replicates for progress reports, or of replicates that
/// took a fallback path.
package final class ProgressCounter: @unchecked Sendable {
  package init() {}

  private let lock = NSLock()
  private var value = 0

  /// Adds one and returns the new count.
  package func increment() -> Int {
    lock.lock()
    defer { lock.unlock() }
    value += 1
    return value
  }

  /// The count so far.
  package var count: Int {
    lock.lock()
    defer { lock.unlock() }
    return value
  }
}
