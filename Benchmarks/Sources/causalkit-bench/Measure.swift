import Foundation

/// A coefficient as recorded in the JSON lines (the same keys as the Python side).
struct RecordedCoefficient: Codable {
  var estimate: Double
  var std_error: Double
}

/// Timings of repeated runs of one job.
struct Timings: Codable {
  var warmupSeconds: Double
  var seconds: [Double]
  var best: Double { seconds.min() ?? .nan }
  var median: Double {
    let s = seconds.sorted()
    guard !s.isEmpty else { return .nan }
    return s.count % 2 == 1 ? s[s.count / 2] : 0.5 * (s[s.count / 2 - 1] + s[s.count / 2])
  }
}

extension Duration {
  var seconds: Double {
    let (s, a) = components
    return Double(s) + Double(a) * 1e-18
  }
}

/// Runs `body` once untimed (warm-up), then timed with `ContinuousClock`: at least once, and
/// again while fewer than `reps` runs were made and the next one (estimated by the median so
/// far) keeps the total under `budget` seconds.
func measure<T>(reps: Int, budget: Double, _ body: () throws -> T) rethrows -> (Timings, T) {
  let clock = ContinuousClock()
  let start = clock.now
  var last = try body()
  let warm = (clock.now - start).seconds
  var timings = Timings(warmupSeconds: warm, seconds: [])
  while timings.seconds.count < max(1, reps) {
    if !timings.seconds.isEmpty && timings.seconds.reduce(0, +) + timings.median > budget { break }
    timings.seconds.append(try clock.measure { last = try body() }.seconds)
  }
  return (timings, last)
}

/// Fields of /proc/self/status, in kB (`VmRSS`, `VmHWM`); -1 when unavailable.
enum ProcessMemory {
  static func kilobytes(_ field: String) -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return -1 }
    for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
      return Int(line.dropFirst(field.count + 1).filter(\.isNumber)) ?? -1
    }
    return -1
  }

  /// Resets the peak resident set size (VmHWM) to the current one (Linux ≥ 4.0).
  @discardableResult
  static func resetPeak() -> Bool {
    guard let f = fopen("/proc/self/clear_refs", "w") else { return false }
    defer { fclose(f) }
    return fputs("5", f) >= 0
  }
}

/// The 1-minute load average (/proc/loadavg), or -1: a sign of other work on the machine.
func loadAverage() -> Double {
  guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return -1 }
  return Double(text.split(separator: " ").first ?? "") ?? -1
}

/// The fields every benchmark record shares (the JSON keys `report.py` reads), and how a run or
/// a failure fills them.
protocol TimedRecord {
  var status: String { get set }
  var error: String? { get set }
  var rss_peak_kb: Int { get set }
  var warmup_s: Double? { get set }
  var times_s: [Double]? { get set }
  var best_s: Double? { get set }
  var median_s: Double? { get set }
}

extension TimedRecord {
  /// Records the peak resident set size and the timings of a successful run.
  mutating func record(_ timings: Timings) {
    rss_peak_kb = ProcessMemory.kilobytes("VmHWM")
    warmup_s = timings.warmupSeconds
    times_s = timings.seconds
    best_s = timings.best
    median_s = timings.median
  }

  /// Marks the run as failed with `error`, keeping the peak resident set size reached.
  mutating func recordFailure(_ error: any Error) {
    status = "error"
    self.error = String(describing: error)
    rss_peak_kb = ProcessMemory.kilobytes("VmHWM")
  }
}

/// One JSON line with sorted keys: the format of every record the harness prints.
func jsonLine(_ value: some Encodable) throws -> String {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.sortedKeys]
  return String(decoding: try encoder.encode(value), as: UTF8.self)
}
