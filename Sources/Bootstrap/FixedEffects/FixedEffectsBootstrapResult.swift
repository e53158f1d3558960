import CausalCore
import Resampling

/// The outcome of ``FixedEffectsBootstrap/fit(_:)``: one `ResampledEstimate` per reported
/// coefficient and linear combination, and how they were obtained.
///
/// Its tidy rows (``coefficients``) carry the bootstrap standard errors, p-values and
/// intervals. Encoded with snake_case keys; `bootstrap` holds one entry per estimate with the
/// keys the `causalkit feols --bootstrap` output uses (`term`, `estimate`, `std_error`,
/// `p_value`, `conf_low`, `conf_high`, `ci`, `reps`, `enumerated`, `failed`, `method` = the
/// scheme's name), non-finite numbers as `null`.
public struct FixedEffectsBootstrapResult: EstimationResult, Equatable {
  /// The resampling scheme.
  public let scheme: ResamplingScheme
  /// The interval method.
  public let method: IntervalMethod
  /// The confidence level of the intervals.
  public let confidenceLevel: Double
  /// The number of replicates `B`.
  public let replicates: Int
  /// The root seed.
  public let seed: UInt64
  /// The rows the model used on the original data (the resampled table's size).
  public let observationCount: Int
  /// The number of clusters resampled, `nil` for pairs and stratified resampling.
  public let clusterCount: Int?
  /// The terms in the requested order, then the combinations.
  public let estimates: [ResampledEstimate]
  /// The message of the lowest-numbered replicate whose refit failed, if any.
  public let firstFailure: String?
  /// What the model's fit on the original data removed.
  public let drops: DropReport
  /// How the replicates were computed: ``FixedEffectsBootstrapPath/frequencyWeights`` (normal
  /// equations of the design built once, with the resample's multiplicities as frequency
  /// weights) or ``FixedEffectsBootstrapPath/refit`` (the model refitted on each resample).
  public let path: FixedEffectsBootstrapPath
  /// The number of replicates computed by refitting the model on the materialized resample: `B`
  /// on the refit path; on the frequency-weight path, the replicates it handed back (a
  /// coefficient dropped as collinear, a failed fit, a single level of a cluster variable).
  public let refittedReplicates: Int

  /// The summary of one term or combination by its label, or `nil`.
  ///
  /// - Parameter term: The coefficient name or combination label.
  /// - Complexity: O(number of estimates).
  public func estimate(_ term: String) -> ResampledEstimate? {
    estimates.first { $0.term == term }
  }

  /// One tidy row per estimate (see `ResampledEstimate/row`).
  public var coefficients: [CoefficientRow] { estimates.map(\.row) }

  /// A table of the estimates with their bootstrap standard errors, p-values and intervals.
  public func summary() -> String {
    var lines = [
      "Bootstrap (\(scheme.name)\(scheme.column.map { " by \($0)" } ?? ""), \(replicates) replicates, "
        + "\(method.rawValue) intervals at \(confidenceLevel * 100)%, seed \(seed))",
      "term\testimate\tstd_error\tp_value\tconf_low\tconf_high\tfailed",
    ]
    for e in estimates {
      lines.append(
        "\(e.term)\t\(e.estimate)\t\(e.standardError)\t\(e.pValue)\t\(e.interval.lower)\t\(e.interval.upper)\t\(e.failures)")
    }
    lines.append("Observations: \(observationCount)" + (clusterCount.map { "   clusters: \($0)" } ?? ""))
    lines.append(contentsOf: drops.notes)
    return lines.joined(separator: "\n")
  }
}

extension FixedEffectsBootstrapResult: Encodable {
  /// One estimate with the scheme's name under `method`, as the tool's `bootstrap[]` entries.
  private struct Entry: Encodable {
    let estimate: ResampledEstimate
    let scheme: String

    func encode(to encoder: any Encoder) throws {
      try estimate.encode(to: encoder)
      try encoder.encodeFields([.value("method", scheme)])
    }
  }

  /// Encodes the options (`scheme`, `ci`, `confidence_level`, `reps`, `seed`, `nobs`,
  /// `cluster_count`), the `bootstrap` entries, the tidy rows, `first_failure`, `dropped`,
  /// `path` and `refitted_replicates`.
  public func encode(to encoder: any Encoder) throws {
    try encoder.encodeFields([
      .value("scheme", scheme), .value("ci", method), .number("confidence_level", confidenceLevel),
      .value("reps", replicates), .value("seed", seed), .value("nobs", observationCount),
      .ifPresent("cluster_count", clusterCount),
      .value("bootstrap", estimates.map { Entry(estimate: $0, scheme: scheme.name) }),
      .value("coefficients", coefficients), .ifPresent("first_failure", firstFailure), .value("dropped", drops),
      .value("path", path), .value("refitted_replicates", refittedReplicates),
    ])
  }
}
