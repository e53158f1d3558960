/// Propensity scores of the treated and the control units, with the weights of the adjustment
/// (matching or weighting), as overlap plots read them.
///
/// The three arrays are aligned: one entry per unit of the analysed sample.
///
/// ```swift
/// func share(_ result: some PropensityOverlapSummary, above cutoff: Double) -> Double {
///   let above = result.propensityScores.filter { $0 > cutoff }.count
///   return Double(above) / Double(result.propensityScores.count)
/// }
/// ```
public protocol PropensityOverlapSummary: Sendable {
  /// The estimated propensity score of each unit.
  var propensityScores: [Double] { get }
  /// Whether each unit is treated.
  var treatmentStatus: [Bool] { get }
  /// Each unit's weight after the adjustment (0 for an unmatched unit), or `nil` when there is
  /// no adjusted sample.
  var adjustmentWeights: [Double]? { get }
}
