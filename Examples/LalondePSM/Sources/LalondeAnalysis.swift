import CausalKit

/// One effect estimate of the analysis, with how it was obtained.
struct LalondeEstimate {
  /// Short column name, e.g. "NN 1:1".
  var method: String
  /// The effect's tidy row (term `treat`).
  var row: CoefficientRow
  /// The table column for this estimate.
  var model: RegressionTableModel
}

/// The estimates against one observational comparison group.
struct LalondeComparison {
  /// "PSID" or "CPS".
  var name: String
  /// Number of comparison (control) units.
  var controlCount: Int
  /// Naive and matching estimates, in table order.
  var estimates: [LalondeEstimate]
  /// 1:1 nearest-neighbour matching without replacement (balance and figures come from it).
  var nearest: PropensityScoreMatchingResult
  /// 1:1 nearest-neighbour matching with replacement.
  var replaced: PropensityScoreMatchingResult
  /// 1:1 without replacement within a 0.1 SD caliper on the score.
  var caliper: PropensityScoreMatchingResult
}

/// The whole exercise: the experimental benchmark and, for PSID and CPS, the naive difference
/// and the matching estimators.
struct LalondeAnalysis {
  /// Dehejia and Wahba's (1999) logit specification (their Table 2 note, without the
  /// interaction terms they add for some samples).
  static let covariates = [
    "age", "I(age^2)", "educ", "I(educ^2)", "married", "nodegree", "black", "hispanic", "re74", "re75",
    "I(re74^2)", "I(re75^2)", "u74", "u75",
  ]
  static var covariateFormula: String { covariates.joined(separator: " + ") }
  /// The specification's terms as covariates.
  static func covariateTerms() throws -> Covariates { try Covariates(formula: covariateFormula) }

  /// Display names of the covariates in tables and figures.
  static let labels = [
    "age": "Age", "I(age^2)": "Age²", "educ": "Education (years)", "I(educ^2)": "Education²", "married": "Married",
    "nodegree": "No high-school degree", "black": "Black", "hispanic": "Hispanic", "re74": "Earnings 1974",
    "re75": "Earnings 1975", "I(re74^2)": "Earnings 1974²", "I(re75^2)": "Earnings 1975²", "u74": "No earnings 1974",
    "u75": "No earnings 1975", "treat": "NSW training",
  ]

  /// The experimental difference in mean 1978 earnings (OLS of re78 on treat, HC1).
  var benchmark: LalondeEstimate
  /// Experimental sample sizes.
  var experimentalTreated: Int
  var experimentalControls: Int
  /// PSID and CPS.
  var comparisons: [LalondeComparison]

  init(_ data: LalondeData) throws {
    let treatExperimental = try data.experimental.column(named: "treat").doubles()
    experimentalTreated = treatExperimental.filter { $0 == 1 }.count
    experimentalControls = treatExperimental.count - experimentalTreated
    benchmark = try Self.differenceInMeans(data.experimental, method: "Experiment", controls: "NSW experimental")
    comparisons = [
      try Self.compare(data.psid, name: "PSID"),
      try Self.compare(data.cps, name: "CPS"),
    ]
  }

  /// re78 on treat by OLS with HC1 standard errors.
  static func differenceInMeans(_ table: DataTable, method: String, controls: String) throws -> LalondeEstimate {
    let fit = try FixedEffectsModel(formula: "re78 ~ treat", vcov: .hetero).fit(table)
    guard let row = fit.coefficient("treat") else { throw LalondeAnalysisError.missingTreatmentTerm(method) }
    var model = RegressionTableModel(fit, title: method)
    model.r2 = nil
    model.extraStatistics = [("Controls", controls)]
    return LalondeEstimate(method: method, row: row, model: model)
  }

  /// The naive and matching estimates against one comparison group.
  static func compare(_ table: DataTable, name: String) throws -> LalondeComparison {
    let treat = try table.column(named: "treat").doubles()
    let controlCount = treat.filter { $0 == 0 }.count
    var estimates = [try differenceInMeans(table, method: "Naive", controls: name)]

    func design(_ matcher: NearestNeighborMatcher) throws -> PropensityScoreMatching {
      try PropensityScoreMatching(treatment: "treat", covariates: covariateTerms(), matcher: matcher)
    }
    let nearest = try design(NearestNeighborMatcher()).fit(table)
    let replaced = try design(NearestNeighborMatcher(replace: true)).fit(table)
    let caliper = try design(NearestNeighborMatcher(caliper: Caliper(0.1))).fit(table)

    func matched(_ result: PropensityScoreMatchingResult, method: String, covariates: Covariates = Covariates()) throws
      -> LalondeEstimate
    {
      let effect = try result.effect(outcome: "re78", in: table, covariates: covariates)
      var model = RegressionTableModel(effect, title: method)
      model.r2 = nil
      model.extraStatistics = [("Controls", name), ("Matched controls", "\(result.matched.counts.control.matched)")]
      return LalondeEstimate(method: method, row: effect.row, model: model)
    }
    estimates.append(try matched(nearest, method: "NN 1:1"))
    estimates.append(try matched(caliper, method: "NN caliper"))
    estimates.append(try matched(replaced, method: "NN repl."))
    estimates.append(try matched(replaced, method: "NN repl. + reg.", covariates: covariateTerms()))

    var units = try replaced.units(in: table)
    try units.append(Column(name: "pscore", doubles: replaced.propensity.fittedProbabilities))
    let ai = try AbadieImbensEstimator(outcome: "re78", treatment: "treat", matchOn: .score(column: "pscore")).fit(units)
    var aiModel = RegressionTableModel(ai, title: "Abadie-Imbens", renaming: [ai.row.term: "treat"])
    aiModel.extraStatistics = [("Controls", name)]
    let aiRow = ai.row.renamed("treat")
    estimates.append(LalondeEstimate(method: "Abadie-Imbens", row: aiRow, model: aiModel))
    return LalondeComparison(
      name: name, controlCount: controlCount, estimates: estimates, nearest: nearest, replaced: replaced, caliper: caliper)
  }
}

enum LalondeAnalysisError: Error, CustomStringConvertible {
  case missingTreatmentTerm(String)

  var description: String {
    switch self {
    case .missingTreatmentTerm(let method): return "the \(method) regression has no 'treat' coefficient"
    }
  }
}
