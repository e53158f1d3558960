import CausalKit
import Foundation
import ShanghaiStudy
import Testing

/// The generator's moments match its parameters, and equal seeds give identical panels.
@Suite struct SchoolPanelGeneratorTests {
  @Test func countsOfSchoolsYearsAndRowsMatchTheConfiguration() throws {
    let c = TestPanels.small()
    let panel = try SchoolPanelGenerator(configuration: c).generate()
    let table = panel.table
    let schools = try TestPanels.values(table, PanelColumns.school)
    let years = try TestPanels.values(table, PanelColumns.year)
    #expect(Set(schools).count == c.schoolCount)
    #expect(Set(years) == Set(c.years.map(Double.init)))
    #expect(panel.schools.filter(\.ssp).count == c.sspSchoolCount)
    let cells = c.schoolCount * c.years.count
    #expect(table.rowCount >= cells * c.minimumStudents)
    #expect(table.rowCount <= cells * c.maximumStudents)
    // Every school-year has between the minimum and maximum number of students.
    var counts = [String: Int]()
    for i in 0..<table.rowCount { counts["\(schools[i])-\(years[i])", default: 0] += 1 }
    #expect(counts.count == cells)
    #expect(counts.values.allSatisfy { (c.minimumStudents...c.maximumStudents).contains($0) })
    // SSP flags agree with the profiles, and treat_post = ssp × post.
    let ssp = try TestPanels.values(table, PanelColumns.ssp)
    let post = try TestPanels.values(table, PanelColumns.post)
    let treatPost = try TestPanels.values(table, PanelColumns.treatPost)
    for i in 0..<table.rowCount {
      #expect(treatPost[i] == ssp[i] * post[i])
      #expect((ssp[i] == 1) == panel.schools[Int(schools[i]) - 1].ssp)
      #expect((post[i] == 1) == (years[i] >= Double(c.firstProjectYear)))
    }
  }

  @Test func scoresHaveMeanZeroEveryYearAndUnitPooledPreProjectSD() throws {
    let c = TestPanels.small()
    let table = try SchoolPanelGenerator(configuration: c).generate().table
    let years = try TestPanels.values(table, PanelColumns.year)
    for subject in Subject.allCases {
      let score = try TestPanels.values(table, subject.rawValue)
      var preSquares = 0.0, preCount = 0.0
      for y in c.years {
        let m = TestPanels.mean(score) { years[$0] == Double(y) }
        #expect(abs(m) < 1e-12, "year mean \(m) of \(subject) in \(y)")
        let sd = (TestPanels.mean(score.map { $0 * $0 }) { years[$0] == Double(y) }).squareRoot()
        #expect(abs(sd - 1) < 0.15, "SD \(sd) of \(subject) in \(y)")
        if y < c.firstProjectYear {
          for i in score.indices where years[i] == Double(y) { preSquares += score[i] * score[i]; preCount += 1 }
        }
      }
      #expect(abs((preSquares / preCount).squareRoot() - 1) < 1e-12)
    }
  }

  @Test func projectSchoolsHaveLowerPriorAchievement() throws {
    let panel = try SchoolPanelGenerator(configuration: TestPanels.small()).generate()
    let treated = panel.schools.filter(\.ssp).map(\.priorAchievement)
    let control = panel.schools.filter { !$0.ssp }.map(\.priorAchievement)
    let gap = treated.reduce(0, +) / Double(treated.count) - control.reduce(0, +) / Double(control.count)
    #expect(gap < -0.8, "SSP schools should be clearly weaker; gap \(gap)")
    // So in pre-project years SSP students score lower.
    let table = panel.table
    let math = try TestPanels.values(table, "math")
    let ssp = try TestPanels.values(table, PanelColumns.ssp)
    let post = try TestPanels.values(table, PanelColumns.post)
    let preGap = TestPanels.mean(math) { ssp[$0] == 1 && post[$0] == 0 } - TestPanels.mean(math) { ssp[$0] == 0 && post[$0] == 0 }
    #expect(preGap < -0.3)
  }

