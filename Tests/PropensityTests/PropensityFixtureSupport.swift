import CausalCore
import Foundation
import Propensity
import Testing
import TestSupport

/// One reference case from `Tests/Fixtures/expected/propensity.json`, written by
/// `Tests/Fixtures/generate_propensity.py` (R 4.2 glm + sandwich 3.0.2 through
/// `generate_propensity.R`, and statsmodels 0.15.0).
struct PropensityCase: Decodable, Sendable, CustomTestStringConvertible {
  /// A tidy reference row, decoded into CausalCore's own row type (same snake_case keys).
  typealias Row = CoefficientRow
  struct RResult: Decodable, Sendable {
    var coefficients: [Row]
    var vcov_matrix: [[Double]]
    var loglik: Double
    var deviance: Double
    var null_deviance: Double
    var aic: Double
    var mcfadden: Double
    var fitted_head: [Double]
    var fitted_sum: Double
    var eta_head: [Double]
    var iterations: Int
    var converged: Bool
    var fitted_at_bounds: Int
    var warnings: [String]
    var loglik_comparable: Bool
  }
  struct StatsmodelsResult: Decodable, Sendable {
    var model: String
    var information: String
    var se_comparable: Bool
    var coefficients: [Row]
    var loglik: Double
    var null_loglik: Double
    var mcfadden: Double
    var fitted_head: [Double]
    var fitted_sum: Double
  }
  var name: String
  var data: String
  var formula: String
  var link: String
  var weights: String?
  var vcov: String
  var expect: String
  var nobs: Int
  var terms: [String]
  var r: RResult
  var statsmodels: [StatsmodelsResult]

  var testDescription: String { name }

  /// The model this case describes.
  func model(allowSeparation: Bool = false) throws -> BinaryRegression {
    try BinaryRegression(
      formula: formula, link: LinkFunction(rawValue: link) ?? .logit, weights: weights,
      vcov: VarianceType(parsing: vcov), allowSeparation: allowSeparation)
  }
}

/// Loads fixtures relative to this source file, so tests need no bundle resources.
enum PropensityFixtures {
  static let root = FixtureFiles.root

  static let cases: [PropensityCase] = FixtureFiles.cases("propensity.json")

  static var fitCases: [PropensityCase] { cases.filter { $0.expect == "fit" } }
  static var separationCases: [PropensityCase] { cases.filter { $0.expect == "separation" } }

  static func table(_ name: String) throws -> DataTable {
    try CSVReader().read(path: root.appendingPathComponent("data/\(name)").path)
  }
}

