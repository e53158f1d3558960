import Dispatch
import Foundation

/// `causalkit-bench bandwidth`: a STREAM-like measurement of this machine's memory bandwidth.
///
/// Triad `a[i] = b[i] + s·c[i]` counts 24 bytes per element (STREAM's convention: two reads,
/// one write, write-allocate traffic not counted); the read kernel sums one array (8 bytes per
/// element). Arrays are much larger than the last-level cache. Each kernel runs on one thread
/// and on all cores (the range split evenly); the best of `reps` runs is reported.
enum Bandwidth {
  struct Result: Codable {
    var kernel: String
    var threads: Int
    var bytes: Int
    var best_s: Double
    var gb_per_s: Double
  }

  static func run(_ args: Arguments) throws {
    let mib = Int(args.value("--mib") ?? "256") ?? 256
    let reps = Int(args.value("--reps") ?? "10") ?? 10
    let n = mib * 1024 * 1024 / 8
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let a = Shared<Double>(count: n), b = Shared<Double>(count: n), c = Shared<Double>(count: n)
    defer { a.deallocate(); b.deallocate(); c.deallocate() }
    // First touch from the threads that will use the memory.
    parallel(n, threads: cores) { r in
      for i in r { a[i] = 0; b[i] = 1; c[i] = Double(i & 7) }
    }
    var results = [Result]()
    var sink = 0.0
    for threads in Set([1, cores]).sorted() {
      let triad = best(reps) {
        parallel(n, threads: threads) { r in
          for i in r { a[i] = b[i] + 3.0 * c[i] }
        }
      }
      results.append(Result(kernel: "triad", threads: threads, bytes: 24 * n, best_s: triad, gb_per_s: Double(24 * n) / triad / 1e9))
      let partial = Shared<Double>(count: threads)
      defer { partial.deallocate() }
      let read = best(reps) {
        parallel(n, threads: threads) { r in
          var s0 = 0.0, s1 = 0.0, s2 = 0.0, s3 = 0.0
          var i = r.lowerBound
          while i + 4 <= r.upperBound {
            s0 += b[i]; s1 += b[i + 1]; s2 += b[i + 2]; s3 += b[i + 3]
            i += 4
          }
          while i < r.upperBound { s0 += b[i]; i += 1 }
          partial[r.lowerBound * threads / n] = s0 + s1 + s2 + s3
        }
      }
      sink += (0..<threads).reduce(0) { $0 + partial[$1] }
      results.append(Result(kernel: "read", threads: threads, bytes: 8 * n, best_s: read, gb_per_s: Double(8 * n) / read / 1e9))
    }
    // A compute-only loop (no memory traffic): if two threads do not double its throughput,
    // another process is using the second core and two-thread figures understate the machine.
    for threads in Set([1, cores]).sorted() {
      let iterations = 200_000_000
      let partial = Shared<Double>(count: threads)
      defer { partial.deallocate() }
      let t = best(3) {
        parallel(threads, threads: threads) { r in
          for slot in r {
            var x = 1.0 + Double(slot) * 1e-9, y = 0.5
            for _ in 0..<(iterations / threads) { x = x * 0.999_999_9 + y; y = y * 0.999_999_7 + 1e-9 }
            partial[slot] = x + y
          }
        }
      }
      sink += (0..<threads).reduce(0) { $0 + partial[$1] }
      results.append(Result(kernel: "compute (no memory)", threads: threads, bytes: 0, best_s: t, gb_per_s: 0))
    }
    if sink == -1 { print("") }
    for r in results { print(try jsonLine(r)) }
  }

  /// Runs `body` over `0..<n` split into `threads` contiguous ranges, concurrently.
  static func parallel(_ n: Int, threads: Int, _ body: @Sendable (Range<Int>) -> Void) {
    if threads == 1 {
      body(0..<n)
      return
    }
    DispatchQueue.concurrentPerform(iterations: threads) { t in
      body((t * n / threads)..<((t + 1) * n / threads))
    }
  }

  static func best(_ reps: Int, _ body: () -> Void) -> Double {
    let clock = ContinuousClock()
    body()
    var m = Double.infinity
    for _ in 0..<reps { m = min(m, clock.measure(body).seconds) }
    return m
  }
}

/// A raw buffer shared by the threads of a kernel; each thread writes only its own range.
struct Shared<T>: @unchecked Sendable {
  let pointer: UnsafeMutableBufferPointer<T>
  init(count: Int) { pointer = .allocate(capacity: count) }
  func deallocate() { pointer.deallocate() }
  subscript(i: Int) -> T {
    get { pointer[i] }
    nonmutating set { pointer[i] = newValue }
  }
}
