import CausalCore

/// The cohort × relative-period cells of a Sun-Abraham regression: which rows enter, and each
/// row's cell code (0 for the reference: never-treated units and the reference periods).
struct SunAbrahamCells: Sendable {
  /// One estimated cell.
  struct Cell: Sendable, Equatable {
    /// The cohort (first treated period).
    let cohort: Int
    /// The relative period `t − cohort`.
    let relative: Int
  }

  /// The rows of the caller's table that enter the regression.
  let keptRows: [Int]
  /// Each kept row's cell: 0 for the reference, `k` for ``cells``[k − 1], `nil` when the time
  /// or cohort is missing.
  let codes: [Int?]
  /// The cells, ordered by relative period, then cohort.
  let cells: [Cell]
  /// Rows removed because their cohort is always treated in the sample.
  let alreadyTreatedRows: Int
  /// Cohorts treated before or at the first period (always treated), removed.
  let alwaysTreatedCohorts: [Int]

  /// Codes the rows of `data`.
  ///
  /// - Throws: ``DiDError/nonIntegerTime(column:value:)``, ``DiDError/invalidCohort(column:value:)``,
  ///   ``DiDError/noTreatedCohorts(reason:)``, ``DiDError/data(_:)`` for missing columns.
  /// - Complexity: O(n log n).
  init(_ data: DataTable, model: SunAbraham) throws(DiDError) {
    let (times, starts) = try PeriodColumns.read(data, time: model.time, cohort: model.cohort)
    let periods = Set(times.lazy.filter { !$0.isNaN }.map { Int($0) })
    // Relative periods by treated cohort (a cohort is treated when it is an observed period).
    var relativesByCohort: [Int: (min: Int, max: Int)] = [:]
    for i in times.indices where !times[i].isNaN && !starts[i].isNaN {
      let g = Int(starts[i])
      guard periods.contains(g) else { continue }
      let r = Int(times[i]) - g
      let old = relativesByCohort[g] ?? (r, r)
      relativesByCohort[g] = (min(old.min, r), max(old.max, r))
    }
    let always = Set(relativesByCohort.filter { $0.value.min >= 0 }.map(\.key))
    let treated = Set(relativesByCohort.filter { $0.value.min < 0 && $0.value.max >= 0 }.map(\.key))
    guard !treated.isEmpty else {
      throw .noTreatedCohorts(
        reason: "no cohort is observed both before and after its first treated period; the cohort column must hold "
          + "the first treated period (an observed period), and never-treated units a value that is not one (0)")
    }
    let references = Set(model.referencePeriods)
    var pairs = Set<[Int]>()
    var kept: [Int] = []
    var relative: [Int?] = []
    var cohortOf: [Int?] = []
    var removed = 0
    for i in times.indices {
      if times[i].isNaN || starts[i].isNaN {
        kept.append(i)
        relative.append(nil)
        cohortOf.append(nil)
        continue
      }
      let g = Int(starts[i])
      if always.contains(g) {
        removed += 1
        continue
      }
      kept.append(i)
      guard treated.contains(g) else {
        relative.append(Int.min)
        cohortOf.append(g)
        continue
      }
      let r = Int(times[i]) - g
      relative.append(r)
      cohortOf.append(g)
      if !references.contains(r) { pairs.insert([r, g]) }
    }
    let ordered = pairs.sorted { $0[0] != $1[0] ? $0[0] < $1[0] : $0[1] < $1[1] }
    let index = Dictionary(uniqueKeysWithValues: ordered.enumerated().map { ($0.element, $0.offset + 1) })
    codes = zip(relative, cohortOf).map { r, g -> Int? in
      guard let r, let g else { return nil }
      return index[[r, g]] ?? 0
    }
    keptRows = kept
    cells = ordered.map { Cell(cohort: $0[1], relative: $0[0]) }
    alreadyTreatedRows = removed
    alwaysTreatedCohorts = always.sorted()
  }
}
