/// The closed-form 2×2 estimates and weights of Goodman-Bacon (2021, Theorem 1).
///
/// With `n_g` the share of units in group `g` and `D̄_g` the share of periods in which it is
/// treated, a timing group `k` compared with a group `c` that is treated later (or never,
/// `D̄_c = 0`) gets the weight `n_k n_c (D̄_k − D̄_c)(1 − D̄_k) / V̂^D`, and compared with a group
/// treated earlier (or always, `D̄_c = 1`) the weight `n_k n_c D̄_k (D̄_c − D̄_k) / V̂^D`: the
/// paper's `(n_k + n_c)² n_kc (1 − n_kc)` times the variance of the treatment in the
/// comparison's window, with the window's length written through `D̄`. `V̂^D` is the variance
/// of the treatment after removing unit and period means, so that the weights sum to 1 and the
/// weighted sum of the estimates is the two-way fixed-effects coefficient (both exactly in a
/// balanced panel, up to rounding here).
extension BaconPanel {
  /// Every comparison of a timing group with another group, ordered by the treated group's
  /// onset, then timing-group controls by onset, then the never-treated and the
  /// always-treated controls.
  ///
  /// - Returns: The comparisons and `V̂^D`.
  /// - Complexity: O(groups × periods + groups²), which is O(n) plus O(groups²).
  func twoByTwos() -> (comparisons: [BaconComparison], treatmentVariance: Double) {
    let variance = treatmentVariance()
    let timing = timingGroups
    let controls = timing + [neverTreated, alwaysTreated].compactMap { $0 }
    var comparisons = [BaconComparison]()
    comparisons.reserveCapacity(timing.count * max(controls.count - 1, 0))
    for treated in timing {
      for control in controls where control.onset != treated.onset {
        comparisons.append(compare(treated, with: control, variance: variance))
      }
    }
    return (comparisons, variance)
  }

  /// The share of periods in which a group is treated, `D̄_g`.
  private func treatedShare(_ group: Cohort) -> Double {
    Double(periodCount - group.onset) / Double(periodCount)
  }

  /// One comparison: estimate from the groups' mean outcomes over the window, weight in
  /// closed form.
  ///
  /// - Complexity: O(1).
  private func compare(_ treated: Cohort, with control: Cohort, variance: Double) -> BaconComparison {
    let shares = Double(treated.units) * Double(control.units) / (Double(unitCount) * Double(unitCount))
    let dk = treatedShare(treated), dc = treatedShare(control)
    let window: Range<Int>
    let weight: Double
    let type: BaconComparisonType
    if control.onset > treated.onset {
      // The control group is treated later or never: the window ends before its onset.
      window = 0..<control.onset
      weight = shares * (dk - dc) * (1 - dk) / variance
      type = control.onset == periodCount ? .treatedVsNeverTreated : .earlierVsLaterTreated
    } else {
      // The control group is treated earlier or always: the window starts at its onset.
      window = control.onset..<periodCount
      weight = shares * dk * (dc - dk) / variance
      type = control.onset == 0 ? .treatedVsAlwaysTreated : .laterVsEarlierTreated
    }
    let estimate = treated.change(window.lowerBound, treated.onset, window.upperBound)
      - control.change(window.lowerBound, treated.onset, window.upperBound)
    let isTiming = control.onset > 0 && control.onset < periodCount
    return BaconComparison(
      treatedGroup: periods[treated.onset], controlGroup: isTiming ? periods[control.onset] : nil, type: type,
      estimate: estimate, weight: weight, treatedUnits: treated.units, controlUnits: control.units,
      firstPeriod: periods[window.lowerBound], lastPeriod: periods[window.upperBound - 1])
  }

  /// `V̂^D`: the mean square of the treatment after removing unit and period means,
  /// `(1/NT) Σ_it (D_it − D̄_i − D̄_t + D̄)²`, computed by group (every unit of a group has the
  /// same treatment path).
  ///
  /// - Complexity: O(groups × periods).
  func treatmentVariance() -> Double {
    let total = Double(unitCount)
    var periodMean = [Double](repeating: 0, count: periodCount)
    var grandMean = 0.0
    for group in cohorts {
      let share = Double(group.units) / total
      for p in group.onset..<periodCount { periodMean[p] += share }
      grandMean += share * treatedShare(group)
    }
    var sum = 0.0
    for group in cohorts {
      let share = Double(group.units) / total, unitMean = treatedShare(group)
      var squares = 0.0
      for p in 0..<periodCount {
        let residual = (p >= group.onset ? 1 : 0) - unitMean - periodMean[p] + grandMean
        squares += residual * residual
      }
      sum += share * squares / Double(periodCount)
    }
    return sum
  }
}
