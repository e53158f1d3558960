import CausalCore

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// The link of a binary-response model: how the linear predictor `η = xᵀβ` maps to the
/// probability `p = F(η)`.
///
/// | link | `p = F(η)` | `dp/dη = f(η)` | IRLS weight `f²/(p(1−p))` |
/// |---|---|---|---|
/// | ``logit`` | `1/(1 + e^(−η))` | `p(1 − p)` | `p(1 − p)` |
/// | ``probit`` | `Φ(η)` | `φ(η)` | `φ(η)² / (Φ(η) Φ(−η))` |
///
/// Probabilities and their complements are computed separately (`1 − F(η)` as `F(−η)`), so
/// neither loses accuracy in the tails.
public enum LinkFunction: String, Sendable, Equatable, CaseIterable, Codable {
  /// Logistic: `p = 1 / (1 + e^(−η))` (logit model).
  case logit
  /// Standard normal CDF: `p = Φ(η)` (probit model).
  case probit

  /// The probability `F(η)` for a linear predictor.
  ///
  /// - Parameter eta: The linear predictor `xᵀβ`.
  /// - Returns: A probability in `[0, 1]`; NaN for NaN.
  /// - Complexity: O(1).
  public func probability(_ eta: Double) -> Double {
    switch self {
    case .logit:
      if eta >= 0 { return 1 / (1 + exp(-eta)) }
      let e = exp(eta)
      return e / (1 + e)
    case .probit:
      return NormalDistribution.standard.cdf(eta)
    }
  }

  /// The linear predictor `F⁻¹(p)` of a probability (the link function itself).
  ///
  /// - Parameter p: A probability in `(0, 1)`.
  /// - Returns: `log(p/(1−p))` or `Φ⁻¹(p)`; ∓infinity at 0 and 1, NaN outside `[0, 1]`.
  /// - Complexity: O(1).
  public func linearPredictor(probability p: Double) -> Double {
    switch self {
    case .logit: return log(p) - log1p(-p)
    case .probit: return NormalDistribution.standard.quantile(p)
    }
  }

  /// The derivative `dp/dη = f(η)`.
  func density(_ eta: Double) -> Double {
    switch self {
    case .logit:
      let e = exp(-abs(eta))
      return e / ((1 + e) * (1 + e))
    case .probit:
      return NormalDistribution.standard.density(eta)
    }
  }

  /// The Fisher-scoring quantities of one observation: prior weight `w`, outcome `y ∈ {0, 1}`,
  /// linear predictor `η`.
  ///
  /// - `logLikelihood = w · (y log p + (1 − y) log(1 − p))`,
  /// - `weight = w f² / (p(1 − p))` (the IRLS working weight),
  /// - `score = w f (y − p) / (p(1 − p))` (the observation's score is `score · xᵢ`),
  /// - `newtonWeight = −w d²ℓ/dη²` (the observed information; equal to `weight` for the logit).
  ///
  /// For the probit, `η` is clamped to ±37 (where `Φ` is about 1e-300) inside the weight and
  /// score only; the log-likelihood uses the asymptotic expansion of `log Φ` beyond that.
  @inline(__always)
  func observation(eta: Double, y: Double, w: Double) -> ObservationTerms {
    switch self {
    case .logit: return Self.logitTerms(eta: eta, y: y, w: w)
    case .probit: return Self.probitTerms(eta: eta, y: y, w: w)
    }
  }

  @inline(__always)
  static func logitTerms(eta: Double, y: Double, w: Double) -> ObservationTerms {
    let e = exp(-abs(eta))
    let l = log1p(e)
    let inv = 1 / (1 + e)
    // p and q = 1 − p, each without cancellation.
    let p = eta >= 0 ? inv : e * inv
    let q = eta >= 0 ? e * inv : inv
    let logP = eta >= 0 ? -l : eta - l
    let logQ = eta >= 0 ? -eta - l : -l
    let isEvent = y > 0.5
    let weight = w * p * q
    return ObservationTerms(
      logLikelihood: w * (isEvent ? logP : logQ), weight: weight, score: w * (isEvent ? q : -p),
      newtonWeight: weight)
  }

  static let probitBound = 37.0

  @inline(__always)
  static func probitTerms(eta: Double, y: Double, w: Double) -> ObservationTerms {
    let isEvent = y > 0.5
    let normal = NormalDistribution.standard
    let c = min(max(eta, -probitBound), probitBound)
    let p = normal.cdf(c)
    let q = normal.survival(c)
    let f = normal.density(c)
    let ratioP = f / p  // φ/Φ(η)
    let ratioQ = f / q  // φ/Φ(−η)
    let logLik: Double
    if abs(eta) < probitBound {
      logLik = isEvent ? (eta > 0 ? log1p(-q) : log(p)) : (eta < 0 ? log1p(-p) : log(q))
    } else {
      logLik = logNormalCDF(isEvent ? eta : -eta)
    }
    // Observed information: −d²ℓ/dη² = λ(η)(η + λ(η)) for y = 1 and λ(−η)(λ(−η) − η) for
    // y = 0, with λ(t) = φ(t)/Φ(t); both lie in (0, 1) (the probit log-likelihood is concave).
    let observed = isEvent ? ratioP * (c + ratioP) : ratioQ * (ratioQ - c)
    return ObservationTerms(
      logLikelihood: w * logLik, weight: w * ratioP * ratioQ,
      score: w * (isEvent ? ratioP : -ratioQ), newtonWeight: w * observed)
  }

  /// `log Φ(x)`, accurate in both tails.
  static func logNormalCDF(_ x: Double) -> Double {
    if x > 0 { return log1p(-NormalDistribution.standard.survival(x)) }
    if x > -probitBound { return log(NormalDistribution.standard.cdf(x)) }
    // log Φ(x) = log φ(x) − log(−x) + log(1 − 1/x² + 3/x⁴ − 15/x⁶ + …) for x → −∞.
    let r = 1 / (x * x)
    let series = 1 - r * (1 - r * (3 - 15 * r))
    return -0.5 * x * x - 0.918_938_533_204_672_7 - log(-x) + log(series)
  }
}

/// The per-observation pieces of one Fisher-scoring pass (see
/// `LinkFunction.observation(eta:y:w:)`).
struct ObservationTerms {
  /// `w · log P(Y = y)`.
  var logLikelihood: Double
  /// The IRLS working weight `w f²/(p(1 − p))`.
  var weight: Double
  /// `w f (y − p)/(p(1 − p))`.
  var score: Double
  /// The observed information `−w d²ℓ/dη²` (equal to ``weight`` for the logit, the canonical
  /// link), used for Newton steps.
  var newtonWeight: Double
}
