import CausalCore
import Foundation
import LinearAlgebra
import Propensity
import Testing
import TestSupport

/// Properties of the estimator that need no external reference.
@Suite("Binary regression behaviour")
struct BinaryRegressionBehaviourTests {
  static let lalondeFormula = "treat ~ age + educ + race + married + nodegree + re74 + re75"
  static func lalonde() throws -> DataTable { try PropensityFixtures.table("lalonde.csv") }

  @Test("a collinear column is dropped (the later one) and reported; the rest is unchanged")
  func collinearity() throws {
    let data = try Self.lalonde()
    let full = try BinaryRegression(formula: "treat ~ age + educ + I(age + educ) + married").fit(data)
    let reduced = try BinaryRegression(formula: "treat ~ age + educ + married").fit(data)
    #expect(full.drops.terms.count == 1)
    #expect(full.drops.terms.first?.reason == .collinear)
    #expect(full.coefficients.map(\.term) == reduced.coefficients.map(\.term))
    for (a, b) in zip(full.coefficients, reduced.coefficients) {
      #expect(relativeDifference(a.estimate, b.estimate) < 1e-12)
      #expect(relativeDifference(a.standardError, b.standardError) < 1e-10)
    }
    #expect(full.notes.contains { $0.contains("collinearity") })
  }

  @Test("the array entry point gives the formula fit")
  func lowLevelEntry() throws {
    let data = try Self.lalonde()
    let frame = try ModelFrame(Self.lalondeFormula, data: data)
    let viaFormula = try BinaryRegression(formula: Self.lalondeFormula, vcov: .hetero).fit(data)
    let viaArrays = try BinaryRegression.fit(
      response: frame.response, design: frame.design, termNames: frame.termNames, vcov: .hetero)
    #expect(viaFormula.estimates == viaArrays.estimates)
    #expect(viaFormula.variance == viaArrays.variance)
    #expect(viaFormula.nullDeviance == viaArrays.nullDeviance)
    #expect(viaFormula.fittedProbabilities == viaArrays.fittedProbabilities)
  }

  @Test("integer prior weights give the fit on replicated rows", arguments: [LinkFunction.logit, .probit])
  func weightsAsReplication(link: LinkFunction) throws {
    let data = try Self.lalonde()
    let frame = try ModelFrame(Self.lalondeFormula, data: data)
    let n = frame.observationCount
    let w = (0..<n).map { Double(1 + $0 % 3) }
    var rows = [Int]()
    for i in 0..<n { for _ in 0..<Int(w[i]) { rows.append(i) } }
    let weighted = try BinaryRegression.fit(
      response: frame.response, design: frame.design, termNames: frame.termNames, weights: w, link: link)
    let replicated = try BinaryRegression.fit(
      response: rows.map { frame.response[$0] }, design: frame.design.selectingRows(rows), termNames: frame.termNames,
      link: link)
    for (a, b) in zip(weighted.coefficients, replicated.coefficients) {
      #expect(relativeDifference(a.estimate, b.estimate) < 1e-9)
      #expect(relativeDifference(a.standardError, b.standardError) < 1e-8)
    }
    #expect(relativeDifference(weighted.logLikelihood, replicated.logLikelihood) < 1e-12)
    #expect(relativeDifference(weighted.nullDeviance, replicated.nullDeviance) < 1e-12)
  }

