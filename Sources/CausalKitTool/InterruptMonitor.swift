import Dispatch
import Foundation

/// Turns Ctrl-C (SIGINT) into a cancellation flag while a long computation runs, so that the
/// computation stops cleanly (and erases its progress bar) instead of the process dying.
final class InterruptMonitor: @unchecked Sendable {
  private let lock = NSLock()
  private var interrupted = false
  private var source: DispatchSourceSignal?

  /// Starts catching SIGINT.
  func start() {
    signal(SIGINT, SIG_IGN)
    let source = DispatchSource.makeSignalSource(signal: SIGINT, queue: .global())
    source.setEventHandler { [weak self] in self?.markInterrupted() }
    source.resume()
    self.source = source
  }

  /// Stops catching SIGINT and restores its default action.
  func stop() {
    source?.cancel()
    source = nil
    signal(SIGINT, SIG_DFL)
  }

  /// Whether Ctrl-C was pressed since ``start()``.
  var isInterrupted: Bool {
    lock.lock()
    defer { lock.unlock() }
    return interrupted
  }

  private func markInterrupted() {
    lock.lock()
    interrupted = true
    lock.unlock()
  }
}
