import CausalKit

/// Tables built from Swift arrays, as an application holding its own data would.
enum SchoolData {
  /// A panel of 30 schools × 6 years × 5 students; 12 schools are treated from year 2018. The
  /// outcome column's name has a space, as users' columns do.
  static func panel() throws -> DataTable {
    var rng = SeededGenerator(seed: 42)
    var school: [String] = [], year: [Int] = [], treated: [Int] = [], post: [Int] = [], treatPost: [Int] = []
    var firstYear: [Int] = [], prior: [Double] = [], mediator: [Double] = [], score: [Double] = []
    for s in 0..<30 {
      let isTreated = s < 12
      let level = Double.random(in: -1...1, using: &rng)
      for t in 2015...2020 {
        for _ in 0..<5 {
          let d = isTreated && t >= 2018 ? 1 : 0
          let m = 0.5 * Double(d) + Double.random(in: -0.5...0.5, using: &rng)
          let p = level + Double.random(in: -0.5...0.5, using: &rng)
          school.append("school \(s)")
          year.append(t)
          treated.append(isTreated ? 1 : 0)
          post.append(t >= 2018 ? 1 : 0)
          treatPost.append(d)
          firstYear.append(isTreated ? 2018 : 0)
          prior.append(p)
          mediator.append(m)
          score.append(level + 0.3 * Double(d) + 0.4 * m + 0.2 * p + Double.random(in: -0.5...0.5, using: &rng))
        }
      }
    }
    return try DataTable(columns: [
      Column(name: "school", strings: school), Column(name: "year", ints: year),
      Column(name: "treated", ints: treated), Column(name: "post", ints: post),
      Column(name: "treat_post", ints: treatPost), Column(name: "first_year", ints: firstYear),
      Column(name: "prior score", doubles: prior), Column(name: "teacher quality", doubles: mediator),
      Column(name: "test score", doubles: score),
    ])
  }

  /// 400 units, treatment more likely at low `x1`, outcome effect 1.
  static func units() throws -> DataTable {
    var rng = SeededGenerator(seed: 7)
    var x1: [Double] = [], x2: [Double] = [], treat: [Int] = [], y: [Double] = []
    for _ in 0..<400 {
      let a = Double.random(in: -2...2, using: &rng), b = Double.random(in: -1...1, using: &rng)
      let p = 1 / (1 + (0.5 + a).exponential)
      let d = Double.random(in: 0...1, using: &rng) < p ? 1 : 0
      x1.append(a)
      x2.append(b)
      treat.append(d)
      y.append(Double(d) + a + 0.5 * b + Double.random(in: -1...1, using: &rng))
    }
    return try DataTable(columns: [
      Column(name: "x 1", doubles: x1), Column(name: "x2", doubles: x2), Column(name: "treat", ints: treat),
      Column(name: "outcome y", doubles: y),
    ])
  }
}

extension Double {
  /// e^self (kept here so the client needs no Foundation).
  var exponential: Double {
    var term = 1.0, sum = 1.0
    for k in 1..<40 {
      term *= self / Double(k)
      sum += term
    }
    return sum
  }
}
