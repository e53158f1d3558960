import CausalKit
import Foundation

/// The data-generating process of the Monte Carlo rejection study (`causalkit-bench montecarlo`):
/// a difference-in-differences panel of `G` clusters with unbalanced sizes, cluster-level
/// treatment and a true effect of zero.
///
/// Cluster sizes follow MacKinnon and Webb (2017): with `N = meanClusterSize · G`,
/// `N_g = ⌊N · exp(γ g/G) / Σ_j exp(γ j/G)⌋` for `g = 1…G` (at least two observations per
/// period), so with `γ = 2` the largest cluster is about `e^{2(G−1)/G}` ≈ 6–7 times the smallest.
/// Observation `i` of cluster `g` is in period `t = i mod T`. In every replication a random half
/// of the clusters is treated from period `T/2` on (`treat_post = treated_g · 1{t ≥ T/2}`).
///
/// The outcome (after Cameron, Gelbach and Miller 2008 for the regressor and Bertrand, Duflo and
/// Mullainathan 2004 for the serially correlated cluster shocks) is
/// `y = β·treat_post + 0.5 x + a_g + 0.1 t + e_gt + σ(x)·ε`, `β = 0`, with
/// `x = z_g + z_i` (`z ~ N(0,1)`), a cluster intercept `a_g ~ N(0,1)` (absorbed by the cluster
/// fixed effect), a cluster-period shock `e_gt` that is AR(1) over periods with correlation `ρ`
/// and a cluster-specific standard deviation `s_g ~ U(0.5, 1.5)` (the strong cluster-level
/// component, heteroskedastic across clusters), and idiosyncratic noise with standard deviation
/// `σ(x) = √(0.5 + 0.5 x²)` (heteroskedastic in `x`).
struct PanelDesign: Sendable {
  /// Number of clusters `G`.
  var clusters: Int
  /// Number of periods `T`.
  var periods = 10
  /// Average observations per cluster.
  var meanClusterSize = 100
  /// Imbalance `γ` of the cluster sizes (0 = equal sizes).
  var imbalance = 2.0
  /// AR(1) correlation `ρ` of the cluster-period shocks.
  var rho = 0.8
  /// The true effect of `treat_post`.
  var effect = 0.0

  /// The cluster sizes `N_1 … N_G` (the same in every replication).
  var clusterSizes: [Int] {
    let total = Double(meanClusterSize * clusters)
    let w = (1...clusters).map { exp(imbalance * Double($0) / Double(clusters)) }
    let sum = w.reduce(0, +)
    return w.map { max(2 * periods, Int(total * $0 / sum)) }
  }

  /// A one-line description for the report.
  var summary: String {
    let sizes = clusterSizes
    return "G = \(clusters), N = \(sizes.reduce(0, +)), cluster sizes \(sizes.min() ?? 0)–\(sizes.max() ?? 0) "
      + "(γ = \(imbalance)), T = \(periods), \(clusters / 2) clusters treated from period \(periods / 2), "
      + "ρ = \(rho), β = \(effect)"
  }

  /// One replication's data: columns `y`, `treat_post`, `x`, `cluster` and `period`.
  ///
  /// - Parameter generator: The replication's generator; it is advanced.
  /// - Throws: `DistributionError` (never for valid designs), `DataError`.
  func table(using generator: inout SeededGenerator) throws -> DataTable {
    let sizes = clusterSizes
    let n = sizes.reduce(0, +)
    var treated = [Bool](repeating: false, count: clusters)
    var order = Array(0..<clusters)
    for i in stride(from: clusters - 1, to: 0, by: -1) {
      order.swapAt(i, try generator.nextInt(below: i + 1))
    }
    for g in order.prefix(clusters / 2) { treated[g] = true }

    var y = [Double](), treatPost = [Double](), x = [Double](), cluster = [Int](), period = [Int]()
    y.reserveCapacity(n)
    treatPost.reserveCapacity(n)
    x.reserveCapacity(n)
    cluster.reserveCapacity(n)
    period.reserveCapacity(n)
    let innovation = (1 - rho * rho).squareRoot()
    var shocks = [Double](repeating: 0, count: periods)
    for g in 0..<clusters {
      let intercept = generator.nextNormal()
      let scale = 0.5 + generator.nextUniform()
      let common = generator.nextNormal()
      shocks[0] = scale * generator.nextNormal()
      for t in 1..<periods { shocks[t] = rho * shocks[t - 1] + scale * innovation * generator.nextNormal() }
      for i in 0..<sizes[g] {
        let t = i % periods
        let d: Double = treated[g] && t >= periods / 2 ? 1 : 0
        let xi = common + generator.nextNormal()
        let sd = (0.5 + 0.5 * xi * xi).squareRoot()
        y.append(effect * d + 0.5 * xi + intercept + 0.1 * Double(t) + shocks[t] + sd * generator.nextNormal())
        treatPost.append(d)
        x.append(xi)
        cluster.append(g)
        period.append(t)
      }
    }
    return try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "treat_post", doubles: treatPost), Column(name: "x", doubles: x),
      Column(name: "cluster", ints: cluster), Column(name: "period", ints: period),
    ])
  }
}

/// One test of `β_treat_post = 0` in the study.
enum RejectionTest: Sendable, Equatable {
  /// The analytic CR1 t test with `G − 1` degrees of freedom (fixest's default).
  case analytic
  /// A wild cluster bootstrap: restricted (WCR) or not (WCU), weights, `B`.
  case wild(imposeNull: Bool, weights: BootstrapWeightDistribution, replicates: Int)

  /// A label for the table, e.g. `WCR Rademacher, B = 999`.
  func label(clusters g: Int) -> String {
    switch self {
    case .analytic: return "CR1 t test, t(G−1)"
    case .wild(let imposeNull, let weights, let b):
      let kind = imposeNull ? "WCR" : "WCU"
      let name = weights.rawValue.prefix(1).uppercased() + weights.rawValue.dropFirst()
      if weights == .rademacher && g < 62 && (1 << g) <= b { return "\(kind) \(name), all 2^\(g) = \(1 << g) sign vectors" }
      return "\(kind) \(name), B = \(b) random"
    }
  }

  /// The p-value of the test on one replication's data.
  func pValue(data: DataTable, model: FixedEffectsModel, seed: UInt64) throws -> Double {
    switch self {
    case .analytic:
      guard let row = try model.fit(data).coefficient("treat_post") else { return .nan }
      return row.pValue
    case .wild(let imposeNull, let weights, let b):
      let test = try WildClusterBootstrap(
        model: model, cluster: "cluster", hypothesis: .term("treat_post"), weights: weights, replicates: b,
        imposeNull: imposeNull, seed: seed, parallel: false)
      return try test.fit(data).pValue
    }
  }
}
