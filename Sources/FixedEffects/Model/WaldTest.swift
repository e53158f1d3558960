import CausalCore
import LinearAlgebra

/// The joint Wald test that several coefficients of a fitted model are all zero.
///
/// With `b` the `q` selected estimates and `V` their block of the fit's variance matrix (iid,
/// robust or clustered, whichever the fit used), `W = b'V⁻¹b`. CausalKit reports both forms:
///
/// - the F form of fixest's `wald()`: `F = W / q` against `F(q, df₂)`, where `df₂` is the fit's
///   t degrees of freedom (`n − K` with the fixed-effect parameters counted, or `G − 1` for the
///   smallest clustering dimension), as pyfixest's `wald_test` also uses;
/// - the asymptotic form: `W` against χ²(q) (what pyfixest's `wald_test` reports when the tested
///   coefficients are a subset).
///
/// ```swift
/// let fit = try FixedEffectsModel(formula: "y ~ x1 + x2 + x3 | firm", vcov: .cluster(["firm"])).fit(data)
/// let test = try fit.waldTest(terms: ["x2", "x3"])
/// print(test.statistic, test.pValue)
/// ```
public struct WaldTest: Sendable, Equatable, Encodable {
  /// The tested terms, in the order given.
  public let terms: [String]
  /// `W = b'V⁻¹b`.
  public let waldStatistic: Double
  /// `F = W / q`.
  public let statistic: Double
  /// `q`, the number of tested coefficients.
  public let numeratorDegreesOfFreedom: Int
  /// `df₂`, the fit's t degrees of freedom.
  public let denominatorDegreesOfFreedom: Double
  /// `P(F(q, df₂) > F)`.
  public let pValue: Double
  /// `P(χ²(q) > W)`.
  public let chiSquaredPValue: Double

  /// Encodes `terms`, `wald_statistic`, `statistic` (F), `df1`, `df2`, `p_value` and
  /// `chi_squared_p_value`; non-finite numbers become `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("terms", terms), .value("df1", numeratorDegreesOfFreedom), .number("wald_statistic", waldStatistic),
      .number("statistic", statistic), .number("df2", denominatorDegreesOfFreedom), .number("p_value", pValue),
      .number("chi_squared_p_value", chiSquaredPValue),
    ])
  }

}

extension FixedEffectsFit {
  /// The joint Wald test that the coefficients of `terms` are all zero, with the fit's own
  /// variance matrix (see ``WaldTest`` for the two forms reported).
  ///
  /// - Parameter terms: Coefficient names, at least one, each estimated by the fit (a term
  ///   dropped as collinear cannot be tested).
  /// - Returns: The statistics and p-values.
  /// - Throws: ``FixedEffectsError/invalidOption(_:)`` for an empty list, a repeated
  ///   term or a term the fit did not estimate; `LinearAlgebraError` when the selected block of
  ///   the variance matrix is not positive definite;
  ///   ``FixedEffectsError/varianceUnavailable(type:reason:)`` when it is not defined (HC2/HC3
  ///   with an observation of leverage 1); `DistributionError` for degrees of freedom that are
  ///   not positive.
  /// - Complexity: O(q³).
  public func waldTest(terms: [String]) throws -> WaldTest {
    guard !terms.isEmpty else {
      throw FixedEffectsError.invalidOption(.invalid(option: "terms", value: "[]", expected: "at least one coefficient to test"))
    }
    guard Set(terms).count == terms.count else {
      throw FixedEffectsError.invalidOption(
        .invalid(option: "terms", value: terms.joined(separator: ", "), expected: "each coefficient named only once"))
    }
    var indices: [Int] = []
    var estimates: [Double] = []
    var errors: [Double] = []
    for term in terms {
      guard let index = variance.terms.firstIndex(of: term), let row = coefficient(term) else {
        throw FixedEffectsError.invalidOption(
          .invalid(
            option: "terms", value: term,
            expected: "an estimated coefficient (\(variance.terms.joined(separator: ", ")))"))
      }
      indices.append(index)
      estimates.append(row.estimate)
      errors.append(row.standardError)
    }
    // b'V⁻¹b is computed on the coefficients scaled by powers of two that bring their standard
    // errors near 1 (exact: the scalings cancel term by term), so coefficients in units a
    // hundred orders of magnitude apart, or with a variance beyond the double range, are
    // tested as in ordinary units.
    let e = errors.map { ColumnScaling.exponent(maxAbs: $0) }
    var block = variance.matrix.selecting(indices)
    for b in 0..<block.columns {
      for a in 0..<block.rows {
        let v = block[a, b]
        let se = ColumnScaling.scale(errors[a], by: e[a])
        // A diagonal entry beyond the double range, or subnormal (a variance below 2.2e-308
        // keeps only a few bits), is rebuilt from the standard error, computed in scaled units.
        if a == b && !v.isNormal && v != 0 {
          block[a, b] = se * se
        } else {
          block[a, b] = v.isFinite ? ColumnScaling.scale(ColumnScaling.scale(v, by: e[a]), by: e[b]) : .nan
        }
      }
    }
    guard block.elements.allSatisfy(\.isFinite) else {
      throw FixedEffectsError.varianceUnavailable(
        type: varianceType.description, reason: "the variance of \(terms.joined(separator: ", ")) is not defined (see the fit's notes)")
    }
    let scaled = zip(estimates, e).map { ColumnScaling.scale($0, by: $1) }
    let solved = try Cholesky(block).solve(scaled)
    let wald = zip(scaled, solved).reduce(0) { $0 + $1.0 * $1.1 }
    let q = terms.count
    let f = wald / Double(q)
    return WaldTest(
      terms: terms, waldStatistic: wald, statistic: f, numeratorDegreesOfFreedom: q,
      denominatorDegreesOfFreedom: tDegreesOfFreedom,
      pValue: try PValues.upperTail(
        fStatistic: f, numeratorDegreesOfFreedom: Double(q), denominatorDegreesOfFreedom: tDegreesOfFreedom),
      chiSquaredPValue: try PValues.upperTail(chiSquaredStatistic: wald, degreesOfFreedom: Double(q)))
  }
}
