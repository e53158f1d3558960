// This file imports FixedEffects alone (no CausalCore): `import FixedEffects` must bring the
// table, formula and result vocabulary a fixed-effects user needs.
import FixedEffects
import Foundation
import Testing

/// The estimator contract for the fixed-effects estimators: validated let configuration,
/// immutable results with the library's JSON encoding, table checks, and column names of any
/// spelling.
@Suite("FixedEffects contract")
struct ContractTests {
  static let panel: DataTable = {
    let y: [Double] = [1.0, 2.5, 0.5, 4.0, 3.0, 1.5, 2.0, 0.0, 1.0, 5.0, 2.0, 7.0]
    let x: [Double] = [0.3, 1.1, -0.4, 0.7, 0.9, 0.2, -1.0, 0.5, 1.5, -0.3, 0.8, 0.1]
    let g = [0, 0, 0, 0, 1, 1, 1, 2, 2, 2, 2, 3]
    // swift-format-ignore
    return (try? DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "x", doubles: x), Column(name: "g", ints: g),
    ])) ?? DataTable()
  }()

  @Test("import FixedEffects alone builds a table, a formula and reads tidy rows")
  func importAlone() throws {
    let table = try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, 4, 3, 6, 5]), Column(name: "x", doubles: [0, 1, 2, 3, 4, 5]),
    ])
    let formula = try Formula(response: "y", regressors: ["x"])
    let fit = try FixedEffectsModel(formula: formula, vcov: VarianceType.hetero).fit(table)
    let row: CoefficientRow = try #require(fit.coefficient("x"))
    #expect(row.estimate > 0)
    #expect(fit.terms == ["(Intercept)", "x"])
  }

  @Test("invalid options are rejected by the initializer with OptionError values")
  func validation() throws {
    func option(_ body: () throws -> Void) -> String? {
      do {
        try body()
        return nil
      } catch FixedEffectsError.invalidOption(.invalid(let option, _, _)) {
        return option
      } catch {
        return "unexpected \(error)"
      }
    }
    #expect(option { _ = try FixedEffectsModel(formula: "y ~ x", confidenceLevel: 1.5) } == "confidenceLevel")
    #expect(option { _ = try FixedEffectsModel(formula: "y ~ x", collinearityTolerance: 0) } == "collinearityTolerance")
    #expect(
      option { _ = try FixedEffectsModel(formula: "y ~ x", demeaning: DemeaningOptions(tolerance: -1)) }
        == "demeaning.tolerance")
    #expect(
      option { _ = try FixedEffectsModel(formula: "y ~ x", demeaning: DemeaningOptions(maxIterations: 0)) }
        == "demeaning.maxIterations")
    #expect(option { _ = try FixedEffectsModel(formula: "y ~ x", weights: "") } == "weights")
    #expect(option { _ = try FixedEffectsModel(formula: "y ~ x", vcov: .cluster([])) } == "vcov")
    #expect(option { _ = try FixedEffectsModel(formula: "y ~ x").withVariance(.cluster([""])) } == "vcov")
    #expect(
      option { _ = try EventStudy(outcome: "y", unit: "u", time: "t", treatmentStart: "s", window: 0...3) }
        == "window")
    #expect(
      option { _ = try EventStudy(outcome: "y", unit: "u", time: "t", treatmentStart: "s", binEndpoints: true) }
        == "binEndpoints")
    #expect(option { _ = try EventStudy(outcome: "y", unit: "", time: "t", treatmentStart: "s") } == "unit")
    #expect(
      option { _ = try DifferenceInDifferences(outcome: "y", design: .twoByTwo(treated: "", post: "p")) } == "treated")
    #expect(
      option { _ = try DifferenceInDifferences(outcome: "y", design: .twoByTwo(treated: "d", post: "p"), confidenceLevel: 0) }
        == "confidenceLevel")
    let message = FixedEffectsError.invalidOption(.invalid(option: "confidenceLevel", value: "2", expected: "(0, 1)"))
      .description
    #expect(message.contains("confidenceLevel") && message.contains("2"))
  }

  @Test("the fit's encoding contains every key causalkit feols --json prints, with the same values")
  func fitEncoding() throws {
    let fit = try FixedEffectsModel(formula: "y ~ x | g", vcov: .cluster(["g"])).fit(Self.panel)
    let json = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(fit)) as? [String: Any])
    for key in [
      "coefficients", "nobs", "df_resid", "df_t", "r2", "adj_r2", "r2_within", "rmse", "vcov", "vcov_matrix",
      "fixed_effects", "dropped", "notes", "variance", "small_sample", "f_test", "cluster_counts", "fingerprint",
    ] {
      #expect(json[key] != nil, "missing key \(key)")
    }
    #expect(json["nobs"] as? Int == fit.observationCount)
    #expect(json["df_resid"] as? Int == fit.residualDegreesOfFreedom)
    #expect(json["vcov"] as? String == "cluster:g")
    let levels = try #require(json["fixed_effects"] as? [[String: Any]])
    #expect(levels.first?["name"] as? String == "g" && levels.first?["levels"] as? Int == 3)
    let dropped = try #require(json["dropped"] as? [String: Any])
    #expect(dropped["singleton"] as? Int == 1)
    let rows = try #require(json["coefficients"] as? [[String: Any]])
    #expect(rows.first?["term"] as? String == "x")
    #expect(abs((rows.first?["std_error"] as? Double ?? 0) - fit.coefficients[0].standardError) <= 1e-14)
    let matrix = try #require(json["vcov_matrix"] as? [[Double]])
    #expect(abs(matrix[0][0] - fit.variance.matrix[0, 0]) <= 1e-14 * fit.variance.matrix[0, 0])
    #expect(fit.summary().contains("Clustered (g)"))
  }

  @Test("a fit checks the table before selecting its rows")
  func tableMismatch() throws {
    let fit = try FixedEffectsModel(formula: "y ~ x | g", vcov: .iid).fit(Self.panel)
    #expect(try fit.sample(of: Self.panel).rowCount == fit.observationCount)
    let shorter = Self.panel.selecting(rows: Array(0..<5))
    #expect(throws: DataError.tableMismatch(expectedRows: 12, foundRows: 5)) { try fit.sample(of: shorter) }
    var other = Self.panel
    try other.append(Column(name: "z", doubles: Array(repeating: 1, count: 12)))
    #expect(throws: DataError.self) { try fit.sample(of: other) }
  }

  /// `sim_event.csv` with spaces in the outcome, unit, treatment and covariate names.
  static func spacedEventPanel() throws -> (plain: DataTable, spaced: DataTable) {
    let plain = try Fixtures.table("sim_event.csv")
    let names = ["y": "test score", "unit": "school id", "x": "prior score", "treat_post": "treat post"]
    let spaced = try DataTable(
      columns: plain.columns.map { column in
        var renamed = column
        renamed.name = names[column.name] ?? column.name
        return renamed
      })
    return (plain, spaced)
  }

  @Test("difference-in-differences with column names containing spaces equals the plain-name fit")
  func differenceInDifferencesSpacedNames() throws {
    let (plain, spaced) = try Self.spacedEventPanel()
    let a = try DifferenceInDifferences(
      outcome: "y", design: .twoWayFixedEffects(treatment: "treat_post", unit: "unit", time: "period"),
      covariates: ["x"]
    ).fit(plain)
    let b = try DifferenceInDifferences(
      outcome: "test score", design: .twoWayFixedEffects(treatment: "treat post", unit: "school id", time: "period"),
      covariates: ["prior score"]
    ).fit(spaced)
    #expect(b.term == "treat post")
    #expect(a.effect.estimate == b.effect.estimate)
    #expect(a.effect.standardError == b.effect.standardError)
    #expect(b.coefficient("prior score") != nil)

    let y: [Double] = [1, 2, 3, 4, 2, 3, 7, 8]
    let treated = [0, 0, 0, 0, 1, 1, 1, 1], post = [0, 0, 1, 1, 0, 0, 1, 1]
    let square = try DataTable(columns: [
      Column(name: "test score", doubles: y), Column(name: "treated unit", ints: treated),
      Column(name: "post period", ints: post),
    ])
    let c = try DifferenceInDifferences(
      outcome: "test score", design: .twoByTwo(treated: "treated unit", post: "post period")
    ).fit(square)
    #expect(c.term == "treated unit:post period")
    #expect(abs(c.effect.estimate - 3) < 1e-12)
  }

  @Test("an event study with column names containing spaces equals the plain-name fit, and encodes its NaN statistic")
  func eventStudySpacedNames() throws {
    let (plain, spaced) = try Self.spacedEventPanel()
    let a = try EventStudy(outcome: "y", unit: "unit", time: "period", treatmentStart: "first_treat", covariates: ["x"])
      .fit(plain)
    let b = try EventStudy(
      outcome: "test score", unit: "school id", time: "period", treatmentStart: "first_treat",
      covariates: ["prior score"]
    ).fit(spaced)
    #expect(a.estimates.map(\.relativeTime) == b.estimates.map(\.relativeTime))
    for (u, v) in zip(a.estimates, b.estimates) {
      #expect(u.row.term == v.row.term)
      #expect(abs(u.row.estimate - v.row.estimate) <= 1e-12 * max(1, abs(u.row.estimate)), "\(u.row.estimate) vs \(v.row.estimate)")
      #expect(abs(u.row.standardError - v.row.standardError) <= 1e-12 * max(1, u.row.standardError))
    }
    #expect(b.fit.fingerprint == TableFingerprint(spaced))

    let data = try JSONEncoder().encode(b)
    let json = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
    let estimates = try #require(json["estimates"] as? [[String: Any]])
    let reference = try #require(estimates.first { $0["is_reference"] as? Bool == true })
    #expect(reference["statistic"] is NSNull && reference["relative_time"] as? Int == -1)
    #expect(json["nobs"] as? Int == b.observationCount)
    let decoded = try JSONDecoder().decode([EventTimeEstimate].self, from: JSONEncoder().encode(b.estimates))
    #expect(decoded.count == b.estimates.count)
    #expect(zip(decoded, b.estimates).allSatisfy { $0.relativeTime == $1.relativeTime && $0.row.term == $1.row.term })
    #expect(b.summary().contains("Event study"))
  }

  @Test("the Wald test and the F test encode their statistics, an infinite F as null")
  func testsEncoding() throws {
    let fit = try FixedEffectsModel(formula: "y ~ x", vcov: .hetero).fit(Self.panel)
    let wald = try fit.waldTest(terms: ["x"])
    let waldJSON = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(wald)) as? [String: Any])
    #expect(waldJSON["terms"] as? [String] == ["x"] && waldJSON["df1"] as? Int == 1)
    #expect(abs((waldJSON["p_value"] as? Double ?? -1) - wald.pValue) <= 1e-14)
    let f = try #require(fit.fTest)
    #expect(f.numeratorDegreesOfFreedom == 1 && f.denominatorDegreesOfFreedom == fit.residualDegreesOfFreedom)
    let exact = FTest(statistic: .infinity, numeratorDegreesOfFreedom: 1, denominatorDegreesOfFreedom: 3, pValue: 0)
    let fJSON = try #require(JSONSerialization.jsonObject(with: JSONEncoder().encode(exact)) as? [String: Any])
    #expect(fJSON["statistic"] is NSNull && fJSON["df2"] as? Int == 3)
  }
}