  @Test("complete separation by one regressor throws, or is reported as complete", arguments: [LinkFunction.logit, .probit])
  func completeSeparation(link: LinkFunction) throws {
    let x = (1...12).map(Double.init)
    let y = x.map { $0 > 6 ? 1.0 : 0 }
    let design = try Matrix(columns: [[Double](repeating: 1, count: 12), x])
    #expect(throws: PropensityError.separation(variables: ["x"], observationsAtBounds: 12)) {
      try BinaryRegression.fit(response: y, design: design, termNames: ["(Intercept)", "x"], link: link)
    }
    let fit = try BinaryRegression.fit(
      response: y, design: design, termNames: ["(Intercept)", "x"], link: link, allowSeparation: true)
    #expect(fit.separation == SeparationReport(variables: ["x"], observationsAtBounds: 12, complete: true))
    #expect(fit.deviance < 1e-8)
    #expect(fit.coefficients.allSatisfy { $0.estimate.isFinite && $0.standardError.isFinite })
  }

  @Test("a factor level with only events is named as the separating variable")
  func separatingLevel() throws {
    var data = try Self.lalonde()
    let treat = try data.column(named: "treat").doubles()
    // Level "c" only among some treated units.
    let group = treat.indices.map { i -> String in treat[i] == 1 && i % 4 == 0 ? "c" : (i % 2 == 0 ? "a" : "b") }
    try data.append(Column(name: "grp", strings: group))
    do {
      _ = try BinaryRegression(formula: "treat ~ age + educ + grp").fit(data)
      Issue.record("expected separation")
    } catch let PropensityError.separation(variables, count) {
      #expect(variables == ["grp::c"])
      #expect(count == group.filter { $0 == "c" }.count)
    }
  }

  @Test("rows with missing values are removed and counted")
  func missingValues() throws {
    let fit = try BinaryRegression(formula: "y ~ x1 + x2 + x3 + grp").fit(PropensityFixtures.table("sim_logit.csv"))
    #expect(fit.drops.observationCount(.missingValue) == 20)
    #expect(fit.observationCount == 4980)
    #expect(fit.observationRows.count == 4980)
    #expect(fit.notes.first?.contains("missing values in x2") == true)
  }

  @Test("predictions for the estimation design equal the fitted probabilities")
  func predictions() throws {
    let data = try Self.lalonde()
    let frame = try ModelFrame(Self.lalondeFormula, data: data)
    for link in LinkFunction.allCases {
      let fit = try BinaryRegression(formula: Self.lalondeFormula, link: link).fit(data)
      let predicted = try fit.probabilities(for: frame.design)
      for (a, b) in zip(predicted, fit.fittedProbabilities) { #expect(abs(a - b) < 1e-14) }
      #expect(throws: DataError.self) { try fit.probabilities(for: Matrix(rows: 2, columns: 3)) }
    }
  }

  @Test("link functions invert and their tails are accurate")
  func links() {
    for link in LinkFunction.allCases {
      for p in [1e-300, 1e-12, 0.001, 0.3, 0.5, 0.9, 1 - 1e-12] {
        let eta = link.linearPredictor(probability: p)
        #expect(relativeDifference(link.probability(eta), p) < 1e-9, "\(link) \(p)")
      }
      #expect(link.probability(-800) >= 0)
      #expect(link.probability(800) == 1)
    }
  }

  @Test("fits are deterministic and the summary names every term")
  func summaryAndDeterminism() throws {
    let data = try Self.lalonde()
    let model = try BinaryRegression(formula: Self.lalondeFormula, vcov: .cluster(["educ"]))
    let a = try model.fit(data), b = try model.fit(data)
    #expect(a.estimates == b.estimates)
    #expect(a.variance == b.variance)
    let text = a.summary(title: Self.lalondeFormula)
    for row in a.coefficients { #expect(text.contains(row.term)) }
    #expect(text.contains("z value"))
    #expect(text.contains("Clustered (educ)"))
    #expect(text.contains("AIC"))
    #expect(text.contains("McFadden"))
    #expect(a.clusterCounts["educ"] != nil)
  }

  @Test("confidence level changes only the intervals")
  func confidenceLevel() throws {
    let data = try Self.lalonde()
    let f95 = try BinaryRegression(formula: "treat ~ age + educ").fit(data)
    let f90 = try BinaryRegression(formula: "treat ~ age + educ", confidenceLevel: 0.9).fit(data)
    for (a, b) in zip(f95.coefficients, f90.coefficients) {
      #expect(a.estimate == b.estimate)
      #expect(b.confHigh - b.confLow < a.confHigh - a.confLow)
      #expect(abs((b.confHigh - b.estimate) / b.standardError - 1.6448536269514722) < 1e-12)
    }
  }
}

/// Extreme linear predictors that are not separation.
@Suite("Extreme linear predictors")
struct ExtremeLinearPredictorTests {
  /// 300 noisy observations of a positive relation, plus one outlier.
  static func data(outlierX: Double, outlierY: Double) throws -> (y: [Double], design: Matrix) {
    var x = [Double](), y = [Double]()
    for i in 0..<300 {
      let xi = 2 * sin(Double(i))
      x.append(xi)
      y.append(sin(Double(i) * 7.3) + 0.8 * xi > 0 ? 1 : 0)
    }
    x.append(outlierX)
    y.append(outlierY)
    return (y, try Matrix(columns: [[Double](repeating: 1, count: x.count), x]))
  }

  @Test("an outlier predicted correctly with probability 1 is not separation", arguments: [LinkFunction.logit, .probit])
  func correctOutlier(link: LinkFunction) throws {
    let (y, design) = try Self.data(outlierX: 60, outlierY: 1)
    let fit = try BinaryRegression.fit(response: y, design: design, termNames: ["(Intercept)", "x"], link: link)
    #expect(fit.separation == nil)
    #expect(fit.converged)
    #expect(fit.fittedProbabilities.last.map { $0 > 1 - 1e-10 } == true)
    #expect(fit.coefficients.allSatisfy { $0.estimate.isFinite && $0.standardError.isFinite && $0.standardError > 0 })
  }

  @Test("an outlier predicted wrongly keeps every number finite", arguments: [LinkFunction.logit, .probit])
  func wrongOutlier(link: LinkFunction) throws {
    let (y, design) = try Self.data(outlierX: 100, outlierY: 0)
    let fit = try BinaryRegression.fit(
      response: y, design: design, termNames: ["(Intercept)", "x"], link: link, vcov: .hetero)
    #expect(fit.separation == nil)
    #expect(fit.converged)
    #expect(fit.logLikelihood.isFinite)
    #expect(fit.coefficients.allSatisfy { $0.estimate.isFinite && $0.standardError.isFinite && $0.standardError > 0 })
    #expect(fit.fittedProbabilities.allSatisfy { $0.isFinite })
  }
}
