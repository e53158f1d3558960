import CausalKit
import Foundation
import ShanghaiStudy

/// A smaller synthetic panel than the study's default, so that the samples run quickly in a
/// debug build (the default panel is generated once, by the first sample).
func smallStudyPanel() throws -> AnalysisPanel {
  var configuration = SchoolPanelConfiguration()
  configuration.schoolCount = 60
  configuration.sspSchoolCount = 24
  let panel = try SchoolPanelGenerator(configuration: configuration).generate()
  return try AnalysisPanel(panel.table, schema: panel.schema)
}

/// Samples of ReproducingTheShanghaiStudy.md.
let shanghaiSamples = [
  DocumentationSample(name: "ReproducingTheShanghaiStudy: the panel") {
    let panel = try SchoolPanelGenerator(configuration: SchoolPanelConfiguration()).generate()
    print(panel.table.rowCount)   // one row per student: school, year, ssp, post, treat_post, scores, mediators, covariates
    print(panel.truth)            // SimulationTruth: total, direct and indirect effects per subject

    let prepared = try AnalysisPanel(panel.table, schema: panel.schema)
    let data = prepared.table
    print(data.rowCount)
  },
  DocumentationSample(name: "ReproducingTheShanghaiStudy: DiD, event study, PSM-DiD, wild bootstrap, tables") {
    let prepared = try smallStudyPanel()
    let data = prepared.table
    let naive = try FixedEffectsModel(formula: "math ~ treated", vcov: .cluster(["school"])).fit(prepared.postPeriodTable)
    let did = try DifferenceInDifferences(
      outcome: "math", design: .twoWayFixedEffects(treatment: "treat_post", unit: "school", time: "year")
    ).fit(data)
    print(naive.summary(), did.summary())

    do {
      let study = try EventStudy(outcome: "math", unit: "school", time: "year", treatmentStart: "treatment_start",
        neverTreatedValues: [prepared.neverTreated], referencePeriod: -1)
      let result = try study.fit(data)
      try CoefficientPlot.eventStudy(result, title: "Math").write(to: "event-study-math.svg")
    }

    let design = try PropensityMatchedDifferenceInDifferences(
      outcome: "math", unit: "school", time: "year", treated: "treated", post: "post",
      covariates: ["prior_achievement", "size", "urban", "migrant_share", "teacher_experience"],
      matcher: NearestNeighborMatcher(ratio: 1, replace: false, caliper: Caliper(0.2)))
    let psm = try design.fit(data)
    print(try BalanceReport(psm.matching.balance).render(.markdown))
    try LovePlot(psm.matching.balance).write(to: "love-plot.svg")
    try OverlapPlot(psm.matching).write(to: "overlap.svg")

    // The period effects as dummies (same coefficient and CR1 SE; cluster-nested fixed effects only).
    let formula = "math ~ treat_post + " + prepared.periodDummies.joined(separator: " + ") + " | school"
    let boot = try WildClusterBootstrap(
      model: FixedEffectsModel(formula: formula, vcov: .cluster(["school"])), cluster: "school",
      hypothesis: .term("treat_post"), weights: .rademacher, replicates: 9_999, imposeNull: true, seed: 20_180_901,
      confidenceLevel: 0.95
    ).fit(data)
    print(boot.pValue)

    let columns = try ["math", "chinese", "english", "science"].map { subject in
      let did = try DifferenceInDifferences(
        outcome: subject, design: .twoWayFixedEffects(treatment: "treat_post", unit: "school", time: "year")
      ).fit(data)
      return RegressionTableModel(did, title: subject)
    }
    var table = RegressionTable(columns)
    table.labels = ["treat_post": "SSP × post", "school": "School", "year": "Year"]
    try table.render(.latex).write(toFile: "tables.tex", atomically: true, encoding: .utf8)
  },
  DocumentationSample(name: "ReproducingTheShanghaiStudy: mediation") {
    let data = try smallStudyPanel().table
    let analysis = try MediationAnalysis(treatment: "treat_post", mediators: ["peer", "leadership", "teaching"],
      outcome: "math", fixedEffects: ["school", "year"], vcov: .cluster(["school"]),
      method: .bootstrap(replicates: 199, cluster: "school"), seed: 20_180_901)
    let result = try analysis.fit(data)
    print(result.mediatorEffects[0].acmeAverage)        // indirect effect through peer relationships, with its interval
    print(result.mediatorEffects[0].proportionAverage)  // proportion mediated
    let single = try MediationAnalysis(treatment: "treat_post", mediators: ["peer"], outcome: "math",
      fixedEffects: ["school", "year"], vcov: .cluster(["school"]), method: .closedForm,
      sensitivity: MediationSensitivityOptions(replicates: 2), seed: 1)
    print(try single.fit(data).sensitivity?.rhoAtZero as Any)
  },
  DocumentationSample(name: "ReproducingTheShanghaiStudy: mediators in causal order") {
    let prepared = try smallStudyPanel()
    let students = prepared.table
    let within = try WithinSchoolTable(
      panel: prepared, variables: ["treat_post", "leadership", "teaching", "peer", "math", "chinese", "english", "science"])
    let withinSchool = within.table
    let centredYearDummies = within.periodDummies
    do {
      let chain = try SequentialMediation(
        treatment: "treat_post", mediators: ["leadership", "teaching", "peer"], outcome: "math",
        fixedEffects: ["school", "year"], vcov: .cluster(["school"])
      ).fit(students)
      print(chain.paths)   // 8 path-specific effects, the direct one first
    }
    let interventional = try InterventionalMediation(
      treatment: "treat_post", mediators: ["leadership", "teaching", "peer"],
      outcomes: ["math", "chinese", "english", "science"], covariates: Covariates(columns: centredYearDummies),
      clusterLevelMediators: ["leadership"], mediatorCluster: "school_year",
      method: .bootstrap(replicates: 199, cluster: "school"), seed: 20_180_901
    ).fit(withinSchool)
    print(interventional.outcomes[0].jointIndirect)
  },
  DocumentationSample(name: "ReproducingTheShanghaiStudy: Callaway-Sant'Anna, DR DiD, Bacon decomposition") {
    let prepared = try smallStudyPanel()
    let data = prepared.table
    let cs = try CallawaySantAnna(
      outcome: "math", time: "cs_period", unit: nil, cohort: "first_treated", covariates: ["prior_achievement"],
      method: .traditionalDoublyRobust, comparison: .neverTreated, design: .repeatedCrossSections, cluster: "school")
    let groupTime = try cs.fit(data)
    let dynamic = try groupTime.aggregated(.dynamic())    // the event study, next to the TWFE one
    let simple = try groupTime.aggregated(.simple)        // the overall ATT

    let schoolHalves = try SchoolMeans.table(prepared, by: .post)     // one row per school and pre/post half
    let dr = try DoublyRobustDiD(
      outcome: "math", time: "post", treatment: "treated", unit: "school_code", covariates: ["prior_achievement"]
    ).fit(schoolHalves)
    let schoolYears = try SchoolMeans.table(prepared, by: .period)    // the balanced school-year panel
    let bacon = try BaconDecomposition(outcome: "math", unit: "school_code", time: "year", treatment: "treat_post")
      .fit(schoolYears)
    print(dynamic.breakdown.map { ($0.key, $0.row.estimate) }, simple.overall, dr.summary(), bacon.summary())
  },
  DocumentationSample(name: "ReproducingTheShanghaiStudy: the staggered scenario") {
    let staggered = try SchoolPanelGenerator(configuration: .staggered).generate()
    print(staggered.truth[.math]?.byEventTime ?? [:])     // τ(e) = 0.67 (1 + 0.5 (e − 1)): 0.335, 0.67, 1.005, 1.34
    print(staggered.truth[.math]?.treatedAverage ?? .nan) // the mean over treated student-years
  },
]
