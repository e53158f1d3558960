import CausalCore
import FixedEffects
import Foundation
import Testing
import TestSupport

@testable import StaggeredDiD

/// The sensitivity analysis' inputs: validation, the Callaway-Sant'Anna and fixed-effects
/// sources, options, and the result's JSON.
@Suite struct ParallelTrendsSensitivityInputTests {
  static let identity3 = [1.0, 0, 0, 0, 1, 0, 0, 0, 1].map { $0 * 1e-4 }

  /// The `DiDError` `body` throws, or `nil` (also for another error).
  static func error(_ body: () throws -> Void) -> DiDError? {
    do { try body(); return nil } catch let error as DiDError { return error } catch { return nil }
  }

  @Test func rejectsACovarianceThatIsNotPositiveSemidefinite() {
    let error = Self.error {
      _ = try EventStudyEstimates(eventTimes: [-2, 0], estimates: [0, 1], covariance: [1, 2, 2, 1])
    }
    guard case .covarianceNotPositiveSemidefinite(let value) = error else { Issue.record("\(String(describing: error))"); return }
    #expect(abs(value + 1) < 1e-12)
    #expect(error?.description.contains("positive semidefinite") == true)
  }

  @Test func rejectsMismatchedOrAsymmetricArrays() {
    for (times, estimates, covariance) in [
      ([-2, 0], [0.0], [1.0, 0, 0, 1]), ([-2, 0], [0.0, 1], [1.0, 0, 0]), ([-2, 0], [0.0, 1], [1.0, 0.5, 0.1, 1]),
      ([-2, 0], [0.0, .nan], [1.0, 0, 0, 1]), ([-3, 0], [0.0, 1], [1.0, 0, 0, 1]), ([0, -2], [0.0, 1], [1.0, 0, 0, 1]),
    ] {
      let error = Self.error { _ = try EventStudyEstimates(eventTimes: times, estimates: estimates, covariance: covariance) }
      guard case .invalidEventStudy = error else { Issue.record("\(times) \(estimates): \(String(describing: error))"); continue }
    }
  }

  @Test func requiresPreAndPostPeriods() {
    let noPre = Self.error { _ = try EventStudyEstimates(eventTimes: [0, 1, 2], estimates: [0, 1, 2], covariance: Self.identity3) }
    #expect(noPre == .missingSensitivityPeriods(pre: [], post: [0, 1, 2]))
    let noPost = Self.error {
      _ = try EventStudyEstimates(eventTimes: [-4, -3, -2], estimates: [0, 1, 2], covariance: Self.identity3)
    }
    #expect(noPost == .missingSensitivityPeriods(pre: [-4, -3, -2], post: []))
    let study = try? EventStudyEstimates(eventTimes: [-2, 0, 1], estimates: [0, 1, 2], covariance: Self.identity3)
    #expect(Self.error { _ = try study?.restricted(to: 0...1) } == .missingSensitivityPeriods(pre: [], post: [0, 1]))
  }

