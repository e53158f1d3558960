import CausalCore

/// Averages group-time effects into the summary parameters of R did's `aggte`, with influence
/// functions that include the estimation of the cohort shares.
///
/// Cells that could not be estimated are left out (did's `na.rm = TRUE`) and counted. Periods
/// and cohorts are compared on did's recoded scale (their ranks among all periods and
/// cohorts), which only matters for event-time windows when periods are not consecutive.
struct GroupTimeAggregator: Sendable {
  /// The cells' cohorts.
  let groups: [Int]
  /// The cells' periods.
  let times: [Int]
  /// The cells' estimates (NaN for cells not estimated).
  let estimates: [Double]
  /// The sample's periods.
  let periods: [Int]
  /// Influence functions and unit data.
  let influence: GroupTimeInfluence
  /// The confidence level.
  let level: Double
  /// The multiplier bootstrap, or `nil` for analytic standard errors.
  let bootstrap: MultiplierBootstrap?
  /// The observations behind the cells.
  let observationCount: Int
  /// Rows removed before estimation.
  let drops: DropReport

  /// Computes one aggregation.
  ///
  /// - Throws: ``DiDError/emptyAggregation(reason:)`` when no estimated cell enters it.
  /// - Complexity: O(k r + Σ cell sizes) for k breakdown rows and r projected rows (units, or
  ///   clusters), plus O(k² r) for their covariance.
  func aggregate(_ aggregation: GroupTimeAggregation) throws(DiDError) -> AggregatedEffect {
    let valid = estimates.indices.filter { estimates[$0].isFinite }
    guard !valid.isEmpty else { throw .emptyAggregation(reason: "no group-time effect could be estimated") }
    let ranks = Dictionary(
      uniqueKeysWithValues: Array(Set(periods + valid.map { groups[$0] })).sorted().enumerated().map { ($0.element, $0.offset + 1) })
    let rank: (Int) -> Int = { ranks[$0] ?? 0 }
    let shareByCohort = influence.cohortShares()
    let share = groups.map { shareByCohort[$0] ?? 0 }
    let post = valid.filter { rank(groups[$0]) <= rank(times[$0]) }
    var parts: [(key: Int, cells: [Int], equalWeights: Bool)] = []
    var overallFromParts = true
    switch aggregation {
    case .simple:
      guard !post.isEmpty else { throw .emptyAggregation(reason: "no post-treatment group-time effect") }
      parts = [(0, post, false)]
      overallFromParts = false
    case .dynamic(let balance, let minE, let maxE):
      var included = valid
      var events = Set(valid.map { times[$0] - groups[$0] })
      if let balance {
        let lastTime = valid.map { times[$0] }.max() ?? 0
        let firstRanked = ranks.min { $0.value < $1.value }?.key ?? 0
        included = valid.filter { lastTime - groups[$0] >= balance }
        events = Set(included.map { times[$0] - groups[$0] }).filter { $0 <= balance && $0 >= balance - lastTime + firstRanked }
      }
      let window = events.filter { $0 >= (minE ?? Int.min) && $0 <= (maxE ?? Int.max) }.sorted()
      guard !window.isEmpty else {
        throw .emptyAggregation(reason: "no event time falls in the requested window; widen the minimum and maximum event times")
      }
      parts = window.map { e in (e, included.filter { times[$0] - groups[$0] == e }, false) }
    case .group:
      for g in Array(Set(post.map { groups[$0] })).sorted() {
        parts.append((g, post.filter { groups[$0] == g }, true))
      }
    case .calendar:
      let firstCohort = valid.map { rank(groups[$0]) }.min() ?? 0
      for t in Array(Set(valid.map { times[$0] })).sorted() where rank(t) >= firstCohort {
        let cells = post.filter { times[$0] == t }
        if !cells.isEmpty { parts.append((t, cells, false)) }
      }
    }
    // The parts are independent: computed concurrently, each by itself.
    let jobs = parts.map { (cells: $0.cells, equal: $0.equalWeights) }
    let averageOf = { @Sendable (k: Int) -> (Double, [Double]) in self.average(jobs[k].cells, share: share, equal: jobs[k].equal) }
    let averages = (try? ParallelMap.map(jobs.count, averageOf)) ?? jobs.indices.map(averageOf)
    let breakdownEstimates = averages.map(\.0)
    let breakdownInfluence = averages.map(\.1)
    let overall: (Double, [Double])
    switch aggregation {
    case .simple:
      overall = (breakdownEstimates[0], breakdownInfluence[0])
    case .group:
      let cohorts = parts.map(\.key)
      let shares = cohorts.map { shareByCohort[$0] ?? 0 }
      let total = shares.reduce(0, +)
      var psi = influence.shareInfluence(cohorts: cohorts, shares: shares, estimates: breakdownEstimates)
      for (k, row) in breakdownInfluence.enumerated() {
        for i in psi.indices { psi[i] += shares[k] / total * row[i] }
      }
      overall = (zip(shares, breakdownEstimates).reduce(0) { $0 + $1.0 * $1.1 } / total, psi)
    case .dynamic, .calendar:
      let use = parts.indices.filter { aggregation.name == "calendar" || parts[$0].key >= 0 }
      overall = mean(use.map { breakdownEstimates[$0] }, use.map { breakdownInfluence[$0] })
    }
    let covariance = covarianceMatrix(breakdownInfluence)
    var errors = breakdownInfluence.indices.map { influence.standardError(variance: covariance[$0 * breakdownInfluence.count + $0]) }
    var overallError = influence.standardError(overall.1)
    var critical: Double?
    if let bootstrap, overallFromParts {
      let draws = MultiplierDraws(breakdownInfluence, influence: influence, options: bootstrap, level: level)
      for k in errors.indices where errors[k].isFinite { errors[k] = draws.standardErrors[k] }
      critical = draws.criticalValue
    }
    if let bootstrap, overallError.isFinite {
      overallError = MultiplierDraws([overall.1], influence: influence, options: bootstrap, level: level).standardErrors[0]
    }
    let prefix: String
    switch aggregation {
    case .simple: prefix = ""
    case .dynamic: prefix = "e"
    case .group: prefix = "g"
    case .calendar: prefix = "t"
    }
    let rows: [AggregatedEffect.Row] = !overallFromParts ? [] : parts.indices.map { k in
        let row = CoefficientRow.normal(
          term: "ATT(\(prefix)=\(parts[k].key))", estimate: breakdownEstimates[k], standardError: errors[k], level: level)
        let band = critical.map { ConfidenceInterval(lower: row.estimate - $0 * row.standardError, upper: row.estimate + $0 * row.standardError) }
        return AggregatedEffect.Row(key: parts[k].key, row: row, band: band)
      }
    return AggregatedEffect(
      aggregation: aggregation,
      overall: .normal(term: "ATT", estimate: overall.0, standardError: overallError, level: level),
      breakdown: rows, covariance: overallFromParts ? covariance : [], omittedCells: estimates.count - valid.count,
      criticalValue: critical, observationCount: observationCount, drops: drops)
  }

