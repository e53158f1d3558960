/// The true mediation effects of the project on one subject under the mediators' causal order
/// (``MediatorChain``), on the standardized score.
///
/// Every quantity is a sum of path effects, each the product of the coefficients along its path
/// divided by the subject's ``SimulationTruth/SubjectTruth/scale``:
///
/// - ``paths``: the seven paths through at least one mediator (`A → L → Y`, `A → T → Y`,
///   `A → P → Y`, `A → L → T → Y`, `A → L → P → Y`, `A → T → P → Y`, `A → L → T → P → Y`);
/// - ``interventional``: mediator `M`'s interventional indirect effect (Vansteelandt and Daniel
///   2017), the sum of the paths that **end** at `M`, which is `θ_M × total shift of M`: the
///   effect of shifting `M`'s distribution alone from its control to its treated distribution;
/// - ``mediatorDependence``: the joint indirect effect minus the sum of the interventional ones,
///   the part due to the mediators' dependence. It is exactly **zero** here: the models are
///   linear without treatment-mediator or mediator-mediator interactions, so every path ends at
///   exactly one mediator and the interventional effects add up to the joint one (the
///   mediators' effects on each other are inside the total shifts);
/// - ``jointIndirect``: all seven paths, `Σ θ_M × total shift of M`;
/// - ``direct``: the direct path `A → Y`, the total minus the joint indirect effect;
/// - ``initiated``: the sum of the paths that **start** at `M`: the part of the effect the
///   project sets off by moving `M` directly, including what `M` passes on through the later
///   mediators. An analysis that treats the mediators as independent reports, for each
///   mediator, `a × b` = its interventional effect (paths ending at it); read as "the effect
///   of the project through `M`", that credits the later mediators with what leadership starts.
///
/// ```swift
/// let chain = panel.truth[.math]?.chain
/// chain?.path([.leadership, .peer])     // s_L · γ_PL · θ_P / scale
/// chain?.initiated[.leadership]         // the four paths starting at leadership
/// ```
public struct ChainTruth: Sendable, Equatable {
  /// One path's true effect.
  public struct Path: Sendable, Equatable {
    /// The mediators the path runs through, in causal order.
    public var mediators: [SimulationTruth.Mediator]
    /// The effect on the standardized score.
    public var effect: Double
  }

  /// The paths through at least one mediator, in ``MediatorChain/paths`` order.
  public var paths: [Path]
  /// Each mediator's interventional indirect effect (the paths ending at it).
  public var interventional: [SimulationTruth.Mediator: Double]
  /// The joint indirect effect minus the sum of the interventional ones: 0 (linear, no
  /// interactions).
  public var mediatorDependence: Double
  /// The joint indirect effect (every path through a mediator).
  public var jointIndirect: Double
  /// The direct effect `A → Y` (after one year of exposure when the effect grows).
  public var direct: Double
  /// The total effect.
  public var total: Double
  /// The sum of the paths starting at each mediator.
  public var initiated: [SimulationTruth.Mediator: Double]

  /// Computes the truth from the chain, the raw-unit slopes of the score and its scale.
  ///
  /// - Parameters:
  ///   - chain: The mediators' causal chain.
  ///   - effects: The subject's total effect and slopes (raw units).
  ///   - scale: The raw-unit SD the score is divided by.
  public init(chain: MediatorChain, effects: SubjectEffects, scale: Double) {
    let slopes: [SimulationTruth.Mediator: Double] = [
      .peer: effects.peerSlope / scale, .leadership: effects.leadershipSlope / scale,
      .teaching: effects.teachingSlope / scale,
    ]
    paths = MediatorChain.paths.map { Path(mediators: $0, effect: chain.pathEffect($0, slopes: slopes)) }
    var interventional = [SimulationTruth.Mediator: Double]()
    var initiated = [SimulationTruth.Mediator: Double]()
    for m in MediatorChain.order {
      interventional[m] = paths.filter { $0.mediators.last == m }.reduce(0) { $0 + $1.effect }
      initiated[m] = paths.filter { $0.mediators.first == m }.reduce(0) { $0 + $1.effect }
    }
    self.interventional = interventional
    self.initiated = initiated
    jointIndirect = paths.reduce(0) { $0 + $1.effect }
    // Every path ends at exactly one mediator, so the interventional effects partition the
    // paths and their sum is the joint effect: the dependence part is zero by construction
    // (computing it as a difference would only add rounding, in an order that depends on the
    // dictionary's).
    mediatorDependence = 0
    total = effects.total
    direct = effects.total - jointIndirect
  }

  /// The true effect of the path through `mediators` (in causal order; empty for the direct
  /// path), or `nil` for a sequence that is not a path.
  public func path(_ mediators: [SimulationTruth.Mediator]) -> Double? {
    mediators.isEmpty ? direct : paths.first { $0.mediators == mediators }?.effect
  }
}
