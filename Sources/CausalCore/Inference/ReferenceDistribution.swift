/// The distribution a test statistic is compared with: Student t with some degrees of
/// freedom, or the standard normal.
public enum ReferenceDistribution: Sendable, Equatable, Codable {
  /// Student t with the given degrees of freedom.
  case studentT(degreesOfFreedom: Double)
  /// The standard normal.
  case normal
}
