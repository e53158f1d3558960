import Foundation
import StaggeredDiD
import Testing
import TestSupport

/// Borusyak, Jaravel and Spiess's variance in the two-period case, where it has a closed form,
/// and the option's encoding, default and errors.
///
/// Two periods, never-treated controls `C` and units `T` treated in period 2, sampling weights
/// `s` constant within units, clustered by unit: the estimate is
/// `τ̂ = Σ_T s ΔY / Σ_T s − Σ_C s ΔY / Σ_C s`, its weights are `±s/Σ_T s` on the treated units'
/// two rows and `∓s/Σ_C s` on the controls', the controls' first-stage residuals are
/// `±(ΔYᵢ − Δ̄_C)/2` and the treated units' first rows fit exactly. Hence
/// `σ̂² = Σ_T (s/Σ_T s)² (τ̂ᵢ − τ̃)² + Σ_C (s/Σ_C s)² (ΔYᵢ − Δ̄_C)²`, with `τ̂ᵢ = ΔYᵢ − Δ̄_C` and
/// `τ̃` equation (8)'s `s²`-weighted mean of the `τ̂ᵢ`; leave-out scales the treated terms by
/// `D/(D − sᵢ²)` with `D = Σ_T s²`.
@Suite("Two-stage DiD: Borusyak-Jaravel-Spiess variance, closed form and options")
struct TwoStageDiDImputationVarianceTests {
  /// Outcomes of unit `i` in periods 1 and 2.
  static let outcomes: [(Double, Double)] = [
    (1.0, 1.7), (0.4, 1.6), (2.2, 2.5), (-0.3, 0.9), (1.1, 1.4),  // controls
    (0.8, 3.1), (1.5, 2.9), (0.2, 2.8),  // treated in period 2
  ]
  static let treatedUnits = 5..<8
  static let unitWeights = [1.0, 2.0, 0.5, 1.5, 1.0, 2.0, 1.0, 0.5]

  static func table() throws -> DataTable {
    let n = outcomes.count
    return try DataTable(columns: [
      Column(name: "id", ints: (0..<n).flatMap { [$0, $0] }),
      Column(name: "year", ints: (0..<n).flatMap { _ in [1, 2] }),
      Column(name: "cohort", ints: (0..<n).flatMap { treatedUnits.contains($0) ? [2, 2] : [0, 0] }),
      Column(name: "y", doubles: outcomes.flatMap { [$0.0, $0.1] }),
      Column(name: "s", doubles: unitWeights.flatMap { [$0, $0] }),
    ])
  }

  /// The closed-form estimate and BJS variance (with and without leave-out).
  static func closedForm(weighted: Bool) -> (estimate: Double, variance: Double, leaveOut: Double) {
    let s = weighted ? unitWeights : unitWeights.map { _ in 1 }
    let change = outcomes.map { $0.1 - $0.0 }
    let controls = outcomes.indices.filter { !treatedUnits.contains($0) }
    let controlTotal = controls.reduce(0) { $0 + s[$1] }
    let controlMean = controls.reduce(0) { $0 + s[$1] * change[$1] } / controlTotal
    let treatedTotal = treatedUnits.reduce(0) { $0 + s[$1] }
    let effects = treatedUnits.map { (unit: $0, effect: change[$0] - controlMean) }
    let estimate = effects.reduce(0) { $0 + s[$1.unit] * $1.effect } / treatedTotal
    let squares = treatedUnits.reduce(0) { $0 + s[$1] * s[$1] }
    let average = effects.reduce(0) { $0 + s[$1.unit] * s[$1.unit] * $1.effect } / squares
    let controlPart = controls.reduce(0) { sum, i in
      sum + pow(s[i] / controlTotal * (change[i] - controlMean), 2)
    }
    var treatedPart = 0.0
    var leaveOutPart = 0.0
    for (unit, effect) in effects {
      let term = pow(s[unit] / treatedTotal * (effect - average), 2)
      treatedPart += term
      leaveOutPart += term * pow(squares / (squares - s[unit] * s[unit]), 2)
    }
    return (estimate, treatedPart + controlPart, leaveOutPart + controlPart)
  }

  static func fit(_ variance: TwoStageDiD.Variance, weighted: Bool) throws -> TwoStageDiDResult {
    try TwoStageDiD(
      outcome: "y", unit: "id", time: "year", cohort: "cohort", weights: weighted ? "s" : nil, variance: variance
    ).fit(try table())
  }

  @Test("two periods: the variance is the closed form, with and without weights and leave-out", arguments: [false, true])
  func closedForm(weighted: Bool) throws {
    let want = Self.closedForm(weighted: weighted)
    let plain = try #require(try Self.fit(.imputation, weighted: weighted).att)
    let leaveOut = try #require(try Self.fit(.imputation(leaveOut: true), weighted: weighted).att)
    #expect(relativeDifference(plain.estimate, want.estimate) < 1e-12)
    #expect(relativeDifference(plain.standardError, want.variance.squareRoot()) < 1e-10)
    #expect(relativeDifference(leaveOut.standardError, want.leaveOut.squareRoot()) < 1e-10)
    // One cohort and one treated period: every grouping is the same group.
    for groups in TwoStageDiD.ImputationGroups.allCases {
      let other = try #require(try Self.fit(.imputation(groups: groups), weighted: weighted).att)
      #expect(relativeDifference(other.standardError, plain.standardError) < 1e-12, "\(groups)")
    }
    // Without weights equation (8) is the plain mean, which is Gardner's second-stage
    // coefficient here, so the GMM variance is the same; with weights it is the s²-weighted
    // mean and the two differ.
    let gmm = try #require(try Self.fit(.gmm, weighted: weighted).att)
    #expect((relativeDifference(gmm.standardError, plain.standardError) < 1e-12) == !weighted)
  }

