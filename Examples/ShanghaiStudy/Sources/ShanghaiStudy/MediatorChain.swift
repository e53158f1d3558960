/// The causal order of the three mediators of the synthetic panel and the project's effects
/// along it: principal leadership → teaching style → peer relationships.
///
/// The generator's mediator equations (school `s`, year `t`, student `i`; `D` = `treat_post`):
///
///     leadership = level(s) + year noise                               + D · leadershipShift
///     teaching   = mean(s) + teachingOnLeadership · leadership + noise + D · teachingShift
///     peer       = mean(s) + peerOnLeadership · leadership
///                          + peerOnTeaching · teaching          + noise + D · peerShift
///
/// a linear recursive system. The project's effect on a mediator is the sum over the paths that
/// reach it (``totalShift(of:)``): leadership `s_L`; teaching style `s_T + γ_TL s_L`; peer
/// relationships `s_P + γ_PL s_L + γ_PT (s_T + γ_TL s_L)`. With the defaults (`s_L = 1`,
/// `s_T = 0.05`, `s_P = 0.5`, `γ_TL = 0.2`, `γ_PL = 0.25`, `γ_PT = 0.2`) the total shifts are
/// 1.00, 0.25 and 0.80.
///
/// The score depends on the three mediators with slopes `θ` (``SubjectEffects``), so each of
/// the `2³ = 8` paths from the project to a score has an effect equal to the product of the
/// coefficients along it (``pathEffect(_:slopes:)``): for instance
/// `A → leadership → peer → score` carries `s_L · γ_PL · θ_P`.
///
/// ```swift
/// let chain = SchoolPanelConfiguration().chain
/// chain.totalShift(of: .peer)   // 0.80
/// ```
public struct MediatorChain: Sendable, Equatable {
  /// The causal order of the mediators: each may affect the later ones, never an earlier one.
  public static let order: [SimulationTruth.Mediator] = [.leadership, .teaching, .peer]

  /// The project's direct shift of principal leadership.
  public var leadershipShift: Double
  /// The project's direct shift of teaching style.
  public var teachingShift: Double
  /// The project's direct shift of peer relationships.
  public var peerShift: Double
  /// Effect of leadership on teaching style, `γ_TL`.
  public var teachingOnLeadership: Double
  /// Effect of leadership on peer relationships, `γ_PL`.
  public var peerOnLeadership: Double
  /// Effect of teaching style on peer relationships, `γ_PT`.
  public var peerOnTeaching: Double

  /// Creates a chain; parameters as the properties.
  public init(
    leadershipShift: Double, teachingShift: Double, peerShift: Double, teachingOnLeadership: Double,
    peerOnLeadership: Double, peerOnTeaching: Double
  ) {
    self.leadershipShift = leadershipShift
    self.teachingShift = teachingShift
    self.peerShift = peerShift
    self.teachingOnLeadership = teachingOnLeadership
    self.peerOnLeadership = peerOnLeadership
    self.peerOnTeaching = peerOnTeaching
  }

  /// The project's direct shift of a mediator (the arrow from the project into it).
  public func directShift(of mediator: SimulationTruth.Mediator) -> Double {
    switch mediator {
    case .leadership: return leadershipShift
    case .teaching: return teachingShift
    case .peer: return peerShift
    }
  }

  /// The effect of mediator `cause` on mediator `effect` along their direct arrow (0 when there
  /// is none, and for any pair against the causal order).
  public func coefficient(of cause: SimulationTruth.Mediator, on effect: SimulationTruth.Mediator) -> Double {
    switch (cause, effect) {
    case (.leadership, .teaching): return teachingOnLeadership
    case (.leadership, .peer): return peerOnLeadership
    case (.teaching, .peer): return peerOnTeaching
    default: return 0
    }
  }

  /// The project's total effect on a mediator: the sum over every path from the project to it.
  public func totalShift(of mediator: SimulationTruth.Mediator) -> Double {
    Self.paths.filter { $0.last == mediator }.reduce(0) { $0 + shiftAlong($1) }
  }

  /// The product of the coefficients from the project to the last mediator of `path`: the
  /// project's direct shift of the first mediator times each mediator's effect on the next.
  /// 1 for the direct path (no mediator).
  public func shiftAlong(_ path: [SimulationTruth.Mediator]) -> Double {
    guard let first = path.first else { return 1 }
    return zip(path, path.dropFirst()).reduce(directShift(of: first)) { $0 * coefficient(of: $1.0, on: $1.1) }
  }

  /// The effect on a score along a path through mediators (non-empty, in causal order): the
  /// product of the coefficients along it times the last mediator's slope on the score.
  ///
  /// - Parameters:
  ///   - path: The mediators the path runs through, in causal order.
  ///   - slopes: Each mediator's slope on the score (on the scale the effect is wanted in).
  public func pathEffect(_ path: [SimulationTruth.Mediator], slopes: [SimulationTruth.Mediator: Double]) -> Double {
    guard let last = path.last else { return 0 }
    return shiftAlong(path) * (slopes[last] ?? 0)
  }

  /// The `2³ − 1 = 7` paths through at least one mediator, each a subsequence of ``order``:
  /// by number of mediators, then by position (the order `SequentialMediation` reports them in).
  public static let paths: [[SimulationTruth.Mediator]] = {
    let k = order.count
    let masks = (1..<(1 << k)).sorted { a, b in
      a.nonzeroBitCount != b.nonzeroBitCount ? a.nonzeroBitCount < b.nonzeroBitCount : mask(a, k).lexicographicallyPrecedes(mask(b, k))
    }
    return masks.map { m in (0..<k).filter { m & (1 << $0) != 0 }.map { order[$0] } }
  }()

  /// A mask's positions as a sort key (earlier positions first).
  private static func mask(_ m: Int, _ k: Int) -> [Int] { (0..<k).filter { m & (1 << $0) != 0 } }
}
