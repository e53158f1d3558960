import Bootstrap
import CausalCore
import FixedEffects
import Foundation
import Testing

/// A simulated clustered design: `clusters` clusters of `size` rows,
/// `y = 1 + 0.5 x − 0.3 z + u_g + e`, `x` with a cluster component, an optional `rare` dummy
/// equal to 1 in row 0 only.
func simulatedPanel(clusters: Int, size: Int, seed: UInt64 = 11) throws -> DataTable {
  var rng = SeededGenerator(seed: seed)
  var x: [Double] = [], z: [Double] = [], y: [Double] = [], g: [String] = [], fe: [String] = [], rare: [Double] = []
  for c in 0..<clusters {
    let u = rng.nextNormal()
    let xc = rng.nextNormal()
    for i in 0..<size {
      let xi = xc + rng.nextNormal()
      let zi = rng.nextNormal()
      x.append(xi)
      z.append(zi)
      y.append(1 + 0.5 * xi - 0.3 * zi + u + rng.nextNormal() * (1 + 0.5 * abs(xi)))
      g.append("g\(c)")
      fe.append("f\(i % 3)")
      rare.append(x.count == 1 ? 1 : 0)
    }
  }
  return try DataTable(columns: [
    Column(name: "y", doubles: y), Column(name: "x", doubles: x), Column(name: "z", doubles: z),
    Column(name: "g", strings: g), Column(name: "fe", strings: fe), Column(name: "rare", doubles: rare),
  ])
}

/// Thread-safe storage of progress reports.
private final class ProgressLog: @unchecked Sendable {
  private let lock = NSLock()
  private var counts: [Int] = []
  func add(_ v: Int) { lock.lock(); counts.append(v); lock.unlock() }
  var all: [Int] { lock.lock(); defer { lock.unlock() }; return counts }
}

