import Foundation

/// The result of a ``CoverageStudy``: every seed's draws and, per subject and quantity, the
/// Monte Carlo summary.
///
/// ```swift
/// let result = try CoverageStudy(seeds: [101, 102]).run()
/// let json = try result.jsonData()
/// ```
public struct CoverageResult: Sendable, Equatable, Codable {
  /// The Monte Carlo summary of one subject's estimator or channel.
  public struct Row: Sendable, Equatable, Codable {
    /// The subject.
    public var subject: Subject
    /// The estimator or channel.
    public var quantity: CoverageQuantity
    /// Seeds with an estimate.
    public var draws: Int
    /// Mean true value over the seeds (an indirect effect's truth varies slightly with the
    /// seed's score scale).
    public var meanTruth: Double
    /// Mean of estimate − truth.
    public var meanBias: Double
    /// SD of the estimates (n − 1).
    public var sdEstimate: Double
    /// SD of estimate − truth (n − 1): the sampling SD the standard errors estimate. Equal to
    /// ``sdEstimate`` when the truth is the same for every seed (total effects); an indirect
    /// effect's truth scales with each panel's score SD, and ``sdEstimate`` also contains that
    /// variation across seeds.
    public var sdError: Double
    /// Mean of the standard errors.
    public var meanStdError: Double
    /// Share of the 95% intervals that contain the truth.
    public var coverage: Double
    /// Monte Carlo standard error of ``coverage``, `sqrt(p (1 − p) / draws)`.
    public var coverageMCSE: Double
    /// Share of the seeds whose estimate is within three standard errors of the truth.
    public var withinThreeSE: Double

    /// Creates a row; parameters as the properties.
    public init(
      subject: Subject, quantity: CoverageQuantity, draws: Int, meanTruth: Double, meanBias: Double, sdEstimate: Double,
      sdError: Double, meanStdError: Double, coverage: Double, coverageMCSE: Double, withinThreeSE: Double
    ) {
      self.subject = subject
      self.quantity = quantity
      self.draws = draws
      self.meanTruth = meanTruth
      self.meanBias = meanBias
      self.sdEstimate = sdEstimate
      self.sdError = sdError
      self.meanStdError = meanStdError
      self.coverage = coverage
      self.coverageMCSE = coverageMCSE
      self.withinThreeSE = withinThreeSE
    }
  }

  /// The seeds, in the order run.
  public var seeds: [UInt64]
  /// Every draw, in seed order, then subject and quantity order.
  public var draws: [CoverageDraw]
  /// The summary, in ``Subject/allCases`` then ``CoverageQuantity/allCases`` order.
  public var rows: [Row]
  /// Wall-clock seconds of the run.
  public var seconds: Double
  /// Threads used.
  public var jobs: Int

  /// Creates a result; parameters as the properties.
  public init(seeds: [UInt64], draws: [CoverageDraw], rows: [Row], seconds: Double, jobs: Int) {
    self.seeds = seeds
    self.draws = draws
    self.rows = rows
    self.seconds = seconds
    self.jobs = jobs
  }

  /// Summarizes draws per subject and quantity.
  ///
  /// - Parameter draws: The draws.
  /// - Returns: One row per subject and quantity with at least one draw.
  public static func summarize(_ draws: [CoverageDraw]) -> [Row] {
    var rows = [Row]()
    for subject in Subject.allCases {
      for quantity in CoverageQuantity.allCases {
        let d = draws.filter { $0.subject == subject && $0.quantity == quantity }
        guard !d.isEmpty else { continue }
        let n = Double(d.count)
        let errors = d.map { $0.estimate - $0.truth }
        let coverage = Double(d.filter(\.covers).count) / n
        let within = Double(d.filter { abs($0.estimate - $0.truth) < 3 * $0.standardError }.count) / n
        rows.append(Row(
          subject: subject, quantity: quantity, draws: d.count, meanTruth: d.map(\.truth).reduce(0, +) / n,
          meanBias: errors.reduce(0, +) / n, sdEstimate: standardDeviation(d.map(\.estimate)), sdError: standardDeviation(errors),
          meanStdError: d.map(\.standardError).reduce(0, +) / n, coverage: coverage,
          coverageMCSE: (coverage * (1 - coverage) / n).squareRoot(), withinThreeSE: within))
      }
    }
    return rows
  }

  /// The summary as a Markdown table: subject, estimator, mean truth, mean bias, SD of the
  /// estimates, SD of estimate − truth, mean SE, the ratio SD(estimate − truth) / mean SE, the
  /// 95% coverage with its Monte Carlo SE, and the share within three SEs of the truth.
  public func markdownTable() -> String {
    var lines = [
      "| subject | estimator | truth | mean bias | SD of estimates | SD of est. − truth | mean SE | SD / SE | 95% coverage (MC SE) | within 3 SE |",
      "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for row in rows {
      let ratio = row.meanStdError > 0 ? row.sdError / row.meanStdError : .nan
      lines.append(
        "| \(row.subject.displayName) | \(row.quantity.rawValue) | \(Self.format(row.meanTruth, 3)) | "
          + "\(Self.format(row.meanBias, 4, signed: true)) | \(Self.format(row.sdEstimate, 4)) | \(Self.format(row.sdError, 4)) | "
          + "\(Self.format(row.meanStdError, 4)) | \(Self.format(ratio, 2)) | "
          + "\(Self.format(row.coverage, 2)) (\(Self.format(row.coverageMCSE, 3))) | \(Self.format(row.withinThreeSE, 2)) |")
    }
    return lines.joined(separator: "\n")
  }

  /// A Markdown section: the run's description and ``markdownTable()``.
  public func markdownReport() -> String {
    let first = seeds.first.map(String.init) ?? "-", last = seeds.last.map(String.init) ?? "-"
    return """
      # Coverage of the Strong School Project pipeline

      \(seeds.count) seeds (\(first)–\(last)); per seed a generated panel and the pipeline without the wild bootstrap, \
      mediation by the closed form (cluster-robust delta-method SEs, normal 95% intervals). \
      Truth: the total effect for naive, TWFE DiD and PSM-DiD; the channel's indirect effect otherwise. \
      SD / SE: SD of estimate − truth over the mean SE. Monte Carlo SE of a coverage p: sqrt(p(1 − p)/R). Run time \(Self.format(seconds, 1)) s on \(jobs) thread(s).

      \(markdownTable())

      """
  }

  /// The result as pretty-printed JSON (summary rows and every draw).
  ///
  /// - Throws: `EncodingError` (not expected: non-finite numbers are encoded as strings).
  public func jsonData() throws -> Data {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return try encoder.encode(self)
  }

  /// Sample SD (n − 1); NaN for fewer than two values.
  static func standardDeviation(_ x: [Double]) -> Double {
    guard x.count > 1 else { return .nan }
    let mean = x.reduce(0, +) / Double(x.count)
    return (x.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(x.count - 1)).squareRoot()
  }

  /// Fixed-point text, `-` for non-finite values.
  static func format(_ x: Double, _ digits: Int, signed: Bool = false) -> String {
    guard x.isFinite else { return "–" }
    let text = String(format: "%.\(digits)f", x)
    return signed && x >= 0 ? "+" + text : text
  }
}
