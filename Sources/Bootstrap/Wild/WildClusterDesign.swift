import CausalCore
import Resampling
import FixedEffects
import LinearAlgebra

/// The demeaned design of a fixed-effects model reduced to cluster-level sums, the input of
/// the fast wild cluster bootstrap.
///
/// With `X̃` the regressors after projecting out the fixed effects (Frisch–Waugh–Lovell) and
/// `û` the model's residuals, it keeps for every cluster `g` the `k × k` block
/// `H_g = X̃_g'X̃_g` and the `k`-vector score `ŝ_g = X̃_g'û_g`, plus `A = (Σ_g H_g)⁻¹`, `β̂` and
/// the fit's clustered variance. Building it reads the `n` observations once (O(n k²));
/// nothing later touches them.
///
/// `X̃` is the model's own design (`WildDesignColumns`): the model frame's columns on the
/// estimation sample, including factor terms such as `i(year)`, with the fixed effects
/// projected out on the sample in one shared solve (without fixed effects, the columns as they
/// are and the intercept a column of ones).
struct WildClusterDesign: Sendable {
  /// Coefficient names, in the fit's order.
  var terms: [String]
  /// `β̂`.
  var beta: [Double]
  /// The fit's clustered variance of `β̂`, row-major `k × k` in ``terms`` order.
  var variance: [Double]
  /// `A = (X̃'X̃)⁻¹`, row-major `k × k`.
  var bread: [Double]
  /// `H_g`, cluster after cluster, each row-major `k × k`.
  var clusterGram: [Double]
  /// `ŝ_g = X̃_g'û_g`, cluster after cluster, `k` each.
  var clusterScore: [Double]
  /// Number of clusters `G`.
  var clusterCount: Int
  /// Number of observations used.
  var observationCount: Int
  /// What the model's fit removed (missing values, singletons, collinear terms).
  var drops: DropReport
  /// The demeaned regressors `X̃`, one array of `n` values per coefficient.
  var columns: [[Double]]
  /// The model's residuals `û`, in estimation-sample order.
  var residuals: [Double]
  /// Cluster index (0..<G) of each used observation.
  var clusterCode: [Int]
  /// The estimation sample (the used rows of the data, in order).
  var sample: DataTable
  /// The model, for its fixed effects and demeaning options.
  var model: FixedEffectsModel
  /// The model's fixed effects coded on ``sample`` once, for ``projectFixedEffects(from:)``;
  /// `nil` without fixed effects.
  var projection: FixedEffectsProjection?

  /// Number of coefficients `k`.
  var k: Int { terms.count }

  /// Fits `model` (clustered by `cluster`) and reduces its demeaned design to cluster sums.
  ///
  /// - Throws: ``WildBootstrapError`` for a weighted model, fewer than two clusters or a term
  ///   whose column is not in the model frame; the model's own errors from fitting.
  init(model: FixedEffectsModel, data: DataTable, cluster: String) throws {
    guard model.weights == nil else { throw WildBootstrapError.weightedModel }
    let clustered = try model.withVariance(.cluster([cluster]))
    let fit: FixedEffectsFit
    do {
      fit = try clustered.fit(data)
    } catch FixedEffectsError.singleCluster {
      throw WildBootstrapError.tooFewClusters(count: 1)
    }
    let terms = fit.coefficients.map(\.term)
    let k = terms.count
    let rows = fit.observationRows
    let n = rows.count

    // Cluster codes of the used observations, in order of first appearance.
    let clusterColumn = try data.column(named: cluster)
    var ids = [String: Int]()
    var code = [Int](repeating: 0, count: n)
    for (i, row) in rows.enumerated() {
      let key = clusterColumn.text(at: row) ?? ""
      if let id = ids[key] {
        code[i] = id
      } else {
        code[i] = ids.count
        ids[key] = ids.count
      }
    }
    let g = ids.count
    guard g >= 2 else { throw WildBootstrapError.tooFewClusters(count: g) }

    let sample = data.selecting(rows: rows)
    let projection = try FixedEffectsProjection(model: model, sample: sample)
    let columns = try WildDesignColumns.demeaned(terms: terms, fit: fit, model: model, data: data, projection: projection)

    // Cluster sums H_g and ŝ_g.
    var gram = [Double](repeating: 0, count: g * k * k)
    var score = [Double](repeating: 0, count: g * k)
    let residuals = fit.residuals
    var x = [Double](repeating: 0, count: k)
    for i in 0..<n {
      for a in 0..<k { x[a] = columns[a][i] }
      let base = code[i] * k * k
      for a in 0..<k {
        score[code[i] * k + a] += x[a] * residuals[i]
        for b in 0..<k { gram[base + a * k + b] += x[a] * x[b] }
      }
    }
    var total = [Double](repeating: 0, count: k * k)
    for c in 0..<g { for e in 0..<(k * k) { total[e] += gram[c * k * k + e] } }
    let inverse = try Cholesky(Matrix(rows: k, columns: k, columnMajor: total)).inverse()

    self.terms = terms
    self.beta = fit.coefficients.map(\.estimate)
    self.variance = WildDesignColumns.variance(of: fit, terms: terms)
    self.bread = (0..<(k * k)).map { inverse[$0 / k, $0 % k] }
    self.clusterGram = gram
    self.clusterScore = score
    self.clusterCount = g
    self.observationCount = n
    self.drops = fit.drops
    self.columns = columns
    self.residuals = residuals
    self.clusterCode = code
    self.sample = sample
    self.model = model
    self.projection = projection
  }

  /// `M_D(x)` for every column `x` of an ``observationCount`` × m matrix, in place: the
  /// columns with the model's fixed effects projected out on the estimation sample, in one
  /// shared demeaning solve (unchanged when the model has none).
  ///
  /// - Throws: The solver's errors.
  func projectFixedEffects(from columns: inout Matrix) throws {
    try projection?.project(&columns)
  }
}
