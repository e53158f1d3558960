import CausalCore

extension MediationAnalysis {
  /// Fits the mediator and outcome models and estimates the effects by the analysis'
  /// ``method``, adding the sensitivity analysis when ``sensitivity`` options were given.
  ///
  /// Incomplete rows are removed listwise (every variable of every model) and counted in
  /// ``MediationResult/drops``. Simulations and replicates run in parallel; the result is
  /// identical for any thread count and depends only on ``seed``.
  ///
  /// ```swift
  /// let analysis = try MediationAnalysis(
  ///   treatment: "treat", mediators: ["emo"], outcome: "cong_mesg",
  ///   method: .bootstrap(replicates: 999, cluster: "school"), seed: 1)
  /// let result = try analysis.fit(table)
  /// print(result.effects.acmeAverage.estimate)
  /// ```
  ///
  /// - Parameter data: The table.
  /// - Returns: The effects, the fitted models, the draws (none for the closed form) and the
  ///   optional sensitivity analysis.
  /// - Throws: ``MediationError``: a missing or constant column, a model that cannot be fitted,
  ///   a term removed from a model, a failed bootstrap.
  /// - Complexity: O(n k²) per model for the fits; plus `S` simulations (O(J k) each with a
  ///   linear outcome, O(n (k + J)) with a binary one) or `B` re-fits of all models (plus `n` or
  ///   `G` for BCa); plus `1 + B` pairs of linear fits for the sensitivity band.
  public func fit(_ data: DataTable) throws(MediationError) -> MediationResult {
    var curve: MediationSensitivity?
    if let sensitivity { curve = try sensitivityAnalysis(data, options: sensitivity) }
    switch method {
    case .closedForm:
      return try closedForm(data, sensitivity: curve)
    case .quasiBayesian(let simulations):
      return try quasiBayesian(data, simulations: simulations, sensitivity: curve)
    case .bootstrap(let replicates, let cluster, let interval):
      return try bootstrap(data, replicates: replicates, cluster: cluster, interval: interval, sensitivity: curve)
    }
  }
}
