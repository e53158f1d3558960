import CausalCore

/// Leave-one-out (jackknife) values of a statistic, and the empirical influence values and BCa
/// acceleration derived from them.
///
/// For `m` units (rows, or clusters for the delete-one-cluster jackknife) let `t₋ᵢ` be the
/// statistic without unit `i`, `t0` the full-data statistic and `t̄ = mean(t₋ᵢ)`. The jackknife
/// influence values follow boot's `empinf(type = "jack")` (its internal `usual.jack`,
/// unstratified): `L_i = (m − 1)·(t0 − t₋ᵢ)`, centred at `t0`, **not** at `t̄` as in some
/// texts (the two agree for a linear statistic such as the mean; for a ratio or a regression
/// slope they differ, and only the `t0` form reproduces `boot.ci(..., type = "bca")`).
///
/// Encoded with the keys `t0` and `leave_out`, non-finite values as `null`.
public struct JackknifeResult: Sendable, Equatable, Codable {
  /// The statistic on the full data, `k` values.
  public let t0: [Double]
  /// `leaveOut[i]`: the statistic without unit `i` (`m` rows of `k` values).
  public let leaveOut: [[Double]]

  /// Creates a result from leave-one-out values.
  ///
  /// - Parameters:
  ///   - t0: The full-data statistic.
  ///   - leaveOut: The leave-one-out statistics.
  public init(t0: [Double], leaveOut: [[Double]]) {
    self.t0 = t0
    self.leaveOut = leaveOut
  }

  enum CodingKeys: String, CodingKey { case t0, leaveOut = "leave_out" }

  /// Encodes `t0` and the leave-one-out rows, non-finite values as `null`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields(keyedBy: CodingKeys.self, [.numbers(.t0, t0), .numberRows(.leaveOut, leaveOut)])
  }

  /// Decodes a result written by ``encode(to:)``.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    try self.init(t0: c.numbers(.t0), leaveOut: c.numberRows(.leaveOut))
  }


  /// The leave-one-out values of statistic `index`.
  ///
  /// - Throws: ``BootstrapError/invalidStatisticIndex(_:count:)``.
  /// - Complexity: O(m).
  public func values(index: Int = 0) throws(BootstrapError) -> [Double] {
    guard index >= 0, index < t0.count else { throw .invalidStatisticIndex(index, count: t0.count) }
    return leaveOut.map { index < $0.count ? $0[index] : .nan }
  }

  /// The jackknife empirical influence values `L_i = (m − 1)·(t0 − t₋ᵢ)` of statistic `index`
  /// (boot's `empinf(type = "jack")`).
  ///
  /// - Throws: ``BootstrapError/invalidStatisticIndex(_:count:)``.
  /// - Complexity: O(m).
  public func influence(index: Int = 0) throws(BootstrapError) -> [Double] {
    let v = try values(index: index)
    let center = t0[index]
    let factor = Double(v.count - 1)
    return v.map { factor * (center - $0) }
  }

  /// The BCa acceleration `Σ L³ / (6 (Σ L²)^{3/2})` from ``influence(index:)``.
  ///
  /// - Throws: ``BootstrapError/invalidAcceleration`` and as ``influence(index:)``.
  /// - Complexity: O(m).
  public func acceleration(index: Int = 0) throws(BootstrapError) -> Double {
    try IntervalEstimators.acceleration(influence: influence(index: index))
  }

  /// The jackknife standard error `√((m − 1)/m · Σ (t₋ᵢ − t̄)²)` of statistic `index`.
  ///
  /// - Throws: As ``values(index:)``.
  /// - Complexity: O(m).
  public func standardError(index: Int = 0) throws(BootstrapError) -> Double {
    let v = try values(index: index)
    let mean = IntervalEstimators.mean(v)
    let m = Double(v.count)
    return ((m - 1) / m * v.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }).squareRoot()
  }
}

/// Computes delete-one and delete-one-cluster jackknife values.
public enum Jackknife {
  /// Runs the statistic on the full table and with each row (or each cluster of `clusterColumn`,
  /// clusters in order of first appearance) left out.
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - clusterColumn: Leave out whole clusters of this column; `nil` leaves out single rows.
  ///   - parallel: Evaluate the leave-out statistics concurrently (same output either way).
  ///   - statistic: Maps a table to `k ≥ 1` values.
  /// - Returns: The full-data and leave-one-out values.
  /// - Throws: ``BootstrapError/tooFewObservations(needed:found:)`` with fewer than 2 units;
  ///   ``BootstrapError/originalStatisticFailed(_:)`` when the statistic throws or returns
  ///   non-finite values or a different count (on the full data or on any leave-out sample, since
  ///   influence values need all of them); the errors of the cluster column lookup.
  /// - Complexity: `m + 1` statistic calls.
  public static func run(
    on data: DataTable,
    clusterColumn: String? = nil,
    parallel: Bool = true,
    statistic: @escaping @Sendable (DataTable) throws -> [Double]
  ) throws(BootstrapError) -> JackknifeResult {
    let units: [[Int]]
    if let clusterColumn {
      units = try ResamplingGroups(table: data, column: clusterColumn).members
    } else {
      units = (0..<data.rowCount).map { [$0] }
    }
    guard units.count >= 2 else { throw .tooFewObservations(needed: 2, found: units.count) }
    let t0: [Double]
    do { t0 = try statistic(data) } catch { throw .originalStatisticFailed(String(describing: error)) }
    guard !t0.isEmpty, t0.allSatisfy(\.isFinite) else { throw .invalidOriginalStatistic(t0) }
    let rowCount = data.rowCount
    let job: @Sendable (Int) -> Result<[Double], BootstrapError> = { i in
      var keep = Array(repeating: true, count: rowCount)
      for row in units[i] { keep[row] = false }
      let rows = (0..<rowCount).filter { keep[$0] }
      do {
        let values = try statistic(data.selecting(rows: rows))
        guard values.count == t0.count, values.allSatisfy(\.isFinite) else {
          return .failure(.originalStatisticFailed("leave-out unit \(i): invalid values \(values)"))
        }
        return .success(values)
      } catch {
        return .failure(.originalStatisticFailed("leave-out unit \(i): \(error)"))
      }
    }
    let results: [Result<[Double], BootstrapError>]
    if parallel {
      do { results = try ParallelMap.map(units.count, job) } catch { throw .originalStatisticFailed(String(describing: error)) }
    } else {
      results = (0..<units.count).map(job)
    }
    var leaveOut: [[Double]] = []
    leaveOut.reserveCapacity(results.count)
    for result in results {
      switch result {
      case .success(let values): leaveOut.append(values)
      case .failure(let error): throw error
      }
    }
    return JackknifeResult(t0: t0, leaveOut: leaveOut)
  }
}
