import CausalCore
import LinearAlgebra

extension FixedEffectsEstimator {
  /// Converts the solution of the equilibrated system back to the model's units.
  ///
  /// Column `j` of the demeaned system is the model's column times `2^eⱼ` and the outcome
  /// the model's times `2^e₀` (see ``DemeanedSystem/exponents``), so a coefficient is
  /// `βⱼ = β̃ⱼ · 2^(eⱼ − e₀)`, a residual `ẽᵢ · 2^(−e₀)` and a variance entry
  /// `Vₐ_b = Ṽₐ_b · 2^(eₐ + e_b − 2e₀)`. All these are exact. Standard errors are taken from the
  /// scaled variance, `√Ṽⱼⱼ · 2^(eⱼ − e₀)`, so they stay finite when the variance itself is
  /// beyond the range of a double (a regressor scaled by 1e-170 has a variance near 1e340).
  struct Unscaling {
    /// `eⱼ − e₀` for each kept coefficient.
    let coefficientExponents: [Int]
    /// `−e₀`.
    let residualExponent: Int

    init(system: DemeanedSystem, columns: [Int]) {
      let e0 = system.exponents[0]
      coefficientExponents = columns.map { system.exponents[$0] - e0 }
      residualExponent = -e0
    }

    /// The solution in the model's units (the bread stays in scaled units).
    func solution(_ scaled: consuming Solution) -> Solution {
      var out = scaled
      for a in out.beta.indices { out.beta[a] = ColumnScaling.scale(out.beta[a], by: coefficientExponents[a]) }
      out.residuals.withUnsafeMutableBufferPointer { ColumnScaling.scale($0, by: residualExponent) }
      return out
    }

    /// The variance matrix in the model's units (entries beyond the double range become ±∞).
    func variance(_ scaled: Matrix) -> Matrix {
      var out = scaled
      for b in 0..<scaled.columns {
        for a in 0..<scaled.rows {
          out[a, b] = ColumnScaling.scale(
            ColumnScaling.scale(scaled[a, b], by: coefficientExponents[a]), by: coefficientExponents[b])
        }
      }
      return out
    }

    /// The tidy rows: standard errors from the scaled variance; for an exact fit, standard
    /// errors 0 and no statistic, p-value or interval width from round-off (NaN statistic and
    /// p-value, interval `[β, β]`).
    func rows(
      terms: [String], solution: Solution, scaledVariance: Matrix, exactFit: Bool,
      distribution: ReferenceDistribution, level: Double
    ) throws -> [CoefficientRow] {
      let errors = terms.indices.map { j -> Double in
        let v = scaledVariance[j, j]
        let se = v.isNaN ? Double.nan : v > 0 ? v.squareRoot() : 0
        return ColumnScaling.scale(se, by: coefficientExponents[j])
      }
      let rows = try TidyRows.make(
        terms: terms, estimates: solution.beta, standardErrors: errors, distribution: distribution, level: level)
      guard exactFit else { return rows }
      return rows.map {
        CoefficientRow(
          term: $0.term, estimate: $0.estimate, standardError: 0, statistic: .nan, pValue: .nan,
          confLow: $0.estimate, confHigh: $0.estimate)
      }
    }
  }

  /// R's "essentially perfect fit" rule: the residual variance `RSS/df` is below `1e-30` times
  /// the mean square of the fitted values, `(Σwᵢyᵢ² − RSS)/Σwᵢ` (fitted values and residuals are
  /// orthogonal). Such residuals are round-off, and so would be any standard error or t
  /// statistic computed from them.
  ///
  /// - Returns: The note to report, or `nil` when the fit is not exact.
  static func exactFit(_ system: DemeanedSystem, _ solution: Solution, dfResidual: Int, weights: [Double]?) -> String? {
    let rss = weightedSumOfSquares(solution.residuals, weights: weights, center: false)
    let totalWeight = weights.map { $0.reduce(0, +) } ?? Double(system.work.rows)
    let fitted = max(system.outcomeSquares - rss, 0)
    guard rss == 0 || rss * totalWeight <= 1e-30 * Double(dfResidual) * fitted else { return nil }
    if system.constantOutcome {
      return "The outcome is constant: the "
        + (system.hasFixedEffects ? "fixed effects fit" : "intercept fits")
        + " it exactly and every slope is 0. Standard errors are 0; no t statistic, p-value or F test is reported."
    }
    return "Essentially perfect fit: the residual variance is below 1e-30 of the mean square of the fitted values, "
      + "so the residuals are round-off. Standard errors are reported as 0; no t statistic, p-value or F test is reported."
  }
}
