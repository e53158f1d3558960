import LinearAlgebra

/// Observations whose leverage is 1 within ``ClusterRobustVariance/leverageTolerance``, for
/// which HC2 and HC3 (which divide by `1 − hᵢ`) are not defined.
package struct LeverageOneError: Error, Sendable, Equatable {
  /// Positions of the observations in the estimation sample (0-based).
  package let observations: [Int]
  /// Their `1 − hᵢ` (0 when the leverage is exactly 1).
  package let complements: [Double]

  /// Creates the error.
  package init(observations: [Int], complements: [Double]) {
    self.observations = observations
    self.complements = complements
  }

  /// A sentence for a result's notes, naming the observations by their row in the data.
  ///
  /// - Parameters:
  ///   - type: The variance type's name (`hc2`, `hc3`).
  ///   - rows: The table row (0-based) of each observation of the estimation sample.
  /// - Complexity: O(observations).
  package func note(type: String, rows: [Int]) -> String {
    "Variance \(type) is not defined: the observation\(observations.count == 1 ? "" : "s") at data "
      + observationList(rows: rows)
      + " \(observations.count == 1 ? "has" : "have") leverage 1 (within 1.5e-8), and \(type) divides by 1 − h. "
      + "Standard errors are reported as NaN; use hetero (HC1) or hc0, or remove the observation."
  }

  /// The observations as `row 12 (1 − h = 3.2e-11), row 40 (h = 1)`, rows counted from 1, at
  /// most five shown.
  ///
  /// - Parameter rows: The table row (0-based) of each observation of the estimation sample.
  /// - Complexity: O(observations).
  package func observationList(rows: [Int]) -> String {
    let shown = zip(observations, complements).prefix(5).map { i, c in
      let row = i < rows.count ? rows[i] + 1 : i + 1
      return c > 0 ? "row \(row) (1 − h = \(SummaryFormat.scientific(c)))" : "row \(row) (h = 1)"
    }
    let more = observations.count > 5 ? " and \(observations.count - 5) more" : ""
    return shown.joined(separator: ", ") + more
  }
}

extension ClusterRobustVariance {
  /// Observations with `1 − hᵢ ≤ leverageTolerance` (`√ε ≈ 1.49e-8`, the threshold at which R's
  /// sandwich warns) count as having leverage 1.
  package static let leverageTolerance = Double.ulpOfOne.squareRoot()

  /// `1 − hᵢ` for every observation, computed without cancellation.
  ///
  /// For `hᵢ ≤ ½` the subtraction `1 − hᵢ` loses nothing. For the few observations with
  /// `hᵢ > ½` (at most `2k`, as the leverages sum to k) it is recomputed from the design
  /// without observation i: with `Aᵢ = Σ_{j≠i} ωⱼxⱼxⱼᵀ` (accumulated, never `XᵀWX − ωᵢxᵢxᵢᵀ`)
  /// and `dᵢ = ωᵢxᵢᵀAᵢ⁻¹xᵢ`, `1 − hᵢ = 1/(1 + dᵢ)`. When `Aᵢ` is singular (relative tolerance
  /// 1e-10 after scaling by its diagonal: the other rows do not span `xᵢ`'s direction) the
  /// leverage is exactly 1 and the complement 0.
  ///
  /// - Parameter weights: `ωᵢ` (1 when `nil`).
  /// - Complexity: O(n k²) for the leverages, plus O(n k² + m k³ + m² k²) for m observations
  ///   with leverage above ½.
  package func leverageComplements(weights: [Double]?) -> [Double] {
    let h = leverages(weights: weights)
    var complements = h.map { 1 - $0 }
    let flagged = h.indices.filter { h[$0] > 0.5 || h[$0].isNaN }
    guard !flagged.isEmpty else { return complements }
    let n = design.rows, k = columns.count
    var isFlagged = [Bool](repeating: false, count: n)
    for i in flagged { isFlagged[i] = true }
    let row = { (i: Int) -> [Double] in self.columns.map { self.design[i, $0] } }
    func add(_ a: inout Matrix, _ x: [Double], _ w: Double) {
      for q in 0..<k { for p in 0...q { a[p, q] += w * x[p] * x[q] } }
    }
    // Each column scaled by its largest magnitude, so the Gram neither overflows nor underflows.
    let exponents = ColumnScaling.columnExponents(design.selectingColumns(columns))
    let scaledRow = { (i: Int) -> [Double] in
      zip(row(i), exponents).map { ColumnScaling.scale($0, by: $1) }
    }
    var rest = Matrix(rows: k, columns: k)
    for i in 0..<n where !isFlagged[i] { add(&rest, scaledRow(i), weights?[i] ?? 1) }
    for i in flagged {
      var a = rest
      for j in flagged where j != i { add(&a, scaledRow(j), weights?[j] ?? 1) }
      a.symmetrizeFromUpper()
      complements[i] = Self.complement(others: a, x: scaledRow(i), weight: weights?[i] ?? 1)
    }
    return complements
  }

  /// `1/(1 + ω xᵀA⁻¹x)`, or 0 when `A` is singular.
  private static func complement(others a: Matrix, x: [Double], weight: Double) -> Double {
    let e = ColumnScaling.diagonalExponents(a)
    let scaled = ColumnScaling.scaleSymmetric(a, by: e)
    guard SequentialIndependence.independentColumns(gram: scaled, tolerance: 1e-10).count == a.rows,
      let chol = try? Cholesky(scaled)
    else { return 0 }
    let v = zip(x, e).map { ColumnScaling.scale($0, by: $1) }
    guard let z = try? TriangularSolve.solve(chol.upper, v, upper: true, transpose: true) else { return 0 }
    let d = weight * z.reduce(0) { $0 + $1 * $1 }
    return d.isFinite ? 1 / (1 + d) : 0
  }
}
