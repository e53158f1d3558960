import CausalKit
import Foundation

/// A panel checked against its ``PanelSchema`` and reduced to the columns the pipeline uses,
/// with the design columns the estimators need generated under fixed names.
///
/// Generated columns: ``treatedColumn`` (0/1), ``postColumn`` (0/1), ``treatPostColumn``
/// (their product) and ``startColumn`` (each treated unit's first treated period, and
/// ``neverTreated`` for control units: the event study's treatment start), and one 0/1
/// dummy per period after the first (``periodDummies``, named `period_<p>`), which let the
/// wild bootstrap absorb only the cluster-nested unit effects. For Callaway-Sant'Anna, whose
/// cohort column codes never-treated units as 0, ``shiftedTimeColumn`` (the period plus
/// ``periodOffset``, which makes every period positive; the offset is 0 for years) and
/// ``cohortColumn`` (the unit's first treated period on the same scale, 0 for never treated).
/// Treatment may start at different periods in different units (staggered adoption); it must
/// be absorbing for the Goodman-Bacon decomposition.
///
/// This is the input of every pipeline step, including a later mediation stage.
public struct AnalysisPanel: Sendable {
  /// Generated 0/1 treated-group column.
  public static let treatedColumn = "treated"
  /// Generated 0/1 treated-period column.
  public static let postColumn = "post"
  /// Generated treated × post column: the DiD regressor.
  public static let treatPostColumn = "treat_post"
  /// Generated treatment-start column.
  public static let startColumn = "treatment_start"
  /// Generated cohort column of Callaway-Sant'Anna: first treated period plus
  /// ``periodOffset``, 0 for never-treated units.
  public static let cohortColumn = "first_treated"
  /// Generated period column of Callaway-Sant'Anna: the period plus ``periodOffset``.
  public static let shiftedTimeColumn = "cs_period"

  /// The working table: the schema's unit, time, outcome, covariate and mediator columns plus
  /// the generated ones.
  public var table: DataTable
  /// The mapping it came from.
  public var schema: PanelSchema
  /// The treatment-start value of never-treated units.
  public var neverTreated: Int
  /// The first treated period (the earliest among treated units).
  public var firstTreatedPeriod: Int
  /// Number of units, and of treated units.
  public var unitCount: Int
  /// Number of treated units.
  public var treatedUnitCount: Int
  /// The distinct periods, ascending.
  public var periods: [Int]
  /// Names of the generated period dummies (every period but the first).
  public var periodDummies: [String]
  /// Added to every period in ``shiftedTimeColumn`` and ``cohortColumn`` so that all periods
  /// are positive (0 unless the panel has a period ≤ 0).
  public var periodOffset: Int
  /// The distinct first treated periods of the treated units, ascending (one for a common
  /// start; several for staggered adoption).
  public var adoptionPeriods: [Int]
  /// Prefix of the generated period-dummy names.
  public static let periodDummyPrefix = "period_"

