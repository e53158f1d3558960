import CausalCore

/// The multiplier bootstrap of R did (`bstrap = TRUE`): standard errors and simultaneous
/// (uniform) confidence bands from the influence functions, without refitting.
///
/// Each replicate draws one Mammen weight `v` per unit (per cluster when clustering:
/// `(1 − √5)/2` with probability `(√5 + 1)/(2√5)`, else `(1 + √5)/2`), and perturbs every
/// estimate by `Σ v ψ / n`. A standard error is the interquartile range of its replicates over
/// that of the standard normal; the band's critical value is the `level` quantile (R's type 1)
/// of the largest studentized deviation over the estimates, so the band covers all of them
/// together with the stated probability (Callaway and Sant'Anna 2021, section 4).
///
/// Replicate `b` draws from `SeededGenerator(seed: seed).derived(stream: b)`, so results are
/// bit-identical whatever the number of threads. R's random numbers differ, so bootstrap
/// figures agree with R's only within Monte Carlo error.
public struct MultiplierBootstrap: Sendable, Equatable, Codable {
  /// The number of replicates.
  public let replicates: Int
  /// The seed.
  public let seed: UInt64

  /// Creates the options.
  ///
  /// - Parameters:
  ///   - replicates: Replicates, at least 99 (did's default is 1,000).
  ///   - seed: The seed.
  /// - Throws: `OptionError` for fewer than 99 replicates or more than 10⁷.
  public init(replicates: Int = 999, seed: UInt64 = 1) throws(OptionError) {
    guard (99...10_000_000).contains(replicates) else {
      throw .invalid(option: "replicates", value: "\(replicates)", expected: "99 to 10,000,000 bootstrap replicates")
    }
    self.replicates = replicates
    self.seed = seed
  }
}

/// The bootstrap of a set of estimators given by their dense influence functions over units.
struct MultiplierDraws: Sendable {
  /// Bootstrap standard errors, one per estimator (NaN when degenerate).
  let standardErrors: [Double]
  /// The critical value of the simultaneous band at the level.
  let criticalValue: Double

  /// Runs the bootstrap on projected influence functions (one entry per unit, or per cluster
  /// with clusters: see ``GroupTimeInfluence``).
  ///
  /// - Parameters:
  ///   - psis: The projected influence functions, each of length `influence.rowCount`.
  ///   - influence: Units and clusters.
  ///   - options: Replicates and seed.
  ///   - level: The band's coverage.
  /// - Complexity: O(k r) to arrange r rows, then that of ``init(rows:estimators:influence:options:level:)``.
  init(_ psis: [[Double]], influence: GroupTimeInfluence, options: MultiplierBootstrap, level: Double) {
    let k = psis.count
    var rows = [Double](repeating: 0, count: Self.rowCount(influence) * k)
    for (j, psi) in psis.enumerated() {
      for r in 0..<Self.rowCount(influence) { rows[r * k + j] = psi[r] }
    }
    self.init(rows: rows, estimators: k, influence: influence, options: options, level: level)
  }

  /// Runs the bootstrap on the group-time cells' sparse influence functions.
  ///
  /// - Complexity: O(Σ cell sizes), then that of ``init(rows:estimators:influence:options:level:)``.
  init(cells: [GroupTimeInfluence.Column], influence: GroupTimeInfluence, options: MultiplierBootstrap, level: Double) {
    let k = cells.count
    var rows = [Double](repeating: 0, count: Self.rowCount(influence) * k)
    for (j, column) in cells.enumerated() {
      for (u, v) in zip(column.units, column.values) { rows[Self.row(Int(u), influence) * k + j] += v }
    }
    self.init(rows: rows, estimators: k, influence: influence, options: options, level: level)
  }

  /// The rows the weights multiply: clusters, or units.
  private static func rowCount(_ influence: GroupTimeInfluence) -> Int {
    influence.unitCluster == nil ? influence.unitCount : influence.clusterCount
  }

  /// The row of unit `i`.
  private static func row(_ i: Int, _ influence: GroupTimeInfluence) -> Int {
    influence.unitCluster.map { Int($0[i]) } ?? i
  }

  /// Runs the bootstrap on influence values summed by row (unit or cluster), row-major
  /// `m × estimators`.
  ///
  /// - Complexity: O(B m k) for B replicates, spread over the cores.
  init(rows: [Double], estimators k: Int, influence: GroupTimeInfluence, options: MultiplierBootstrap, level: Double) {
    let m = Self.rowCount(influence)
    let b = options.replicates
    let scale = Double(m).squareRoot() / Double(m)
    let sqrt5 = 5.0.squareRoot()
    let (low, high, pLow) = ((1 - sqrt5) / 2, (1 + sqrt5) / 2, (sqrt5 + 1) / (2 * sqrt5))
    let matrix = rows
    let draws = (try? ParallelMap.map(b) { rep -> [Double] in
      var generator = SeededGenerator(seed: options.seed).derived(stream: UInt64(rep))
      var sums = [Double](repeating: 0, count: k)
      matrix.withUnsafeBufferPointer { p in
        for r in 0..<m {
          let v = generator.nextUniform() < pLow ? low : high
          for j in 0..<k { sums[j] += v * p[r * k + j] }
        }
      }
      return sums.map { $0 * scale }
    }) ?? []
    let iqrNormal = NormalDistribution.standard.quantile(0.75) - NormalDistribution.standard.quantile(0.25)
    var sigma = [Double](repeating: .nan, count: k)
    for j in 0..<k {
      let column = draws.map { $0[j] }
      let energy = column.reduce(0) { $0 + $1 * $1 }
      guard energy.isFinite, energy > 10 * Double.ulpOfOne.squareRoot() else { continue }
      let sorted = column.sorted()
      let upper = sorted[Int((0.75 * Double(b)).rounded(.up)) - 1]
      let lower = sorted[Int((0.25 * Double(b)).rounded(.up)) - 1]
      sigma[j] = (upper - lower) / iqrNormal
    }
    var maxima = draws.map { row -> Double in
      var t = -Double.infinity
      for j in 0..<k where sigma[j].isFinite && sigma[j] > 0 { t = max(t, abs(row[j] / sigma[j])) }
      return t
    }.filter(\.isFinite)
    maxima.sort()
    criticalValue = maxima.isEmpty ? .nan : maxima[max(0, Int((level * Double(maxima.count)).rounded(.up)) - 1)]
    standardErrors = sigma.map { $0 * Double(m).squareRoot() / Double(influence.unitCount) }
  }
}
