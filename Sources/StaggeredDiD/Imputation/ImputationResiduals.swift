import CausalCore

/// The residuals `ε̃` of Borusyak, Jaravel and Spiess's conservative variance for the rows that
/// carry a second-stage term: the first-stage residual on untreated rows (the leads of an event
/// study), and `τ̂ᵢₜ − τ̃_g` on treated rows, with `τ̃_g` their equation (8) average over the
/// row's group.
///
/// Within one second-stage term the estimator's weights on treated rows are the sampling weights
/// divided by the term's total, so equation (8), `τ̃_g = Σ_c a_c b_c / Σ_c a_c²` with cluster
/// sums `a_c = Σ vᵢₜ` and `b_c = Σ vᵢₜ τ̂ᵢₜ`, is computed with the sampling weights (the total
/// cancels), per term and group. A treated row's weight is zero in every other term, so one
/// residual per row serves every term.
///
/// Leave-out (did_imputation's `leaveout`) averages over the group's other clusters. For the
/// cluster sum the variance uses, `Σ_{it∈c∩g} vᵢₜ (τ̂ᵢₜ − τ̃_{g,−c})` equals
/// `Σ_{it∈c∩g} vᵢₜ (τ̂ᵢₜ − τ̃_g) · D / (D − a_c²)` with `D = Σ_c a_c²`, so the residuals are
/// rescaled by that factor.
enum ImputationResiduals {
  /// A group of treated rows within one second-stage term.
  private struct Cell: Hashable {
    let term: Int
    let first: Int
    let second: Int
  }

  /// A cell's rows in one cluster.
  private struct ClusterCell: Hashable {
    let cell: Cell
    let cluster: Int32
  }

  /// The residuals for the variance's scores.
  ///
  /// - Parameters:
  ///   - s: The sample.
  ///   - residual: Each row's first-stage residual (`τ̂ᵢₜ` on treated rows).
  ///   - groups: The groups of treated rows.
  ///   - leaveOut: Whether each cluster's average leaves the cluster out.
  /// - Returns: `ε̃` per row (rows without a term keep their residual; their weight is zero).
  /// - Throws: ``DiDError/invalidOption(_:)`` with leave-out when a group's treated rows lie in
  ///   one cluster (or nearly all their weight does).
  /// - Complexity: O(n) expected (hashing).
  static func make(
    _ s: TwoStageSample, residual: [Double], groups: TwoStageDiD.ImputationGroups, leaveOut: Bool
  ) throws(DiDError) -> [Double] {
    func cell(_ i: Int) -> Cell {
      switch groups {
      case .cohortPeriod: return Cell(term: s.term[i], first: s.cohort[i], second: s.time[i])
      case .cohort: return Cell(term: s.term[i], first: s.cohort[i], second: 0)
      case .horizon: return Cell(term: s.term[i], first: s.time[i] - s.cohort[i], second: 0)
      case .allTreated: return Cell(term: s.term[i], first: 0, second: 0)
      }
    }
    let rows = s.term.indices.filter { s.term[$0] >= 0 && s.treated[$0] }
    // Sums in the order the keys first appear in the rows (not the dictionaries' iteration
    // order, which differs between runs), so that the result is the same on every run.
    var clusterSums: [ClusterCell: (weight: Double, effect: Double)] = [:]
    var firstSeen: [ClusterCell] = []
    for i in rows {
      let key = ClusterCell(cell: cell(i), cluster: s.cluster[i])
      let sums = clusterSums[key] ?? (0, 0)
      if clusterSums[key] == nil { firstSeen.append(key) }
      clusterSums[key] = (sums.weight + s.weight[i], sums.effect + s.weight[i] * residual[i])
    }
    var cellSums: [Cell: (numerator: Double, denominator: Double)] = [:]
    for key in firstSeen {
      guard let sums = clusterSums[key] else { continue }
      let totals = cellSums[key.cell] ?? (0, 0)
      cellSums[key.cell] = (totals.numerator + sums.weight * sums.effect, totals.denominator + sums.weight * sums.weight)
    }
    var out = residual
    for i in rows {
      let key = ClusterCell(cell: cell(i), cluster: s.cluster[i])
      let totals = cellSums[key.cell] ?? (0, 0)
      guard totals.denominator > 0 else { continue }
      out[i] = residual[i] - totals.numerator / totals.denominator
      guard leaveOut else { continue }
      let own = (clusterSums[key]?.weight ?? 0)
      let rest = totals.denominator - own * own
      guard rest > 1e-5 * totals.denominator else {
        throw .invalidOption(
          .invalid(
            option: "variance", value: "imputation with leave-out",
            expected: "groups whose treated observations lie in at least two clusters, but those of "
              + describe(groups, row: i, in: s) + " lie in one; choose coarser groups (cohort, horizon or all-treated)"))
      }
      out[i] *= totals.denominator / rest
    }
    return out
  }

  /// The group of a row in words, for an error message.
  private static func describe(_ groups: TwoStageDiD.ImputationGroups, row i: Int, in s: TwoStageSample) -> String {
    let term = s.terms.count > 1 ? " at relative period \(s.terms[s.term[i]])" : ""
    switch groups {
    case .cohortPeriod: return "cohort \(s.cohort[i]) in period \(s.time[i])"
    case .cohort: return "cohort \(s.cohort[i])" + term
    case .horizon: return "relative period \(s.time[i] - s.cohort[i])"
    case .allTreated: return "all treated observations" + term
    }
  }
}
