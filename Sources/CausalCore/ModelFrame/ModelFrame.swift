import LinearAlgebra

/// The numbers an estimator needs from a formula and a table: response, design matrix, weights,
/// fixed-effect and cluster codes, after listwise deletion.
///
/// ```swift
/// let frame = try ModelFrame(formula: Formula("y ~ x + g | firm"), data: table, clusters: ["firm"])
/// frame.termNames          // ["x", "g::b", "g::c"]
/// frame.design             // n × 3, column-major
/// frame.fixedEffects[0]    // codes of `firm` over the kept rows
/// frame.drops.notes        // ["2 observations removed because of missing values in x."]
/// ```
///
/// ## Rows
///
/// A row is dropped when any variable used (response, regressors, fixed effects, weights,
/// clusters, extra columns) is missing or infinite, or when a computed expression is not
/// finite there (`log(0)`, as fixest does). Each dropped row is counted once: under
/// ``DropReason/missingValue`` when a variable is missing (`NA` or NaN) or, with all of them
/// present and finite, a computed expression is NaN (`log(-1)`); otherwise under
/// ``DropReason/infiniteValue`` when a variable is `Inf`/`-Inf` or a computed expression is
/// infinite (`log(0)`). Each reason gives one ``DropRecord`` listing its variables (columns,
/// or expression names such as `log(x5)` when the computation itself produced the value).
/// Rows of weight exactly 0 are then dropped with reason ``DropReason/zeroWeight``.
///
/// ## Columns
///
/// `(Intercept)` comes first when the formula keeps it and there are no fixed effects. Then each
/// term in formula order: a numeric column `x` gives `x` (bool as 0/1); a text column `g` gives
/// `g::level` for every level but the first among the kept rows; `x1:x2` gives the product;
/// `g:x` gives `g::b:x`, ...; `i(rel, ref = -1)` gives `rel::-5`, `rel::-4`, ... in ascending
/// order of values (integral numbers without decimals); `i(rel, x, ...)` gives `rel::-5:x`;
/// expressions are named by their normalized text (`log(x5)`, `I(x6^2)`).
///
/// Levels of text variables, `i()` values and fixed-effect levels are those present among the
/// kept rows.
public struct ModelFrame: Sendable {
  /// The formula.
  public let formula: Formula
  /// The response over the kept rows (empty in a frame built with `responseInDesign`).
  public let response: [Double]
  /// The design matrix, kept rows × ``termNames``, column-major (in a frame built with
  /// `responseInDesign`, the response comes first, before the ``termNames`` columns).
  public let design: Matrix
  /// With `responseInDesign`, the response over every row of the table, before deletion: the
  /// table's own array for a `double` column (no copy). Empty otherwise.
  package let responseOverTable: [Double]
  /// The name of each design column.
  public let termNames: [String]
  /// The formula term each design column comes from (`(Intercept)`, `x`, `g:x`,
  /// `i(rel,ref=-1)`), for joint tests of a term's columns.
  public let columnTerms: [String]
  /// The original table row of each kept observation, ascending.
  ///
  /// - Complexity: O(n) per access: the frame stores only the rows kept after deletion (and
  ///   nothing when every row is kept).
  public var rowIndices: [Int] { keptRows ?? Array(0..<tableRowCount) }
  /// The rows kept after deletion, ascending, or `nil` when every row of the table is kept.
  package let keptRows: [Int]?
  /// The number of rows of the table the frame was built from.
  package let tableRowCount: Int
  /// The weights over the kept rows, or `nil` when unweighted.
  public let weights: [Double]?
  /// The fixed effects over the kept rows, in formula order (`a^b` combined).
  public let fixedEffects: [FactorCodes]
  /// The cluster variables over the kept rows, in the order requested.
  public let clusters: [FactorCodes]
  /// Whether ``design`` has an `(Intercept)` column (first). True when the formula keeps the
  /// intercept and has no fixed effects.
  public let hasIntercept: Bool
  /// The observations removed (missing values, zero weights).
  public let drops: DropReport

  /// The number of kept observations.
  public var observationCount: Int { keptRows?.count ?? tableRowCount }

