import Foundation

/// The Monte Carlo summary of one effect over the replications of a coverage design: one row of
/// the `mediation-coverage` report (and one JSON line).
///
/// With `R` successful replications, estimates `θ̂_r`, standard errors `s_r` and intervals
/// `[l_r, u_r]`: the bias `mean(θ̂) − θ`, its Monte Carlo standard error `SD(θ̂)/√R` and their
/// ratio (`bias_z`; |z| < 3 is "recovered within 3 standard errors"), the mean reported standard
/// error against the standard deviation of the estimates, the share of data sets whose estimate
/// is within `3 s_r` of the truth, and the coverage `#{l_r ≤ θ ≤ u_r}/R` with its binomial
/// standard error `√(p(1 − p)/R)`.
struct CoverageSummary: Codable {
  var study = "mediation-coverage"
  var design: String
  var effect: String
  var truth: Double
  var replications: Int
  var failed: Int
  var mean_estimate: Double
  var bias: Double
  var bias_mc_se: Double
  var bias_z: Double
  var mean_se: Double
  /// The median reported standard error (robust to the few huge bootstrap standard errors of a ratio).
  var median_se: Double
  var sd_estimates: Double
  var se_over_sd: Double
  var within_3se: Double
  var coverage: Double
  var coverage_se: Double
  /// `pass`, `outside [93, 97]` or `identically zero` (no coverage test).
  var verdict: String
  var seed: UInt64
  var settings: String
  var truth_note: String
  var seconds: Double
  var load_before: Double
  var load_after: Double

  /// Summarises the estimates of one effect (NaN estimates or standard errors are skipped and
  /// counted as failed).
  init(
    design: some CoverageDesign, truth: EffectTruth, estimates: [EffectEstimate], failed: Int, seed: UInt64,
    seconds: Double, loads: (Double, Double)
  ) {
    let valid = estimates.filter { $0.estimate.isFinite && $0.standardError.isFinite }
    let r = Double(max(1, valid.count))
    let theta = truth.value
    self.design = design.name
    effect = truth.name
    self.truth = theta
    replications = valid.count
    self.failed = failed + estimates.count - valid.count
    mean_estimate = valid.reduce(0) { $0 + $1.estimate } / r
    bias = mean_estimate - theta
    let m = mean_estimate
    let variance = valid.reduce(0) { $0 + ($1.estimate - m) * ($1.estimate - m) } / max(1, r - 1)
    sd_estimates = variance.squareRoot()
    bias_mc_se = sd_estimates / r.squareRoot()
    bias_z = bias_mc_se > 0 ? bias / bias_mc_se : (bias == 0 ? 0 : .infinity)
    mean_se = valid.reduce(0) { $0 + $1.standardError } / r
    let sorted = valid.map(\.standardError).sorted()
    median_se = sorted.isEmpty ? .nan : 0.5 * (sorted[(sorted.count - 1) / 2] + sorted[sorted.count / 2])
    se_over_sd = sd_estimates > 0 ? mean_se / sd_estimates : .nan
    within_3se = Double(valid.filter { abs($0.estimate - theta) <= 3 * $0.standardError }.count) / r
    coverage = Double(valid.filter { $0.low <= theta && theta <= $0.high }.count) / r
    coverage_se = (coverage * (1 - coverage) / r).squareRoot()
    if truth.identicallyZero {
      verdict = "identically zero, not a coverage test"
    } else {
      verdict = (0.93...0.97).contains(coverage) ? "pass" : "outside [93, 97]"
    }
    self.seed = seed
    settings = design.summary
    truth_note = design.truthNote
    self.seconds = seconds
    load_before = loads.0
    load_after = loads.1
  }

  /// The Markdown table of one design's rows, with its settings underneath.
  static func markdown(_ rows: [CoverageSummary], command: String) -> String {
    guard let first = rows.first else { return "" }
    var out = [
      "Design `\(first.design)`: \(first.settings). \(first.replications + first.failed) data sets, seed \(first.seed).",
      "",
      "| effect | truth | mean estimate | bias / MC SE | mean SE / SD | within 3 SE | 95% coverage (± binomial SE) | verdict |",
      "|---|---|---|---|---|---|---|---|",
    ]
    for r in rows {
      let zero = r.verdict.hasPrefix("identically")
      let z = zero ? "—" : fixed(r.bias_z, 2)
      let within = zero ? "—" : "\(fixed(100 * r.within_3se, 1))%"
      let coverage = zero
        ? "\(fixed(100 * r.coverage, 1))%" : "\(fixed(100 * r.coverage, 1))% ± \(fixed(100 * r.coverage_se, 1))"
      out.append(
        "| \(r.effect) | \(fixed(r.truth, 5)) | \(fixed(r.mean_estimate, 5)) | \(z) | "
          + "\(fixed(r.mean_se, 4)) / \(fixed(r.sd_estimates, 4)) = \(fixed(r.se_over_sd, 3)) | "
          + "\(within) | \(coverage) | \(r.verdict) |")
    }
    out.append("")
    out.append("* Truths: \(first.truth_note).")
    let failures = rows.map(\.failed).max() ?? 0
    out.append(
      "* \(first.replications) data sets used, \(failures) failed; \(fixed(first.seconds, 1)) s on "
        + "\(ProcessInfo.processInfo.activeProcessorCount) cores (1-minute load \(fixed(first.load_before, 2)) → "
        + "\(fixed(first.load_after, 2))).")
    out.append("* Command: `\(command)`")
    return out.joined(separator: "\n")
  }

  /// `x` with `digits` decimals.
  static func fixed(_ x: Double, _ digits: Int) -> String { String(format: "%.\(digits)f", x) }
}
