import CausalCore

/// An Abadie-Imbens estimate tabulates with its estimand and its own standard error.
extension AbadieImbensResult: TreatmentEffectSummary {
  /// The estimand's short name (``estimand``'s raw value).
  public var estimandName: String { estimand.rawValue }
  /// `Abadie-Imbens`: the matching variance of Abadie and Imbens (2006).
  public var standardErrorLabel: String { "Abadie-Imbens" }
}
