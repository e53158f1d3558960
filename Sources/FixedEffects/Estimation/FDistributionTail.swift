import CausalCore

/// Upper-tail probabilities of the F distribution for model F tests.
enum FDistributionTail {
  /// `P(F > f)` for an F(d1, d2) variable.
  ///
  /// - Throws: ``DistributionError`` for invalid degrees of freedom.
  static func upper(_ f: Double, _ d1: Int, _ d2: Int) throws -> Double {
    guard f.isFinite else { return f > 0 ? 0 : 1 }
    return try FDistribution(numeratorDegreesOfFreedom: Double(d1), denominatorDegreesOfFreedom: Double(d2))
      .survival(max(f, 0))
  }
}
