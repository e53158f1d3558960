import CausalCore
import Resampling
import FixedEffects

/// How ``FixedEffectsBootstrap`` computed its replicates (see
/// ``FixedEffectsBootstrapResult/path``).
public enum FixedEffectsBootstrapPath: String, Sendable, Equatable, Codable {
  /// The model was refitted on every materialized resample.
  case refit
  /// The coefficients solved the frequency-weighted normal equations of the design built once
  /// (no resampled table): taken for models without absorbed fixed effects, with numeric
  /// regressors only, and without studentized intervals. Replicates where a coefficient would be
  /// dropped or the fit would fail were refitted (``FixedEffectsBootstrapResult/refittedReplicates``).
  case frequencyWeights
}

extension FixedEffectsBootstrap {
  /// Runs the replicates on the frequency-weight path: each replicate draws its unit
  /// multiplicities from its own stream and solves the weighted normal equations; a replicate
  /// the path cannot settle is refitted on the materialized resample (the same draws).
  ///
  /// - Parameters:
  ///   - weighted: The design built once.
  ///   - model: The replicate model (clustering on the drawn copies where needed).
  ///   - targets: The reported quantities.
  ///   - terms: The coefficient names in design-column order (the full fit's terms).
  ///   - plan: The resampling plan.
  ///   - sample: The estimation sample.
  ///   - seed: The root seed.
  ///   - count: `B`.
  ///   - parallel: Run on all cores.
  ///   - progress: Progress callback.
  ///   - isCancelled: Cancellation check.
  ///   - refits: Counts the replicates refitted.
  /// - Returns: The estimates, then NaN variances (not computed on this path), per replicate.
  /// - Throws: `ResampledInferenceError/cancelled`.
  static func runFrequencyWeighted(
    _ weighted: FrequencyWeightedLeastSquares, model: FixedEffectsModel, targets: [Target], terms: [String],
    plan: ResamplingPlan, sample: DataTable, seed: UInt64, count: Int, parallel: Bool,
    progress: (@Sendable (Int, Int) -> Void)?, isCancelled: (@Sendable () -> Bool)?, refits: ProgressCounter
  ) throws(ResampledInferenceError) -> ReplicateLoop.Output {
    // Each target as a weight vector over the design columns; summed in that order, as
    // `values(of:targets:)` sums over the fit's terms.
    let vectors = targets.map { LinearCombination(name: $0.name, weights: $0.weights).vector(over: terms) }
    let width = 2 * targets.count
    return try ReplicateLoop.run(
      count: count, width: width, parallel: parallel, progress: progress, isCancelled: isCancelled,
      makeScratch: { FrequencyWeightedLeastSquares.Scratch() }
    ) { r, scratch in
      guard let beta = weighted.coefficients(plan: plan, seed: seed, replicate: r, scratch: &scratch) else {
        _ = refits.increment()
        let resample = try plan.sample(sample, seed: seed, replicate: r, rows: &scratch.rows)
        return values(of: try model.fit(resample), targets: targets)
      }
      var out = [Double](repeating: .nan, count: width)
      for (j, c) in vectors.enumerated() {
        guard let c else { continue }
        var estimate = 0.0
        for i in c.indices where c[i] != 0 { estimate += c[i] * beta[i] }
        out[j] = estimate
      }
      return out
    }
  }
}
