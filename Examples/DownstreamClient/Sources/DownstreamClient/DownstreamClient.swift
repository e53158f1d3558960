import CausalKit
import FixedEffects
import Foundation

/// Runs every estimator on tables built from arrays, encodes every result with JSONEncoder
/// (some hold NaN, e.g. an event study's reference period), and runs two fits concurrently.
/// Exits non-zero on the first failure.
@main
struct DownstreamClient {
  static func main() async {
    do {
      try await run()
      print("downstream client: every estimator ran, every result encoded")
    } catch {
      print("downstream client failed: \(error)")
      exit(1)
    }
  }

  static func run() async throws {
    let panel = try SchoolData.panel()
    let units = try SchoolData.units()
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    var encoded = 0
    func check(_ name: String, _ result: some EstimationResult) throws {
      let data = try encoder.encode(result)
      guard !result.summary().isEmpty, data.count > 2 else { throw ClientError.empty(name) }
      print("\(name): \(result.observationCount) observations, \(result.coefficients.count) rows, \(data.count) bytes of JSON")
      encoded += 1
    }

    // Fixed effects, DiD, event study.
    let twfe = try FixedEffectsModel(
      formula: Formula(response: "test score", regressors: ["treat_post", "prior score"], fixedEffects: ["school", "year"]))
    try check("FixedEffectsModel", try twfe.fit(panel))
    try check("DifferenceInDifferences 2x2", try DifferenceInDifferences(
      outcome: "test score", design: .twoByTwo(treated: "treated", post: "post"), covariates: ["prior score"]
    ).fit(panel))
    try check("DifferenceInDifferences TWFE", try DifferenceInDifferences(
      outcome: "test score", design: .twoWayFixedEffects(treatment: "treat_post", unit: "school", time: "year")
    ).fit(panel))
    let study = try EventStudy(outcome: "test score", unit: "school", time: "year", treatmentStart: "first_year").fit(panel)
    guard study.estimates.contains(where: { $0.isReference && $0.row.statistic.isNaN }) else { throw ClientError.empty("NaN") }
    try check("EventStudy (NaN reference row)", study)

    // Propensity scores and matching.
    try check("BinaryRegression", try BinaryRegression(
      formula: Formula(response: "treat", regressors: ["x 1", "x2"]), link: .logit).fit(units))
    let matching = try PropensityScoreMatching(treatment: "treat", covariates: ["x 1", "x2"], outcome: "outcome y")
      .fit(units)
    try check("PropensityScoreMatching", matching)
    try check("BalanceAssessment", try BalanceAssessment(treatment: "treat", covariates: ["x 1", "x2"]).fit(units))
    try check("AbadieImbensEstimator", try AbadieImbensEstimator(
      outcome: "outcome y", treatment: "treat", matchOn: .covariates(["x 1", "x2"])).fit(units))
    try check("MatchedPairsBootstrap", try MatchedPairsBootstrap(
      matching: matching, outcome: "outcome y", replicates: 99, seed: 1).fit(units))
    try check("PropensityMatchedDifferenceInDifferences", try PropensityMatchedDifferenceInDifferences(
      outcome: "test score", unit: "school", time: "year", treated: "treated", post: "post",
      covariates: ["prior score"], matcher: NearestNeighborMatcher(replace: true)).fit(panel))

    // Bootstraps.
    let clustered = try FixedEffectsModel(
      formula: Formula(response: "test score", regressors: ["treat_post"], fixedEffects: ["school", "year"]),
      vcov: .cluster(["school"]))
    try check("WildClusterBootstrap", try WildClusterBootstrap(
      model: clustered, cluster: "school", hypothesis: .term("treat_post"), replicates: 199, seed: 1).fit(panel))
    try check("WildBootstrap", try WildBootstrap(
      model: try clustered.withVariance(.hetero), hypothesis: .term("treat_post"), replicates: 199, seed: 1).fit(panel))
    try check("FixedEffectsBootstrap", try FixedEffectsBootstrap(
      model: clustered, scheme: .cluster(column: "school"), replicates: 99, seed: 1).fit(panel))

    // Mediation.
    try check("MediationAnalysis", try MediationAnalysis(
      treatment: "treat_post", mediators: ["teacher quality"], outcome: "test score", covariates: ["prior score"],
      method: .quasiBayesian(simulations: 200), seed: 1).fit(panel))
    try check("DifferenceInDifferencesMediation", try DifferenceInDifferencesMediation(
      outcome: "test score", mediator: "teacher quality", treated: "treated", post: "post", unit: "school",
      time: "year").fit(panel))

    // Two fits at once: estimators and results are Sendable.
    let concurrent = try await withThrowingTaskGroup(of: Double.self) { group in
      for outcome in ["test score", "teacher quality"] {
        group.addTask {
          try FixedEffectsModel(formula: Formula(response: outcome, regressors: ["treat_post"], fixedEffects: ["school", "year"]))
            .fit(panel).coefficient("treat_post")?.estimate ?? .nan
        }
      }
      var estimates: [Double] = []
      for try await estimate in group { estimates.append(estimate) }
      return estimates
    }
    guard concurrent.count == 2, concurrent.allSatisfy(\.isFinite) else { throw ClientError.empty("concurrent fits") }
    print("\(encoded) results encoded; concurrent estimates \(concurrent.sorted())")
  }
}

/// A check of the client failed.
enum ClientError: Error {
  case empty(String)
}
