/// Why an observation or a model column was removed before or during estimation.
public enum DropReason: String, Sendable, Equatable, Codable, CaseIterable {
  /// A variable used by the model (outcome, regressor, fixed effect, weight or cluster) was
  /// missing (`NA`, or NaN, including NaN computed by a transformation such as `log(-1)`);
  /// the row was deleted listwise.
  case missingValue = "missing_value"
  /// A variable used by the model was infinite (`Inf` or `-Inf` in the data, or computed by a
  /// transformation such as `log(0)`) and none was missing; the row was deleted listwise.
  /// Reported apart from ``missingValue``, as fixest reports NA and infinite values apart.
  case infiniteValue = "infinite_value"
  /// The row was the only observation of some fixed-effect level (removed iteratively).
  case singleton
  /// The row had zero weight.
  case zeroWeight = "zero_weight"
  /// A regressor was a linear combination of other regressors.
  case collinear
  /// A regressor was constant within the levels of the fixed effects (absorbed by them).
  case absorbedByFixedEffects = "absorbed_by_fixed_effects"
  /// The row belonged to a panel unit not observed (with complete values) in every period the
  /// estimator compares, so the whole unit was removed (DRDID's balancing of the panel).
  case incompletePanelUnit = "incomplete_panel_unit"
}

/// A record of rows or columns removed, with how many and why.
///
/// Estimators never remove anything silently: every removal appears in the result's
/// ``DropReport``.
public struct DropRecord: Sendable, Equatable, Codable {
  /// Why the removal happened.
  public let reason: DropReason
  /// How many observations were removed (for column removals, 1 per column).
  public let count: Int
  /// The variables concerned: the missing variables, the fixed effect, or the dropped term.
  public let variables: [String]

  /// Creates a record.
  public init(reason: DropReason, count: Int, variables: [String]) {
    self.reason = reason
    self.count = count
    self.variables = variables
  }
}

/// Everything an estimator removed, rows and columns.
///
/// Estimators never remove anything silently: every removal appears in the result's report.
/// Encoded with the records (`observations`, `terms`) and, for scripts, a tally by reason:
/// `missing_value`, `infinite_value`, `singleton`, `zero_weight` (counts) and `collinear`,
/// `absorbed_by_fixed_effects` (term names).
public struct DropReport: Sendable, Equatable, Codable {
  /// Observation removals (missing values, infinite values, singletons, zero weights).
  public let observations: [DropRecord]
  /// Regressors removed (collinear or absorbed), one record per term.
  public let terms: [DropRecord]

  /// An empty report.
  public init(observations: [DropRecord] = [], terms: [DropRecord] = []) {
    self.observations = observations
    self.terms = terms
  }

  /// Adds an observation removal (used while an estimator builds its report).
  package mutating func appendObservations(_ record: DropRecord) {
    self = DropReport(observations: observations + [record], terms: terms)
  }

  /// Adds a term removal (used while an estimator builds its report).
  package mutating func appendTerm(_ record: DropRecord) {
    self = DropReport(observations: observations, terms: terms + [record])
  }

  /// Both reports' records, `self` first.
  public func merged(with other: DropReport) -> DropReport {
    DropReport(observations: observations + other.observations, terms: terms + other.terms)
  }

  enum CodingKeys: String, CodingKey {
    case observations, terms
    case missingValue = "missing_value", infiniteValue = "infinite_value", singleton, zeroWeight = "zero_weight"
    case collinear, absorbedByFixedEffects = "absorbed_by_fixed_effects"
  }

  /// Encodes the records and the tally by reason.
  public func encode(to encoder: any Encoder) throws {
    let removed = { (reason: DropReason) in terms.filter { $0.reason == reason }.flatMap(\.variables) }
    try encoder.encodeFields(keyedBy: CodingKeys.self, [
      .value(.observations, observations), .value(.terms, terms),
      .value(.missingValue, observationCount(.missingValue)),
      .value(.infiniteValue, observationCount(.infiniteValue)), .value(.singleton, observationCount(.singleton)),
      .value(.zeroWeight, observationCount(.zeroWeight)), .value(.collinear, removed(.collinear)),
      .value(.absorbedByFixedEffects, removed(.absorbedByFixedEffects)),
    ])
  }

  /// Decodes the records (the tally is derived from them).
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(observations: c.value(.observations), terms: c.value(.terms))
  }


  /// Total observations removed for a reason.
  public func observationCount(_ reason: DropReason) -> Int {
    observations.filter { $0.reason == reason }.reduce(0) { $0 + $1.count }
  }

  /// Total observations removed for any reason.
  public var totalObservations: Int { observations.reduce(0) { $0 + $1.count } }

  /// Names of the terms removed.
  public var droppedTerms: [String] { terms.flatMap(\.variables) }

  /// Human-readable notes, one per record, for printed summaries.
  public var notes: [String] {
    observations.filter { $0.count > 0 }.map { r in
      switch r.reason {
      case .missingValue:
        return "\(r.count) observation\(r.count == 1 ? "" : "s") removed because of missing values in \(r.variables.joined(separator: ", "))."
      case .infiniteValue:
        return "\(r.count) observation\(r.count == 1 ? "" : "s") removed because of infinite values in \(r.variables.joined(separator: ", "))."
      case .singleton:
        return "\(r.count) singleton observation\(r.count == 1 ? "" : "s") removed (fixed effects: \(r.variables.joined(separator: ", ")))."
      case .zeroWeight:
        return "\(r.count) observation\(r.count == 1 ? "" : "s") with zero weight removed."
      case .incompletePanelUnit:
        return "\(r.count) observation\(r.count == 1 ? "" : "s") of panel units not observed in every period removed "
          + "(unit: \(r.variables.joined(separator: ", ")))."
      default:
        return "\(r.count) observation\(r.count == 1 ? "" : "s") removed (\(r.reason.rawValue))."
      }
    }
      + terms.map { r in
        switch r.reason {
        case .absorbedByFixedEffects:
          return "Variable\(r.variables.count == 1 ? "" : "s") \(r.variables.joined(separator: ", ")) removed: absorbed by the fixed effects."
        default:
          return "Variable\(r.variables.count == 1 ? "" : "s") \(r.variables.joined(separator: ", ")) removed because of collinearity."
        }
      }
  }
}