  @Test func mediatorShiftsAreNearTheirParameters() throws {
    // A 2×2 difference of means against the total shifts through the chain: peer +0.8
    // (0.5 direct + 0.25 from leadership + 0.2 × 0.25 from teaching style), leadership +1.0,
    // teaching style +0.25 (0.05 direct + 0.2 from leadership). Tolerances are about three
    // standard errors of these differences on the small panel (60 schools).
    let c = TestPanels.small()
    let table = try SchoolPanelGenerator(configuration: c).generate().table
    let ssp = try TestPanels.values(table, PanelColumns.ssp)
    let post = try TestPanels.values(table, PanelColumns.post)
    #expect(abs(c.chain.totalShift(of: .peer) - 0.80) < 1e-12)
    #expect(abs(c.chain.totalShift(of: .teaching) - 0.25) < 1e-12)
    let expected: [(String, Double, Double)] = [
      (PanelColumns.peer, c.chain.totalShift(of: .peer), 0.10), (PanelColumns.leadership, c.chain.totalShift(of: .leadership), 0.15),
      (PanelColumns.teaching, c.chain.totalShift(of: .teaching), 0.10),
    ]
    for (name, shift, tolerance) in expected {
      let x = try TestPanels.values(table, name)
      func cell(_ d: Double, _ p: Double) -> Double { TestPanels.mean(x) { ssp[$0] == d && post[$0] == p } }
      let did = (cell(1, 1) - cell(1, 0)) - (cell(0, 1) - cell(0, 0))
      #expect(abs(did - shift) < tolerance, "\(name): DiD of means \(did), parameter \(shift)")
    }
  }

  @Test func trueEffectsAreExactAndDecompose() throws {
    let c = TestPanels.small()
    let truth = try SchoolPanelGenerator(configuration: c).generate().truth
    for subject in Subject.allCases {
      let t = try #require(truth[subject])
      let e = c.effects(for: subject)
      #expect(t.total == e.total)
      #expect(abs(t.direct + t.indirect.values.reduce(0, +) - t.total) < 1e-12)
      // Each indirect effect is the slope times the mediator's total shift (0.80, 0.25).
      #expect(abs((t.indirect[.peer] ?? .nan) - e.peerSlope * 0.80 / t.scale) < 1e-12)
      #expect(abs((t.indirect[.teaching] ?? .nan) - e.teachingSlope * 0.25 / t.scale) < 1e-12)
      #expect(abs(t.scale - 1) < 0.2)
    }
  }

  @Test func equalSeedsGiveIdenticalTablesAndDifferentSeedsDoNot() throws {
    let a = try SchoolPanelGenerator(configuration: TestPanels.small(seed: 11)).generate()
    let b = try SchoolPanelGenerator(configuration: TestPanels.small(seed: 11)).generate()
    let d = try SchoolPanelGenerator(configuration: TestPanels.small(seed: 12)).generate()
    #expect(a.table == b.table)
    #expect(a.truth == b.truth)
    #expect(a.table != d.table)
    // The truths are sums over cohorts and exposures; a dictionary's iteration order depends
    // on where its storage lies in memory, so only sums in a fixed order repeat bit for bit.
    for _ in 0..<12 {
      let again = try SchoolPanelGenerator(configuration: TestPanels.small(seed: 11)).generate()
      #expect(again.truth == a.truth)
    }
  }

  @Test func invalidParametersThrowNamedErrors() {
    var c = TestPanels.small()
    c.sspSchoolCount = c.schoolCount
    #expect(throws: StudyError.self) { try SchoolPanelGenerator(configuration: c).generate() }
    c = TestPanels.small()
    c.firstProjectYear = c.firstYear
    do {
      _ = try SchoolPanelGenerator(configuration: c).generate()
      Issue.record("expected an error")
    } catch {
      guard case .invalidConfiguration(let parameter, _) = error else { Issue.record("wrong error \(error)"); return }
      #expect(parameter == "firstProjectYear")
    }
  }
}
