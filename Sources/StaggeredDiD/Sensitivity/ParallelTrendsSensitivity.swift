import CausalCore

/// The Rambachan and Roth (2023) sensitivity analysis of an event study to violations of
/// parallel trends ("HonestDiD"): confidence intervals for a post-treatment effect that stay
/// valid when the post-treatment violation δ_post is restricted by the pre-treatment one
/// rather than assumed zero, for a list of restriction sizes, and the breakdown value.
///
/// ```swift
/// let study = try EventStudyEstimates(callawaySantAnna.aggregated(.dynamic()))
/// let sensitivity = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: [0.5, 1, 2]))
/// let result = try sensitivity.analyze(study)
/// print(result.summary())
/// ```
///
/// ## Restrictions and inference (HonestDiD 0.2.8's defaults)
///
/// - ``Restriction/relativeMagnitude(mbar:)``, `Δ^RM(M̄)`: every post-period first difference
///   of δ is at most M̄ times the largest pre-period first difference (the reference period
///   counted, δ = 0 there). Inference by the conditional least-favourable hybrid test ("C-LF",
///   Andrews, Roth and Pakes; first-stage size α/10 with a critical value from 1,000 simulated
///   draws) inverted over a grid of θ: by default 1,000 points on ±20 standard errors of the
///   target around 0 (`createSensitivityResults_relativeMagnitudes`, `computeConditionalCS_DeltaRM`);
///   the interval runs from the smallest to the largest accepted grid point.
/// - ``Restriction/smoothness(m:)``, `Δ^SD(M)`: every second difference of δ is at most M in
///   absolute value (M = 0: linear trends extrapolate exactly). Inference by the optimal
///   fixed-length confidence interval ("FLCI", `findOptimalFLCI`).
///
/// ## Where this differs from HonestDiD
///
/// - The least-favourable critical value uses this library's random numbers (``seed``), not
///   R's, so it differs by simulation error (a few hundredths of a standard error in the
///   bounds, below the grid step).
/// - The folded normal quantile of the FLCI is computed exactly rather than from 10⁶ draws.
/// - The FLCI's convex program is solved by an exact lasso path search instead of CVXR (see
///   `FixedLengthInterval`); the optimum is the same.
/// - moderndid 0.2.0 (the Python port) centres its default grid on the identified set and uses
///   100 points, and leaves out the earliest pre-period difference from `Δ^RM`; this follows R.
public struct ParallelTrendsSensitivity: Sendable {
  /// The restriction on the post-treatment violation of parallel trends, with the sizes to try.
  public enum Restriction: Sendable, Equatable {
    /// `Δ^RM(M̄)`: post-period first differences at most M̄ times the largest pre-period one.
    case relativeMagnitude(mbar: [Double])
    /// `Δ^SD(M)`: second differences at most M in absolute value.
    case smoothness(m: [Double])

    /// The sizes (M̄ or M), in the order given.
    public var values: [Double] {
      switch self {
      case .relativeMagnitude(let values), .smoothness(let values): return values
      }
    }

    /// The restriction's kind.
    public var kind: SensitivityResult.Kind {
      switch self {
      case .relativeMagnitude: return .relativeMagnitude
      case .smoothness: return .smoothness
      }
    }
  }

  /// The parameter whose interval is reported.
  public enum Target: Sendable, Equatable {
    /// The effect at one post-treatment event time.
    case eventTime(Int)
    /// The equal-weight average of the post-treatment effects.
    case averagePost
  }

  /// HonestDiD's default M̄ values: 10 equally spaced on [0, 2].
  public static let defaultMbar: [Double] = (0..<10).map { 2 * Double($0) / 9 }

  /// The restriction and its sizes.
  public let restriction: Restriction
  /// The target, or `nil` for the first post-treatment event time.
  public let target: Target?
  /// The confidence level, 0.95 by default.
  public let confidenceLevel: Double
  /// Grid points of the relative-magnitude test inversion (HonestDiD: 1,000).
  public let gridPoints: Int
  /// The grid's range, or `nil` for HonestDiD's ±20 standard errors of the target around 0.
  public let gridBounds: ClosedRange<Double>?
  /// The seed of the least-favourable critical values' draws.
  public let seed: UInt64

