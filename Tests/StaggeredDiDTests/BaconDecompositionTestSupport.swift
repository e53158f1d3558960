import StaggeredDiD
import TestSupport

/// Panels and independent recomputations for the Goodman-Bacon decomposition tests.
enum BaconPanels {
  /// The castle-doctrine panel (Cheng and Hoekstra 2013, from R's bacondecomp).
  static func castle() throws -> DataTable { try CSVReader().read(path: FixtureFiles.data("castle.csv")) }

  /// A seeded balanced panel: each unit's onset index is drawn from `onsets` (`nil` never
  /// treated, 0 always treated), the outcome has unit and period effects, noise, and effects
  /// that grow with exposure and differ by onset (so the 2×2 estimates differ).
  ///
  /// - Parameters:
  ///   - seed: The generator's seed.
  ///   - units: Number of units.
  ///   - periods: The time codes, ascending.
  ///   - onsets: The onset indices to draw from.
  static func simulated(seed: UInt64, units: Int, periods: [Int], onsets: [Int?]) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    var unit = [Int](), time = [Int](), treat = [Int](), y = [Double]()
    let periodEffects = periods.map { _ in rng.nextNormal() }
    for i in 0..<units {
      let onset = onsets[try rng.nextInt(below: onsets.count)]
      let unitEffect = rng.nextNormal()
      for (t, period) in periods.enumerated() {
        let d = onset.map { t >= $0 } ?? false
        let effect = d ? 1 + 0.5 * Double(t - (onset ?? 0)) + 0.2 * Double(onset ?? 0) : 0
        unit.append(i + 1)
        time.append(period)
        treat.append(d ? 1 : 0)
        y.append(3 + unitEffect + periodEffects[t] + effect + rng.nextNormal())
      }
    }
    return try DataTable(columns: [
      Column(name: "unit", ints: unit), Column(name: "time", ints: time), Column(name: "treat", ints: treat),
      Column(name: "y", doubles: y),
    ])
  }

  /// The panel's rows as (unit label, time, treatment, outcome).
  static func rows(
    _ table: DataTable, outcome: String, unit: String, time: String, treatment: String
  ) throws -> [(unit: String, time: Int, d: Double, y: Double)] {
    let units = try table.column(named: unit), y = try table.column(named: outcome).doubles()
    let t = try table.column(named: time).doubles(), d = try table.column(named: treatment).doubles()
    return (0..<table.rowCount).map { (units.text(at: $0) ?? "", Int(t[$0]), d[$0], y[$0]) }
  }

  /// A 2×2 estimate computed directly from the rows, without the library: the treated units'
  /// mean over units of (mean outcome in the window's periods from `treated` on minus mean
  /// outcome in its periods before), minus the same for the control units.
  ///
  /// Units are grouped by their first treated period (`Int.max` when never treated, the first
  /// period when always treated); `control` is the control group's first treated period, or
  /// `nil` for the never- (`always == false`) or always-treated units.
  static func directEstimate(
    rows: [(unit: String, time: Int, d: Double, y: Double)], treated: Int, control: Int?, always: Bool,
    window: ClosedRange<Int>
  ) -> Double {
    let firstPeriod = rows.map(\.time).min() ?? 0
    var onset = [String: Int]()
    for row in rows where row.d == 1 { onset[row.unit] = min(onset[row.unit] ?? Int.max, row.time) }
    let controlOnset = control ?? (always ? firstPeriod : Int.max)
    func change(of group: Int) -> Double {
      var before = [String: (sum: Double, count: Int)](), after = before
      for row in rows where (onset[row.unit] ?? Int.max) == group && window.contains(row.time) {
        if row.time >= treated {
          after[row.unit, default: (0, 0)].sum += row.y
          after[row.unit, default: (0, 0)].count += 1
        } else {
          before[row.unit, default: (0, 0)].sum += row.y
          before[row.unit, default: (0, 0)].count += 1
        }
      }
      let changes = after.keys.map { unit in
        after[unit].map { $0.sum / Double($0.count) }! - before[unit].map { $0.sum / Double($0.count) }!
      }
      return changes.reduce(0, +) / Double(changes.count)
    }
    return change(of: treated) - change(of: controlOnset)
  }

  /// The two-way fixed-effects coefficient of a balanced panel computed without a regression:
  /// `Σ D̃ y / Σ D̃²` with `D̃ = D − D̄_unit − D̄_time + D̄`.
  static func twoWayCoefficient(_ rows: [(unit: String, time: Int, d: Double, y: Double)]) -> Double {
    var unitSum = [String: Double](), timeSum = [Int: Double]()
    var unitCount = [String: Double](), timeCount = [Int: Double]()
    for row in rows {
      unitSum[row.unit, default: 0] += row.d
      unitCount[row.unit, default: 0] += 1
      timeSum[row.time, default: 0] += row.d
      timeCount[row.time, default: 0] += 1
    }
    let grand = rows.reduce(0) { $0 + $1.d } / Double(rows.count)
    var numerator = 0.0, denominator = 0.0
    for row in rows {
      let dt = row.d - unitSum[row.unit]! / unitCount[row.unit]! - timeSum[row.time]! / timeCount[row.time]! + grand
      numerator += dt * row.y
      denominator += dt * dt
    }
    return numerator / denominator
  }
}
