import Foundation
import LinearAlgebra

/// Propensity-score fits shared between group-time cells whose logit has exactly the same
/// inputs.
///
/// The cells of one cohort compare the same units (the cohort and its never-treated controls);
/// with covariates that do not change over time and no sampling weights, every one of them fits
/// the same logit on the same rows. The first cell of a cohort to finish its fit stores it; a
/// later cell reuses it only when its treated flags, covariates and weights are bit-for-bit those
/// of the stored fit (one comparison pass instead of a Newton solve). Reuse returns exactly what
/// the fit would have returned, so results do not depend on which cell ran first or on the
/// number of threads.
final class PropensityCache: @unchecked Sendable {
  /// A stored fit and its inputs.
  private struct Entry {
    let treated: [Bool]
    let covariates: Matrix
    let weights: [Double]
    let scores: PropensityScores
  }

  private var entries: [Int: Entry] = [:]
  private let lock = NSLock()

  /// Creates an empty cache.
  init() {}

  /// The logit scores for `key` (a cohort), reusing a stored fit with identical inputs.
  ///
  /// - Throws: What ``PropensityScores/logit(treated:covariates:weights:)`` throws.
  /// - Complexity: O(n k) to compare the inputs with the stored fit; a fit otherwise.
  func logit(key: Int, treated: [Bool], covariates: Matrix, weights: [Double]) throws(DiDError) -> PropensityScores {
    lock.lock()
    let stored = entries[key]
    lock.unlock()
    if let stored, stored.covariates.rows == covariates.rows, stored.covariates.columns == covariates.columns,
      stored.treated == treated, stored.weights == weights, stored.covariates.elements == covariates.elements
    {
      return stored.scores
    }
    let scores = try PropensityScores.logit(treated: treated, covariates: covariates, weights: weights)
    lock.lock()
    if entries[key] == nil {
      entries[key] = Entry(treated: treated, covariates: covariates, weights: weights, scores: scores)
    }
    lock.unlock()
    return scores
  }
}
