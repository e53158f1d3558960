/// How the fixed effects are projected out of the outcome and the regressors.
///
/// One fixed-effect dimension is solved in closed form (subtracting group means). With two or
/// more, CausalKit solves for the fixed-effect coefficients iteratively:
///
/// - ``Method/alternatingProjections``: block Gauss-Seidel sweeps over the dimensions (the
///   method of Guimarães and Portugal 2010 and of fixest), accelerated by Irons-Tuck
///   extrapolation every two sweeps. Fast on well-connected designs.
/// - ``Method/conjugateGradient``: the largest dimension is eliminated exactly and the
///   remaining normal equations (a Schur complement) are solved by conjugate gradient with a
///   diagonal preconditioner. It converges in roughly the square root of the iterations
///   alternating projections need, which matters on poorly connected designs such as
///   worker-firm panels.
/// - ``Method/automatic`` (default): alternating projections first; when they have not
///   converged after ``switchIterations`` iterations the conjugate-gradient solver continues
///   from where they stopped.
///
/// Convergence is declared when the largest change in a fixed-effect coefficient between
/// iterations, relative to `0.1 + |coefficient|`, falls below ``tolerance`` (alternating
/// projections), or when the preconditioned residual norm relative to the right-hand side
/// falls below ``tolerance`` (conjugate gradient). Not converging within ``maxIterations``
/// throws ``FixedEffectsError/notConverged(method:iterations:tolerance:)``.
public struct DemeaningOptions: Sendable, Equatable {
  /// The iterative method for two or more fixed-effect dimensions.
  public enum Method: String, Sendable, Equatable, CaseIterable {
    /// Alternating projections, then conjugate gradient if they have not converged after
    /// ``DemeaningOptions/switchIterations`` sweeps.
    case automatic
    /// Accelerated alternating projections only.
    case alternatingProjections = "alternating-projections"
    /// Conjugate gradient on the Schur complement only.
    case conjugateGradient = "conjugate-gradient"
  }

  /// The method; ``Method/automatic`` by default.
  public let method: Method
  /// Convergence tolerance; `1e-10` by default (tighter than fixest's `1e-6`, so that
  /// coefficients agree with references to about 1e-9 relative).
  public let tolerance: Double
  /// Iteration cap for the whole solve; `10_000` by default.
  public let maxIterations: Int
  /// With ``Method/automatic``, alternating-projection sweeps before switching to
  /// conjugate gradient; `20` by default.
  public let switchIterations: Int

  /// Creates options; ``FixedEffectsModel`` validates them (positive tolerance and iteration
  /// cap, non-negative switch count).
  public init(
    method: Method = .automatic, tolerance: Double = 1e-10, maxIterations: Int = 10_000,
    switchIterations: Int = 20
  ) {
    self.method = method
    self.tolerance = tolerance
    self.maxIterations = maxIterations
    self.switchIterations = switchIterations
  }
}

/// What the demeaning solver did, reported in the fit.
public struct DemeaningReport: Sendable, Equatable, Codable {
  /// The method that finished the solve, per demeaned variable ("closed-form",
  /// "alternating-projections" or "conjugate-gradient").
  public let methods: [String]
  /// Iterations used per demeaned variable (alternating-projection sweeps plus
  /// conjugate-gradient steps).
  public let iterations: [Int]

  /// The largest iteration count over all variables.
  public var maxIterations: Int { iterations.max() ?? 0 }
}
