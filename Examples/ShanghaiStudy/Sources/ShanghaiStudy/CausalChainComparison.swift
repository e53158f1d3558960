import CausalKit

/// The causal-chain estimates of a study next to their true values, as flat rows for the
/// report, the LaTeX table, the figure, the console and the tests.
///
/// ```swift
/// let entries = CausalChainComparison(chain: results.chain!, truth: panel.truth).entries
/// let covered = entries.filter { $0.covers == true }.count
/// ```
public struct CausalChainComparison: Sendable {
  /// One estimated effect and its truth.
  public struct Entry: Sendable, Equatable {
    /// What the effect is.
    public enum Kind: String, Sendable, Equatable, CaseIterable {
      /// A path-specific effect (`SequentialMediation`, delta method).
      case path
      /// A mediator's interventional indirect effect (`InterventionalMediation`, bootstrap).
      case interventional
      /// The mediator-dependence part (`InterventionalMediation`, bootstrap; truth 0).
      case dependence
      /// The joint indirect effect (`SequentialMediation`, delta method).
      case joint
      /// The total effect (`SequentialMediation`, delta method).
      case total
      /// The effect initiated at a mediator (the truncated chain, delta method).
      case initiated
    }

    /// The outcome column.
    public var outcome: String
    /// What the effect is.
    public var kind: Kind
    /// The mediators involved: the path's, the mediator's (interventional, initiated), or none.
    public var mediators: [String]
    /// A short label: `SSP → L → P → score`, `interventional: P`, `joint indirect`, ….
    public var label: String
    /// The estimate with its standard error and 95% interval.
    public var row: CoefficientRow
    /// The true value, for simulated data.
    public var truth: Double?

    /// Whether the interval covers the truth (`nil` without one).
    public var covers: Bool? { truth.map { row.confLow <= $0 && $0 <= row.confHigh } }
  }

  /// The entries: per outcome, the eight paths (the direct effect first), the interventional
  /// effects, the dependence part, the joint indirect and total effects and the initiated
  /// effects.
  public let entries: [Entry]

  /// Pairs the estimates with the truths.
  ///
  /// - Parameters:
  ///   - chain: The causal-chain stage's estimates.
  ///   - truth: The simulation's truth, or `nil` for a user's panel.
  public init(chain: CausalChainResults, truth: SimulationTruth?) {
    var entries = [Entry]()
    for o in chain.outcomes {
      let t = truth?.truth(forOutcome: o.outcome)?.chain
      func mediators(_ names: [String]) -> [SimulationTruth.Mediator]? {
        let m = names.compactMap(SimulationTruth.Mediator.init(rawValue:))
        return m.count == names.count ? m : nil
      }
      func add(_ kind: Entry.Kind, _ names: [String], _ label: String, _ row: CoefficientRow, _ value: Double?) {
        entries.append(Entry(outcome: o.outcome, kind: kind, mediators: names, label: label, row: row, truth: value))
      }
      for p in o.paths {
        add(.path, p.mediators, Self.pathLabel(p.mediators), p.row, mediators(p.mediators).flatMap { t?.path($0) })
      }
      for m in o.interventional.interventionalIndirect {
        add(.interventional, [m.mediator], "interventional: \(Self.letter(m.mediator))", m.row,
          mediators([m.mediator]).flatMap { t?.interventional[$0[0]] })
      }
      add(.dependence, [], "mediator dependence", o.interventional.mediatorDependence, t?.mediatorDependence)
      add(.joint, [], "joint indirect", o.jointIndirect, t?.jointIndirect)
      add(.total, [], "total", o.total, t?.total)
      for m in o.mediators {
        add(.initiated, [m.mediator], "initiated at \(Self.letter(m.mediator))", m.initiated,
          mediators([m.mediator]).flatMap { t?.initiated[$0[0]] })
      }
    }
    self.entries = entries
  }

  /// The entries of one outcome and kind.
  public func entries(outcome: String, kind: Entry.Kind) -> [Entry] {
    entries.filter { $0.outcome == outcome && $0.kind == kind }
  }

  /// The number of entries with a truth, and of those whose interval covers it.
  public var coverage: (covered: Int, checked: Int) {
    let checked = entries.compactMap(\.covers)
    return (checked.filter { $0 }.count, checked.count)
  }

  /// `L`, `T`, `P` for the panel's leadership, teaching style and peer relationships; the
  /// column name otherwise.
  public static func letter(_ mediator: String) -> String {
    switch SimulationTruth.Mediator(rawValue: mediator) {
    case .leadership: return "L"
    case .teaching: return "T"
    case .peer: return "P"
    case nil: return mediator
    }
  }

  /// `SSP → L → P → score` for the path through leadership and peer relationships.
  public static func pathLabel(_ mediators: [String]) -> String {
    (["SSP"] + mediators.map(letter) + ["score"]).joined(separator: " → ")
  }
}
