import CausalCore
import LinearAlgebra
@testable import Matching
import Testing

/// The Mahalanobis matcher's scan (one reused distance buffer, taken candidates removed)
/// against the rule written out plainly: for each focal unit, the eligible available candidate
/// with the smallest distance, ties within the relative tolerance going to the first in data
/// order.
@Suite("Mahalanobis matching scan equals the rule written out")
struct MahalanobisScanTests {
  /// The rule, one focal unit at a time, with fresh arrays per scan.
  static func reference(
    _ transform: MahalanobisTransform, score: [Double]?, focalOrder: [Int], candidates: [Int], ratio: Int,
    replace: Bool, caliper: Double?
  ) -> [[Int]] {
    func eligible(_ unit: Int, _ c: Int) -> Bool {
      guard let caliper, let score else { return true }
      return abs(score[c] - score[unit]) <= caliper
    }
    func nearest(_ d: [Double]) -> Int? {
      guard let smallest = d.filter(\.isFinite).min() else { return nil }
      return d.firstIndex { $0.isFinite && $0 <= smallest * (1 + MahalanobisNearestNeighbor.tieTolerance) }
    }
    var out = [[Int]]()
    if replace {
      for unit in focalOrder {
        var scored = candidates.filter { eligible(unit, $0) }.map { (transform.distance(unit, $0), $0) }
        for _ in 0..<ratio {
          guard let pick = nearest(scored.map(\.0)) else { break }
          out.append([unit, scored[pick].1])
          scored.remove(at: pick)
        }
      }
      return out
    }
    var available = candidates
    var active = Set(focalOrder)
    for _ in 0..<ratio {
      for unit in focalOrder where active.contains(unit) {
        if available.isEmpty { return out }
        let eligibleNow = available.filter { eligible(unit, $0) }
        guard let pick = nearest(eligibleNow.map { transform.distance(unit, $0) }) else {
          active.remove(unit)
          continue
        }
        out.append([unit, eligibleNow[pick]])
        available.removeAll { $0 == eligibleNow[pick] }
      }
    }
    return out
  }

  @Test("random tie-heavy samples, with and without replacement, ratio 1 to 3, with and without a caliper",
    arguments: 0..<24)
  func agreesWithTheRule(_ seed: Int) throws {
    var g = SeededGenerator(seed: UInt64(seed))
    let n = 40 + seed * 3
    // Small integer covariates: many exactly tied distances.
    let x1 = (0..<n).map { _ in Double(Int(g.nextUniform() * 4)) }
    let x2 = (0..<n).map { _ in Double(Int(g.nextUniform() * 3)) }
    let treated = (0..<n).map { _ in g.nextUniform() < 0.35 }
    let score = (0..<n).map { _ in g.nextUniform() }
    let transform = try MahalanobisTransform(
      covariates: Matrix(columns: [x1, x2]), treatment: treated, discarded: [Bool](repeating: false, count: n))
    let focal = (0..<n).filter { treated[$0] }.sorted { score[$0] > score[$1] }
    let candidates = (0..<n).filter { !treated[$0] }
    let replace = seed % 2 == 1
    let ratio = 1 + seed % 3
    let caliper: Double? = seed % 4 < 2 ? nil : 0.15
    let matcher = MahalanobisNearestNeighbor(transform: transform, score: caliper == nil ? nil : score)
    var got = [[Int]]()
    matcher.match(focalOrder: focal, candidates: candidates, ratio: ratio, replace: replace, caliper: caliper) {
      got.append([$0, $1])
    }
    let want = Self.reference(
      transform, score: caliper == nil ? nil : score, focalOrder: focal, candidates: candidates, ratio: ratio,
      replace: replace, caliper: caliper)
    #expect(!want.isEmpty)
    #expect(got == want)
  }
}
