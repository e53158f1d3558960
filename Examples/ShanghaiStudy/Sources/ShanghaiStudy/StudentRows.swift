import CausalKit

/// The generated student rows, column by column, before the scores are standardized.
struct StudentRows: Sendable {
  var school = [Int]()
  var year = [Int]()
  var ssp = [Int]()
  var post = [Int]()
  /// The school's first project year (0 for schools that never join).
  var adoption = [Int]()
  /// Years since the school joined (0 in the joining year), −1 when not treated.
  var exposure = [Int]()
  var peer = [Double]()
  var teaching = [Double]()
  var leadership = [Double]()
  var prior = [Double]()
  var size = [Int]()
  var urban = [Int]()
  var migrantShare = [Double]()
  var teacherExperience = [Double]()
  /// Raw scores without the direct effect, one array per subject.
  var rawScores: [[Double]]

  init(subjects: Int) {
    rawScores = Array(repeating: [], count: subjects)
  }

  /// Appends every cohort of one school. `post` is 1 from the school's first project year for
  /// SSP schools, and in the project years (from ``SchoolPanelConfiguration/firstProjectYear``)
  /// for the others, so that `ssp × post` is the school's treatment.
  mutating func appendSchool(
    _ draw: SchoolDraw, id: Int, adoptionYear: Int?, years: [Int], yearShocks: [[Double]],
    configuration c: SchoolPanelConfiguration, using g: inout SeededGenerator
  ) {
    let slopes = Subject.allCases.map { c.effects(for: $0) }
    let span = c.maximumStudents - c.minimumStudents + 1
    let common = c.abilityCorrelation.squareRoot() * c.studentNoiseSD
    let own = (1 - c.abilityCorrelation).squareRoot() * c.studentNoiseSD
    let start = year.count
    let isSSP = adoptionYear != nil
    for (t, y) in years.enumerated() {
      let isPost = y >= (adoptionYear ?? c.firstProjectYear)
      let d = isSSP && isPost ? 1.0 : 0.0
      let n = c.minimumStudents + min(span - 1, Int(g.nextUniform() * Double(span)))
      let lead = draw.leadershipLevel + c.leadershipYearSD * g.nextNormal() + d * c.leadershipShift
      let cohortShock = slopes.indices.map { _ in c.schoolYearShockSD * g.nextNormal() }
      for _ in 0..<n {
        // The noises in the order the generator has always drawn them (peer, then teaching).
        let peerNoise = g.nextNormal()
        let tStyle = draw.teachingMean + c.teachingOnLeadership * lead + g.nextNormal() + d * c.teachingShift
        let p = draw.peerMean + c.peerOnLeadership * lead + c.peerOnTeaching * tStyle + peerNoise + d * c.peerShift
        let ability = g.nextNormal()
        for j in slopes.indices {
          let e = slopes[j]
          let noise = common * ability + own * g.nextNormal()
          rawScores[j].append(
            draw.level[j] + yearShocks[t][j] + cohortShock[j] + e.peerSlope * p + e.leadershipSlope * lead + e.teachingSlope * tStyle + noise)
        }
        school.append(id)
        year.append(y)
        ssp.append(isSSP ? 1 : 0)
        post.append(isPost ? 1 : 0)
        adoption.append(adoptionYear ?? 0)
        exposure.append(d == 1 ? y - (adoptionYear ?? y) : -1)
        peer.append(p)
        teaching.append(tStyle)
        leadership.append(lead)
      }
    }
    let added = year.count - start
    prior.append(contentsOf: repeatElement(draw.prior, count: added))
    size.append(contentsOf: repeatElement(draw.size, count: added))
    urban.append(contentsOf: repeatElement(draw.urban ? 1 : 0, count: added))
    migrantShare.append(contentsOf: repeatElement(draw.migrantShare, count: added))
    teacherExperience.append(contentsOf: repeatElement(draw.teacherExperience, count: added))
  }

