import CausalCore
import LinearAlgebra

/// The estimation sample and the fitted models of a ``MediationAnalysis``, with the positions
/// of the coefficients the effects are built from.
struct MediationFit: Sendable {
  /// The specification.
  var analysis: MediationAnalysis
  /// One model per mediator, in ``MediationAnalysis/mediators`` order.
  var mediatorModels: [ComponentModel]
  /// The outcome model.
  var outcomeModel: ComponentModel
  /// Position of the treatment coefficient in each mediator model.
  var mediatorTreatmentIndex: [Int]
  /// Position of each earlier mediator's coefficient in each mediator model (empty lists
  /// unless the mediators were fitted in a causal order, see `init(analysis:data:sequential:)`).
  var mediatorParentIndex: [[Int]]
  /// For each mediator modelled at the cluster level, the row of its (cluster-level) design
  /// each observation takes; `nil` for the mediators modelled at the observation level.
  var mediatorRows: [[Int]?]
  /// Position of the treatment coefficient in the outcome model.
  var outcomeTreatmentIndex: Int
  /// Position of each mediator's coefficient in the outcome model.
  var outcomeMediatorIndex: [Int]
  /// Position of each treatment × mediator coefficient in the outcome model (empty without
  /// interaction).
  var outcomeInteractionIndex: [Int]
  /// Observation weights (all 1 when unweighted).
  var weights: [Double]
  /// Sum of the weights.
  var totalWeight: Double
  /// Weighted mean of the treatment.
  var treatmentMean: Double
  /// The treatment of each observation.
  var treatmentValues: [Double]
  /// Observations used.
  var observationCount: Int
  /// Rows removed before fitting (listwise deletion over every variable used).
  var drops: DropReport
  /// The complete cases of the input table (before interaction columns are added), which the
  /// bootstrap resamples.
  var completeCases: DataTable
  /// The complete cases with the treatment × mediator columns the outcome model uses.
  var prepared: DataTable

  /// Prepares the sample and fits every model.
  ///
  /// Rows with a missing value in any variable of any model (treatment, mediators, outcome,
  /// covariates, fixed effects, weights, clusters) or a zero weight are removed once, so all
  /// models use the same observations, and counted in ``drops``.
  ///
  /// With `sequential`, the mediators are in causal order: mediator `j`'s model also has the
  /// mediators before it as regressors (`M_j ~ T + M_1 + … + M_{j−1} + covariates`).
  ///
  /// `families` overrides the analysis' mediator family, one entry per mediator.
  /// `clusterLevel` names mediators modelled with one row per cluster of a column
  /// (``ClusterLevelModel``).
  ///
  /// `completeIn` names further columns whose missing values also remove a row (the other
  /// outcomes of an analysis that shares these mediator fits across outcomes, see
  /// ``refitting(outcome:)``).
  ///
  /// - Throws: ``MediationError``.
  /// - Complexity: O(n k²) per model.
  init(
    analysis: MediationAnalysis, data: DataTable, sequential: Bool = false, completeIn extra: [String] = [],
    families: [MediationModelFamily]? = nil, clusterLevel: (column: String, mediators: [String])? = nil
  ) throws(MediationError) {
    try analysis.validate()
    self.analysis = analysis
    for name in [analysis.treatment, analysis.outcome] + analysis.mediators {
      do { _ = try data.column(named: name).doubles() } catch { throw .data(error) }
    }
    let frame: ModelFrame
    do {
      let joint = try analysis.formula(
        response: analysis.outcome, regressors: [analysis.treatment] + analysis.mediators + extra)
      let clusters = analysis.clusterColumns + (clusterLevel.map { [$0.column] } ?? [])
      frame = try ModelFrame(formula: joint, data: data, weights: analysis.weights, clusters: clusters)
    } catch {
      throw .wrapping(error, model: "mediation sample")
    }
    guard frame.observationCount > 0 else {
      throw .data(.noObservations(reason: "no row is complete in every variable of the mediation models"))
    }
    var sample = data.selecting(rows: frame.rowIndices)
    completeCases = sample
    drops = frame.drops
    observationCount = frame.observationCount
    weights = frame.weights ?? Array(repeating: 1, count: observationCount)
    totalWeight = weights.reduce(0, +)
    do {
      treatmentValues = try sample.column(named: analysis.treatment).doubles()
      try Self.requireVariation(sample, analysis.treatment, role: "treatment")
      try Self.requireVariation(sample, analysis.outcome, role: "outcome")
      for m in analysis.mediators {
        try Self.requireVariation(sample, m, role: "mediator")
        // A mediator that copies the treatment is the treatment under another name.
        guard try sample.column(named: m).doubles() != treatmentValues else {
          throw MediationError.mediatorIsTreatment(variable: m)
        }
      }
      if analysis.interaction {
        for m in analysis.mediators {
          let name = analysis.interactionName(m)
          guard sample[name] == nil else {
            throw MediationError.invalidOption(
              .invalid(
                option: "interaction", value: "true",
                expected: "a table without a column '\(name)' (the generated interaction name); rename that column"))
          }
          let mv = try sample.column(named: m).doubles()
          try sample.append(Column(name: name, doubles: zip(treatmentValues, mv).map { $0 * $1 }))
        }
      }
    } catch {
      throw .wrapping(error, model: "mediation sample")
    }
    prepared = sample
    var s = 0.0
    for i in 0..<observationCount { s += weights[i] * treatmentValues[i] }
    treatmentMean = s / totalWeight
    let hasFE = !analysis.fixedEffects.isEmpty
    mediatorModels = []
    mediatorTreatmentIndex = []
    mediatorParentIndex = []
    var rows: [[Int]?] = []
    for (j, m) in analysis.mediators.enumerated() {
      let parents = sequential ? Array(analysis.mediators[..<j]) : []
      let formula = try Self.built { () throws(FormulaError) in
        try analysis.formula(response: m, regressors: [analysis.treatment] + parents)
      }
      let family = families?[j] ?? analysis.mediatorFamily
      let model: ComponentModel
      if let clusterLevel, clusterLevel.mediators.contains(m) {
        let fitted = try ClusterLevelModel.fit(
          name: "mediator model for \(m)", mediator: m, treatment: analysis.treatment, formula: formula,
          family: family, sample: sample, cluster: clusterLevel.column, weights: frame.weights, vcov: analysis.vcov)
        model = fitted.model
        rows.append(fitted.rowOfObservation)
      } else {
        model = try ComponentModel.fit(
          name: "mediator model for \(m)", formula: formula, family: family,
          sample: sample, weights: analysis.weights, vcov: analysis.vcov, hasFixedEffects: hasFE)
        rows.append(nil)
      }
      mediatorTreatmentIndex.append(try model.index(of: analysis.treatment))
      var parentIndex: [Int] = []
      for parent in parents { parentIndex.append(try model.index(of: parent)) }
      mediatorParentIndex.append(parentIndex)
      mediatorModels.append(model)
    }
    mediatorRows = rows
    outcomeModel = try ComponentModel.fit(
      name: "outcome model", formula: Self.built { () throws(FormulaError) in try analysis.outcomeFormula() },
      family: analysis.outcomeFamily, sample: sample,
      weights: analysis.weights, vcov: analysis.vcov, hasFixedEffects: hasFE)
    (outcomeTreatmentIndex, outcomeMediatorIndex, outcomeInteractionIndex) = try Self.outcomePositions(outcomeModel, analysis)
  }

