/// Evidence that a binary outcome is perfectly predicted by (a combination of) the regressors,
/// so that the maximum-likelihood estimates do not exist.
///
/// Under *complete* separation some linear combination of the regressors puts every event on
/// one side of a threshold and every non-event on the other; under *quasi-complete* separation
/// this holds with ties at the threshold. Either way the likelihood keeps increasing as some
/// coefficients go to ±∞: the iterations push fitted probabilities of the separated
/// observations towards exactly 0 or 1, and the reported coefficients and standard errors
/// are arbitrary (they depend on when the iterations stopped).
///
/// CausalKit declares separation when, after the iterations, some observations have fitted
/// probabilities within `1e-10` of their observed outcome and further Newton steps keep moving
/// their linear predictors outwards (the coefficients diverge).
public struct SeparationReport: Sendable, Equatable, Codable, CustomStringConvertible {
  /// The regressors involved: those that separate the outcome on their own (for a dummy, a
  /// level where the outcome is all 0 or all 1), otherwise those whose coefficients diverge.
  public let variables: [String]
  /// The number of observations whose fitted probability is within `1e-10` of 0 or 1.
  public let observationsAtBounds: Int
  /// Whether the separation is complete (every observation at a bound, deviance about 0).
  public let complete: Bool

  /// Creates a report.
  public init(variables: [String], observationsAtBounds: Int, complete: Bool) {
    self.variables = variables
    self.observationsAtBounds = observationsAtBounds
    self.complete = complete
  }

  /// The JSON keys.
  enum CodingKeys: String, CodingKey { case variables, complete, observationsAtBounds = "observations_at_bounds" }


  /// A sentence describing the separation, for notes and error messages.
  public var description: String {
    let kind = complete ? "Complete" : "Quasi-complete"
    let vars = variables.isEmpty ? "" : " involving \(variables.joined(separator: ", "))"
    return "\(kind) separation\(vars): \(observationsAtBounds) fitted probabilit\(observationsAtBounds == 1 ? "y is" : "ies are") numerically 0 or 1, "
      + "and the affected coefficients diverge; their estimates and standard errors are not meaningful."
  }
}
