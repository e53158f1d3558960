import CausalCore
import Foundation
import LinearAlgebra

/// Where the covariates of the model frame's rows come from: the frame's design matrix, or,
/// when every covariate is a plain numeric column, the table's own columns behind an intercept
/// (the frame then builds no design, which saves a copy of the covariates of every row).
struct CovariateSource: Sendable {
  /// The number of columns, intercept included (1: the intercept only).
  let columnCount: Int
  /// The columns that can differ between rows: all but a leading intercept.
  let varyingColumns: Range<Int>
  /// The design over the frame's rows, or `nil` for table columns.
  private let design: Matrix?
  /// The table columns after the intercept (table rows).
  private let tableColumns: [[Double]]
  /// The table row of each frame row, or `nil` when they coincide.
  private let tableRows: [Int]?

  /// The frame's design (intercept first when the frame has one).
  init(frame: ModelFrame) {
    design = frame.design
    columnCount = frame.design.columns
    varyingColumns = (frame.hasIntercept ? 1 : 0)..<frame.design.columns
    tableColumns = []
    tableRows = nil
  }

  /// An intercept and table columns, over the frame's rows.
  init(columns: [[Double]], frame: ModelFrame) {
    design = nil
    columnCount = columns.count + 1
    varyingColumns = 1..<(columns.count + 1)
    tableColumns = columns
    tableRows = frame.keptRows
  }

  /// The plain `double` columns named by the covariate terms, when each term is one (quoted
  /// as ``Formula/quoted(_:)`` writes it), they are distinct, and none is `excluded`; else `nil`.
  static func plainColumns(_ covariates: Covariates, data: DataTable, excluded: Set<String>) -> [(String, [Double])]? {
    var out: [(String, [Double])] = []
    var seen = excluded
    for term in covariates.terms {
      var name = term
      if term.count >= 2, term.hasPrefix("`"), term.hasSuffix("`") {
        name = String(term.dropFirst().dropLast()).replacingOccurrences(of: "``", with: "`")
      }
      guard Formula.quoted(name) == term, seen.insert(name).inserted, let column = data[name],
        case .double(let values) = column.storage
      else { return nil }
      out.append((name, values))
    }
    return out
  }

  /// Calls `body` with the values of every column in ``varyingColumns`` (each indexed by source
  /// row) and the source row of each frame row (`nil`: the frame row itself).
  func withVaryingColumns<R>(_ body: (_ columns: [UnsafeBufferPointer<Double>], _ rows: UnsafeBufferPointer<Int>?) -> R) -> R {
    if let design {
      return design.elements.withUnsafeBufferPointer { x in
        let columns = varyingColumns.map { j in UnsafeBufferPointer(rebasing: x[(j * design.rows)..<((j + 1) * design.rows)]) }
        return body(columns, nil)
      }
    }
    func nest(_ index: Int, _ done: [UnsafeBufferPointer<Double>]) -> R {
      guard index < tableColumns.count else {
        guard let tableRows else { return body(done, nil) }
        return tableRows.withUnsafeBufferPointer { body(done, $0) }
      }
      return tableColumns[index].withUnsafeBufferPointer { nest(index + 1, done + [$0]) }
    }
    return nest(0, [])
  }

  /// The given frame rows as an `m × k` matrix, intercept first.
  ///
  /// - Complexity: O(m k).
  func gathering(_ frameRows: [Int]) -> Matrix {
    if let design { return design.gatheringRows(frameRows) }
    let sourceRows = tableRows.map { map in frameRows.map { map[$0] } } ?? frameRows
    let columns = [Matrix(uncheckedRows: frameRows.count, columns: 1, elements: [Double](repeating: 1, count: frameRows.count))]
    var elements = columns[0].elements
    elements.reserveCapacity(frameRows.count * columnCount)
    for column in tableColumns {
      elements.append(contentsOf: Matrix(uncheckedRows: column.count, columns: 1, elements: column).gatheringRows(sourceRows).elements)
    }
    return Matrix(uncheckedRows: frameRows.count, columns: columnCount, elements: elements)
  }

  /// Every frame row, in order (the design itself, without a copy).
  ///
  /// - Complexity: O(1) for the design, O(n k) for table columns.
  func allRows(count: Int) -> Matrix {
    design ?? gathering(Array(0..<count))
  }
}