  /// Adds each subject's direct effect and standardizes: centred on the year mean, divided by
  /// the pooled within-year SD of the pre-project years. Returns the scores and the truth.
  ///
  /// The direct effect of a treated row `e` years after its school joined is
  /// `τ(e) · scale − Σ slope · total shift` (raw units; each mediator's total shift through the
  /// chain, ``MediatorChain/totalShift(of:)``), so that its total effect on the
  /// standardized score is exactly `τ(e) = total · exposureMultiplier(e)`.
  func standardizedScores(configuration c: SchoolPanelConfiguration) -> ([[Double]], SimulationTruth) {
    let years = c.years
    let firstYear = c.firstYear
    var scores = [[Double]]()
    var truths = [SimulationTruth.SubjectTruth]()
    // Rows per adoption cohort (all years) and treated rows per exposure, for the averages.
    var cohortRows = [Int: Double]()
    var exposureRows = [Int: Double]()
    for i in adoption.indices where adoption[i] > 0 {
      cohortRows[adoption[i], default: 0] += 1
      if exposure[i] >= 0 { exposureRows[exposure[i], default: 0] += 1 }
    }
    // Sums run in key order: a dictionary's iteration order can differ between two equal
    // dictionaries, and a floating-point sum in another order can differ in its last bit, so
    // equal seeds would not always give equal truths.
    let exposures = exposureRows.sorted { $0.key < $1.key }
    let cohorts = cohortRows.sorted { $0.key < $1.key }
    let treatedRows = exposures.reduce(0) { $0 + $1.value }
    /// Σ over treated rows of τ(e).
    func exposureSum(_ tau: [Double]) -> Double { exposures.reduce(0) { $0 + $1.value * tau[$1.key] } }
    /// Callaway-Sant'Anna's simple aggregation: every post-treatment cell (g, t) weighted by its
    /// cohort's share of the rows.
    func cohortWeighted(_ tau: [Double]) -> Double {
      var sum = 0.0, weight = 0.0
      for (g, rows) in cohorts {
        for t in g...max(g, c.lastYear) where t - g < tau.count {
          sum += rows * tau[t - g]
          weight += rows
        }
      }
      return weight > 0 ? sum / weight : tau.first ?? 0
    }
    for (j, subject) in Subject.allCases.enumerated() {
      let raw = rawScores[j]
      let e = c.effects(for: subject)
      let scale = Self.preProjectSD(raw, year: year, firstProjectYear: c.firstProjectYear, years: years.count, firstYear: firstYear)
      let chain = c.chain
      let shift = { (m: SimulationTruth.Mediator) in chain.totalShift(of: m) }
      let mediated = e.peerSlope * shift(.peer) + e.leadershipSlope * shift(.leadership) + e.teachingSlope * shift(.teaching)
      let maxExposure = c.lastYear - c.firstProjectYear
      let byExposure = (0...max(0, maxExposure)).map { e.total * c.exposureMultiplier($0) }
      let directRaw = byExposure.map { $0 * scale - mediated }
      var observed = raw
      for i in observed.indices where exposure[i] >= 0 { observed[i] += directRaw[exposure[i]] }
      var sums = [Double](repeating: 0, count: years.count)
      var counts = [Double](repeating: 0, count: years.count)
      for i in observed.indices {
        sums[year[i] - firstYear] += observed[i]
        counts[year[i] - firstYear] += 1
      }
      let means = zip(sums, counts).map { $1 > 0 ? $0 / $1 : 0 }
      scores.append(observed.indices.map { (observed[$0] - means[year[$0] - firstYear]) / scale })
      let indirect: [SimulationTruth.Mediator: Double] = [
        .peer: e.peerSlope * shift(.peer) / scale, .leadership: e.leadershipSlope * shift(.leadership) / scale,
        .teaching: e.teachingSlope * shift(.teaching) / scale,
      ]
      let slopes: [SimulationTruth.Mediator: Double] = [
        .peer: e.peerSlope / scale, .leadership: e.leadershipSlope / scale, .teaching: e.teachingSlope / scale,
      ]
      var eventTimes = [Int: Double]()
      for (k, tau) in byExposure.enumerated() where cohortRows.keys.contains(where: { c.lastYear - $0 >= k }) { eventTimes[k] = tau }
      truths.append(SimulationTruth.SubjectTruth(
        subject: subject, total: e.total, direct: e.total - SimulationTruth.Mediator.allCases.reduce(0) { $0 + (indirect[$1] ?? 0) },
        indirect: indirect,
        slopes: slopes, scale: scale, byEventTime: eventTimes,
        treatedAverage: treatedRows > 0 ? exposureSum(byExposure) / Double(treatedRows) : e.total,
        cohortWeightedAverage: cohortWeighted(byExposure), chain: ChainTruth(chain: chain, effects: e, scale: scale)))
    }
    let shifts = Dictionary(uniqueKeysWithValues: SimulationTruth.Mediator.allCases.map { ($0, c.chain.totalShift(of: $0)) })
    return (scores, SimulationTruth(subjects: truths, mediatorShifts: shifts))
  }

