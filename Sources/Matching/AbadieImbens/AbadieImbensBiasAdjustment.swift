import LinearAlgebra

/// The regression bias adjustment of Abadie and Imbens (2011) as `Matching::Match` computes
/// it with `BiasAdjust = TRUE`.
///
/// For a group g (the units that serve as matches: controls for the ATT, treated for the
/// ATC in Match's flipped coding, both groups for the ATE), μ̂_g(z) = α₀ + zᵀα is fitted by
/// weighted least squares of Y on (1, Z) over the units of g, each weighted by K_M(j), the
/// number of times it is used as a match. Match solves the normal equations
/// (XᵀWX) β = XᵀWY, adding ε · max(column SDs of W^½X) to the diagonal when the smallest
/// eigenvalue of XᵀWX is at most ε = √(machine epsilon). Each matched outcome is then moved
/// to the matched unit's covariates: Yⱼ + (Zᵢ − Zⱼ)ᵀα_g.
enum AbadieImbensBiasAdjustment {
  /// The slopes α (the intercept dropped) of the weighted regression for one group.
  ///
  /// - Parameters:
  ///   - z: n × q adjustment covariates.
  ///   - outcome: Y.
  ///   - weights: K_M(j) for units of the group, 0 for all others.
  /// - Returns: The q slopes.
  /// - Throws: ``MatchingError/biasAdjustmentUnavailable(reason:)`` when the weighted
  ///   normal equations cannot be solved.
  /// - Complexity: O(n q² + q³).
  static func slopes(z: Matrix, outcome y: [Double], weights: [Double]) throws -> [Double] {
    let n = z.rows, q = z.columns, width = q + 1
    var design = Matrix(rows: n, columns: width)
    var response = [Double](repeating: 0, count: n)
    for i in 0..<n {
      let root = weights[i].squareRoot()
      design[i, 0] = root
      for c in 0..<q { design[i, c + 1] = z[i, c] * root }
      response[i] = y[i] * root
    }
    var gram = design.gram()
    do {
      let right = try design.transposeMultiplied(by: response)
      let smallest = try SymmetricEigen(gram).values.first ?? 0
      if smallest <= AbadieImbensMetric.tolerance {
        let ridge = AbadieImbensMetric.tolerance * (0..<width).map { standardDeviation(design.column($0)) }.reduce(0, max)
        for c in 0..<width { gram[c, c] += ridge }
      }
      let beta = try Cholesky(gram).solve(right)
      guard beta.allSatisfy(\.isFinite) else {
        throw MatchingError.biasAdjustmentUnavailable(reason: "the weighted regression has non-finite coefficients")
      }
      return Array(beta.dropFirst())
    } catch let error as MatchingError {
      throw error
    } catch {
      throw MatchingError.biasAdjustmentUnavailable(
        reason: "the weighted regression of the outcome on the adjustment covariates among the matches is singular (\(error))")
    }
  }

  /// R's `sd`: the sample standard deviation with divisor n − 1.
  private static func standardDeviation(_ x: [Double]) -> Double {
    guard x.count > 1 else { return 0 }
    let mean = x.reduce(0, +) / Double(x.count)
    let squares = x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
    return (squares / Double(x.count - 1)).squareRoot()
  }
}