  /// Checks and prepares a panel.
  ///
  /// - Parameters:
  ///   - data: One row per student (or per unit and period).
  ///   - schema: The column mapping.
  /// - Throws: ``StudyError/invalidPanel(column:reason:)`` for an unknown column, a name that
  ///   collides with a generated column, a treated flag that is not 0/1 or varies within a
  ///   unit, a non-integer period, no treated or no control units, or no pre or post period.
  public init(_ data: DataTable, schema: PanelSchema) throws(StudyError) {
    func column(_ name: String) throws(StudyError) -> Column {
      do { return try data.column(named: name) } catch { throw .invalidPanel(column: name, reason: error.description) }
    }
    func numbers(_ name: String) throws(StudyError) -> [Double] {
      do { return try column(name).doubles() } catch let e as StudyError { throw e } catch {
        throw .invalidPanel(column: name, reason: "\(error)")
      }
    }
    let generated = [
      Self.treatedColumn, Self.postColumn, Self.treatPostColumn, Self.startColumn, Self.cohortColumn, Self.shiftedTimeColumn,
      EventStudy.relativeTimeColumn,
    ]
    let kept = [schema.unit, schema.time] + schema.outcomes + schema.covariates + schema.mediators + schema.conditioningCovariates
    if let clash = kept.first(where: { generated.contains($0) || $0.hasPrefix(Self.periodDummyPrefix) }) {
      throw .invalidPanel(column: clash, reason: "the pipeline generates a column with this name; rename the column in the input")
    }
    guard !schema.outcomes.isEmpty else { throw .invalidPanel(column: "outcomes", reason: "no outcome columns were given") }
    let units = try column(schema.unit)
    let unitCodes: FactorCodes
    do { unitCodes = try FactorCodes(column: units) } catch { throw .invalidPanel(column: schema.unit, reason: error.description) }
    let times = try numbers(schema.time)
    let treatedValues = try numbers(schema.treated)
    var posts: [Double]
    if let post = schema.post {
      posts = try numbers(post)
    } else if let first = schema.firstTreatedPeriod {
      posts = times.map { $0.isNaN ? .nan : ($0 >= Double(first) ? 1 : 0) }
    } else {
      throw .invalidPanel(column: "post", reason: "give a post column or the first treated period")
    }
    var unitTreated = [Double?](repeating: nil, count: unitCodes.levelCount)
    var unitStart = [Int?](repeating: nil, count: unitCodes.levelCount)
    var periodSet = Set<Int>()
    for i in 0..<data.rowCount {
      let u = Int(unitCodes.codes[i])
      guard u >= 0 else { throw .invalidPanel(column: schema.unit, reason: "row \(i + 1) has no unit") }
      let t = times[i], d = treatedValues[i], p = posts[i]
      guard t.isFinite, t == t.rounded(), abs(t) < 1e9 else {
        throw .invalidPanel(column: schema.time, reason: "row \(i + 1) holds \(t); periods must be whole numbers")
      }
      guard d == 0 || d == 1 else { throw .invalidPanel(column: schema.treated, reason: "row \(i + 1) holds \(d); use 0 or 1") }
      guard p == 0 || p == 1 else { throw .invalidPanel(column: schema.post ?? "post", reason: "row \(i + 1) holds \(p); use 0 or 1") }
      if let previous = unitTreated[u], previous != d {
        throw .invalidPanel(column: schema.treated, reason: "unit \(unitCodes.labels[u]) is both treated and untreated; it must be constant within a unit")
      }
      unitTreated[u] = d
      periodSet.insert(Int(t))
      if d == 1, p == 1 { unitStart[u] = min(unitStart[u] ?? Int.max, Int(t)) }
    }
    let treatedUnits = unitTreated.filter { $0 == 1 }.count
    guard treatedUnits > 0 else { throw .invalidPanel(column: schema.treated, reason: "no unit is treated") }
    guard treatedUnits < unitCodes.levelCount else { throw .invalidPanel(column: schema.treated, reason: "every unit is treated; the design needs controls") }
    guard posts.contains(0), posts.contains(1) else {
      throw .invalidPanel(column: schema.post ?? "post", reason: "the panel needs both pre-treatment and treated periods")
    }
    let periods = periodSet.sorted()
    let never = periods.contains(0) ? (periods.first ?? 0) - 1_000 : 0
    let firstTreated = unitStart.compactMap { $0 }.min() ?? schema.firstTreatedPeriod ?? 0
    var columns = [Column]()
    for name in kept
    where !columns.contains(where: { $0.name == name }) {
      columns.append(try column(name))
    }
    let treatedTimesPost = zip(treatedValues, posts).map { $0 * $1 }
    let offset = (periods.first ?? 1) <= 0 ? 1 - (periods.first ?? 1) : 0
    let cohortOf = { (u: Int) -> Int in unitTreated[u] == 1 ? (unitStart[u].map { $0 + offset } ?? 0) : 0 }
    columns += [
      Column(name: Self.treatedColumn, doubles: treatedValues),
      Column(name: Self.postColumn, doubles: posts),
      Column(name: Self.treatPostColumn, doubles: treatedTimesPost),
      Column(name: Self.startColumn, ints: unitCodes.codes.map { unitTreated[Int($0)] == 1 ? (unitStart[Int($0)] ?? never) : never }),
      Column(name: Self.cohortColumn, ints: unitCodes.codes.map { cohortOf(Int($0)) }),
      Column(name: Self.shiftedTimeColumn, ints: times.map { Int($0) + offset }),
    ]
    let dummies = periods.dropFirst().map { p in
      Column(name: Self.periodDummyPrefix + String(p).replacingOccurrences(of: "-", with: "m"), doubles: times.map { $0 == Double(p) ? 1 : 0 })
    }
    columns += dummies
    self.periodDummies = dummies.map(\.name)
    do { table = try DataTable(columns: columns) } catch { throw .invalidPanel(column: "panel", reason: error.description) }
    self.schema = schema
    self.neverTreated = never
    self.firstTreatedPeriod = firstTreated
    self.unitCount = unitCodes.levelCount
    self.treatedUnitCount = treatedUnits
    self.periods = periods
    self.periodOffset = offset
    self.adoptionPeriods = Array(Set(unitStart.compactMap { $0 })).sorted()
  }

  /// The rows of treated periods (all units), for the naive post-period comparison.
  public var postPeriodTable: DataTable {
    let posts = (try? table.column(named: Self.postColumn).doubles()) ?? []
    return table.selecting(rows: posts.indices.filter { posts[$0] == 1 })
  }
}
