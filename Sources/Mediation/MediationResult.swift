import CausalCore
import Foundation

/// How the uncertainty of a ``MediationResult`` was assessed.
public enum MediationInference: Sendable, Equatable {
  /// Linear mediator and outcome models: effects are products and sums of coefficients
  /// (`ACME = a·b` without interaction); standard errors by the delta method (Sobel), treating
  /// the two models' estimates as independent; normal intervals and p-values.
  case deltaMethod
  /// Quasi-Bayesian Monte Carlo (King, Tomz and Wittenberg 2000; `mediation`'s default):
  /// coefficients drawn from `N(β̂, V̂)`. The estimate is the mean of the simulated effects
  /// (the median for proportions mediated), the interval their percentiles (linear
  /// interpolation, R type 7 / NumPy default), the p-value `2 · min(#{draws > 0}, #{draws < 0}) / S`.
  case quasiBayesian(simulations: Int, seed: UInt64)
  /// Nonparametric bootstrap (pairs, or whole clusters of `cluster`) re-fitting every model on
  /// each resample. The estimate is the value on the original data, the standard error the
  /// standard deviation of the replicates, the p-value as for the quasi-Bayesian draws, the
  /// interval percentile or BCa. (statsmodels reports the mean of the replicates instead.)
  case bootstrap(replicates: Int, seed: UInt64, cluster: String?, interval: MediationBootstrapInterval)
}

/// The bootstrap interval reported in a ``MediationResult``.
public enum MediationBootstrapInterval: String, Sendable, Equatable, CaseIterable, Codable {
  /// Percentile interval of the replicates (`boot.ci` convention).
  case percentile
  /// Bias-corrected and accelerated interval, acceleration from a jackknife over the
  /// resampling units (`boot.ci` convention).
  case bca
}

/// The fitted coefficients of one mediator or outcome model of an analysis.
public struct MediationModelReport: Sendable, Equatable {
  /// The role: `mediator model for emo`, `outcome model`.
  public var name: String
  /// The formula fitted.
  public var formula: String
  /// The family.
  public var family: MediationModelFamily
  /// Tidy coefficient rows.
  public var coefficients: [CoefficientRow]
  /// Observations used.
  public var observationCount: Int
  /// Residual standard deviation of a linear model (0 for a binary model).
  public var sigma: Double
  /// Terms removed from this model (collinear or absorbed).
  public var drops: DropReport
}

/// The result of a mediation analysis: the ten quantities, each mediator's own indirect
/// effect, the fitted models, the draws and everything removed.
///
/// ```swift
/// let result = try analysis.quasiBayesian(data, simulations: 1_000, seed: 7)
/// result.effects.acmeAverage.estimate
/// result.mediatorEffects[0].acmeTreated.confLow
/// print(result.summary())
/// ```
public struct MediationResult: Sendable, Equatable {
  /// How inference was done.
  public var inference: MediationInference
  /// The ten quantities (joint through all mediators).
  public var effects: MediationEffects
  /// One entry per mediator, in the analysis' order.
  public var mediatorEffects: [MediatorEffects]
  /// The names of the columns of ``draws``: the ten quantities (as in ``MediationEffects``),
  /// then six per mediator (as in ``MediatorEffects``).
  public var statisticNames: [String]
  /// The simulated or bootstrap values, one row per draw (empty for the delta method);
  /// failed bootstrap replicates are NaN rows.
  public var draws: [[Double]]
  /// The mediator models, then the outcome model.
  public var models: [MediationModelReport]
  /// Observations used by every model.
  public var observationCount: Int
  /// Rows removed before fitting (listwise deletion over every variable used), with reasons.
  public var drops: DropReport
  /// The treatment's control and treated values.
  public var treatmentValues: (control: Double, treated: Double)
  /// Confidence level of the intervals.
  public var confidenceLevel: Double
  /// Notes: removals, conventions, failed replicates.
  public var notes: [String]

