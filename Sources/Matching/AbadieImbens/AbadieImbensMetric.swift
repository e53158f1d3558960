import LinearAlgebra

/// The matching metric of `Matching::Match` with `Weight = 1`: covariates scaled by their
/// standard deviations, so that the squared distance between units i and j is
/// Σₖ (xᵢₖ − xⱼₖ)² / sₖ², plus the caliper widths on the covariates' own scale.
///
/// Match scales column k to zᵢₖ = (xᵢₖ − x̄ₖ) / sₖ with x̄ₖ = Σᵢ xᵢₖ / N and
/// sₖ = √(max(ε, Σᵢ xᵢₖ²) / N − x̄ₖ²) · √(N / (N − 1)) (the sample SD by the one-pass formula;
/// ε = √(machine epsilon) ≈ 1.49e-8, and sₖ is raised to ε when smaller). The distance is then
/// Σₖ (zⱼₖ − zᵢₖ)² — the identity weight matrix (`Weight = 1`) on the scaled covariates, that
/// is the diagonal of the inverse sample covariance on the original ones. The ties tolerance
/// is applied to this *squared* scaled distance.
///
/// A caliper of c standard deviations on covariate k excludes pairs with
/// |xᵢₖ − xⱼₖ| > c · σₖ, where σₖ = √(Σᵢ (xᵢₖ − x̄ₖ)² / N) is the population SD (Match's
/// `ecaliper`); a pair must be within the caliper on every covariate.
struct AbadieImbensMetric: Sendable {
  /// Number of units.
  let rows: Int
  /// Number of covariates.
  let columns: Int
  /// Scaled covariates, row-major: element (i, k) at `i * columns + k`.
  let scaled: [Double]
  /// Original covariates, row-major (used for the caliper).
  let original: [Double]
  /// Caliper half-widths on the original scale, one per covariate, or `nil`.
  let caliperWidths: [Double]?

  /// Match's tolerance `sqrt(.Machine$double.eps)`.
  static let tolerance = Double.ulpOfOne.squareRoot()

  /// Scales the covariates and converts the caliper to widths.
  ///
  /// - Parameters:
  ///   - covariates: n × p matching covariates, all finite (checked by the caller).
  ///   - caliper: One value (used for every covariate) or one per covariate, in standard
  ///     deviations; positive (checked by the caller).
  ///   - names: The covariates' names, for messages.
  /// - Throws: ``MatchingError/constantCovariate(_:)`` for a covariate with a
  ///   single value; `OptionError` when the caliper has neither one nor p values.
  /// - Complexity: O(n p).
  init(covariates: Matrix, caliper: [Double]?, names: [String]) throws {
    let n = covariates.rows, p = covariates.columns
    rows = n
    columns = p
    var scaled = [Double](repeating: 0, count: n * p)
    var original = [Double](repeating: 0, count: n * p)
    let count = Double(n)
    for k in 0..<p {
      let x = covariates.column(k)
      guard let first = x.first, x.contains(where: { $0 != first }) else {
        throw MatchingError.constantCovariate(names[k])
      }
      var sum = 0.0, sumSquares = 0.0
      for v in x {
        sum += v
        sumSquares += v * v
      }
      let mean = sum / count
      var scale = (max(Self.tolerance, sumSquares) / count - mean * mean).squareRoot()
      scale *= (count / (count - 1)).squareRoot()
      guard !scale.isNaN else { throw MatchingError.constantCovariate(names[k]) }
      if scale < Self.tolerance { scale = Self.tolerance }
      for i in 0..<n {
        scaled[i * p + k] = (x[i] - mean) / scale
        original[i * p + k] = x[i]
      }
    }
    self.scaled = scaled
    self.original = original
    self.caliperWidths = try Self.widths(caliper, covariates: covariates)
  }

  /// Match's `ecaliper`: caliper × population SD of each covariate.
  private static func widths(_ caliper: [Double]?, covariates: Matrix) throws(OptionError) -> [Double]? {
    guard let caliper else { return nil }
    let p = covariates.columns
    guard caliper.count == 1 || caliper.count == p else {
      throw .invalid(option: "caliper", value: "\(caliper)", expected: "give one value or one per matching covariate (\(p))")
    }
    let count = Double(covariates.rows)
    return (0..<p).map { k in
      let x = covariates.column(k)
      let mean = x.reduce(0, +) / count
      let squares = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
      return caliper[caliper.count == 1 ? 0 : k] * (squares / count).squareRoot()
    }
  }

  /// Squared scaled distance between units i and j, or +∞ when the pair violates the
  /// caliper. Summed over covariates in order, as Match does.
  @inline(__always)
  func distance(_ i: Int, _ j: Int) -> Double {
    let bi = i * columns, bj = j * columns
    if let widths = caliperWidths {
      for k in 0..<columns where abs(original[bi + k] - original[bj + k]) > widths[k] {
        return .infinity
      }
    }
    var d = 0.0
    for k in 0..<columns {
      let diff = scaled[bj + k] - scaled[bi + k]
      d += diff * diff
    }
    return d
  }
}