@Suite("Fixed-effects pairs and cluster bootstrap")
struct FixedEffectsBootstrapTests {
  @Test("bootstrap SE equals a direct refit on BootstrapResampler.resample samples, bit for bit", arguments: [
    ResamplingScheme.pairs, .cluster(column: "g"),
  ])
  func matchesDirectImplementation(scheme: ResamplingScheme) throws {
    let data = try simulatedPanel(clusters: 12, size: 8)
    let model = try FixedEffectsModel(formula: "y ~ x + z | fe", vcov: .hetero)
    let result = try FixedEffectsBootstrap(model: model, scheme: scheme, replicates: 60, seed: 5, terms: ["x"]).fit(data)
    let resampler = BootstrapResampler(scheme: scheme, replicates: 60, seed: 5)
    var slopes: [[Double]] = []
    for r in 0..<60 {
      let fit = try model.fit(try resampler.resample(data, replicate: r))
      slopes.append([try #require(fit.coefficient("x")).estimate])
    }
    let t0 = try #require(try model.fit(data).coefficient("x")).estimate
    let direct = BootstrapResult(t0: [t0], t: slopes)
    let row = try #require(result.estimate("x"))
    #expect(row.replicateValues == slopes.map { $0[0] })
    #expect(row.standardError == (try direct.standardError()))
    #expect(row.interval == (try direct.percentileInterval(level: 0.95)))
    #expect(row.estimate == t0)
    #expect(row.failures == 0 && row.replicates == 60)
  }

  @Test("studentized intervals use each replicate's CR1 variance, clustered by drawn copy")
  func studentizedUsesCopyClusters() throws {
    let data = try simulatedPanel(clusters: 10, size: 6)
    let model = try FixedEffectsModel(formula: "y ~ x + z", vcov: .cluster(["g"]))
    let result = try FixedEffectsBootstrap(model: model, 
      scheme: .cluster(column: "g"), replicates: 40, seed: 12, method: .studentized, terms: ["x"]
    ).fit(data)
    let resampler = BootstrapResampler(scheme: .cluster(column: "g"), replicates: 40, seed: 12)
    let copyModel = try FixedEffectsModel(formula: "y ~ x + z", vcov: .cluster([BootstrapResampler.clusterColumnName]))
    var values: [Double] = [], variances: [Double] = []
    for r in 0..<40 {
      let row = try #require(try copyModel.fit(try resampler.resample(data, replicate: r)).coefficient("x"))
      values.append(row.estimate)
      variances.append(row.standardError * row.standardError)
    }
    let original = try #require(try model.fit(data).coefficient("x"))
    let direct = try IntervalEstimators.studentized(
      t0: original.estimate, variance0: original.standardError * original.standardError, t: values, variances: variances,
      level: 0.95)
    let interval = try #require(result.estimate("x")).interval
    #expect(abs(interval.lower - direct.lower) <= 1e-12 * abs(direct.lower))
    #expect(abs(interval.upper - direct.upper) <= 1e-12 * abs(direct.upper))
  }

  @Test("bootstrap SE is within 15% of HC1 (pairs) and CR1 (cluster) on a simulated design")
  func closeToAnalytic() throws {
    let data = try simulatedPanel(clusters: 60, size: 10)
    let hetero = try FixedEffectsModel(formula: "y ~ x + z", vcov: .hetero)
    let pairs = try FixedEffectsBootstrap(model: hetero, scheme: .pairs, replicates: 399, seed: 3).fit(data)
    let hc1 = try hetero.fit(data)
    for term in ["x", "z"] {
      let boot = try #require(pairs.estimate(term)).standardError
      let analytic = try #require(hc1.coefficient(term)).standardError
      #expect(abs(boot / analytic - 1) < 0.15, "pairs \(term): bootstrap \(boot) vs HC1 \(analytic)")
    }
    let clustered = try FixedEffectsModel(formula: "y ~ x + z", vcov: .cluster(["g"]))
    let cluster = try FixedEffectsBootstrap(model: clustered, scheme: .cluster(column: "g"), replicates: 399, seed: 3).fit(data)
    let cr1 = try clustered.fit(data)
    for term in ["x", "z"] {
      let boot = try #require(cluster.estimate(term)).standardError
      let analytic = try #require(cr1.coefficient(term)).standardError
      #expect(abs(boot / analytic - 1) < 0.15, "cluster \(term): bootstrap \(boot) vs CR1 \(analytic)")
    }
    #expect(cluster.clusterCount == 60)
  }

  @Test("parallel and sequential runs are bit-identical for every interval method", arguments: IntervalMethod.allCases)
  func parallelEqualsSequential(method: IntervalMethod) throws {
    let data = try simulatedPanel(clusters: 15, size: 6)
    let model = try FixedEffectsModel(formula: "y ~ x + z | fe", vcov: .cluster(["g"]))
    let contrast = try LinearCombination(parsing: "x - z")
    let make = { (parallel: Bool) in
      try FixedEffectsBootstrap(
        model: model, scheme: .cluster(column: "g"), replicates: 99, seed: 9, method: method, combinations: [contrast],
        parallel: parallel)
    }
    let log = ProgressLog()
    let parallel = try make(true).fit(data, progress: { done, _ in log.add(done) }, isCancelled: nil)
    let sequential = try make(false).fit(data)
    #expect(parallel == sequential)
    #expect(parallel.estimates.map(\.term) == ["x", "z", "x - z"])
    #expect(log.all.sorted() == Array(1...99))
    let x = try #require(parallel.estimate("x")), z = try #require(parallel.estimate("z"))
    let combination = try #require(parallel.estimate("x - z"))
    for r in 0..<99 {
      #expect(abs(combination.replicateValues[r] - (x.replicateValues[r] - z.replicateValues[r])) < 1e-12)
    }
    #expect(combination.interval.method == method)
    #expect(combination.interval.lower < combination.estimate && combination.estimate < combination.interval.upper)
  }

  @Test("a coefficient dropped as collinear in a resample fails that replicate for that term only")
  func collinearDropCounted() throws {
    let data = try simulatedPanel(clusters: 10, size: 5)
    let model = try FixedEffectsModel(formula: "y ~ x + rare", vcov: .hetero)
    let result = try FixedEffectsBootstrap(model: model, scheme: .pairs, replicates: 200, seed: 1).fit(data)
    let rare = try #require(result.estimate("rare"))
    let x = try #require(result.estimate("x"))
    #expect(rare.failures > 0 && rare.failures < 200)
    #expect(rare.replicateValues.filter(\.isNaN).count == rare.failures)
    #expect(x.failures == 0)
    // About (1 − 1/n)^n ≈ 36.4% of resamples miss the only row with rare = 1.
    #expect(abs(Double(rare.failures) / 200 - 0.364) < 0.12)
  }

  @Test("the centred p-value is the equal-tailed test of the basic interval's duality")
  func pValueDefinition() {
    // t0 = 1; d = t* − 1 ∈ {−2, −1, 0, 1, 2, 3}: #{d ≤ 1} = 4, #{d ≥ 1} = 3 → p = 2·3/6 = 1.
    #expect(ResampledEstimate.centeredPValue(estimate: 1, replicates: [-1, 0, 1, 2, 3, 4]) == 1)
    // t0 = 2; d ∈ {−0.5, −0.25, 0, 0.25, 2.5}: #{d ≥ 2} = 1 → p = 2·1/5.
    #expect(ResampledEstimate.centeredPValue(estimate: 2, replicates: [1.5, 1.75, 2, 2.25, 4.5, .nan]) == 0.4)
  }

  @Test("linear combinations parse with weights and signs")
  func combinationParsing() throws {
    #expect(try LinearCombination(parsing: "treat - x").weights == ["treat": 1, "x": -1])
    #expect(try LinearCombination(parsing: "-1 * a + 0.5*b - rel::-1").weights == ["a": -1, "b": 0.5, "rel::-1": -1])
    #expect(try LinearCombination(parsing: "x1:x2").weights == ["x1:x2": 1])
    #expect(throws: ResampledInferenceError.self) { try LinearCombination(parsing: "a - - b") }
    #expect(throws: ResampledInferenceError.self) { try LinearCombination(parsing: "a b") }
    #expect(throws: ResampledInferenceError.self) { try LinearCombination(parsing: "  ") }
    #expect(throws: ResampledInferenceError.self) { try LinearCombination(parsing: "a +") }
  }
}

@Suite("Fixed-effects bootstrap: bad input")
struct FixedEffectsBootstrapInputTests {
  @Test("zero or negative replicates", arguments: [0, -5])
  func badReplicates(b: Int) throws {
    let data = try simulatedPanel(clusters: 5, size: 4)
    let model = try FixedEffectsModel(formula: "y ~ x")
    #expect(
      throws: ResampledInferenceError.invalidOption(
        .invalid(option: "replicates", value: "\(b)", expected: "an integer of at least 1"))
    ) {
      try FixedEffectsBootstrap(model: model, replicates: b).fit(data)
    }
  }

  @Test("the labelled initializer builds the one validated ResamplingOptions value")
  func sharedResamplingOptions() throws {
    let data = try simulatedPanel(clusters: 6, size: 5)
    let model = try FixedEffectsModel(formula: "y ~ x", vcov: .hetero)
    let resampling = try ResamplingOptions(replicates: 19, seed: 3, method: .basic, confidenceLevel: 0.9, parallel: false)
    let byLabels = try FixedEffectsBootstrap(
      model: model, replicates: 19, seed: 3, method: .basic, confidenceLevel: 0.9, parallel: false)
    #expect(byLabels.resampling == resampling)
    let a = try byLabels.fit(data)
    #expect(a.replicates == 19 && a.seed == 3 && a.method == .basic && a.confidenceLevel == 0.9)
    #expect(throws: ResampledInferenceError.self) { try ResamplingOptions(confidenceLevel: 1) }
    #expect(throws: ResampledInferenceError.self) { try ResamplingOptions(replicates: 0) }
  }

  @Test("fewer than two clusters")
  func oneCluster() throws {
    let data = try simulatedPanel(clusters: 1, size: 20)
    let model = try FixedEffectsModel(formula: "y ~ x", vcov: .hetero)
    #expect(throws: ResampledInferenceError.tooFewClusters(column: "g", found: 1)) {
      try FixedEffectsBootstrap(model: model, scheme: .cluster(column: "g"), replicates: 9).fit(data)
    }
  }

