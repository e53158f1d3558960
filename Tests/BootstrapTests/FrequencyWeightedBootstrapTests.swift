@testable import Bootstrap
import CausalCore
import FixedEffects
import Testing

/// `simulatedPanel` with a positive weight column `w` and a two-level text column `lone`
/// (`"a"` in row 0 only, `"b"` elsewhere).
private func weightedPanel(clusters: Int, size: Int) throws -> DataTable {
  var table = try simulatedPanel(clusters: clusters, size: size)
  var rng = SeededGenerator(seed: 77)
  let n = table.rowCount
  try table.set(Column(name: "w", doubles: (0..<n).map { _ in 0.5 + 1.5 * rng.nextUniform() }))
  try table.set(Column(name: "lone", strings: (0..<n).map { $0 == 0 ? "a" : "b" }))
  return table
}

/// Runs the bootstrap on both paths and checks that they agree: the same failures, replicate
/// values within `1e-10` relative, and the summaries too.
@discardableResult
private func expectAgreement(
  _ bootstrap: FixedEffectsBootstrap, on data: DataTable,
  sourceLocation: SourceLocation = #_sourceLocation
) throws -> FixedEffectsBootstrapResult {
  var refit = bootstrap
  refit.forcesRefit = true
  let fast = try bootstrap.fit(data)
  let reference = try refit.fit(data)
  #expect(fast.path == .frequencyWeights, sourceLocation: sourceLocation)
  #expect(reference.path == .refit && reference.refittedReplicates == bootstrap.resampling.replicates, sourceLocation: sourceLocation)
  #expect(fast.firstFailure == reference.firstFailure, sourceLocation: sourceLocation)
  #expect(fast.estimates.map(\.term) == reference.estimates.map(\.term), sourceLocation: sourceLocation)
  func close(_ a: Double, _ b: Double) -> Bool { abs(a - b) <= 1e-10 * abs(b) }
  for (f, r) in zip(fast.estimates, reference.estimates) {
    #expect(f.estimate == r.estimate, sourceLocation: sourceLocation)
    #expect(f.failures == r.failures, "\(f.term)", sourceLocation: sourceLocation)
    #expect(f.replicateValues.map(\.isNaN) == r.replicateValues.map(\.isNaN), "\(f.term)", sourceLocation: sourceLocation)
    var worst = 0.0
    for (a, b) in zip(f.replicateValues, r.replicateValues) where b.isFinite {
      worst = max(worst, abs(a - b) / abs(b))
    }
    #expect(worst <= 1e-10, "\(f.term): largest relative difference \(worst)", sourceLocation: sourceLocation)
    #expect(close(f.standardError, r.standardError), sourceLocation: sourceLocation)
    #expect(close(f.interval.lower, r.interval.lower) && close(f.interval.upper, r.interval.upper), sourceLocation: sourceLocation)
  }
  return fast
}

@Suite("Fixed-effects bootstrap: frequency-weight path")
struct FrequencyWeightedBootstrapTests {
  @Test("cluster scheme, clustered variance, a combination: agrees with the refit (per-cluster cross products)")
  func clusterScheme() throws {
    let data = try simulatedPanel(clusters: 25, size: 8)
    let model = try FixedEffectsModel(formula: "y ~ x + z", vcov: .cluster(["g"]))
    let bootstrap = try FixedEffectsBootstrap(
      model: model, scheme: .cluster(column: "g"), replicates: 120, seed: 4, combinations: [try LinearCombination(parsing: "x - 2*z")])
    let result = try expectAgreement(bootstrap, on: data)
    #expect(result.refittedReplicates == 0)
    #expect(result.estimates.map(\.term) == ["(Intercept)", "x", "z", "x - 2*z"])
  }