@Suite("FixedEffects results as CausalCore summaries")
struct FixedEffectsSummaryConformanceTests {
  @Test("a fit's regression summary names its absorbed dimensions; the designs forward their regression's")
  func regressionSummaries() throws {
    let fit = try FixedEffectsModel(formula: "y ~ x | g", vcov: .iid).fit(ContractTests.panel)
    #expect(fit.absorbedFixedEffects == ["g"])
    let ols = try FixedEffectsModel(formula: "y ~ x", vcov: .hetero).fit(ContractTests.panel)
    #expect(ols.absorbedFixedEffects.isEmpty && ols.withinR2 == nil)

    let (plain, _) = try ContractTests.spacedEventPanel()
    let did = try DifferenceInDifferences(
      outcome: "y", design: .twoWayFixedEffects(treatment: "treat_post", unit: "unit", time: "period")
    ).fit(plain)
    #expect(did.absorbedFixedEffects == did.fit.absorbedFixedEffects && did.absorbedFixedEffects == ["unit", "period"])
    #expect(did.varianceType == did.fit.varianceType && did.r2 == did.fit.r2 && did.withinR2 == did.fit.withinR2)

    let study = try EventStudy(outcome: "y", unit: "unit", time: "period", treatmentStart: "first_treat").fit(plain)
    #expect(study.eventTimeEstimates == study.estimates)
    #expect(study.eventTimeEstimates.filter(\.isReference).map(\.relativeTime) == [-1])
    #expect(study.varianceType == .cluster(["unit"]) && study.absorbedFixedEffects == ["unit", "period"])
    #expect(study.r2 == study.fit.r2 && study.withinR2 == study.fit.withinR2)
  }
}