  @Test("a requested term or a combination term not in the model")
  func unknownTerm() throws {
    let data = try simulatedPanel(clusters: 5, size: 4)
    let model = try FixedEffectsModel(formula: "y ~ x", vcov: .hetero)
    #expect(throws: ResampledInferenceError.termNotInModel("w", available: ["(Intercept)", "x"])) {
      try FixedEffectsBootstrap(model: model, replicates: 9, terms: ["w"]).fit(data)
    }
    let combination = try LinearCombination(parsing: "x - w")
    #expect(throws: ResampledInferenceError.termNotInModel("w", available: ["(Intercept)", "x"])) {
      try FixedEffectsBootstrap(model: model, replicates: 9, combinations: [combination]).fit(data)
    }
  }

  @Test("every replicate failing for a term")
  func allFail() throws {
    let data = try simulatedPanel(clusters: 10, size: 5)
    let model = try FixedEffectsModel(formula: "y ~ x + rare", vcov: .hetero)
    // Find a seed whose single replicate misses row 0, the only row with rare = 1.
    var seed: UInt64 = 0
    while try BootstrapResampler(replicates: 1, seed: seed).resample(data, replicate: 0)
      .column(named: "rare").doubles().contains(1)
    {
      seed += 1
    }
    let bootstrap = try FixedEffectsBootstrap(model: model, scheme: .pairs, replicates: 1, seed: seed, terms: ["rare"])
    #expect {
      try bootstrap.fit(data)
    } throws: { error in
      guard case .allReplicatesFailed(let term, let count, _) = error as? ResampledInferenceError else { return false }
      return term == "rare" && count == 1
    }
  }

  @Test("cancellation stops the run with a typed error")
  func cancellation() throws {
    let data = try simulatedPanel(clusters: 5, size: 4)
    let model = try FixedEffectsModel(formula: "y ~ x")
    #expect(throws: ResampledInferenceError.cancelled) {
      try FixedEffectsBootstrap(model: model, replicates: 20).fit(data, progress: nil, isCancelled: { true })
    }
  }
}
