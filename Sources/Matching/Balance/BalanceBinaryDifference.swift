/// How a ``BalanceTable`` reports the difference of a binary (0/1) covariate.
///
/// cobalt (and the CausalKit default) reports the raw difference in proportions for binary
/// covariates, whose scale is already interpretable; MatchIt's `summary()` standardizes them
/// like continuous covariates, with `p(1 − p)` from the unmatched sample in the denominator.
/// Choose ``standardized`` to reproduce MatchIt's table.
public enum BalanceBinaryDifference: String, Sendable, Equatable, CaseIterable, Codable {
  /// The raw difference in proportions (cobalt's `binary = "raw"`); the default.
  case raw
  /// Standardized like continuous covariates (MatchIt's `summary()`).
  case standardized
}
