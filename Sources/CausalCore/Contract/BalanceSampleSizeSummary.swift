/// The group sizes behind a ``BalanceSummary``: all units, and the adjusted sample's units of
/// positive weight with the Kish effective size (Σw)² / Σw² of its controls.
public struct BalanceSampleSizeSummary: Sendable, Equatable {
  /// Treated units.
  public let treated: Int
  /// Control units.
  public let control: Int
  /// Treated units of positive weight in the adjusted sample, or `nil` without an adjustment.
  public let adjustedTreated: Int?
  /// Control units of positive weight in the adjusted sample, or `nil` without an adjustment.
  public let adjustedControl: Int?
  /// The effective number of adjusted controls (below ``adjustedControl`` when controls are
  /// reused or unequally weighted), or `nil` without an adjustment.
  public let adjustedEffectiveControl: Double?

  /// Creates the sizes.
  ///
  /// - Parameters:
  ///   - treated: Treated units.
  ///   - control: Control units.
  ///   - adjustedTreated: Treated units of positive weight after adjustment, or `nil`.
  ///   - adjustedControl: Control units of positive weight after adjustment, or `nil`.
  ///   - adjustedEffectiveControl: The effective number of adjusted controls, or `nil`.
  public init(
    treated: Int, control: Int, adjustedTreated: Int? = nil, adjustedControl: Int? = nil,
    adjustedEffectiveControl: Double? = nil
  ) {
    self.treated = treated
    self.control = control
    self.adjustedTreated = adjustedTreated
    self.adjustedControl = adjustedControl
    self.adjustedEffectiveControl = adjustedEffectiveControl
  }
}
