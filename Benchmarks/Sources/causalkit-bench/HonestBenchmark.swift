import CausalKit
import Foundation

/// `causalkit-bench honest --input FILE [--grid 1000] [--reps 3]`: times the relative-magnitude
/// sensitivity analysis (C-LF, M̄ from the input) of an event study given as JSON
/// `{"event_times", "betahat", "sigma" (rows), "mbar"}` (written by honest_did_bench.py, which
/// times moderndid on the same input), and prints one JSON line per run with the bounds.
enum HonestBenchmark {
  struct Input: Decodable {
    let event_times: [Int]
    let betahat: [Double]
    let sigma: [[Double]]
    let mbar: [Double]
  }

  static func run(_ args: Arguments) throws {
    guard let path = args.value("--input") else { throw BenchError("honest needs --input FILE") }
    let input = try JSONDecoder().decode(Input.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    let grid = Int(args.value("--grid") ?? "1000") ?? 1000
    let reps = Int(args.value("--reps") ?? "3") ?? 3
    let study = try EventStudyEstimates(
      eventTimes: input.event_times, estimates: input.betahat, covariance: input.sigma.flatMap { $0 })
    let analysis = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: input.mbar), gridPoints: grid)
    for rep in 0..<reps {
      let start = DispatchTime.now().uptimeNanoseconds
      let result = try analysis.analyze(study)
      let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
      let bounds = result.robust.map { "[\($0.value), \($0.interval.lower), \($0.interval.upper)]" }.joined(separator: ", ")
      print("{\"tool\": \"causalkit\", \"workload\": \"honest-rm\", \"grid_points\": \(grid), \"rep\": \(rep), "
        + "\"seconds\": \(seconds), \"bounds\": [\(bounds)]}")
    }
  }
}
