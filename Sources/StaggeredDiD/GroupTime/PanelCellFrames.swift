import CausalCore
import Foundation

/// The frames of the role tables that two or more cells use, each built once, on first request
/// (``frame(_:)``), under its own lock: a cell that needs a frame another thread is building
/// waits for it. The frames are built as jobs ahead of the cells that use them (``build(_:)``),
/// so that cells run while the last frames are built. Each frame depends only on its role
/// table and cells, so the results do not depend on the number of threads or on who built it.
final class PanelCellFrames: @unchecked Sendable {
  typealias Roles = [GroupTimeCells.CellSetup.Role]
  /// The shared role tables, in order of first use.
  let roleTables: [Roles]
  private let index: [Roles: Int]
  private let cohortSizes: [[Int]]
  private let cells: [[PanelCellFrame.PeriodPair]]
  private let slots: [Slot]
  private let sample: StaggeredSample
  private let unitCohort: [Int32]
  private let method: TwoByTwoMethod

  /// Finds the role tables that two or more cells use, and their cells; builds nothing yet.
  ///
  /// - Complexity: O(cells × cohorts).
  init(_ s: StaggeredSample, _ setups: [GroupTimeCells.CellSetup], unitCohort: [Int32], method: TwoByTwoMethod) {
    var uses: [Roles: [PanelCellFrame.PeriodPair]] = [:]
    var keys: [Roles] = []
    var sizes: [[Int]] = []
    for cell in setups where cell.base != cell.period {
      uses[cell.roles, default: []].append(PanelCellFrame.PeriodPair(period: cell.period, base: cell.base))
      if uses[cell.roles]?.count == 2 {
        keys.append(cell.roles)
        sizes.append(cell.cohortSizes)
      }
    }
    roleTables = keys
    index = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($0.element, $0.offset) })
    cohortSizes = sizes
    cells = keys.map { uses[$0] ?? [] }
    slots = keys.map { _ in Slot() }
    sample = s
    self.unitCohort = unitCohort
    self.method = method
  }

  /// The `k`-th shared frame, built now unless it was.
  @discardableResult
  func build(_ k: Int) -> PanelCellFrame {
    let slot = slots[k]
    slot.lock.lock()
    defer { slot.lock.unlock() }
    if let frame = slot.frame { return frame }
    let frame = PanelCellFrame(
      sample, roles: roleTables[k], cohortSizes: cohortSizes[k], unitCohort: unitCohort, method: method, cells: cells[k])
    slot.frame = frame
    return frame
  }

  /// One frame's storage and its lock. Each slot is its own object, so that threads building
  /// different frames never write to one shared array (a data race even when the elements differ).
  private final class Slot: @unchecked Sendable {
    let lock = NSLock()
    var frame: PanelCellFrame?
  }

  /// The shared frame of a role table (built now if needed), or `nil` when only one cell uses it.
  func frame(_ roles: Roles) -> PanelCellFrame? {
    index[roles].map { build($0) }
  }
}