  @Test("cluster scheme with clusters of two rows (row-wise accumulation), weights and an interaction")
  func smallClusters() throws {
    let data = try weightedPanel(clusters: 60, size: 2)
    let model = try FixedEffectsModel(formula: "y ~ x + z + x:z + I(x^2)", weights: "w", vcov: .hetero)
    let weighted = try #require(
      FrequencyWeightedLeastSquares(
        model: model, sample: data, plan: try ResamplingPlan(scheme: .cluster(column: "g"), data: data),
        terms: try model.fit(data).variance.terms, perReplicateVariance: false))
    #expect(weighted.unitCrossProducts == nil)
    try expectAgreement(
      FixedEffectsBootstrap(model: model, scheme: .cluster(column: "g"), replicates: 80, seed: 8, method: .bca), on: data)
  }

  @Test("pairs and stratified schemes with weights", arguments: [ResamplingScheme.pairs, .stratified(column: "fe")])
  func rowSchemes(scheme: ResamplingScheme) throws {
    let data = try weightedPanel(clusters: 12, size: 7)
    let model = try FixedEffectsModel(formula: "y ~ x + z", weights: "w", vcov: .iid)
    try expectAgreement(FixedEffectsBootstrap(model: model, scheme: scheme, replicates: 100, seed: 21, method: .basic), on: data)
  }

  @Test("replicates dropping a collinear coefficient are refitted: the same NaNs and failure counts")
  func collinearReplicates() throws {
    let data = try simulatedPanel(clusters: 10, size: 5)
    let model = try FixedEffectsModel(formula: "y ~ x + rare", vcov: .hetero)
    let result = try expectAgreement(FixedEffectsBootstrap(model: model, scheme: .pairs, replicates: 200, seed: 1), on: data)
    let rare = try #require(result.estimate("rare"))
    #expect(rare.failures > 0 && rare.failures < 200)
    #expect(result.refittedReplicates == rare.failures)
    #expect(try #require(result.estimate("x")).failures == 0)
  }

  @Test("replicates whose variance would have a single cluster fail as the refit does, with its message")
  func singleClusterReplicates() throws {
    let data = try weightedPanel(clusters: 8, size: 5)
    let model = try FixedEffectsModel(formula: "y ~ x + z", vcov: .cluster(["lone"]))
    let result = try expectAgreement(FixedEffectsBootstrap(model: model, scheme: .pairs, replicates: 150, seed: 2), on: data)
    let x = try #require(result.estimate("x"))
    #expect(x.failures > 0 && x.failures == result.refittedReplicates)
    #expect(result.firstFailure?.contains("lone") == true)
  }

  @Test("parallel and sequential runs are bit-identical on this path, refitted replicates included")
  func parallelEqualsSequential() throws {
    let data = try simulatedPanel(clusters: 10, size: 5)
    let model = try FixedEffectsModel(formula: "y ~ x + z + rare", vcov: .hetero)
    let make = { (parallel: Bool) in
      try FixedEffectsBootstrap(model: model, scheme: .pairs, replicates: 77, seed: 13, method: .normal, parallel: parallel)
    }
    let parallel = try make(true).fit(data)
    let sequential = try make(false).fit(data)
    // Compared bit for bit (NaN replicates would make `==` false).
    func bits(_ r: FixedEffectsBootstrapResult) -> [[UInt64]] {
      r.estimates.map { e in
        [e.estimate, e.standardError, e.interval.lower, e.interval.upper, e.pValue].map(\.bitPattern)
          + e.replicateValues.map(\.bitPattern) + [UInt64(e.failures)]
      }
    }
    #expect(bits(parallel) == bits(sequential))
    #expect(parallel.refittedReplicates == sequential.refittedReplicates && parallel.firstFailure == sequential.firstFailure)
    #expect(parallel.path == .frequencyWeights && parallel.refittedReplicates > 0)
  }

  @Test("the refit path is kept for studentized intervals, fixed effects and text regressors")
  func refitWhereNeeded() throws {
    let data = try simulatedPanel(clusters: 10, size: 6)
    let cases: [(FixedEffectsModel, IntervalMethod)] = [
      (try FixedEffectsModel(formula: "y ~ x + z", vcov: .cluster(["g"])), .studentized),
      (try FixedEffectsModel(formula: "y ~ x + z | fe", vcov: .hetero), .percentile),
      (try FixedEffectsModel(formula: "y ~ x + fe", vcov: .hetero), .percentile),
      (try FixedEffectsModel(formula: "y ~ x + i(fe)", vcov: .hetero), .percentile),
    ]
    for (model, method) in cases {
      let result = try FixedEffectsBootstrap(model: model, scheme: .cluster(column: "g"), replicates: 20, seed: 3, method: method)
        .fit(data)
      #expect(result.path == .refit && result.refittedReplicates == 20, "\(model.formula)")
    }
  }

  @Test("BCa: the jackknife from leave-one-out normal equations agrees with leave-one-out refits", arguments: [
    ResamplingScheme.cluster(column: "g"), .pairs,
  ])
  func jackknifeAgrees(scheme: ResamplingScheme) throws {
    let data = try weightedPanel(clusters: 15, size: 6)
    let model = try FixedEffectsModel(formula: "y ~ x + z + I(x^2)", weights: "w", vcov: .hetero)
    let bootstrap = try FixedEffectsBootstrap(
      model: model, scheme: scheme, replicates: 150, seed: 31, method: .bca, combinations: [try LinearCombination(parsing: "x + z")])
    try expectAgreement(bootstrap, on: data)
    // The influence values themselves.
    let plan = try ResamplingPlan(scheme: scheme, data: data)
    let terms = try model.fit(data).variance.terms
    let weighted = try #require(
      FrequencyWeightedLeastSquares(model: model, sample: data, plan: plan, terms: terms, perReplicateVariance: false))
    let solutions = try #require(weighted.leaveOneOutCoefficients())
    #expect(solutions.count == plan.unitCount && solutions.allSatisfy { $0 != nil })
    let targets = try FixedEffectsBootstrap.targets(
      terms: terms, combinations: bootstrap.combinations, estimated: terms)
    var column: String?
    if case .cluster(let name) = scheme { column = name }
    let fast = try FixedEffectsBootstrap.jackknifeInfluence(
      model: model, sample: data, clusterColumn: column, targets: targets, parallel: false, weighted: weighted,
      terms: terms)
    let refit = try FixedEffectsBootstrap.jackknifeInfluence(
      model: model, sample: data, clusterColumn: column, targets: targets, parallel: false)
    #expect(fast.count == refit.count)
    for (a, b) in zip(fast, refit) {
      let scale = b.map { abs($0) }.max() ?? 1
      #expect(a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= 1e-9 * scale })
    }
  }

  @Test("BCa: a leave-one-out sample that drops a coefficient is refitted, failing as the refit jackknife does")
  func jackknifeFailure() throws {
    let data = try simulatedPanel(clusters: 10, size: 5)
    let model = try FixedEffectsModel(formula: "y ~ x + rare", vcov: .hetero)
    // Leaving out row 0 drops `rare`: the refit still estimates x there (the jackknife of x
    // succeeds, from refits), but not `rare` (the run fails, with the refit's error).
    try expectAgreement(
      FixedEffectsBootstrap(model: model, scheme: .pairs, replicates: 40, seed: 1, method: .bca, terms: ["x"]), on: data)
    var bootstrap = try FixedEffectsBootstrap(model: model, scheme: .pairs, replicates: 40, seed: 1, method: .bca)
    var fastError: ResampledInferenceError?
    do { _ = try bootstrap.fit(data) } catch let error as ResampledInferenceError { fastError = error }
    bootstrap.forcesRefit = true
    var refitError: ResampledInferenceError?
    do { _ = try bootstrap.fit(data) } catch let error as ResampledInferenceError { refitError = error }
    #expect(fastError != nil && fastError == refitError)
  }

  @Test("columns the model does not read do not change a refit bootstrap, and are not resampled")
  func unusedColumns() throws {
    let data = try weightedPanel(clusters: 10, size: 6)
    let model = try FixedEffectsModel(formula: "y ~ x | fe", weights: "w", vcov: .cluster(["g"]))
    let lean = try DataTable(columns: ["y", "x", "fe", "w", "g"].map { try data.column(named: $0) })
    let bootstrap = try FixedEffectsBootstrap(model: model, scheme: .cluster(column: "g"), replicates: 30, seed: 2)
    #expect(try bootstrap.fit(data) == (try bootstrap.fit(lean)))
    let restricted = FixedEffectsBootstrap.modelColumns(of: data, model: model, scheme: .cluster(column: "g"))
    #expect(restricted.columnNames == ["y", "x", "g", "fe", "w"])
  }

  @Test("unit multiplicities describe the resample: same rows as BootstrapResampler.resample", arguments: [
    ResamplingScheme.pairs, .cluster(column: "g"), .stratified(column: "fe"),
  ])
  func multiplicitiesMatchResample(scheme: ResamplingScheme) throws {
    let data = try simulatedPanel(clusters: 9, size: 4)
    var ids = data
    try ids.set(Column(name: "row", ints: Array(0..<data.rowCount)))
    let plan = try ResamplingPlan(scheme: scheme, data: ids)
    var counts: [Int] = []
    for r in 0..<10 {
      plan.multiplicities(seed: 6, replicate: r, into: &counts)
      let rows = try BootstrapResampler(scheme: scheme, replicates: 1, seed: 6).resample(ids, replicate: r)
        .column(named: "row").doubles().map { Int($0) }
      var expected = [Int](repeating: 0, count: data.rowCount)
      for i in rows { expected[i] += 1 }
      let groupOfRow = plan.groups?.groupOfRow
      let perRow = (0..<data.rowCount).map { i -> Int in
        if case .cluster = scheme, let groupOfRow { return counts[groupOfRow[i]] }
        return counts[i]
      }
      #expect(perRow == expected)
    }
  }
}