  @Test("the default is the GMM variance, unchanged, and the result says which was used")
  func defaultIsGMM() throws {
    let panel = try CSVReader().read(path: FixtureFiles.data("did_sim_panel.csv"))
    let implicit = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort").fit(panel)
    let explicit = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", variance: .gmm).fit(panel)
    let bjs = try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", variance: .imputation).fit(panel)
    #expect(implicit.variance == .gmm && bjs.variance == .imputation(groups: .cohortPeriod, leaveOut: false))
    #expect(implicit.coefficients == explicit.coefficients)
    #expect(bjs.coefficients[0].estimate == implicit.coefficients[0].estimate)
    #expect(bjs.coefficients[0].standardError != implicit.coefficients[0].standardError)
    #expect(implicit.summary().contains("GMM-corrected standard errors"))
    #expect(bjs.summary().contains("Borusyak-Jaravel-Spiess conservative standard errors (effects averaged by cohort x period)"))
  }

  @Test("leave-out refuses a group whose treated observations lie in one cluster")
  func leaveOutNeedsTwoClusters() throws {
    // Unit 7 alone in cohort 3 (a third period): cohort 3 x period 3 has one cluster.
    let n = Self.outcomes.count
    let table = try DataTable(columns: [
      Column(name: "id", ints: (0..<n).flatMap { [$0, $0, $0] }),
      Column(name: "year", ints: (0..<n).flatMap { _ in [1, 2, 3] }),
      Column(name: "cohort", ints: (0..<n).flatMap { $0 == 7 ? [3, 3, 3] : Self.treatedUnits.contains($0) ? [2, 2, 2] : [0, 0, 0] }),
      Column(name: "y", doubles: Self.outcomes.flatMap { [$0.0, $0.1, $0.1 + 0.5 * $0.0] }),
    ])
    let model = { (variance: TwoStageDiD.Variance) in
      try TwoStageDiD(outcome: "y", unit: "id", time: "year", cohort: "cohort", variance: variance)
    }
    #expect(throws: DiDError.self) { try model(.imputation(leaveOut: true)).fit(table) }
    do {
      _ = try model(.imputation(leaveOut: true)).fit(table)
    } catch {
      #expect(String(describing: error).contains("cohort 3 in period 3"))
    }
    let coarse = try model(.imputation(groups: .allTreated, leaveOut: true)).fit(table)
    #expect(coarse.att?.standardError.isFinite == true)
    #expect(try model(.imputation).fit(table).att?.standardError.isFinite == true)
  }

  @Test("the variance option encodes its method, groups and leave-out, and decodes back")
  func encoding() throws {
    let options: [TwoStageDiD.Variance] =
      [.gmm] + TwoStageDiD.ImputationGroups.allCases.flatMap { [.imputation(groups: $0), .imputation(groups: $0, leaveOut: true)] }
    for option in options {
      let data = try JSONEncoder().encode(option)
      #expect(try JSONDecoder().decode(TwoStageDiD.Variance.self, from: data) == option)
    }
    let result = try Self.fit(.imputation(groups: .horizon, leaveOut: true), weighted: false)
    let object = try #require(try JSONSerialization.jsonObject(with: try JSONEncoder().encode(result)) as? [String: Any])
    let variance = try #require(object["variance"] as? [String: Any])
    #expect(variance["method"] as? String == "imputation")
    #expect(variance["groups"] as? String == "horizon")
    #expect(variance["leave_out"] as? Bool == true)
    let gmm = try JSONSerialization.jsonObject(with: try JSONEncoder().encode(TwoStageDiD.Variance.gmm)) as? [String: Any]
    #expect(gmm?.keys.sorted() == ["method"])
    #expect(throws: DecodingError.self) {
      try JSONDecoder().decode(TwoStageDiD.Variance.self, from: Data(#"{"method":"bootstrap"}"#.utf8))
    }
  }

  /// The group averages are summed in a fixed order: fitting the same model again gives
  /// bit-identical standard errors (summing in a dictionary's iteration order did not).
  @Test("repeated fits give bit-identical standard errors")
  func repeatable() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("did_sim_panel.csv"))
    for groups in TwoStageDiD.ImputationGroups.allCases {
      let model = try TwoStageDiD(
        outcome: "y", unit: "id", time: "year", cohort: "cohort", secondStage: .eventStudy(referencePeriods: [-1]),
        cluster: "state", variance: .imputation(groups: groups, leaveOut: groups != .cohortPeriod))
      let first = try model.fit(data).coefficients.map(\.standardError)
      for _ in 0..<3 { #expect(try model.fit(data).coefficients.map(\.standardError) == first, "\(groups)") }
    }
  }
}

