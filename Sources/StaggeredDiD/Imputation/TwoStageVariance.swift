extension TwoStageDiD {
  /// The variance estimator behind a two-stage DiD's standard errors.
  ///
  /// Both are cluster sums of the estimator's linear form `τ̂ = Σ vᵢₜ Yᵢₜ` (`vᵢₜ` is the target
  /// weight on treated rows and minus the first stage's projection of it on untreated rows),
  /// `σ̂² = Σ_c (Σ_{it∈c} vᵢₜ ε̃ᵢₜ)²`, with the first-stage residuals on untreated rows. They
  /// differ in the residual of a treated row, `ε̃ᵢₜ = τ̂ᵢₜ − τ̃ᵢₜ`:
  /// - ``gmm``: `τ̃` is the second-stage coefficient (Gardner's GMM correction; R did2s).
  /// - ``imputation(groups:leaveOut:)``: `τ̃` is Borusyak, Jaravel and Spiess's (2024,
  ///   Theorem 3 and equation 8) average of the effects within each group of treated rows,
  ///   `τ̃_g = Σ_c a_c b_c / Σ_c a_c²` with `a_c = Σ_{it∈c∩g} vᵢₜ` and
  ///   `b_c = Σ_{it∈c∩g} vᵢₜ τ̂ᵢₜ` over clusters `c`. The variance is exact when effects are
  ///   constant within groups and conservative otherwise (Stata's did_imputation).
  public enum Variance: Sendable, Hashable, Codable {
    /// Gardner's (2021) GMM-corrected variance (the default; R did2s, pyfixest `did2s`).
    case gmm
    /// Borusyak, Jaravel and Spiess's conservative variance.
    ///
    /// - Parameters:
    ///   - groups: The groups of treated rows within which effects are averaged for the
    ///     residuals (default cohort × period, did_imputation's `avgeffectsby(Ei t)`);
    ///     coarser groups suit small cohorts and give larger, more conservative variances
    ///     when effects differ within them.
    ///   - leaveOut: Average each cluster's effects over the other clusters of its group
    ///     (did_imputation's `leaveout`), which removes the downward bias of small groups; every
    ///     group then needs treated rows in at least two clusters.
    case imputation(groups: ImputationGroups = .cohortPeriod, leaveOut: Bool = false)

    /// Borusyak, Jaravel and Spiess's conservative variance with cohort × period groups and
    /// without leave-out.
    public static var imputation: Variance { .imputation() }

    /// A short description for summaries: which estimator, which groups.
    ///
    /// - Complexity: O(1).
    public var label: String {
      switch self {
      case .gmm: return "GMM-corrected standard errors"
      case .imputation(let groups, let leaveOut):
        return "Borusyak-Jaravel-Spiess conservative standard errors (effects averaged by \(groups.label)"
          + (leaveOut ? ", leave-out)" : ")")
      }
    }

    enum CodingKeys: String, CodingKey {
      case method, groups
      case leaveOut = "leave_out"
    }

    /// Encodes as `{"method": "gmm"}` or
    /// `{"method": "imputation", "groups": "cohort-period", "leave_out": false}`.
    public func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      switch self {
      case .gmm: try c.encode("gmm", forKey: .method)
      case .imputation(let groups, let leaveOut):
        try c.encode("imputation", forKey: .method)
        try c.encode(groups, forKey: .groups)
        try c.encode(leaveOut, forKey: .leaveOut)
      }
    }

    /// Decodes what ``encode(to:)`` writes.
    ///
    /// - Throws: `DecodingError` for an unknown method.
    public init(from decoder: any Decoder) throws {
      let c = try decoder.container(keyedBy: CodingKeys.self)
      switch try c.decode(String.self, forKey: .method) {
      case "gmm": self = .gmm
      case "imputation":
        self = .imputation(
          groups: try c.decodeIfPresent(ImputationGroups.self, forKey: .groups) ?? .cohortPeriod,
          leaveOut: try c.decodeIfPresent(Bool.self, forKey: .leaveOut) ?? false)
      case let other:
        throw DecodingError.dataCorruptedError(
          forKey: .method, in: c, debugDescription: "unknown variance method '\(other)' (expected gmm or imputation)")
      }
    }
  }

  /// The groups of treated rows within which Borusyak, Jaravel and Spiess's variance averages
  /// the effects (did_imputation's `avgeffectsby`).
  ///
  /// Averages are taken per second-stage term, so in an event study every group is further
  /// split by relative period: there ``cohortPeriod`` and ``cohort`` coincide, as do
  /// ``horizon`` and ``allTreated``.
  public enum ImputationGroups: String, Sendable, Hashable, Codable, CaseIterable {
    /// Cohort × period (did_imputation's default).
    case cohortPeriod = "cohort-period"
    /// Cohort.
    case cohort
    /// Relative period (periods since treatment).
    case horizon
    /// All treated rows in one group (did_imputation's `avgeffectsby(D)`, the most
    /// conservative).
    case allTreated = "all-treated"

    /// The grouping in words.
    var label: String {
      switch self {
      case .cohortPeriod: return "cohort x period"
      case .cohort: return "cohort"
      case .horizon: return "relative period"
      case .allTreated: return "all treated observations"
      }
    }
  }
}