  /// The share-weighted average of some cells (or their plain mean, for one cohort's cells)
  /// and its projected influence function (see ``GroupTimeInfluence``), including the shares'
  /// estimation for share weights.
  private func average(_ cells: [Int], share: [Double], equal: Bool) -> (Double, [Double]) {
    let shares = cells.map { equal ? 1 : share[$0] }
    let total = shares.reduce(0, +)
    let weights = shares.map { $0 / total }
    let estimate = zip(weights, cells).reduce(0) { $0 + $1.0 * estimates[$1.1] }
    var psi = influence.combined(cells, weights: weights)
    if !equal {
      influence.addShareInfluence(
        cohorts: cells.map { groups[$0] }, shares: shares, estimates: cells.map { estimates[$0] }, to: &psi)
    }
    return (estimate, psi)
  }

  /// The plain mean of estimates and of their influence functions (NaN when empty).
  private func mean(_ values: [Double], _ psis: [[Double]]) -> (Double, [Double]) {
    guard !values.isEmpty else { return (.nan, [Double](repeating: .nan, count: influence.rowCount)) }
    let k = Double(values.count)
    var psi = [Double](repeating: 0, count: influence.rowCount)
    for row in psis { for i in psi.indices { psi[i] += row[i] / k } }
    return (values.reduce(0, +) / k, psi)
  }

  /// The covariance matrix of estimators with the given influence functions, row-major: the
  /// pairs in groups of four (``GroupTimeInfluence/covariances(_:)``), the groups concurrently.
  private func covarianceMatrix(_ psis: [[Double]]) -> [Double] {
    let k = psis.count
    let pairs = (0..<k).flatMap { a in (a..<k).map { (a, $0) } }
    let groups = stride(from: 0, to: pairs.count, by: 4).map { Array(pairs[$0..<min($0 + 4, pairs.count)]) }
    let influence = influence
    let job = { @Sendable (g: Int) -> [Double] in influence.covariances(groups[g].map { (psis[$0.0], psis[$0.1]) }) }
    let values = (try? ParallelMap.map(groups.count, job)) ?? groups.indices.map(job)
    var out = [Double](repeating: 0, count: k * k)
    for (group, covariances) in zip(groups, values) {
      for ((a, b), v) in zip(group, covariances) {
        out[a * k + b] = v
        out[b * k + a] = v
      }
    }
    return out
  }
}
