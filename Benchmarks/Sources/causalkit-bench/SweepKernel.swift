import Dispatch
import Foundation

/// `causalkit-bench kernel`: the inner loop of CausalKit's alternating projections, replicated
/// here on a workload's real codes, to see how close one sweep runs to the memory bandwidth.
///
/// It mirrors `FixedEffectProjector.gatherSum` over the per-dimension sorted layouts
/// (`FixedEffectLayout`): for each dimension d (largest first) and each level g of d, the
/// observations of g are contiguous, and `Σ_{i∈g} Σ_{e≠d} a_e[c_e(i)·m + j]` accumulates in
/// registers for the m variables at once (coefficients interleaved by variable); then
/// `a_d[g·m + j] = (s_d[g·m + j] − sum) / n_d[g]`. Unweighted, one sweep reads D − 1 sorted code
/// arrays per dimension, D(D − 1) × 4 bytes per observation, for all m variables together, plus
/// random gathers of coefficients (cache-resident when the levels fit in cache). With two
/// threads the levels are split into two halves, as the library's level chunks are.
enum SweepKernel {
  struct Result: Codable {
    var workload: String
    var kernel: String
    var threads: Int
    var rows: Int
    var dimensions: Int
    var variables: Int
    var code_bytes_per_sweep: Int
    var seconds_per_sweep: Double
    var code_gb_per_s: Double
  }

  /// The sorted layouts of every dimension.
  final class Problem: @unchecked Sendable {
    let n: Int
    let dims: Int
    let levels: [Int]
    /// `start[d]`: level g of dimension d occupies `start[d][g]..<start[d][g+1]` in layout d.
    let start: [Shared<Int>]
    /// `sorted[d][e]`: codes of dimension e in the order of layout d (e ≠ d).
    let sorted: [[Shared<Int32>?]]
    let counts: [[Double]]
    let original: [Shared<Int32>]

    init(codes raw: [[Int32]]) {
      let order = raw.sorted { ($0.max() ?? 0) > ($1.max() ?? 0) }
      n = order[0].count
      dims = order.count
      levels = order.map { Int($0.max() ?? 0) + 1 }
      original = order.map { c in
        let p = Shared<Int32>(count: c.count)
        _ = p.pointer.initialize(from: c)
        return p
      }
      var starts = [Shared<Int>]()
      var sortedAll = [[Shared<Int32>?]]()
      var countsAll = [[Double]]()
      for d in 0..<order.count {
        let l = levels[d]
        var s = [Int](repeating: 0, count: l + 1)
        for c in order[d] { s[Int(c) + 1] += 1 }
        countsAll.append((0..<l).map { Double(s[$0 + 1]) })
        for g in 0..<l { s[g + 1] += s[g] }
        var pos = s
        var perm = [Int](repeating: 0, count: n)
        for i in 0..<n {
          let g = Int(order[d][i])
          perm[pos[g]] = i
          pos[g] += 1
        }
        let sp = Shared<Int>(count: l + 1)
        _ = sp.pointer.initialize(from: s)
        starts.append(sp)
        var row = [Shared<Int32>?]()
        for e in 0..<order.count {
          if e == d {
            row.append(nil)
            continue
          }
          let p = Shared<Int32>(count: n)
          for k in 0..<n { p[k] = order[e][perm[k]] }
          row.append(p)
        }
        sortedAll.append(row)
      }
      start = starts
      sorted = sortedAll
      counts = countsAll
    }

    deinit {
      for p in start { p.deallocate() }
      for row in sorted { for p in row { p?.deallocate() } }
      for p in original { p.deallocate() }
    }

