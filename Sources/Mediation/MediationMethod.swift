import CausalCore

/// The inference method of ``MediationAnalysis/run(_:method:)``: one entry point for callers
/// that choose the method at run time (the command-line tool, scripts).
public enum MediationMethod: Sendable, Equatable {
  /// ``MediationAnalysis/closedForm(_:)`` (linear models only).
  case closedForm
  /// ``MediationAnalysis/quasiBayesian(_:simulations:seed:)``.
  case quasiBayesian(simulations: Int = 1_000, seed: UInt64)
  /// ``MediationAnalysis/bootstrap(_:replicates:seed:cluster:interval:)``.
  case bootstrap(replicates: Int = 1_000, seed: UInt64, cluster: String? = nil, interval: MediationBootstrapInterval = .percentile)
}

extension MediationAnalysis {
  /// Runs the analysis with the given inference method.
  ///
  /// ```swift
  /// let result = try analysis.run(table, method: .bootstrap(replicates: 999, seed: 1, cluster: "school"))
  /// ```
  ///
  /// - Parameters:
  ///   - data: The table.
  ///   - method: The inference method.
  /// - Returns: The result.
  /// - Throws: The errors of the chosen method (``MediationError``).
  /// - Complexity: That of the chosen method.
  public func run(_ data: DataTable, method: MediationMethod) throws(MediationError) -> MediationResult {
    switch method {
    case .closedForm:
      return try closedForm(data)
    case .quasiBayesian(let simulations, let seed):
      return try quasiBayesian(data, simulations: simulations, seed: seed)
    case .bootstrap(let replicates, let seed, let cluster, let interval):
      return try bootstrap(data, replicates: replicates, seed: seed, cluster: cluster, interval: interval)
    }
  }
}
