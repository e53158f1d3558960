import CausalCore

/// The link of a binary-response model: how the linear predictor `η = xᵀβ` maps to the
/// probability `p = F(η)`.
public enum LinkFunction: String, Sendable, Equatable, CaseIterable, Codable {
  /// Logistic: `p = 1 / (1 + e^(−η))` (logit model).
  case logit
  /// Standard normal CDF: `p = Φ(η)` (probit model).
  case probit
}
