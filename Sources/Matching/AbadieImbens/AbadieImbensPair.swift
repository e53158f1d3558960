/// One matched pair of ``AbadieImbensResult``: a row of `Matching::Match`'s `index.treated`,
/// `index.control` and `weights`.
///
/// A unit with mᵢ matches (M, or more with ties) contributes mᵢ pairs, each with weight
/// 1/mᵢ; the estimate is the weighted mean of Y(treated) − Y(control) over the pairs (before
/// any bias adjustment). Indices are 0-based positions in the input vectors (Match's are
/// 1-based). For the ATE a control matched to a treated unit appears with the roles of the
/// two indices unchanged: `treated` is always the treated unit of the pair.
public struct AbadieImbensPair: Sendable, Equatable, Hashable, Codable {
  /// Index of the pair's treated unit.
  public let treated: Int
  /// Index of the pair's control unit.
  public let control: Int
  /// The pair's weight, 1/(number of matches of the unit that was matched).
  public let weight: Double
}