    /// `sweeps` sweeps for m interleaved variables; `threads` splits each dimension's levels.
    func solve(sums: [[Double]], variables m: Int, sweeps: Int, threads: Int) -> Double {
      let coef = levels.map { Shared<Double>(count: $0 * m) }
      defer { for p in coef { p.deallocate() } }
      for d in 0..<dims { coef[d].pointer.initialize(repeating: 0) }
      for _ in 0..<sweeps {
        for d in 0..<dims {
          let others = (0..<dims).filter { $0 != d }
          let codes = others.map { sorted[d][$0]! }
          let tables = others.map { coef[$0] }
          let st = start[d], out = coef[d], s = sums[d], w = counts[d]
          let l = levels[d]
          let body: @Sendable (Int) -> Void = { t in
            var acc = [Double](repeating: 0, count: m)
            for g in (t * l / threads)..<((t + 1) * l / threads) {
              for j in 0..<m { acc[j] = 0 }
              for u in 0..<codes.count {
                let c = codes[u].pointer.baseAddress!, a = tables[u].pointer.baseAddress!
                switch m {
                case 1:
                  var x0 = 0.0
                  for k in st[g]..<st[g + 1] { x0 += a[Int(c[k])] }
                  acc[0] += x0
                case 2:
                  var x0 = 0.0, x1 = 0.0
                  for k in st[g]..<st[g + 1] { let p = a + Int(c[k]) &* 2; x0 += p[0]; x1 += p[1] }
                  acc[0] += x0; acc[1] += x1
                default:
                  var x0 = 0.0, x1 = 0.0, x2 = 0.0
                  for k in st[g]..<st[g + 1] { let p = a + Int(c[k]) &* m; x0 += p[0]; x1 += p[1]; x2 += p[2] }
                  acc[0] += x0; acc[1] += x1; acc[2] += x2
                }
              }
              for j in 0..<m { out[g &* m &+ j] = (s[g &* m &+ j] - acc[j]) / w[g] }
            }
          }
          if threads == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: body) }
        }
      }
      var total = 0.0
      for i in 0..<levels[0] * m { total += coef[0][i] }
      return total
    }

    /// Streams the sorted code arrays one sweep reads (a lower bound for the sweep).
    func readCodes(threads: Int) -> Int {
      let arrays = sorted.flatMap { $0.compactMap { $0 } }
      let partial = Shared<Int>(count: threads)
      defer { partial.deallocate() }
      let body: @Sendable (Int) -> Void = { t in
        var s = 0
        for c in arrays {
          var s0: Int32 = 0, s1: Int32 = 0, s2: Int32 = 0, s3: Int32 = 0
          let lo = t * self.n / threads, hi = (t + 1) * self.n / threads
          let p = c.pointer.baseAddress!
          var i = lo
          while i + 4 <= hi {
            s0 &+= p[i]; s1 &+= p[i + 1]; s2 &+= p[i + 2]; s3 &+= p[i + 3]
            i += 4
          }
          while i < hi { s0 &+= p[i]; i += 1 }
          s &+= Int(s0 &+ s1 &+ s2 &+ s3)
        }
        partial[t] = s
      }
      if threads == 1 { body(0) } else { DispatchQueue.concurrentPerform(iterations: threads, execute: body) }
      return (0..<threads).reduce(0) { $0 &+ partial[$1] }
    }
  }

  static func run(_ args: Arguments) throws {
    let dir = args.value("--data") ?? "Benchmarks/.data"
    guard let name = args.value("--workload") else { throw BenchError("kernel needs --workload") }
    let sweeps = Int(args.value("--sweeps") ?? "10") ?? 10
    let reps = Int(args.value("--reps") ?? "3") ?? 3
    let workload = try Workload(directory: dir + "/" + name)
    let fe = workload.fixedEffectNames
    let problem = Problem(codes: fe.map { workload.codes[$0]! })
    let dims = problem.dims
    let n = problem.n
    // The model's variables: outcome and regressors (every float64 column), at most 3.
    let variables = workload.meta.columns.filter { $0.type == "float64" }.prefix(3).map { workload.doubles[$0.name]! }
    let m = variables.count
    let sums: [[Double]] = (0..<dims).map { d in
      var s = [Double](repeating: 0, count: problem.levels[d] * m)
      for i in 0..<n { for j in 0..<m { s[Int(problem.original[d][i]) * m + j] += variables[j][i] } }
      return s
    }
    let cores = ProcessInfo.processInfo.activeProcessorCount
    var results = [Result]()
    let bytesPerSweep = dims * (dims - 1) * 4 * n
    let sink = Sink()
    for threads in Set([1, min(2, cores)]).sorted() {
      let t = Bandwidth.best(reps) { sink.add(problem.solve(sums: sums, variables: m, sweeps: sweeps, threads: threads)) }
      let perSweep = t / Double(sweeps)
      results.append(Result(
        workload: name, kernel: "ap-sweep (sorted layout, \(m) variables)", threads: threads, rows: n, dimensions: dims,
        variables: m, code_bytes_per_sweep: bytesPerSweep, seconds_per_sweep: perSweep,
        code_gb_per_s: Double(bytesPerSweep) / perSweep / 1e9))
      let r = Bandwidth.best(reps * 3) { sink.add(Double(problem.readCodes(threads: threads))) }
      results.append(Result(
        workload: name, kernel: "read the same codes", threads: threads, rows: n, dimensions: dims, variables: m,
        code_bytes_per_sweep: bytesPerSweep, seconds_per_sweep: r, code_gb_per_s: Double(bytesPerSweep) / r / 1e9))
    }
    for r in results { print(try jsonLine(r)) }
    if sink.value == 42.4242 { print("") }
  }

  final class Sink: @unchecked Sendable {
    private let lock = DispatchSemaphore(value: 1)
    private(set) var value = 0.0
    func add(_ x: Double) { lock.wait(); value += x; lock.signal() }
  }
}
