import CausalCore

/// The precomputed grouping a scheme needs, shared by all replicates.
package struct ResamplingPlan: Sendable {
  package let scheme: ResamplingScheme
  package let rowCount: Int
  package let groups: ResamplingGroups?

  package init(scheme: ResamplingScheme, data: DataTable) throws(BootstrapError) {
    self.scheme = scheme
    rowCount = data.rowCount
    guard data.rowCount >= 1 else { throw .tooFewObservations(needed: 1, found: data.rowCount) }
    switch scheme {
    case .pairs: groups = nil
    case .cluster(let column), .stratified(let column):
      groups = try ResamplingGroups(table: data, column: column)
    }
  }

  /// The resample of replicate `replicate`.
  package func sample(_ data: DataTable, seed: UInt64, replicate: Int) throws(BootstrapError) -> DataTable {
    var rows: [Int] = []
    return try sample(data, seed: seed, replicate: replicate, rows: &rows)
  }

  /// The resample of replicate `replicate`, gathering the row indices in `rows` (a scratch
  /// buffer reused across replicates by one worker; its contents are overwritten).
  package func sample(
    _ data: DataTable, seed: UInt64, replicate: Int, rows: inout [Int]
  ) throws(BootstrapError) -> DataTable {
    rows.removeAll(keepingCapacity: true)
    rows.reserveCapacity(rowCount)
    guard case .cluster = scheme, let groups else {
      forEachDraw(seed: seed, replicate: replicate) { rows.append($0) }
      return data.selecting(rows: rows)
    }
    var ids: [Int] = []
    ids.reserveCapacity(rowCount)
    var copy = 0
    forEachDraw(seed: seed, replicate: replicate) { cluster in
      let members = groups.members[cluster]
      rows.append(contentsOf: members)
      ids.append(contentsOf: repeatElement(copy, count: members.count))
      copy += 1
    }
    var out = data.selecting(rows: rows)
    do { try out.set(Column(name: BootstrapResampler.clusterColumnName, ints: ids)) } catch { throw .data(error) }
    return out
  }

  /// The number of resampling units: clusters for the cluster scheme, rows otherwise.
  package var unitCount: Int {
    if case .cluster = scheme { return groups?.members.count ?? rowCount }
    return rowCount
  }

  /// How many times each unit (cluster for the cluster scheme, row otherwise) appears in the
  /// resample of replicate `replicate`: the draws of ``sample(_:seed:replicate:rows:)``
  /// (both walk ``forEachDraw(seed:replicate:_:)``), so the resample is the multiset these
  /// counts describe.
  ///
  /// - Parameter counts: Scratch of ``unitCount`` entries, overwritten.
  /// - Complexity: O(n) for pairs and stratified resampling, O(G) for the cluster scheme.
  package func multiplicities(seed: UInt64, replicate: Int, into counts: inout [Int]) {
    let units = unitCount
    if counts.count != units { counts = [Int](repeating: 0, count: units) }
    counts.withUnsafeMutableBufferPointer { c in
      for u in c.indices { c[u] = 0 }
      forEachDraw(seed: seed, replicate: replicate) { c[$0] += 1 }
    }
  }

  /// Calls `body` with every unit replicate `replicate` draws, in draw order, from the
  /// replicate's own stream: a row for pairs and stratified resampling (within the row's
  /// stratum), a cluster for the cluster scheme. Without groups (an unused scheme column) every
  /// row is drawn once, in order.
  ///
  /// - Complexity: O(n) draws for pairs and stratified resampling, O(G) for the cluster scheme.
  @inline(__always)
  private func forEachDraw(seed: UInt64, replicate: Int, _ body: (Int) -> Void) {
    var rng = Self.generator(seed: seed, replicate: replicate)
    switch scheme {
    case .pairs:
      for _ in 0..<rowCount { body(Self.draw(&rng, below: rowCount)) }
    case .stratified:
      guard let groups else {
        for i in 0..<rowCount { body(i) }
        return
      }
      for i in 0..<rowCount {
        let members = groups.members[groups.groupOfRow[i]]
        body(members[Self.draw(&rng, below: members.count)])
      }
    case .cluster:
      guard let groups else {
        for i in 0..<rowCount { body(i) }
        return
      }
      let g = groups.members.count
      for _ in 0..<g { body(Self.draw(&rng, below: g)) }
    }
  }

  /// The random stream of replicate `replicate`.
  package static func generator(seed: UInt64, replicate: Int) -> SeededGenerator {
    SeededGenerator(seed: seed).derived(stream: UInt64(truncatingIfNeeded: replicate))
  }

  /// `nextInt(below:)` for a bound known to be at least 1 (every group and table is non-empty).
  private static func draw(_ rng: inout SeededGenerator, below bound: Int) -> Int {
    (try? rng.nextInt(below: bound)) ?? 0
  }
}