  /// Configures the analysis.
  ///
  /// - Parameters:
  ///   - restriction: The restriction and its sizes: at least one, each finite and at least 0.
  ///   - target: The target; `nil` for the first post-treatment event time.
  ///   - confidenceLevel: In (0, 1).
  ///   - gridPoints: At least 2 (relative magnitudes only).
  ///   - gridBounds: A finite range with lower < upper, or `nil`.
  ///   - seed: The simulation seed.
  /// - Throws: `OptionError` for an empty list of sizes, a negative or non-finite size, a
  ///   confidence level outside (0, 1), fewer than 2 grid points or an empty grid range.
  /// - Complexity: O(sizes).
  public init(
    restriction: Restriction, target: Target? = nil, confidenceLevel: Double = 0.95, gridPoints: Int = 1_000,
    gridBounds: ClosedRange<Double>? = nil, seed: UInt64 = 0
  ) throws(OptionError) {
    let name = restriction.kind == .relativeMagnitude ? "mbar" : "m"
    guard !restriction.values.isEmpty else {
      throw .invalid(option: name, value: "[]", expected: "at least one value, such as [0.5, 1, 2]")
    }
    for value in restriction.values {
      try OptionError.requireNonNegative(value, option: name, example: restriction.kind == .relativeMagnitude ? "1" : "0.01")
    }
    try OptionError.requireLevel(confidenceLevel)
    try OptionError.requireCount(gridPoints, atLeast: 2, option: "gridPoints")
    if let gridBounds, !(gridBounds.lowerBound.isFinite && gridBounds.upperBound.isFinite && gridBounds.lowerBound < gridBounds.upperBound) {
      throw .invalid(option: "gridBounds", value: "\(gridBounds)", expected: "a finite range with lower < upper, such as -0.2...0.2")
    }
    (self.restriction, self.target, self.confidenceLevel) = (restriction, target, confidenceLevel)
    (self.gridPoints, self.gridBounds, self.seed) = (gridPoints, gridBounds, seed)
  }

  /// HonestDiD's default smoothness sizes for an event study: 10 equally spaced values from 0
  /// to the upper one-sided (95%) confidence bound on the largest absolute pre-period second
  /// difference (`DeltaSD_upperBound_Mpre`), or to the first pre-period's standard error with a
  /// single pre-period.
  ///
  /// - Parameter estimates: The event study.
  /// - Returns: Ten values starting at 0.
  /// - Complexity: O(k²).
  public static func defaultSmoothnessBounds(for estimates: EventStudyEstimates) -> [Double] {
    let pre = estimates.prePeriods.count
    let k = estimates.count
    var top: Double
    if pre == 1 {
      top = estimates.standardErrors[0]
    } else {
      // Second differences over the pre-periods and the reference (δ = 0), both signs.
      let z = NormalDistribution.standard.upperQuantile(0.05)
      top = -.infinity
      for r in 0..<(pre - 1) {
        var row = [Double](repeating: 0, count: pre + 1)
        (row[r], row[r + 1], row[r + 2]) = (1, -2, 1)
        row.remove(at: pre)
        let value = (0..<pre).reduce(0) { $0 + row[$1] * estimates.estimates[$1] }
        var variance = 0.0
        for i in 0..<pre { for j in 0..<pre { variance += row[i] * estimates.covariance[i * k + j] * row[j] } }
        top = max(top, value + z * variance.squareRoot(), -value + z * variance.squareRoot())
      }
    }
    return (0..<10).map { top * Double($0) / 9 }
  }