  /// All rows: the ten quantities, then each mediator's six (only with several mediators,
  /// since with one they repeat the joint ones).
  public var rows: [MediationEffect] {
    effects.rows + (mediatorEffects.count > 1 ? mediatorEffects.flatMap(\.rows) : [])
  }

  /// Compares everything but the treatment-value tuple's labels.
  public static func == (lhs: MediationResult, rhs: MediationResult) -> Bool {
    lhs.inference == rhs.inference && lhs.effects == rhs.effects && lhs.mediatorEffects == rhs.mediatorEffects
      && lhs.statisticNames == rhs.statisticNames && lhs.draws.count == rhs.draws.count
      && zip(lhs.draws, rhs.draws).allSatisfy { zip($0, $1).allSatisfy { $0 == $1 || ($0.isNaN && $1.isNaN) } }
      && lhs.models == rhs.models && lhs.observationCount == rhs.observationCount && lhs.drops == rhs.drops
      && lhs.treatmentValues == rhs.treatmentValues && lhs.confidenceLevel == rhs.confidenceLevel
      && lhs.notes == rhs.notes
  }

  /// A printable table of the rows with the method, sample size and notes.
  ///
  /// - Complexity: O(rows).
  public func summary() -> String {
    var lines = ["Causal mediation analysis (\(methodName)), \(observationCount) observations"]
    let header = "term".padding(toLength: 34, withPad: " ", startingAt: 0)
      + ["estimate", "std.error", "conf.low", "conf.high", "p.value"].map { $0.leftPadded(12) }.joined()
    lines.append(header)
    for row in rows {
      lines.append(
        row.term.padding(toLength: 34, withPad: " ", startingAt: 0)
          + [row.estimate, row.standardError, row.confLow, row.confHigh, row.pValue]
          .map { String(format: "%.6g", $0).leftPadded(12) }.joined())
    }
    lines += drops.notes + notes
    return lines.joined(separator: "\n")
  }

  private var methodName: String {
    switch inference {
    case .deltaMethod: return "delta method"
    case .quasiBayesian(let s, _): return "quasi-Bayesian, \(s) simulations"
    case .bootstrap(let b, _, let cluster, let interval):
      return "\(cluster.map { "cluster bootstrap by \($0)" } ?? "bootstrap"), \(b) replicates, \(interval.rawValue) intervals"
    }
  }

  /// Builds the result from one row per statistic.
  init(
    inference: MediationInference, rows: [MediationEffect], draws: [[Double]], fit: MediationFit, notes: [String]
  ) {
    self.inference = inference
    let e = rows
    effects = MediationEffects(
      acmeControl: e[0], acmeTreated: e[1], adeControl: e[2], adeTreated: e[3], total: e[4],
      proportionControl: e[5], proportionTreated: e[6], acmeAverage: e[7], adeAverage: e[8],
      proportionAverage: e[9])
    mediatorEffects = fit.analysis.mediators.enumerated().map { j, m in
      let r = Array(e[(10 + 6 * j)..<(16 + 6 * j)])
      return MediatorEffects(
        mediator: m, acmeControl: r[0], acmeTreated: r[1], acmeAverage: r[2], proportionControl: r[3],
        proportionTreated: r[4], proportionAverage: r[5])
    }
    statisticNames = MediationStatistics.names(mediators: fit.analysis.mediators)
    self.draws = draws
    models = (fit.mediatorModels + [fit.outcomeModel]).map {
      MediationModelReport(
        name: $0.name, formula: $0.formula, family: $0.family, coefficients: $0.coefficients,
        observationCount: $0.observationCount, sigma: $0.sigma, drops: $0.drops)
    }
    observationCount = fit.observationCount
    drops = fit.drops
    treatmentValues = (fit.analysis.controlValue, fit.analysis.treatedValue)
    confidenceLevel = fit.analysis.confidenceLevel
    self.notes = notes + (fit.mediatorModels + [fit.outcomeModel]).flatMap(\.drops.notes)
  }
}

extension String {
  /// The string right-aligned in `width` characters.
  func leftPadded(_ width: Int) -> String {
    count >= width ? " " + self : String(repeating: " ", count: width - count) + self
  }
}
