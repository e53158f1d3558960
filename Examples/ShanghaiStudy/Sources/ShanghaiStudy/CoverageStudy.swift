import CausalKit
import Dispatch
import Foundation

/// A Monte Carlo study of the pipeline's estimators: for each seed, generates a panel, runs
/// ``StudyPipeline`` and scores every estimate against ``SimulationTruth``; the summary gives,
/// per subject and estimator (or mediation channel), the mean bias, the SD of the estimates,
/// the mean standard error and the coverage of the 95% interval with its Monte Carlo SE.
///
/// For speed each run skips the wild cluster bootstrap and uses the mediation closed form
/// (``DifferenceInDifferencesMediationStage`` with `replicates: 0`: cluster-robust
/// delta-method standard errors and normal intervals, no sensitivity analysis). The event study
/// still runs (the pipeline always fits it) but is not scored. Seeds run concurrently on `jobs`
/// threads; each seed's draws depend on its seed only, so the output is identical whatever the
/// number of threads and is returned in seed order.
///
/// ```swift
/// let study = CoverageStudy(seeds: Array(101...200))
/// let result = try study.run()
/// print(result.markdownTable())
/// ```
public struct CoverageStudy: Sendable {
  /// The panel's parameters; ``SchoolPanelConfiguration/seed`` is replaced by each seed.
  public var configuration: SchoolPanelConfiguration
  /// The seeds, one panel each.
  public var seeds: [UInt64]
  /// Matching caliper in SDs of the propensity score.
  public var caliper: Double
  /// Seeds run at once (threads).
  public var jobs: Int

  /// Creates a study.
  ///
  /// - Parameters:
  ///   - configuration: The panel's parameters (default: the study's default panel).
  ///   - seeds: The seeds.
  ///   - caliper: Matching caliper (default 0.2).
  ///   - jobs: Seeds run at once (default 2, the shared machine's cores).
  public init(configuration: SchoolPanelConfiguration = SchoolPanelConfiguration(), seeds: [UInt64], caliper: Double = 0.2, jobs: Int = 2) {
    self.configuration = configuration
    self.seeds = seeds
    self.caliper = caliper
    self.jobs = jobs
  }

  /// The pipeline's options: no wild bootstrap, mediation closed form without sensitivity, and
  /// without the heterogeneity-robust estimators (Callaway-Sant'Anna, DR DiD, Bacon), which
  /// the coverage table does not score.
  public var pipelineOptions: StudyPipeline.Options {
    var options = StudyPipeline.Options()
    options.bootstrapReplicates = 0
    options.caliper = caliper
    options.staggeredEstimators = false
    options.mediation = DifferenceInDifferencesMediationStage(replicates: 0, sensitivityMediators: [])
    return options
  }

  /// Runs every seed and summarizes.
  ///
  /// - Parameter progress: Called after each seed with the seed and the number done (from the
  ///   worker threads, in completion order).
  /// - Returns: The draws in seed order and their summary.
  /// - Throws: The ``StudyError`` of the first seed (in seed order) that failed.
  public func run(progress: (@Sendable (_ seed: UInt64, _ done: Int) -> Void)? = nil) throws(StudyError) -> CoverageResult {
    let start = Date()
    let queue = SeedQueue(count: seeds.count)
    let workers = max(1, min(jobs, seeds.count))
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
      while let i = queue.take() {
        let result: Result<[CoverageDraw], StudyError>
        do throws(StudyError) { result = .success(try draws(seed: seeds[i])) } catch { result = .failure(error) }
        let done = queue.store(i, result)
        progress?(seeds[i], done)
      }
    }
    var all = [CoverageDraw]()
    for result in queue.results {
      switch result {
      case .success(let draws)?: all += draws
      case .failure(let error)?: throw error
      case nil: throw .estimationFailed(step: "coverage study", outcome: "", message: "a seed was not run")
      }
    }
    return CoverageResult(
      seeds: seeds, draws: all, rows: CoverageResult.summarize(all), seconds: Date().timeIntervalSince(start), jobs: workers)
  }

  /// Generates the panel of one seed, runs the pipeline and scores every estimate.
  ///
  /// - Parameter seed: The panel's seed.
  /// - Returns: One draw per subject and quantity (naive, TWFE DiD, PSM-DiD, one indirect
  ///   effect per channel), in ``Subject/allCases`` and ``CoverageQuantity/allCases`` order.
  /// - Throws: The generator's and the pipeline's ``StudyError``.
  public func draws(seed: UInt64) throws(StudyError) -> [CoverageDraw] {
    var c = configuration
    c.seed = seed
    let panel = try SchoolPanelGenerator(configuration: c).generate()
    let results = try StudyPipeline(options: pipelineOptions).run(panel.table, schema: panel.schema)
    var draws = [CoverageDraw]()
    for subject in Subject.allCases {
      guard let truth = panel.truth[subject], let analysis = results[subject.rawValue] else { continue }
      func draw(_ quantity: CoverageQuantity, _ row: CoefficientRow, truth value: Double) -> CoverageDraw {
        CoverageDraw(
          seed: seed, subject: subject, quantity: quantity, truth: value, estimate: row.estimate, standardError: row.standardError,
          confLow: row.confLow, confHigh: row.confHigh)
      }
      draws.append(draw(.naive, analysis.naive.row, truth: truth.total))
      draws.append(draw(.twoWayFixedEffects, analysis.difference.row, truth: truth.total))
      if let matched = analysis.matchedDifference { draws.append(draw(.matched, matched.row, truth: truth.total)) }
      for estimate in analysis.mediation {
        guard let mediator = SimulationTruth.Mediator(rawValue: estimate.mediator),
          let quantity = CoverageQuantity(mediator: mediator)
        else { continue }
        draws.append(draw(quantity, estimate.indirect, truth: truth.indirect[mediator] ?? 0))
      }
    }
    return draws
  }

  /// Parses a seed list: ranges `A-B` and single seeds, comma-separated (`101-200`,
  /// `1,2,5-7`).
  ///
  /// - Parameter text: The list.
  /// - Returns: The seeds in the order given, or `nil` when the text is not such a list or is
  ///   empty.
  public static func parseSeeds(_ text: String) -> [UInt64]? {
    var seeds = [UInt64]()
    for part in text.split(separator: ",") {
      let bounds = part.split(separator: "-", omittingEmptySubsequences: false)
        .map { UInt64($0.trimmingCharacters(in: .whitespaces)) }
      switch bounds.count {
      case 1:
        guard let seed = bounds[0] else { return nil }
        seeds.append(seed)
      case 2:
        guard let low = bounds[0], let high = bounds[1], low <= high else { return nil }
        seeds += Array(low...high)
      default:
        return nil
      }
    }
    return seeds.isEmpty ? nil : seeds
  }
}