@Suite("Resampling groups by integer values and codes")
struct ResamplingGroupsKeyTests {
  /// The grouping by text value, in order of first appearance (the definition).
  private func byText(_ column: Column) -> [[Int]] {
    var index: [String: Int] = [:]
    var members: [[Int]] = []
    for row in 0..<column.count {
      let key = column.text(at: row) ?? ""
      if let g = index[key] { members[g].append(row) } else {
        index[key] = members.count
        members.append([row])
      }
    }
    return members
  }

  @Test("int (small and wide ranges), categorical and double columns group as their texts do")
  func sameAsText() throws {
    let columns = [
      Column(name: "k", ints: [5, -3, 5, 7, -3, 0, 7]),
      Column(name: "k", ints: [1 << 60, -3, 1 << 60, Int.min, -3, Int.max]),
      Column(name: "k", strings: ["b", "a", "b", "c", "a"]),
      Column(name: "k", doubles: [1.5, 2, 1.5, -0.25]),
    ]
    for column in columns {
      let groups = try ResamplingGroups(table: try DataTable(columns: [column]), column: "k")
      #expect(groups.members == byText(column), "\(column.kind)")
      for (g, rows) in groups.members.enumerated() { for i in rows { #expect(groups.groupOfRow[i] == g) } }
    }
  }

  @Test("a missing integer is reported with its row")
  func missingInteger() throws {
    let table = try DataTable(columns: [Column(name: "k", ints: [1, nil, 2])])
    #expect(throws: BootstrapError.missingGroupValue(column: "k", row: 1)) {
      try ResamplingGroups(table: table, column: "k")
    }
  }
}
