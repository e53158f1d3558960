import Foundation

/// A one-line progress bar on standard error, drawn only when standard error is a terminal.
///
/// Updates may come from any thread; the bar is redrawn at most ten times per second and
/// erased by ``finish()``, so piped or redirected output never contains it.
final class TerminalProgressBar: @unchecked Sendable {
  private let lock = NSLock()
  private let label: String
  private let enabled: Bool
  private var lastDraw = Date.distantPast
  private var drawn = false

  /// Creates a bar.
  ///
  /// - Parameters:
  ///   - label: Text before the bar, e.g. `"cluster bootstrap"`.
  ///   - enabled: Draw only when `true`; by default when standard error is a terminal.
  init(label: String, enabled: Bool = isatty(STDERR_FILENO) != 0) {
    self.label = label
    self.enabled = enabled
  }

  /// Reports `done` of `total` steps; redraws when 0.1 s have passed since the last drawing.
  func update(_ done: Int, of total: Int) {
    guard enabled, total > 0 else { return }
    lock.lock()
    defer { lock.unlock() }
    let now = Date()
    guard now.timeIntervalSince(lastDraw) >= 0.1 || done == total else { return }
    lastDraw = now
    let width = 30
    let filled = min(width, width * done / total)
    let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
    let percent = 100 * done / total
    FileHandle.standardError.write(Data("\r\(label) [\(bar)] \(done)/\(total) (\(percent)%)".utf8))
    drawn = true
  }

  /// Erases the bar (a no-op when nothing was drawn).
  func finish() {
    lock.lock()
    defer { lock.unlock() }
    guard drawn else { return }
    FileHandle.standardError.write(Data("\r\u{1B}[K".utf8))
    drawn = false
  }
}
