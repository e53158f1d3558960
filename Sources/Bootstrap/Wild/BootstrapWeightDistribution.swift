/// The distribution of the multipliers of a wild bootstrap.
///
/// Each draw multiplies a residual (or a cluster's residuals, in the wild cluster bootstrap)
/// by an independent weight with mean 0 and variance 1.
public enum BootstrapWeightDistribution: String, Sendable, Equatable, CaseIterable, Codable {
  /// ±1 with probability ½ each (Rademacher); with few clusters all 2^G sign vectors can be
  /// enumerated exactly.
  case rademacher
  /// Mammen's two-point distribution: `−(√5 − 1)/2` with probability `(√5 + 1)/(2√5)`,
  /// `(√5 + 1)/2` otherwise (matches the third moment too).
  case mammen
  /// Webb's six-point distribution: `±√(1/2), ±1, ±√(3/2)` with probability ⅙ each, for very
  /// few clusters.
  case webb
  /// The standard normal.
  case normal
}
