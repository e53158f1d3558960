import Foundation
import Propensity
import Testing

/// `BinaryRegression` follows the estimator contract: configured by a validating initializer,
/// run by `fit(_:)`, with an immutable, encodable result.
@Suite("Binary regression contract")
struct BinaryRegressionContractTests {
  static func lalonde() throws -> DataTable { try PropensityFixtures.table("lalonde.csv") }

  /// Fits through the protocol only.
  static func fitAny<E: Estimator>(_ estimator: E, _ data: DataTable) throws -> E.Output { try estimator.fit(data) }

  @Test("the model is an Estimator and the fit an EstimationResult")
  func conformance() throws {
    let model = try BinaryRegression(formula: "treat ~ age + educ")
    let fit = try Self.fitAny(model, Self.lalonde())
    #expect(fit.terms == ["(Intercept)", "age", "educ"])
    #expect(fit.coefficient("age") == fit.coefficients[1])
    #expect(fit.summary().contains("Binary regression (logit link)"))
  }

  @Test("the encoding holds every key causalkit logit prints")
  func encodingKeys() throws {
    let fit = try BinaryRegression(formula: "treat ~ age + educ + race", vcov: .hetero).fit(Self.lalonde())
    let data = try JSONEncoder().encode(fit)
    let object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    for key in [
      "coefficients", "nobs", "link", "loglik", "deviance", "null_deviance", "aic", "pseudo_r2", "iterations",
      "converged", "vcov", "vcov_matrix", "dropped", "notes",
    ] {
      #expect(object[key] != nil, "missing key \(key)")
    }
    #expect(object["nobs"] as? Int == fit.observationCount)
    #expect(object["link"] as? String == "logit")
    let matrix = try #require(object["vcov_matrix"] as? [[Double]])
    #expect(matrix.count == fit.coefficients.count)
    let rows = try #require(object["coefficients"] as? [[String: Any]])
    #expect(rows.first?["std_error"] as? Double == fit.coefficients.first?.standardError)
  }

  @Test("a column named with a space works as response and regressor")
  func namesWithSpaces() throws {
    var data = try Self.lalonde()
    try data.append(Column(name: "prior score", doubles: try data.column(named: "re75").doubles()))
    try data.append(Column(name: "got treated", doubles: try data.column(named: "treat").doubles()))
    let formula = try Formula(response: "got treated", regressors: ["age", "prior score"])
    let spaced = try BinaryRegression(formula: formula).fit(data)
    let plain = try BinaryRegression(formula: "treat ~ age + re75").fit(data)
    #expect(spaced.estimates == plain.estimates)
    #expect(spaced.terms.contains("prior score"))
  }
}
