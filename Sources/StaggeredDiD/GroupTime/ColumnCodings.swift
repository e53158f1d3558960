import CausalCore
import LinearAlgebra

/// The codes of the time and cohort columns and of an integer unit column over the model
/// frame's rows, computed concurrently (three independent tasks).
struct ColumnCodings {
  /// The periods.
  let time: Result<RowIntegers, DiDError>
  /// The cohorts.
  let cohort: Result<RowIntegers, DiDError>
  /// The unit keys when the unit column is coded from the table (``UnitKeys/canCode(_:)``),
  /// else `nil`.
  let units: Result<UnitKeys, DiDError>?

  /// Codes the columns.
  ///
  /// - Complexity: O(n + range) per column, spread over the cores.
  init(_ model: CallawaySantAnna, data: DataTable, frame: ModelFrame, unitFromColumn: Bool) {
    enum Coded: Sendable {
      case integers(Result<RowIntegers, DiDError>)
      case keys(Result<UnitKeys, DiDError>?)
    }
    let rows = frame.keptRows, count = frame.observationCount
    let task = { @Sendable (k: Int) -> Coded in
      switch k {
      case 0:
        return .integers(Result { () throws(DiDError) in
          try RowIntegers(data, model.time, rows: rows) { .nonIntegerTime(column: model.time, value: $0) }
        })
      case 1:
        return .integers(Result { () throws(DiDError) in
          try RowIntegers(data, model.cohort, rows: rows) { .invalidCohort(column: model.cohort, value: $0) }
        })
      default:
        guard unitFromColumn, let unit = model.unit else { return .keys(nil) }
        return .keys(Result { () throws(DiDError) in try UnitKeys(column: data[unit], rows: rows, count: count) })
      }
    }
    let coded = (try? ParallelMap.map(3, task)) ?? (0..<3).map(task)
    func integers(_ k: Int) -> Result<RowIntegers, DiDError> {
      guard case .integers(let result) = coded[k] else { return .failure(.tooFewPeriods(count: 0)) }
      return result
    }
    time = integers(0)
    cohort = integers(1)
    guard case .keys(let keys) = coded[2] else {
      units = nil
      return
    }
    units = keys
  }
}
