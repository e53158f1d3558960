import CausalKit
import Foundation

/// `causalkit-bench read`: reads a CSV or Stata file into a `DataTable`, in process, the best of
/// `reps` runs after one warm-up (so the file is in the page cache), and prints one JSON line:
/// seconds, rows, columns, the file size and the throughput in MB/s (10⁶ bytes per second).
///
///   causalkit-bench read --file data.csv [--reps 5] [--budget 60]
enum ReadBenchmark {
  struct Result: Codable {
    var bench = "read"
    var file: String
    var format: String
    var bytes: Int
    var rows: Int
    var columns: Int
    var kinds: [String]
    var best_s: Double
    var median_s: Double
    var mb_per_s: Double
    var cores: Int
  }

  static func run(_ args: Arguments) throws {
    guard let file = args.value("--file") else { throw BenchError("read needs --file PATH") }
    let reps = Int(args.value("--reps") ?? "5") ?? 5
    let budget = Double(args.value("--budget") ?? "60") ?? 60
    let isStata = file.lowercased().hasSuffix(".dta")
    let bytes = (try FileManager.default.attributesOfItem(atPath: file)[.size] as? NSNumber)?.intValue ?? 0
    let (timings, table) = try measure(reps: reps, budget: budget) { () throws -> DataTable in
      isStata ? try StataReader().read(path: file) : try CSVReader().read(path: file)
    }
    let result = Result(
      file: file, format: isStata ? "dta" : "csv", bytes: bytes, rows: table.rowCount, columns: table.columns.count,
      kinds: table.columns.map { $0.kind.rawValue }, best_s: timings.best, median_s: timings.median,
      mb_per_s: Double(bytes) / timings.best / 1e6, cores: ProcessInfo.processInfo.activeProcessorCount)
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    print(String(decoding: try encoder.encode(result), as: UTF8.self))
  }
}