  @Test func rejectsATargetOutsideThePostPeriods() throws {
    let study = try EventStudyEstimates(eventTimes: [-2, 0, 1], estimates: [0, 1, 2], covariance: Self.identity3)
    for e in [-2, -1, 2] {
      let error = Self.error { _ = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0]), target: .eventTime(e)).analyze(study) }
      #expect(error == .targetNotPostPeriod(eventTime: e, postPeriods: [0, 1]))
    }
    let second = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0]), target: .eventTime(1)).analyze(study)
    #expect(second.estimate == 2 && second.weights == [0, 1])
  }

  @Test func rejectsInvalidOptions() {
    func option(_ body: () throws -> Void) -> String? {
      do { try body(); return nil } catch let error as OptionError { return error.option } catch { return nil }
    }
    #expect(option { _ = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0, -0.1])) } == "m")
    #expect(option { _ = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: [])) } == "mbar")
    #expect(option { _ = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: [.infinity])) } == "mbar")
    #expect(option { _ = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0]), confidenceLevel: 1) } == "confidenceLevel")
    #expect(option { _ = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0]), gridPoints: 1) } == "gridPoints")
    #expect(option { _ = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0]), gridBounds: 1...1) } == "gridBounds")
  }

  /// The universal-base dynamic aggregation of mpdta gives the fixture's coefficients and
  /// covariance once the reference row (no standard error) is dropped; a varying base period
  /// is refused, as in R.
  @Test func readsACallawaySantAnnaEventStudy() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("did_mpdta.csv"))
    func study(_ base: BasePeriod) throws -> AggregatedEffect {
      try CallawaySantAnna(outcome: "lemp", time: "year", unit: "countyreal", cohort: "first_treat", basePeriod: base)
        .fit(data).aggregated(.dynamic())
    }
    let estimates = try EventStudyEstimates(try study(.universal))
    #expect(estimates.referenceEventTime == -1 && estimates.omittedEventTimes == [-1])
    #expect(estimates.eventTimes == [-4, -3, -2, 0, 1, 2, 3])
    if let expected = ParallelTrendsSensitivityFixtureTests.cases.first {
      for (a, b) in zip(estimates.estimates, expected.betahat) { #expect(abs(a - b) < 1e-9) }
      for (a, b) in zip(estimates.covariance, expected.sigma.flatMap { $0 }) { #expect(abs(a - b) < 1e-9 * 1e-3) }
    }
    let window = try EventStudyEstimates(try study(.universal), window: -3...2)
    #expect(window.eventTimes == [-3, -2, 0, 1, 2] && window.omittedEventTimes == [-4, -1, 3])
    guard case .invalidEventStudy = Self.error({ _ = try EventStudyEstimates(try study(.varying)) }) else {
      Issue.record("a varying base period was accepted"); return
    }
    #expect(Self.error { _ = try EventStudyEstimates(try CallawaySantAnna(
      outcome: "lemp", time: "year", unit: "countyreal", cohort: "first_treat").fit(data).aggregated(.group)) }
      == .notEventStudy(aggregation: "group"))
  }

  /// A fixed-effects event study's relative-period coefficients and their covariance block.
  @Test func readsAFixedEffectsEventStudy() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("sim_event.csv"))
    let result = try EventStudy(outcome: "y", unit: "unit", time: "period", treatmentStart: "first_treat", window: -3...3, binEndpoints: true)
      .fit(data)
    let study = try EventStudyEstimates(result)
    #expect(study.eventTimes == [-3, -2, 0, 1, 2, 3] && study.referenceEventTime == -1)
    for (i, e) in study.eventTimes.enumerated() {
      let row = try #require(result.estimates.first { $0.relativeTime == e }?.row)
      #expect(study.estimates[i] == row.estimate)
      #expect(abs(study.standardErrors[i] - row.standardError) < 1e-12 * max(1, row.standardError))
    }
    let analysis = try ParallelTrendsSensitivity(restriction: .smoothness(m: [0, 0.1])).analyze(study)
    #expect(analysis.robust.count == 2)
  }

  /// A Sun-Abraham fit's interaction-weighted estimates and their delta-method covariance; a
  /// second reference period (a far lead) is listed as omitted and −1 stays the reference.
  @Test func readsASunAbrahamFit() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("did_sim_panel.csv"))
    let result = try SunAbraham(outcome: "y", unit: "id", time: "year", cohort: "cohort", referencePeriods: [-1, -5]).fit(data)
    let study = try EventStudyEstimates(result)
    #expect(study.referenceEventTime == -1 && study.omittedEventTimes == [-5, -1])
    let rows = result.eventTimeEstimates.filter { !$0.isReference }
    #expect(study.eventTimes == rows.map(\.relativeTime) && study.eventTimes.first == -4)
    for (i, row) in rows.enumerated() {
      #expect(study.estimates[i] == row.row.estimate)
      #expect(abs(study.standardErrors[i] - row.row.standardError) < 1e-12 * max(1, row.row.standardError))
    }
    let window = try EventStudyEstimates(result, window: -3...2)
    #expect(window.eventTimes == [-3, -2, 0, 1, 2])
    let analysis = try ParallelTrendsSensitivity(restriction: .relativeMagnitude(mbar: [0, 1]), gridPoints: 200).analyze(window)
    #expect(analysis.robust.count == 2 && analysis.robust[1].interval.lower <= analysis.robust[0].interval.lower)
    let noNegative = try SunAbraham(outcome: "y", unit: "id", time: "year", cohort: "cohort", referencePeriods: [0]).fit(data)
    guard case .invalidEventStudy = Self.error({ _ = try EventStudyEstimates(noNegative) }) else {
      Issue.record("a fit without a negative reference period was accepted"); return
    }
  }

  @Test func encodesTheCommandLineKeys() throws {
    let study = try EventStudyEstimates(eventTimes: [-2, 0, 1], estimates: [0.01, 0.2, 0.3], covariance: Self.identity3)
    for restriction in [ParallelTrendsSensitivity.Restriction.relativeMagnitude(mbar: [0, 1]), .smoothness(m: [0, 0.01])] {
      let result = try ParallelTrendsSensitivity(restriction: restriction, gridPoints: 100).analyze(study)
      let data = try JSONEncoder().encode(result)
      let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
      #expect(json["type"] as? String == (restriction.kind == .relativeMagnitude ? "relative-magnitude" : "smoothness"))
      let original = try #require(json["original"] as? [String: Any])
      #expect(original["conf_low"] is Double && original["conf_high"] is Double)
      let robust = try #require(json["robust"] as? [[String: Any]])
      let key = restriction.kind == .relativeMagnitude ? "mbar" : "m"
      #expect(robust.count == 2 && robust.allSatisfy { $0[key] is Double && $0["conf_low"] is Double && $0["conf_high"] is Double })
      #expect(json["breakdown"] != nil && json["target"] as? String == "event-time" && json["target_event_time"] as? Int == 0)
      let decoded = try JSONDecoder().decode(SensitivityResult.self, from: data)
      #expect(decoded == result)
      #expect(result.summary().contains(restriction.kind == .relativeMagnitude ? "Mbar" : "M"))
    }
    let roundTrip = try JSONDecoder().decode(EventStudyEstimates.self, from: JSONEncoder().encode(study))
    #expect(roundTrip == study)
  }

  @Test func defaultSizesFollowHonestDiD() throws {
    #expect(ParallelTrendsSensitivity.defaultMbar.count == 10 && ParallelTrendsSensitivity.defaultMbar.last == 2)
    let study = try EventStudyEstimates(eventTimes: [-3, -2, 0], estimates: [0.02, 0.01, 0.5], covariance: Self.identity3)
    // One second difference: β₋₃ − 2β₋₂ + 0 = 0, variance 1e-4 + 4e-4; upper bound 1.645 × √5e-4.
    let m = ParallelTrendsSensitivity.defaultSmoothnessBounds(for: study)
    #expect(m.count == 10 && m[0] == 0)
    #expect(abs(m[9] - 1.6448536269514722 * (5e-4).squareRoot()) < 1e-12)
  }
}