  /// Runs the analysis on an event study.
  ///
  /// - Parameter estimates: The event study.
  /// - Returns: The original interval, one robust interval per size and the breakdown value.
  /// - Throws: ``DiDError/targetNotPostPeriod(eventTime:postPeriods:)`` when the target is not
  ///   a post-period; ``DiDError/sensitivityFailed(reason:)`` when the target's standard error
  ///   is zero, a moment has zero variance or an optimisation fails.
  /// - Complexity: Relative magnitudes: O(sizes × pre-periods × (1,000 + gridPoints)) small
  ///   linear programs (sizes run in parallel); smoothness: O(sizes × 120 × pre-periods⁴).
  public func analyze(_ estimates: EventStudyEstimates) throws(DiDError) -> SensitivityResult {
    let pre = estimates.prePeriods.count
    let post = estimates.postPeriods
    let resolved = target ?? .eventTime(post[0])
    var weights = [Double](repeating: 0, count: post.count)
    switch resolved {
    case .eventTime(let e):
      guard let index = post.firstIndex(of: e) else { throw .targetNotPostPeriod(eventTime: e, postPeriods: post) }
      weights[index] = 1
    case .averagePost:
      weights = weights.map { _ in 1 / Double(post.count) }
    }
    let k = estimates.count
    let estimate = (0..<post.count).reduce(0) { $0 + weights[$1] * estimates.estimates[pre + $1] }
    var variance = 0.0
    for i in 0..<post.count {
      for j in 0..<post.count { variance += weights[i] * estimates.covariance[(pre + i) * k + pre + j] * weights[j] }
    }
    let standardError = variance.squareRoot()
    guard standardError > 0 else { throw .sensitivityFailed(reason: "the target's standard error is zero") }
    let alpha = 1 - confidenceLevel
    let z = NormalDistribution.standard.upperQuantile(alpha / 2)
    let original = ConfidenceInterval(lower: estimate - z * standardError, upper: estimate + z * standardError)
    let rows: [SensitivityResult.Row]
    switch restriction {
    case .relativeMagnitude(let mbar):
      let bounds = RelativeMagnitudeBounds(
        beta: estimates.estimates, sigma: estimates.covariance, pre: pre, weights: weights, alpha: alpha, seed: seed)
      let range = gridBounds ?? (-20 * standardError)...(20 * standardError)
      let n = gridPoints
      let grid = (0..<n).map { range.lowerBound + (range.upperBound - range.lowerBound) * Double($0) / Double(n - 1) }
      let solved = try? ParallelMap.map(mbar.count) { i -> SensitivityResult.Row? in
        guard let tests = bounds.tests(mbar: mbar[i]) else { return nil }
        guard let accepted = RelativeMagnitudeBounds.acceptedRange(grid: grid, tests: tests) else {
          return SensitivityResult.Row(value: mbar[i], interval: ConfidenceInterval(lower: .nan, upper: .nan), atGridEnd: false)
        }
        return SensitivityResult.Row(
          value: mbar[i], interval: ConfidenceInterval(lower: grid[accepted.lower], upper: grid[accepted.upper]),
          atGridEnd: accepted.lower == 0 || accepted.upper == n - 1)
      }
      guard let solved, solved.allSatisfy({ $0 != nil }) else {
        throw .sensitivityFailed(
          reason: "a relative-magnitude moment has zero variance or its critical value could not be simulated; "
            + "check that the covariance of the post-period estimates is not singular")
      }
      rows = solved.compactMap { $0 }
    case .smoothness(let m):
      let problem = FixedLengthInterval(beta: estimates.estimates, sigma: estimates.covariance, pre: pre, weights: weights)
      var solved: [SensitivityResult.Row] = []
      for value in m {
        guard let interval = problem.interval(m: value, alpha: alpha) else {
          throw .sensitivityFailed(reason: "the fixed-length interval's optimisation failed at M = \(value)")
        }
        solved.append(SensitivityResult.Row(
          value: value,
          interval: ConfidenceInterval(
            lower: interval.estimate - interval.halfLength, upper: interval.estimate + interval.halfLength),
          atGridEnd: false))
      }
      rows = solved
    }
    return SensitivityResult(
      kind: restriction.kind, target: resolved, weights: weights, estimate: estimate, standardError: standardError,
      confidenceLevel: confidenceLevel, original: original, robust: rows, estimates: estimates,
      gridPoints: restriction.kind == .relativeMagnitude ? gridPoints : nil,
      seed: restriction.kind == .relativeMagnitude ? seed : nil)
  }
}
