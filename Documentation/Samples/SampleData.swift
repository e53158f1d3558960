import CausalKit
import Foundation

/// The data files the documentation's samples read, by the names the documents use.
enum SampleData {
  /// Fixture files copied under their own names.
  static let fixtureFiles = [
    "wage_panel.csv", "lalonde.csv", "framing.csv", "did_mpdta.csv", "did_sim_panel.csv", "castle.csv",
    "drdid_sim_panel.csv",
  ]

  /// Creates `directory` and fills it: fixture copies (`stata/wage_panel.dta` as
  /// `wage_panel.dta`, `sequential_mediation_sim.csv` with a `math` outcome as `students.csv`), a synthetic school panel
  /// (`panel.csv`) and a synthetic firm cross-section (`firms.csv`).
  ///
  /// - Parameters:
  ///   - directory: The scratch directory (created if needed).
  ///   - fixtures: `Tests/Fixtures/data`.
  static func prepare(directory: String, fixtures: String) throws {
    let fm = FileManager.default
    try fm.createDirectory(atPath: directory, withIntermediateDirectories: true)
    for name in fixtureFiles {
      let target = directory + "/" + name
      if fm.fileExists(atPath: target) { try fm.removeItem(atPath: target) }
      try fm.copyItem(atPath: fixtures + "/" + name, toPath: target)
    }
    let stata = directory + "/wage_panel.dta"
    if fm.fileExists(atPath: stata) { try fm.removeItem(atPath: stata) }
    try fm.copyItem(atPath: fixtures + "/stata/wage_panel.dta", toPath: stata)
    let students = directory + "/students.csv"
    if fm.fileExists(atPath: students) { try fm.removeItem(atPath: students) }
    try CSVWriter().write(try withMath(CSVReader().read(path: fixtures + "/sequential_mediation_sim.csv")), toPath: students)
    try CSVWriter().write(try schoolPanel(), toPath: directory + "/panel.csv")
    try CSVWriter().write(try firms(), toPath: directory + "/firms.csv")
  }

  /// The students of `sequential_mediation_sim.csv` with a second outcome, `math`
  /// (`0.4 score + 0.5 peer + 0.3 lead + N(0, 0.5²)`, seeded), for the several-outcome samples.
  static func withMath(_ table: DataTable) throws -> DataTable {
    var rng = SeededGenerator(seed: 2024)
    let score = try table.column(named: "score").doubles(), peer = try table.column(named: "peer").doubles()
    let lead = try table.column(named: "lead").doubles()
    var out = table
    var math: [Double] = []
    for i in score.indices {
      let systematic: Double = 0.4 * score[i] + 0.5 * peer[i] + 0.3 * lead[i]
      math.append(systematic + 0.5 * rng.nextNormal())
    }
    try out.append(Column(name: "math", doubles: math))
    return out
  }

  /// 40 schools (16 treated from 2018) observed 2015-2021 with 8 students a year: every column
  /// the articles' school-panel samples name. The treatment effect on `score` is 0.5, of which
  /// 0.2 runs through `teacher_quality`.
  static func schoolPanel() throws -> DataTable {
    var rng = SeededGenerator(seed: 2018)
    var columns: [String: [Double]] = [:]
    var school: [String] = []
    func add(_ name: String, _ value: Double) { columns[name, default: []].append(value) }
    for s in 0..<40 {
      let treated = s < 16
      let prior = Double.random(in: -1...1, using: &rng) - (treated ? 0.3 : 0)
      let enrolment = Double.random(in: 300...900, using: &rng).rounded()
      let urban = Double(Int.random(in: 0...1, using: &rng))
      let schoolEffect = Double.random(in: -0.5...0.5, using: &rng)
      for year in 2015...2021 {
        let post = year >= 2018
        let d = treated && post ? 1.0 : 0.0
        for _ in 0..<8 {
          let x = Double.random(in: -1...1, using: &rng)
          let quality = 0.4 * d + 0.5 * Double.random(in: -1...1, using: &rng)
          let noise = Double.random(in: -0.5...0.5, using: &rng)
          let score = schoolEffect + 0.05 * Double(year - 2015) + 0.3 * d + 0.5 * quality + 0.2 * x + 0.3 * prior + noise
          school.append("s\(s)")
          add("year", Double(year))
          add("treated", treated ? 1 : 0)
          add("post", post ? 1 : 0)
          add("treat_post", d)
          add("first_year", treated ? 2018 : 0)
          add("rel", treated ? Double(year - 2018) : -1)
          add("x", x)
          add("prior score", prior + 0.1 * x)
          add("prior_math", prior)
          add("enrolment", enrolment)
          add("urban", urban)
          add("teacher_quality", quality)
          add("score", score)
        }
      }
    }
    var table = try DataTable(columns: [
      Column(name: "school", strings: school), Column(name: "unit", strings: school),
    ])
    for name in ["year", "treated", "post", "treat_post", "first_year", "rel"] {
      try table.append(Column(name: name, ints: columns[name, default: []].map { Int($0) }))
    }
    for name in ["x", "prior score", "prior_math", "enrolment", "urban", "teacher_quality", "score"] {
      try table.append(Column(name: name, doubles: columns[name, default: []]))
    }
    // Aliases under the names other articles use for the same roles.
    let score = try table.column(named: "score").doubles()
    try table.append(Column(name: "math", doubles: score))
    try table.append(Column(name: "y", doubles: score))
    try table.append(Column(name: "treat", ints: columns["treat_post", default: []].map { Int($0) }))
    try table.append(Column(name: "ssp", ints: columns["treated", default: []].map { Int($0) }))
    try table.append(Column(name: "strong_school", ints: columns["treated", default: []].map { Int($0) }))
    return table
  }

  /// 600 firms in 12 industries with a randomized treatment (effect 1).
  static func firms() throws -> DataTable {
    var rng = SeededGenerator(seed: 7)
    var y: [Double] = [], treat: [Int] = [], x: [Double] = [], industry: [String] = []
    for i in 0..<600 {
      let t = Int.random(in: 0...1, using: &rng)
      let xi = Double.random(in: -1...1, using: &rng)
      let e = Double.random(in: -1...1, using: &rng) * (1 + abs(xi))
      y.append(Double(t) + 0.5 * xi + Double(i % 12) * 0.1 + e)
      treat.append(t)
      x.append(xi)
      industry.append("ind\(i % 12)")
    }
    return try DataTable(columns: [
      Column(name: "y", doubles: y), Column(name: "treat", ints: treat), Column(name: "x", doubles: x),
      Column(name: "industry", strings: industry),
    ])
  }
}
