/// Nearest-neighbour search with `Matching::Match`'s tie rule, within one treatment group.
///
/// For a unit i and a group G of candidate matches, with dᵢⱼ the squared scaled distance of
/// `AbadieImbensMetric` (+∞ outside the caliper): let D be the k-th smallest dᵢⱼ over
/// j ∈ G (i itself excluded). If D is infinite the caliper leaves fewer than k candidates and
/// the unit is dropped (`nil`). Otherwise every j ∈ G with dᵢⱼ ≤ (D + tolerance) + 10⁻¹⁰ is a
/// match — Match's `distance.tolerance` plus the 10⁻¹⁰ slack of its C comparison — so all
/// units tied at the k-th distance are kept. Matches are returned in increasing index order,
/// the order of Match's `index.control`.
///
/// With one covariate the group is sorted once by the covariate (ties by index), and each
/// query binary-searches the unit's position and walks outwards on both sides: distances
/// (and caliper violations) never decrease along either side, so merging the two sides gives
/// the k-th distance exactly and the matches form one run on each side. A query costs
/// O(log |G| + k + number of matches). With several covariates each query scans the group,
/// O(|G| · (p + k)).
struct AbadieImbensNeighborSearch: Sendable {
  let metric: AbadieImbensMetric
  /// The ties tolerance on the squared scaled distance (Match's `distance.tolerance`).
  let tolerance: Double
  /// Members of each group in increasing index order: `[0]` controls, `[1]` treated.
  private let members: [[Int]]
  /// With one covariate, members of each group sorted by (covariate, index); else empty.
  private let sorted: [[Int]]

  /// The slack Match's C code adds to every "less or equal" comparison (`TOL`).
  static let comparisonSlack = 1e-10

  /// Prepares the search.
  ///
  /// - Parameters:
  ///   - metric: The scaled covariates.
  ///   - treatment: Group of each unit.
  ///   - tolerance: Distance tolerance for ties.
  ///   - sortedSearch: Whether to use the sorted search when there is one covariate (tests
  ///     turn it off to compare it with the scan).
  /// - Complexity: O(n log n) with one covariate, O(n) otherwise.
  init(metric: AbadieImbensMetric, treatment: [Bool], tolerance: Double, sortedSearch: Bool = true) {
    self.metric = metric
    self.tolerance = tolerance
    var members: [[Int]] = [[], []]
    for (i, t) in treatment.enumerated() { members[t ? 1 : 0].append(i) }
    self.members = members
    if metric.columns == 1 && sortedSearch {
      let x = metric.original
      sorted = members.map { group in
        group.sorted { a, b in x[a] < x[b] || (x[a] == x[b] && a < b) }
      }
    } else {
      sorted = []
    }
  }

  /// The matches of unit `i` among the units of one group.
  ///
  /// - Parameters:
  ///   - i: The unit to match.
  ///   - treatedGroup: Whether candidates are the treated (`true`) or the controls.
  ///   - count: The number of matches k (≥ 1, at most the number of candidates).
  /// - Returns: Matched unit indices in increasing order, or `nil` when the caliper drops i.
  func matches(of i: Int, treatedGroup: Bool, count: Int) -> [Int]? {
    let group = treatedGroup ? 1 : 0
    if !sorted.isEmpty {
      return sortedMatches(of: i, in: sorted[group], count: count)
    }
    return scannedMatches(of: i, in: members[group], count: count)
  }

  /// Threshold of the tie rule for a k-th distance `kth`.
  @inline(__always)
  private func threshold(_ kth: Double) -> Double {
    (kth + tolerance) + Self.comparisonSlack
  }

  // MARK: - One covariate

  private func sortedMatches(of i: Int, in order: [Int], count: Int) -> [Int]? {
    let x = metric.original
    let xi = x[i * metric.columns]
    // First position whose covariate is ≥ xᵢ: the right side starts there.
    var low = 0, high = order.count
    while low < high {
      let mid = (low + high) / 2
      if x[order[mid]] < xi { low = mid + 1 } else { high = mid }
    }
    let start = low
    var left = start - 1, right = start
    if right < order.count, order[right] == i { right += 1 }
    func leftDistance() -> Double { left >= 0 ? metric.distance(i, order[left]) : .infinity }
    func rightDistance() -> Double { right < order.count ? metric.distance(i, order[right]) : .infinity }
    func stepLeft() {
      left -= 1
      if left >= 0, order[left] == i { left -= 1 }
    }
    func stepRight() {
      right += 1
      if right < order.count, order[right] == i { right += 1 }
    }
    var kth = -Double.infinity
    var dl = leftDistance(), dr = rightDistance()
    for _ in 0..<count {
      if dl <= dr {
        kth = dl
        stepLeft()
        dl = leftDistance()
      } else {
        kth = dr
        stepRight()
        dr = rightDistance()
      }
    }
    guard kth.isFinite else { return nil }
    let limit = threshold(kth)
    var result = [Int]()
    left = start - 1
    if left >= 0, order[left] == i { left -= 1 }
    while left >= 0, metric.distance(i, order[left]) <= limit {
      result.append(order[left])
      stepLeft()
    }
    right = start
    if right < order.count, order[right] == i { right += 1 }
    while right < order.count, metric.distance(i, order[right]) <= limit {
      result.append(order[right])
      stepRight()
    }
    result.sort()
    return result
  }

  // MARK: - Several covariates

  private func scannedMatches(of i: Int, in group: [Int], count: Int) -> [Int]? {
    // The `count` smallest distances so far, ascending; the last one is the k-th.
    var smallest = [Double]()
    smallest.reserveCapacity(count + 1)
    var distances = [Double](repeating: .infinity, count: group.count)
    for (position, j) in group.enumerated() where j != i {
      let d = metric.distance(i, j)
      distances[position] = d
      if smallest.count < count || d < smallest[smallest.count - 1] {
        var at = smallest.count
        while at > 0, smallest[at - 1] > d { at -= 1 }
        smallest.insert(d, at: at)
        if smallest.count > count { smallest.removeLast() }
      }
    }
    guard smallest.count == count, let kth = smallest.last, kth.isFinite else { return nil }
    let limit = threshold(kth)
    var result = [Int]()
    for (position, j) in group.enumerated() where j != i && distances[position] <= limit {
      result.append(j)
    }
    return result
  }
}
