/// The variance-covariance estimator for a linear model's coefficients.
///
/// | case | meat | small-sample factor (fixest convention) |
/// |---|---|---|
/// | ``iid`` | `σ² (XᵀWX)` with `σ² = Σwᵢeᵢ²/(n−K)` | — |
/// | ``hetero`` (HC1) | `Σ wᵢ²eᵢ² xᵢxᵢᵀ` | `n/(n−K)` |
/// | ``hc0`` | as HC1 | none |
/// | ``hc2`` | `Σ wᵢ²eᵢ²/(1−hᵢᵢ) xᵢxᵢᵀ` | none |
/// | ``hc3`` | `Σ wᵢ²eᵢ²/(1−hᵢᵢ)² xᵢxᵢᵀ` | none |
/// | ``cluster(_:)`` (CR1) | `Σ_g s_g s_gᵀ`, `s_g = Σ_{i∈g} wᵢeᵢxᵢ` | `G/(G−1) · (n−1)/(n−K)` |
///
/// `K` counts the estimated parameters (for fixed-effects models, see `SmallSampleCorrection`
/// in the FixedEffects module); `hᵢᵢ = wᵢ xᵢᵀ(XᵀWX)⁻¹xᵢ` is the leverage, which is only defined
/// without absorbed fixed effects (HC2 and HC3 throw otherwise, as in pyfixest). Multi-way
/// clustering uses the inclusion-exclusion sum of Cameron, Gelbach and Miller (2011) over all
/// intersections of the cluster variables. Every estimator module documents how it applies
/// these types; the table shows the linear model's factors.
public enum VarianceType: Sendable, Equatable, Hashable, CustomStringConvertible {
  /// Homoskedastic errors.
  case iid
  /// Heteroskedasticity-robust with the HC1 factor (fixest's "hetero", Stata's `robust`).
  case hetero
  /// Heteroskedasticity-robust without small-sample factor.
  case hc0
  /// Heteroskedasticity-robust, leverage-adjusted (MacKinnon and White 1985).
  case hc2
  /// Heteroskedasticity-robust, jackknife-like leverage adjustment.
  case hc3
  /// Cluster-robust by one or more variables (CR1).
  case cluster([String])

  /// Parses the command-line syntax: `iid`, `hetero`, `hc0`, `hc1`, `hc2`, `hc3`, or
  /// `cluster:COL` / `cluster:COL1+COL2`.
  ///
  /// - Throws: ``OptionError/invalid(option:value:expected:)`` for anything else.
  public init(parsing text: String) throws(OptionError) {
    let lower = text.trimmingWhitespace.lowercased()
    switch lower {
    case "iid", "standard": self = .iid
    case "hetero", "hc1", "robust": self = .hetero
    case "hc0": self = .hc0
    case "hc2": self = .hc2
    case "hc3": self = .hc3
    default:
      let trimmed = text.trimmingWhitespace
      if lower.hasPrefix("cluster:") {
        let names = trimmed.dropFirst("cluster:".count).split(separator: "+").map { String($0).trimmingWhitespace }
        if !names.isEmpty && !names.contains(where: \.isEmpty) {
          self = .cluster(names)
          return
        }
      }
      throw .invalid(option: "vcov", value: text, expected: "iid, hetero, hc0, hc2, hc3, cluster:COL or cluster:COL1+COL2")
    }
  }

  /// The command-line spelling.
  public var description: String {
    switch self {
    case .iid: return "iid"
    case .hetero: return "hetero"
    case .hc0: return "hc0"
    case .hc2: return "hc2"
    case .hc3: return "hc3"
    case .cluster(let names): return "cluster:" + names.joined(separator: "+")
    }
  }
}

extension VarianceType {
  /// The line printed by result summaries: "Heteroskedasticity-robust (HC1)", "Clustered
  /// (firm & year)", or `iid` for ``iid`` (each model says what its iid variance is).
  package func summaryLabel(iid: String) -> String {
    switch self {
    case .iid: return iid
    case .hetero: return "Heteroskedasticity-robust (HC1)"
    case .hc0: return "Heteroskedasticity-robust (HC0)"
    case .hc2: return "Heteroskedasticity-robust (HC2)"
    case .hc3: return "Heteroskedasticity-robust (HC3)"
    case .cluster(let names): return "Clustered (\(names.joined(separator: " & ")))"
    }
  }
}

extension String {
  /// The string without leading and trailing white space.
  package var trimmingWhitespace: String {
    var s = Substring(self)
    while let f = s.first, f.isWhitespace { s.removeFirst() }
    while let l = s.last, l.isWhitespace { s.removeLast() }
    return String(s)
  }
}