  /// The positions of the treatment, mediator and interaction coefficients in an outcome model.
  private static func outcomePositions(
    _ model: ComponentModel, _ analysis: MediationAnalysis
  ) throws(MediationError) -> (Int, [Int], [Int]) {
    var mediatorIndex: [Int] = []
    var interactionIndex: [Int] = []
    for m in analysis.mediators {
      mediatorIndex.append(try model.index(of: m))
      if analysis.interaction { interactionIndex.append(try model.index(of: analysis.interactionName(m))) }
    }
    return (try model.index(of: analysis.treatment), mediatorIndex, interactionIndex)
  }

  /// The same sample and mediator models with the outcome model of another outcome, fitted to
  /// the same observations (the fit must have been made with that outcome in `completeIn`).
  ///
  /// - Throws: ``MediationError/noVariation(variable:role:)`` for a constant outcome;
  ///   ``MediationError`` when the model cannot be fitted or loses a needed term.
  /// - Complexity: O(n k²) for the outcome model.
  func refitting(outcome: String) throws(MediationError) -> MediationFit {
    var copy = self
    copy.analysis = try analysis.with(outcome: outcome)
    let spec = copy.analysis
    do { try Self.requireVariation(prepared, outcome, role: "outcome") } catch {
      throw .wrapping(error, model: "mediation sample")
    }
    copy.outcomeModel = try ComponentModel.fit(
      name: "outcome model for \(outcome)", formula: Self.built { () throws(FormulaError) in try spec.outcomeFormula() },
      family: spec.outcomeFamily, sample: prepared, weights: spec.weights, vcov: spec.vcov,
      hasFixedEffects: !spec.fixedEffects.isEmpty)
    (copy.outcomeTreatmentIndex, copy.outcomeMediatorIndex, copy.outcomeInteractionIndex) = try Self.outcomePositions(
      copy.outcomeModel, spec)
    return copy
  }

  /// A model formula, a formula error becoming ``MediationError/formula(_:)``.
  static func built(_ make: () throws(FormulaError) -> Formula) throws(MediationError) -> Formula {
    do { return try make() } catch { throw .formula(error) }
  }

  /// Throws when a numeric column of the sample is constant.
  private static func requireVariation(_ sample: DataTable, _ name: String, role: String) throws {
    let values = try sample.column(named: name).doubles()
    guard let first = values.first, values.contains(where: { $0 != first }) else {
      throw MediationError.noVariation(variable: name, role: role)
    }
  }

  /// The estimates of every model, mediators first then the outcome.
  var estimates: (mediators: [[Double]], outcome: [Double]) {
    (mediatorModels.map(\.estimates), outcomeModel.estimates)
  }
}
