import CausalKit

/// The seam where causal mediation plugs into the pipeline.
///
/// Phase 1 of the study estimates the first stage only: the DiD effect of the project on each
/// mediator (``StudyResults/mediatorShifts``), which already shows that peer relationships and
/// leadership move and teaching style does not. A type conforming to this protocol (built on
/// CausalKit's `Mediation` module) adds the second stage, the mediator's effect on each outcome,
/// and the indirect effects; set it as ``StudyPipeline/Options/mediation`` and its estimates
/// appear in ``OutcomeAnalysis/mediation`` and in the report.
///
/// ```swift
/// struct ProductOfCoefficients: MediationStage {
///   var name: String { "DiD product of coefficients" }
///   func estimate(panel: AnalysisPanel, outcome: String, mediators: [String]) throws -> [MediationEstimate] { ... }
/// }
/// ```
public protocol MediationStage: Sendable {
  /// The method's name, for the report.
  var name: String { get }
  /// Estimates the indirect effect of the treatment on `outcome` through each mediator.
  ///
  /// - Parameters:
  ///   - panel: The prepared panel (its `treat_post`, unit and time columns define the DiD).
  ///   - outcome: The outcome column.
  ///   - mediators: The mediator columns.
  /// - Returns: One estimate per mediator.
  func estimate(panel: AnalysisPanel, outcome: String, mediators: [String]) throws -> [MediationEstimate]
  /// Estimates the indirect effects for several outcomes at once, for methods that share work
  /// between outcomes (the mediator models, a bootstrap's resamples). The default calls
  /// ``estimate(panel:outcome:mediators:)`` for each outcome.
  ///
  /// - Returns: One array of estimates per outcome, in the order of `outcomes`.
  func estimate(panel: AnalysisPanel, outcomes: [String], mediators: [String]) throws -> [[MediationEstimate]]
}

extension MediationStage {
  /// Calls ``estimate(panel:outcome:mediators:)`` for each outcome.
  public func estimate(panel: AnalysisPanel, outcomes: [String], mediators: [String]) throws -> [[MediationEstimate]] {
    try outcomes.map { try estimate(panel: panel, outcome: $0, mediators: mediators) }
  }
}

/// One indirect effect of the treatment on an outcome through one mediator.
public struct MediationEstimate: Sendable, Equatable {
  /// The outcome column.
  public var outcome: String
  /// The mediator column.
  public var mediator: String
  /// The indirect effect (e.g. the mediator's DiD shift times its effect on the outcome).
  public var indirect: CoefficientRow
  /// The direct effect, if the method reports it.
  public var direct: CoefficientRow?
  /// The proportion of the total effect mediated (indirect / total), if the method reports it.
  public var proportion: CoefficientRow?
  /// The sensitivity analysis' `ρ` at which the indirect effect is zero (the correlation of
  /// the mediator and outcome models' errors that would explain it away), if it was run.
  public var rhoAtZero: Double?

  /// Creates an estimate; parameters as the properties.
  public init(
    outcome: String, mediator: String, indirect: CoefficientRow, direct: CoefficientRow? = nil,
    proportion: CoefficientRow? = nil, rhoAtZero: Double? = nil
  ) {
    self.outcome = outcome
    self.mediator = mediator
    self.indirect = indirect
    self.direct = direct
    self.proportion = proportion
    self.rhoAtZero = rhoAtZero
  }
}
