import CausalCore
import LinearAlgebra
import Resampling

/// The model of a cluster-level mediator (a 2-1-1 design: a school's leadership, constant
/// within the school), fitted with one row per cluster.
///
/// The observation-level design of `mediator ~ treatment + earlier mediators + covariates` is
/// averaged within each cluster (weighted by the observation weights), the mediator and the
/// treatment are required to be constant within each cluster, and the model is fitted to the
/// `G` cluster rows, each cluster once (with observation weights, weighted by its total weight).
/// Each observation then takes its cluster's row (`rowOfObservation`).
enum ClusterLevelModel {
  /// The column holding the cluster-copy number of a cluster-bootstrap resample: a cluster
  /// drawn twice is two clusters.
  static var bootstrapCopyColumn: String { BootstrapResampler.clusterColumnName }

  /// The clusters of the sample in order of first appearance: the values of `cluster`, each
  /// copy of a cluster-bootstrap resample (``bootstrapCopyColumn``) a cluster of its own.
  private static func clusters(_ sample: DataTable, _ cluster: String) throws -> (members: [[Int]], groupOfRow: [Int]) {
    let byValue = try ResamplingGroups(table: sample, column: cluster)
    guard sample[bootstrapCopyColumn] != nil else { return (byValue.members, byValue.groupOfRow) }
    let copies = try ResamplingGroups(table: sample, column: bootstrapCopyColumn)
    var index: [Int: Int] = [:]
    var members: [[Int]] = []
    var groupOfRow: [Int] = []
    groupOfRow.reserveCapacity(sample.rowCount)
    let width = byValue.members.count
    for i in 0..<sample.rowCount {
      let key = copies.groupOfRow[i] * width + byValue.groupOfRow[i]
      let group = index[key] ?? members.count
      if group == members.count {
        index[key] = group
        members.append([])
      }
      members[group].append(i)
      groupOfRow.append(group)
    }
    return (members, groupOfRow)
  }

  /// Fits the model.
  ///
  /// - Parameters:
  ///   - name: The model's name in errors (`mediator model for lead`).
  ///   - mediator: The mediator column (the response).
  ///   - treatment: The treatment column.
  ///   - formula: The observation-level formula.
  ///   - family: The model family.
  ///   - sample: The prepared sample.
  ///   - cluster: The cluster column (a `bootstrap_cluster` column of a resample takes its place).
  ///   - weights: The observation weights, or `nil`.
  ///   - vcov: The coefficient variance (clustering is moot with one row per cluster: `.iid`
  ///     and the robust types are kept, a cluster-robust request becomes HC1).
  /// - Returns: The model (its design is `G × k`) and each observation's cluster row.
  /// - Throws: ``MediationError/variesWithinCluster(variable:cluster:level:values:)`` when the
  ///   mediator or the treatment varies within a cluster; the fit's errors.
  /// - Complexity: O(n k) to aggregate, then the fit's cost on `G` rows.
  static func fit(
    name: String, mediator: String, treatment: String, formula: Formula, family: MediationModelFamily,
    sample: DataTable, cluster: String, weights: [Double]?, vcov: VarianceType
  ) throws(MediationError) -> (model: ComponentModel, rowOfObservation: [Int]) {
    let frame: ModelFrame
    let groups: (members: [[Int]], groupOfRow: [Int])
    do {
      frame = try ModelFrame(formula: formula, data: sample)
      groups = try clusters(sample, cluster)
    } catch {
      throw .wrapping(error, model: name)
    }
    let n = frame.observationCount, g = groups.members.count
    let w = weights ?? [Double](repeating: 1, count: n)
    guard n == sample.rowCount else {
      throw .unavailable(reason: "the \(name) lost rows of the mediation sample; cluster-level models need every row")
    }
    let levels = try? sample.column(named: cluster)
    func requireConstant(_ values: [Double], _ variable: String) throws(MediationError) {
      for members in groups.members {
        guard let first = members.first else { continue }
        if let other = members.first(where: { values[$0] != values[first] }) {
          throw .variesWithinCluster(
            variable: variable, cluster: cluster, level: levels?.text(at: first) ?? "\(first)",
            values: [values[first], values[other]])
        }
      }
    }
    try requireConstant(frame.response, mediator)
    if let t = frame.termNames.firstIndex(of: treatment) { try requireConstant(frame.design.column(t), treatment) }
    // The weighted mean of every design column within each cluster (the intercept stays 1).
    let k = frame.design.columns
    var means = [Double](repeating: 0, count: g * k)
    var total = [Double](repeating: 0, count: g)
    var response = [Double](repeating: 0, count: g)
    for (c, members) in groups.members.enumerated() {
      for i in members {
        total[c] += w[i]
        for j in 0..<k { means[j * g + c] += w[i] * frame.design[i, j] }
      }
      for j in 0..<k { means[j * g + c] /= total[c] }
      response[c] = members.first.map { frame.response[$0] } ?? .nan
    }
    let names = frame.termNames.filter { $0 != "(Intercept)" }
    var columns = [Column(name: mediator, doubles: response)]
    for name in names {
      guard let j = frame.termNames.firstIndex(of: name) else { continue }
      columns.append(Column(name: name, doubles: Array(means[(j * g)..<((j + 1) * g)])))
    }
    let weightColumn = "cluster weight"
    if weights != nil { columns.append(Column(name: weightColumn, doubles: total)) }
    let table: DataTable
    let clusterFormula: Formula
    do {
      table = try DataTable(columns: columns)
      clusterFormula = try Formula(
        response: mediator, regressors: names, covariates: Covariates(), fixedEffects: [],
        intercept: frame.hasIntercept)
    } catch {
      throw .wrapping(error, model: name)
    }
    let clusterVcov: VarianceType
    if case .cluster = vcov { clusterVcov = .hetero } else { clusterVcov = vcov }
    var model = try ComponentModel.fit(
      name: name + " (one row per \(cluster))", formula: clusterFormula, family: family, sample: table,
      weights: weights == nil ? nil : weightColumn, vcov: clusterVcov, hasFixedEffects: false)
    model.observationCount = n
    return (model, groups.groupOfRow)
  }
}
