/// The structural effects of the Strong School Project on one subject's score, in standard
/// deviations of the standardized score (see ``SchoolPanelConfiguration`` for the scale).
///
/// The score equation of student `i` in school `s` and year `t` is
///
///     score = school level + year shock + peerSlope · peer + leadershipSlope · leadership
///           + teachingSlope · teaching + direct · treat_post + student noise
///
/// and the project shifts the mediators in SSP schools in project years, directly and through
/// their causal chain leadership → teaching style → peer relationships (``MediatorChain``; total
/// shifts 0.80 for peer relationships, 1.00 for leadership and 0.25 for teaching style by
/// default). The total effect is ``total``; the part that is not carried by a mediator (the
/// direct effect) is whatever is left, so the total is exact whatever the slopes:
/// `direct = total − Σ slope_M · (total shift of M)`.
///
/// ```swift
/// let math = SubjectEffects(total: 0.67, peerSlope: 0.25, leadershipSlope: 0.15, teachingSlope: 0.10)
/// ```
public struct SubjectEffects: Sendable, Equatable, Codable {
  /// The total effect of the project on the standardized score (SD units).
  public var total: Double
  /// Score change per unit of the student's peer-relationship scale.
  public var peerSlope: Double
  /// Score change per unit of the school's principal-leadership scale.
  public var leadershipSlope: Double
  /// Score change per unit of the student's teaching-style scale.
  public var teachingSlope: Double

  /// Creates the effects of one subject; parameters as the properties.
  public init(total: Double, peerSlope: Double, leadershipSlope: Double, teachingSlope: Double) {
    self.total = total
    self.peerSlope = peerSlope
    self.leadershipSlope = leadershipSlope
    self.teachingSlope = teachingSlope
  }
}
