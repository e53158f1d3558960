import CausalCore
import FixedEffects
import LinearAlgebra

/// The result of ``TwoStageDiD``: the pooled ATT or the event-time effects, with GMM-corrected
/// or Borusyak-Jaravel-Spiess standard errors (``variance``).
///
/// Encoded as `{"estimates", "coefficients", "covariance", "nobs", "treated", "clusters",
/// "dropped", "pre_trend_test", "variance"}` (`pre_trend_test` `null` without the test;
/// `variance` as ``TwoStageDiD/Variance`` encodes itself).
public struct TwoStageDiDResult: EventStudySummary {
  /// The second-stage rows: `ATT` for the pooled stage, `<time>::e` for an event study.
  public let coefficients: [CoefficientRow]
  /// Event-time effects with the reference periods (0, marked); empty for the pooled stage.
  public let eventTimeEstimates: [EventTimeEstimate]
  /// The covariance of ``coefficients``' estimates, row-major.
  public let covariance: [Double]
  /// Observations used.
  public let observationCount: Int
  /// Treated observations.
  public let treatedCount: Int
  /// Clusters.
  public let clusterCount: Int
  /// Rows removed (missing values, including missing covariates; units and periods that
  /// cannot be imputed) and, in `terms`, the first-stage covariate columns removed as absorbed
  /// by the unit and period effects or collinear.
  public let drops: DropReport
  /// Borusyak, Jaravel and Spiess's pre-trend test, when requested.
  public let preTrendTest: WaldTest?
  /// The variance estimator behind the standard errors and ``covariance``.
  public let variance: TwoStageDiD.Variance

  /// The pooled ATT, or `nil` for an event study.
  public var att: CoefficientRow? { coefficients.count == 1 && coefficients[0].term == "ATT" ? coefficients[0] : nil }

  /// Collects the estimates.
  init(
    sample s: TwoStageSample, model: TwoStageDiD, estimates: [Double], variance: Matrix, drops: DropReport
  ) throws(DiDError) {
    let names: [String]
    var events: [EventTimeEstimate] = []
    switch model.secondStage {
    case .pooled: names = ["ATT"]
    case .eventStudy: names = s.terms.map { "\(model.time)::\($0)" }
    }
    let rows: [CoefficientRow]
    do {
      rows = try TidyRows.make(
        terms: names, estimates: estimates, variance: variance, distribution: .normal, level: model.confidenceLevel)
    } catch { throw .nonFiniteNuisance(model: "second-stage inference (\(error))") }
    if case .eventStudy(let references) = model.secondStage {
      events = zip(s.terms, rows).map { EventTimeEstimate(relativeTime: $0, row: $1, isReference: false) }
      for r in references where !s.terms.contains(r) {
        events.append(
          EventTimeEstimate(
            relativeTime: r,
            row: CoefficientRow(
              term: "\(model.time)::\(r)", estimate: 0, standardError: 0, statistic: .nan, pValue: .nan, confLow: 0,
              confHigh: 0),
            isReference: true))
      }
      events.sort { $0.relativeTime < $1.relativeTime }
    }
    coefficients = rows
    eventTimeEstimates = events
    covariance = (0..<variance.rows).flatMap { a in (0..<variance.columns).map { variance[a, $0] } }
    observationCount = s.outcome.count
    treatedCount = s.treated.reduce(0) { $0 + ($1 ? 1 : 0) }
    clusterCount = s.clusterCount
    self.drops = drops
    preTrendTest = nil
    self.variance = model.variance
  }

  /// A copy with a pre-trend test.
  private init(_ other: TwoStageDiDResult, preTrendTest: WaldTest) {
    coefficients = other.coefficients
    eventTimeEstimates = other.eventTimeEstimates
    covariance = other.covariance
    observationCount = other.observationCount
    treatedCount = other.treatedCount
    clusterCount = other.clusterCount
    drops = other.drops
    self.preTrendTest = preTrendTest
    variance = other.variance
  }

  /// The result with a pre-trend test attached.
  func adding(preTrendTest: WaldTest) -> TwoStageDiDResult { TwoStageDiDResult(self, preTrendTest: preTrendTest) }

  /// The second-stage table.
  ///
  /// - Complexity: O(terms).
  public func summary() -> String {
    var lines = ["Two-stage DiD (Gardner; Borusyak-Jaravel-Spiess imputation estimates), \(variance.label)"]
    for r in coefficients {
      lines.append(
        "  \(r.term): \(SummaryFormat.number(r.estimate)) (\(SummaryFormat.number(r.standardError))) "
          + "[\(SummaryFormat.number(r.confLow)), \(SummaryFormat.number(r.confHigh))]")
    }
    lines.append("Observations: \(observationCount) (treated \(treatedCount)); clusters: \(clusterCount)")
    if let test = preTrendTest {
      lines.append(
        "Pre-trend test (Borusyak-Jaravel-Spiess, \(test.terms.count) leads): F = \(SummaryFormat.number(test.statistic)), "
          + "p = \(SummaryFormat.pValue(test.pValue))")
    }
    lines += drops.notes.map { "Note: \($0)" }
    return lines.joined(separator: "\n")
  }

  enum CodingKeys: String, CodingKey {
    case estimates, coefficients, covariance, nobs, treated, clusters, dropped, variance
    case preTrendTest = "pre_trend_test"
  }

  /// Encodes the result (see the type's discussion).
  public func encode(to encoder: any Encoder) throws {
    let k = coefficients.count
    try encoder.encodeFields(
      keyedBy: CodingKeys.self,
      [
        .value(.estimates, eventTimeEstimates), .value(.coefficients, coefficients),
        .numberRows(.covariance, (0..<k).map { Array(covariance[($0 * k)..<($0 * k + k)]) }),
        .value(.nobs, observationCount), .value(.treated, treatedCount), .value(.clusters, clusterCount),
        .value(.dropped, drops), .value(.preTrendTest, preTrendTest),
        .value(.variance, variance),
      ])
  }
}
