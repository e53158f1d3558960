import CausalCore
import Foundation
import Mediation
import TestSupport

/// One case of `Tests/Fixtures/expected/mediation.json`, written by
/// `Tests/Fixtures/generate_mediation.py` (statsmodels' `Mediation`, parametric method).
struct FramingCase: Decodable, Sendable, CustomStringConvertible {
  struct Row: Decodable, Sendable {
    var term: String
    var estimate: Double
    var lower: Double
    var upper: Double
    var p_value: Double
    var sd: Double
  }
  var name: String
  var outcome_family: String
  var nobs: Int
  var mediator_coefficients: [String: Double]
  var mediator_std_errors: [String: Double]
  var outcome_coefficients: [String: Double]
  var outcome_std_errors: [String: Double]
  var mediator_sigma: Double
  var product: Double
  var n_rep: Int
  var summary: [Row]

  var description: String { name }

  /// The analysis this case describes.
  func analysis() throws -> MediationAnalysis {
    try MediationAnalysis(
      treatment: "treat", mediators: ["emo"], outcome: "cong_mesg", covariates: ["age", "educ", "gender", "income"],
      outcomeFamily: MediationModelFamily(rawValue: outcome_family) ?? .linear)
  }
}

enum MediationFixtures {
  static let cases: [FramingCase] = FixtureFiles.cases("mediation.json")

  static func framing() throws -> DataTable {
    try CSVReader().read(path: FixtureFiles.data("framing.csv"))
  }
}

extension MediationAnalysis {
  /// The same specification with another method, seed and sensitivity analysis: the tests fit
  /// one specification by several methods.
  func using(
    _ method: MediationMethod, seed: UInt64 = 0, sensitivity: MediationSensitivityOptions? = nil
  ) throws(MediationError) -> MediationAnalysis {
    try MediationAnalysis(
      treatment: treatment, mediators: mediators, outcome: outcome, covariates: covariates, fixedEffects: fixedEffects,
      mediatorFamily: mediatorFamily, outcomeFamily: outcomeFamily, interaction: interaction,
      controlValue: controlValue, treatedValue: treatedValue, weights: weights, vcov: vcov,
      confidenceLevel: confidenceLevel, method: method, sensitivity: sensitivity, seed: seed)
  }

  /// The sensitivity analysis alone (closed-form estimate, `seed` 1 by default as before).
  func sensitivity(
    _ data: DataTable, rhoGrid: [Double] = MediationSensitivityOptions.defaultRhoGrid, replicates: Int, seed: UInt64 = 1
  ) throws -> MediationSensitivity {
    let options = try MediationSensitivityOptions(rhoGrid: rhoGrid, replicates: replicates)
    let result = try using(.closedForm, seed: seed, sensitivity: options).fit(data)
    guard let sensitivity = result.sensitivity else { throw MediationError.unavailable(reason: "no sensitivity") }
    return sensitivity
  }
}
