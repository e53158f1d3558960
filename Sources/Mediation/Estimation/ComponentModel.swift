import CausalCore
import FixedEffects
import LinearAlgebra
import Propensity

/// One fitted mediator or outcome model, reduced to what the effect computations need.
///
/// The design (kept columns, in coefficient order) is stored only for models without absorbed
/// fixed effects; with fixed effects only linear-linear analyses are allowed, whose effects
/// need the column means alone.
struct ComponentModel: Sendable {
  /// A description such as `mediator model for emo`, used in errors.
  var name: String
  /// The formula fitted.
  var formula: String
  /// The family.
  var family: MediationModelFamily
  /// Tidy coefficient rows of the kept terms.
  var coefficients: [CoefficientRow]
  /// The estimates, in coefficient order.
  var estimates: [Double]
  /// Their variance matrix.
  var variance: Matrix
  /// The `n × k` design of the kept terms, or `nil` with fixed effects.
  var design: Matrix?
  /// Weighted means of the kept design columns.
  var columnMeans: [Double]
  /// Weighted mean of the response.
  var responseMean: Double
  /// Residual standard deviation `sqrt(RSS / df)` of a linear model, 0 for a binary one.
  var sigma: Double
  /// Residual degrees of freedom.
  var residualDegreesOfFreedom: Int
  /// Observations used.
  var observationCount: Int
  /// The model's own removals (collinear terms).
  var drops: DropReport
  /// The linear model's fit (for the sensitivity analysis), when linear.
  var residuals: [Double]

  /// The position of a term among the coefficients.
  func index(of term: String) throws(MediationError) -> Int {
    guard let i = coefficients.firstIndex(where: { $0.term == term }) else {
      throw .termRemoved(model: name, term: term)
    }
    return i
  }

  /// Fits a model of the given family to the prepared sample.
  ///
  /// - Throws: ``MediationError/linearModelFailed(model:error:)``,
  ///   ``MediationError/binaryModelFailed(model:error:)``, ``MediationError/data(_:)``.
  /// - Complexity: O(n k²) (times the iterations of a binary model).
  static func fit(
    name: String, formula: Formula, family: MediationModelFamily, sample: DataTable, weights: String?,
    vcov: VarianceType, hasFixedEffects: Bool
  ) throws(MediationError) -> ComponentModel {
    let frame: ModelFrame
    do { frame = try ModelFrame(formula: formula, data: sample, weights: weights) } catch {
      throw .wrapping(error, model: name)
    }
    let w = frame.weights ?? Array(repeating: 1, count: frame.observationCount)
    var model: ComponentModel
    if let link = family.link {
      let fit: BinaryRegressionFit
      do {
        fit = try BinaryRegression(formula: formula, link: link, weights: weights, vcov: vcov).fit(sample)
      } catch {
        throw .wrapping(error, model: name)
      }
      model = ComponentModel(
        name: name, formula: formula.source, family: family, coefficients: fit.coefficients, estimates: fit.estimates,
        variance: fit.variance.matrix, design: nil, columnMeans: [], responseMean: 0, sigma: 0,
        residualDegreesOfFreedom: fit.residualDegreesOfFreedom, observationCount: fit.observationCount,
        drops: fit.drops, residuals: [])
    } else {
      let fit: FixedEffectsFit
      do {
        fit = try FixedEffectsModel(formula: formula, weights: weights, vcov: vcov, singletons: .keep).fit(sample)
      } catch {
        throw .wrapping(error, model: name)
      }
      let df = max(fit.residualDegreesOfFreedom, 1)
      model = ComponentModel(
        name: name, formula: formula.source, family: family, coefficients: fit.coefficients,
        estimates: fit.coefficients.map(\.estimate), variance: fit.variance.matrix, design: nil, columnMeans: [],
        responseMean: 0, sigma: (fit.residualSumOfSquares / Double(df)).squareRoot(),
        residualDegreesOfFreedom: fit.residualDegreesOfFreedom, observationCount: fit.observationCount,
        drops: fit.drops, residuals: fit.residuals)
    }
    guard model.observationCount == frame.observationCount else {
      throw .unavailable(
        reason: "the \(name) used \(model.observationCount) of \(frame.observationCount) observations; "
          + "mediation needs one sample for all models")
    }
    // The kept columns of the frame's design, in coefficient order.
    var columns: [Int] = []
    for row in model.coefficients {
      guard let j = frame.termNames.firstIndex(of: row.term) else {
        throw .unavailable(reason: "the \(name) has a coefficient '\(row.term)' without a design column")
      }
      columns.append(j)
    }
    let design = frame.design.selectingColumns(columns)
    let totalWeight = w.reduce(0, +)
    let n = frame.observationCount
    model.columnMeans = columns.indices.map { j in
      var s = 0.0
      for i in 0..<n { s += w[i] * design[i, j] }
      return s / totalWeight
    }
    var ySum = 0.0
    for i in 0..<n { ySum += w[i] * frame.response[i] }
    model.responseMean = ySum / totalWeight
    if !hasFixedEffects { model.design = design }
    return model
  }
}