  /// Builds the model frame of a formula over a table.
  ///
  /// - Parameters:
  ///   - formula: The model formula.
  ///   - data: The table.
  ///   - weights: The name of a numeric column of non-negative weights, or `nil`.
  ///   - clusters: Names of cluster columns (any kind); `a^b` combines two columns when no column
  ///     has that exact name.
  ///   - extraColumns: Further columns whose missing values must drop rows (for example variables
  ///     a later step needs), without entering the design.
  /// - Throws: `DataError/unknownColumn(name:suggestions:)` for an unknown column (with
  ///   suggestions); `DataError/typeMismatch(column:expected:found:)` when a text column is used
  ///   where numbers are needed (response, weights, inside functions, the numeric variable of
  ///   `i(var, x)`); `DataError/invalidValues(column:reason:)` for negative weights;
  ///   `DataError/noObservations(reason:)` when no row is left; ``ModelFrameError`` for `i()`
  ///   values that do not exist, text regressors with fewer than two levels, or duplicate column
  ///   names.
  /// - Complexity: O(n × (variables + design columns)) plus O(n log n) per fixed effect or
  ///   cluster with non-integer or widely spread values; integer codes with a small range take
  ///   O(n). Hot loops run over contiguous arrays without per-row allocation.
  public init(formula: Formula, data: DataTable, weights: String? = nil, clusters: [String] = [], extraColumns: [String] = []) throws {
    try self.init(formula: formula, data: data, weights: weights, clusters: clusters, extraColumns: extraColumns, responseInDesign: false)
  }

  /// Builds the model frame; with `responseInDesign`, the response is the first column of
  /// ``design`` and ``response`` is empty, so an estimator that transforms the response and
  /// the regressors together (the fixed-effects demeaning) gets them in one matrix without a
  /// second copy of the data.
  ///
  /// The fixed effects and clusters are coded before the design is filled, and the frame lets
  /// go of each table column once it is coded or copied. A table handed over by its last
  /// holder (`consume table`) is therefore freed column by column while the design fills, and
  /// never sits in memory whole beside the design; a table the caller keeps is only read.
  package init(
    formula: Formula, data: consuming DataTable, weights: String? = nil, clusters: [String] = [],
    extraColumns: [String] = [], responseInDesign: Bool
  ) throws {
    let n = data.rowCount
    var resolver = TermResolver(data: data)
    let responseValues = try resolver.response(formula.response)
    var resolvedTerms: [ResolvedTerm] = []
    for term in formula.terms { resolvedTerms.append(try resolver.resolve(term)) }
    var feColumns: [(name: String, columns: [Column])] = []
    for fe in formula.fixedEffects {
      var columns: [Column] = []
      for v in fe.variables { columns.append(try resolver.use(v)) }
      feColumns.append((fe.name, columns))
    }
    var weightValues: [Double]?
    if let weights {
      let values = try resolver.numericColumn(weights, use: "weights")
      if let bad = values.firstIndex(where: { $0 < 0 }) {
        throw DataError.invalidValues(column: weights, reason: "weights must be non-negative; row \(bad) has weight \(FormulaNames.format(values[bad]))")
      }
      weightValues = values
    }
    var clusterColumns: [(name: String, columns: [Column])] = []
    for spec in clusters {
      let parts = resolver.data[spec] == nil && spec.contains("^") ? spec.split(separator: "^").map(String.init) : [spec]
      var columns: [Column] = []
      for p in parts { columns.append(try resolver.use(p)) }
      clusterColumns.append((spec, columns))
    }
    for name in extraColumns { _ = try resolver.use(name) }

    // Listwise deletion.
    var deletion = ListwiseDeletion(rowCount: n)
    for column in resolver.usedColumns { deletion.markMissing(column) }
    for column in resolver.usedColumns { deletion.markInfinite(column) }
    for c in resolver.computed { deletion.markComputed(c.values, name: c.name) }
    var records = deletion.records
    if let w = weightValues {
      var zero = 0
      for i in 0..<min(n, w.count) where w[i] == 0 && !deletion.dropped[i] {
        deletion.mark(i)
        zero += 1
      }
      if zero > 0 { records.append(DropRecord(reason: .zeroWeight, count: zero, variables: weights.map { [$0] } ?? [])) }
    }
    let kept = deletion.keptRows()
    let m = kept?.count ?? n
    guard m > 0 else {
      throw DataError.noObservations(reason: n == 0 ? "the table has no rows" : "all \(n) rows were removed because of missing or infinite values or zero weights")
    }

    // Columns.
    let intercept = formula.hasIntercept && formula.fixedEffects.isEmpty
    var columns: [DesignColumn] = []
    if intercept {
      columns.append(DesignColumn(name: "(Intercept)", term: "(Intercept)", numeric: nil, indicators: []))
    }
    let expander = TermExpander(rows: kept)
    for term in resolvedTerms { columns.append(contentsOf: try expander.expand(term)) }
    var seen = Set<String>()
    for c in columns where !seen.insert(c.name).inserted { throw ModelFrameError.duplicateColumnName(c.name) }
    try Self.requireDesignFits(columns, rows: m, withResponse: responseInDesign)
    self.termNames = columns.map(\.name)
    self.columnTerms = columns.map(\.term)
    (self.fixedEffects, self.clusters) = try Self.code(fixedEffects: feColumns, clusters: clusterColumns, rows: kept)
    // Only the recipes, the response and the weights refer to the table now.
    feColumns = []
    clusterColumns = []
    resolvedTerms = []
    resolver = TermResolver(data: DataTable())

    self.formula = formula
    if responseInDesign {
      self.response = []
      var recipes = [DesignColumn(name: formula.response.name, term: "", numeric: responseValues, indicators: [])]
      recipes += columns
      columns = []
      self.design = DesignColumn.matrix(releasing: &recipes, rows: kept, count: m)
    } else {
      self.response = FactorCoder.gather(responseValues, kept)
      self.design = DesignColumn.matrix(releasing: &columns, rows: kept, count: m)
    }
    self.responseOverTable = responseInDesign ? responseValues : []
    self.weights = weightValues.map { FactorCoder.gather($0, kept) }
    self.keptRows = kept
    self.tableRowCount = n
    self.hasIntercept = intercept
    self.drops = DropReport(observations: records)
  }