  /// The pooled within-year SD (population form) of the rows before the first project year;
  /// 1 when undefined.
  static func preProjectSD(_ raw: [Double], year: [Int], firstProjectYear: Int, years: Int, firstYear: Int) -> Double {
    var sums = [Double](repeating: 0, count: years)
    var counts = [Double](repeating: 0, count: years)
    for i in raw.indices where year[i] < firstProjectYear {
      sums[year[i] - firstYear] += raw[i]
      counts[year[i] - firstYear] += 1
    }
    var squares = 0.0
    var n = 0.0
    for i in raw.indices where year[i] < firstProjectYear {
      let k = year[i] - firstYear
      let d = raw[i] - sums[k] / counts[k]
      squares += d * d
      n += 1
    }
    let sd = n > 0 ? (squares / n).squareRoot() : 1
    return sd > 0 && sd.isFinite ? sd : 1
  }

  /// The student table.
  ///
  /// - Throws: ``StudyError/invalidPanel(column:reason:)`` if the columns disagree in length
  ///   (a defect of the generator, not of the parameters).
  func table(scores: [[Double]], configuration c: SchoolPanelConfiguration) throws(StudyError) -> DataTable {
    var columns = [
      Column(name: PanelColumns.student, ints: (0..<year.count).map { $0 + 1 }),
      Column(name: PanelColumns.school, ints: school),
      Column(name: PanelColumns.year, ints: year),
      Column(name: PanelColumns.cohort, ints: year.map { $0 - 2 }),
      Column(name: PanelColumns.ssp, ints: ssp),
      Column(name: PanelColumns.post, ints: post),
      Column(name: PanelColumns.treatPost, ints: zip(ssp, post).map { $0 * $1 }),
      Column(name: PanelColumns.firstYear, ints: adoption),
    ]
    for (j, subject) in Subject.allCases.enumerated() { columns.append(Column(name: subject.rawValue, doubles: scores[j])) }
    columns += [
      Column(name: PanelColumns.peer, doubles: peer),
      Column(name: PanelColumns.teaching, doubles: teaching),
      Column(name: PanelColumns.leadership, doubles: leadership),
      Column(name: PanelColumns.priorAchievement, doubles: prior),
      Column(name: PanelColumns.size, ints: size),
      Column(name: PanelColumns.urban, ints: urban),
      Column(name: PanelColumns.migrantShare, doubles: migrantShare),
      Column(name: PanelColumns.teacherExperience, doubles: teacherExperience),
    ]
    do {
      return try DataTable(columns: columns)
    } catch {
      throw .invalidPanel(column: "generated table", reason: error.description)
    }
  }
}
