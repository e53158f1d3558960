/// One synthetic school's pre-project characteristics and its place in the project.
///
/// The `…Index` values are the standard-normal draws behind the characteristics, on which the
/// selection index and the school's score level are linear.
public struct SchoolProfile: Sendable, Equatable {
  /// School identifier, 1-based.
  public var id: Int
  /// Prior achievement: the school's standardized Grade 9 mean before the project, N(0, 1).
  public var priorAchievement: Double
  /// Students enrolled.
  public var size: Int
  /// Standard-normal draw behind ``size`` (log size, standardized).
  public var sizeIndex: Double
  /// Whether the school's district is urban (otherwise suburban).
  public var urban: Bool
  /// Share of migrant students, in (0, 1).
  public var migrantShare: Double
  /// Standard-normal draw behind ``migrantShare``.
  public var migrantIndex: Double
  /// Mean teacher experience in years.
  public var teacherExperience: Double
  /// Standard-normal draw behind ``teacherExperience``.
  public var teacherIndex: Double
  /// The selection index (higher: more likely to join the project).
  public var selectionIndex: Double
  /// Whether the school joined the Strong School Project.
  public var ssp: Bool
  /// The school's first project year, `nil` for schools that never join.
  public var adoptionYear: Int?

  /// Creates a profile; parameters as the properties.
  public init(
    id: Int, priorAchievement: Double, size: Int, sizeIndex: Double, urban: Bool, migrantShare: Double,
    migrantIndex: Double, teacherExperience: Double, teacherIndex: Double, selectionIndex: Double, ssp: Bool,
    adoptionYear: Int? = nil
  ) {
    self.id = id
    self.priorAchievement = priorAchievement
    self.size = size
    self.sizeIndex = sizeIndex
    self.urban = urban
    self.migrantShare = migrantShare
    self.migrantIndex = migrantIndex
    self.teacherExperience = teacherExperience
    self.teacherIndex = teacherIndex
    self.selectionIndex = selectionIndex
    self.ssp = ssp
    self.adoptionYear = adoptionYear
  }
}
