import CausalCore

/// How a ``MediationAnalysis`` assesses uncertainty: an initializer option, so that one
/// ``MediationAnalysis/fit(_:)`` runs every method (the seed is the analysis' `seed`).
///
/// Encoded as `{"type": "quasi-bayes", "simulations": 1000}`, `{"type": "bootstrap",
/// "replicates": 999, "cluster": "school", "interval": "bca"}` or `{"type": "delta"}`.
public enum MediationMethod: Sendable, Equatable, Codable {
  /// Linear mediator and outcome models: effects are products and sums of coefficients
  /// (`ACME = a·b` without interaction); standard errors by the delta method (Sobel), treating
  /// the two models' estimates as independent; normal intervals and p-values. Fixed effects
  /// are allowed.
  case closedForm
  /// Quasi-Bayesian Monte Carlo (King, Tomz and Wittenberg 2000; `mediation`'s default and
  /// statsmodels' `method="parametric"`): `simulations ≥ 2` coefficient draws from `N(β̂, V̂)`.
  /// The estimate is the mean of the simulated effects (the median for proportions mediated),
  /// the interval their percentiles (linear interpolation, R type 7 / NumPy default), the
  /// p-value `2 · min(#{draws > 0}, #{draws < 0}) / S`.
  case quasiBayesian(simulations: Int = 1_000)
  /// Nonparametric bootstrap (pairs, or whole clusters of `cluster`) re-fitting every model on
  /// each of `replicates ≥ 2` resamples. The estimate is the value on the original data, the
  /// standard error the standard deviation of the replicates, the p-value as for the
  /// quasi-Bayesian draws, the interval percentile or BCa. (statsmodels reports the mean of the
  /// replicates instead.)
  case bootstrap(replicates: Int = 1_000, cluster: String? = nil, interval: MediationBootstrapInterval = .percentile)

  /// The name the command-line tool uses: `delta`, `quasi-bayes` or `bootstrap`.
  public var name: String {
    switch self {
    case .closedForm: return "delta"
    case .quasiBayesian: return "quasi-bayes"
    case .bootstrap: return "bootstrap"
    }
  }

  /// The number of simulations or replicates, `nil` for the closed form.
  public var draws: Int? {
    switch self {
    case .closedForm: return nil
    case .quasiBayesian(let s): return s
    case .bootstrap(let b, _, _): return b
    }
  }

  /// Throws unless the number of draws is at least 2.
  func validate() throws(MediationError) {
    do throws(OptionError) {
      switch self {
      case .closedForm: return
      case .quasiBayesian(let s): try OptionError.requireCount(s, atLeast: 2, option: "simulations")
      case .bootstrap(let b, _, _): try OptionError.requireCount(b, atLeast: 2, option: "replicates")
      }
    } catch { throw .invalidOption(error) }

  }

  enum CodingKeys: String, CodingKey { case type, simulations, replicates, cluster, interval }

  /// Encodes the method (see the type's discussion).
  public func encode(to encoder: any Encoder) throws {
    let options: [JSONField<CodingKeys>]
    switch self {
    case .closedForm: options = []
    case .quasiBayesian(let s): options = [.value(.simulations, s)]
    case .bootstrap(let b, let cluster, let interval):
      options = [.value(.replicates, b), .ifPresent(.cluster, cluster), .value(.interval, interval)]
    }
    try encoder.encodeFields(keyedBy: CodingKeys.self, [.value(.type, name)] + options)
  }


  /// Decodes a method written by ``encode(to:)``.
  ///
  /// - Throws: `DecodingError.dataCorrupted` for an unknown type.
  public init(from decoder: any Decoder) throws {
    let c = try decoder.container(keyedBy: CodingKeys.self)
    let type: String = try c.value(.type)
    switch type {
    case "delta": self = .closedForm
    case "quasi-bayes": self = .quasiBayesian(simulations: try c.value(.simulations))
    case "bootstrap":
      self = try .bootstrap(replicates: c.value(.replicates), cluster: c.optional(.cluster), interval: c.value(.interval))

    default:
      throw DecodingError.dataCorruptedError(
        forKey: .type, in: c, debugDescription: "unknown mediation method '\(type)' (delta, quasi-bayes, bootstrap)")
    }
  }
}

/// The bootstrap interval of ``MediationMethod/bootstrap(replicates:cluster:interval:)``.
public enum MediationBootstrapInterval: String, Sendable, Equatable, CaseIterable, Codable {
  /// Percentile interval of the replicates (`boot.ci` convention).
  case percentile
  /// Bias-corrected and accelerated interval, acceleration from a jackknife over the
  /// resampling units (`boot.ci` convention).
  case bca
}

/// The options of the sensitivity analysis (``MediationSensitivity``) that a
/// ``MediationAnalysis`` runs next to its estimate when given them.
///
/// Available for one mediator, linear mediator and outcome models and no interaction
/// (covariates, weights and fixed effects are allowed); the analysis' initializer checks this.
/// The band's bootstrap uses the analysis' `seed`.
public struct MediationSensitivityOptions: Sendable, Equatable {
  /// The default `ρ` grid, −0.9 to 0.9 by 0.01.
  public static let defaultRhoGrid: [Double] = (-90...90).map { Double($0) / 100 }

  /// Values of `ρ`, each strictly between −1 and 1.
  public let rhoGrid: [Double]
  /// Bootstrap replicates of the band (at least 2).
  public let replicates: Int

  /// Creates and validates the options.
  ///
  /// - Parameters:
  ///   - rhoGrid: Values of `ρ` in (−1, 1), default ``defaultRhoGrid``.
  ///   - replicates: Bootstrap replicates for the band (default 1,000, at least 2).
  /// - Throws: ``MediationError/invalidOption(_:)`` for an empty grid, a grid value outside
  ///   (−1, 1) or fewer than 2 replicates.
  public init(rhoGrid: [Double] = MediationSensitivityOptions.defaultRhoGrid, replicates: Int = 1_000)
    throws(MediationError)
  {
    guard !rhoGrid.isEmpty, rhoGrid.allSatisfy({ $0 > -1 && $0 < 1 }) else {
      throw .invalidOption(
        .invalid(option: "rhoGrid", value: "\(rhoGrid.prefix(5))", expected: "values strictly between -1 and 1"))
    }
    guard replicates >= 2 else {
      throw .invalidOption(.invalid(option: "replicates", value: "\(replicates)", expected: "an integer of at least 2"))
    }
    self.rhoGrid = rhoGrid
    self.replicates = replicates
  }
}