  /// Parses a formula and builds its model frame.
  ///
  /// - Parameters:
  ///   - formula: Formula text in fixest syntax.
  ///   - data: The table.
  ///   - weights: The name of a numeric weight column, or `nil`.
  ///   - clusters: Names of cluster columns.
  ///   - extraColumns: Further columns whose missing values must drop rows.
  /// - Throws: `FormulaError` for a malformed formula, otherwise as
  ///   ``init(formula:data:weights:clusters:extraColumns:)``.
  /// - Complexity: As ``init(formula:data:weights:clusters:extraColumns:)``.
  public init(_ formula: String, data: DataTable, weights: String? = nil, clusters: [String] = [], extraColumns: [String] = []) throws {
    try self.init(formula: Formula(formula), data: data, weights: weights, clusters: clusters, extraColumns: extraColumns)
  }

  /// Codes the fixed effects and the clusters over the kept rows, combining multi-column
  /// specifications.
  ///
  /// The specifications are coded in parallel (each depends only on its columns, so the codes
  /// do not depend on the number of threads), and a cluster specification that names the same
  /// columns as a fixed effect (clustering by a firm effect, say) takes that fixed effect's codes
  /// instead of coding the columns again. The error of the first failing specification, fixed
  /// effects before clusters, is thrown.
  ///
  /// - Complexity: O(n) per specification column with a lookup table, O(n log n) otherwise;
  ///   the specifications spread over the cores.
  static func code(
    fixedEffects: [(name: String, columns: [Column])], clusters: [(name: String, columns: [Column])], rows: [Int]?
  ) throws(DataError) -> (fixedEffects: [FactorCodes], clusters: [FactorCodes]) {
    let specs = fixedEffects + clusters
    let keys = specs.map { [$0.name] + $0.columns.map(\.name) }
    // The first specification with the same name and columns, whose codes a repeat shares.
    let first = keys.indices.map { i in keys.firstIndex(of: keys[i]) ?? i }
    let unique = first.indices.filter { first[$0] == $0 }
    let codeSpec = { @Sendable (u: Int) -> Result<FactorCodes, DataError> in
      let spec = specs[unique[u]]
      return Result { () throws(DataError) -> FactorCodes in
        var parts: [FactorCodes] = []
        for column in spec.columns { parts.append(try FactorCodes(column: column, rows: rows)) }
        return parts.count == 1 ? parts[0] : try FactorCodes(combining: parts, name: spec.name)
      }
    }
    var results = ParallelMap.values(unique.count, codeSpec)
    // A job whose result was never stored would be a defect of ParallelMap: code in turn.
    if results.count != unique.count { results = unique.indices.map(codeSpec) }
    var coded: [FactorCodes] = []
    for result in results { coded.append(try result.get()) }
    var slot = [Int](repeating: 0, count: specs.count)
    for (u, i) in unique.enumerated() { slot[i] = u }
    let all = first.map { coded[slot[$0]] }
    return (Array(all.prefix(fixedEffects.count)), Array(all.dropFirst(fixedEffects.count)))
  }

  /// Throws when an m-row design with these columns (and the response, `withResponse`) would
  /// not fit in the machine's physical memory, instead of ending the process in the allocation.
  ///
  /// - Throws: ``ModelFrameError/designTooLarge(rows:columns:widestTerm:termColumns:physicalMemory:)``.
  /// - Complexity: O(columns).
  static func requireDesignFits(
    _ columns: [DesignColumn], rows m: Int, withResponse: Bool, physicalMemory: UInt64 = ReplicateMemory.physicalMemory
  ) throws(ModelFrameError) {
    let k = columns.count + (withResponse ? 1 : 0)
    let footprint = ReplicateMemory(doubles: k, arrays: 0)
    guard !footprint.fits(count: m, physicalMemory: physicalMemory) else { return }
    var perTerm: [String: Int] = [:]
    for column in columns { perTerm[column.term, default: 0] += 1 }
    let widest = perTerm.max { ($0.value, $1.key) < ($1.value, $0.key) } ?? (key: "", value: 0)
    throw .designTooLarge(
      rows: m, columns: k, widestTerm: widest.key, termColumns: widest.value, physicalMemory: physicalMemory)
  }
}