/// The quantity a ``CoverageDraw`` scores.
public enum CoverageQuantity: String, Sendable, Equatable, Hashable, CaseIterable, Codable {
  /// The naive post-period difference, against the true total effect.
  case naive = "naive"
  /// The two-way fixed-effects DiD, against the true total effect.
  case twoWayFixedEffects = "TWFE DiD"
  /// The PSM-DiD, against the true total effect.
  case matched = "PSM-DiD"
  /// The indirect effect through peer relationships.
  case peer = "indirect: peer"
  /// The indirect effect through principal leadership.
  case leadership = "indirect: leadership"
  /// The indirect effect through teaching style.
  case teaching = "indirect: teaching"

  /// The indirect-effect quantity of a channel.
  public init?(mediator: SimulationTruth.Mediator) {
    switch mediator {
    case .peer: self = .peer
    case .leadership: self = .leadership
    case .teaching: self = .teaching
    }
  }
}

/// One estimate of one seed scored against the truth.
public struct CoverageDraw: Sendable, Equatable, Codable {
  /// The panel's seed.
  public var seed: UInt64
  /// The subject.
  public var subject: Subject
  /// The estimator or channel.
  public var quantity: CoverageQuantity
  /// The true value (total or indirect effect).
  public var truth: Double
  /// The estimate.
  public var estimate: Double
  /// Its standard error (CR1 by school, or delta method for indirect effects).
  public var standardError: Double
  /// Lower bound of its 95% interval.
  public var confLow: Double
  /// Upper bound of its 95% interval.
  public var confHigh: Double

  /// Whether the interval contains the truth.
  public var covers: Bool { confLow <= truth && truth <= confHigh }

  /// Creates a draw; parameters as the properties.
  public init(
    seed: UInt64, subject: Subject, quantity: CoverageQuantity, truth: Double, estimate: Double, standardError: Double,
    confLow: Double, confHigh: Double
  ) {
    self.seed = seed
    self.subject = subject
    self.quantity = quantity
    self.truth = truth
    self.estimate = estimate
    self.standardError = standardError
    self.confLow = confLow
    self.confHigh = confHigh
  }
}

/// The seeds' results, stored by index; each index is written once. Hands out indices to
/// the worker threads in order.
private final class SeedQueue: @unchecked Sendable {
  private let lock = NSLock()
  private var next = 0
  private var done = 0
  private(set) var results: [Result<[CoverageDraw], StudyError>?]

  init(count: Int) { results = Array(repeating: nil, count: count) }

  /// The next index to run, or `nil` when all are taken.
  func take() -> Int? {
    lock.withLock {
      guard next < results.count else { return nil }
      defer { next += 1 }
      return next
    }
  }

  /// Stores a seed's result; returns the number of seeds done.
  func store(_ i: Int, _ result: Result<[CoverageDraw], StudyError>) -> Int {
    lock.withLock {
      results[i] = result
      done += 1
      return done
    }
  }
}
