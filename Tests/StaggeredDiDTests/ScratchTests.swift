import StaggeredDiD
import Testing
import TestSupport

@Suite("Scratch")
struct ScratchTests {
  @Test func sa() throws {
    let data = try CSVReader().read(path: FixtureFiles.data("did_mpdta.csv"))
    let r = try SunAbraham(outcome: "lemp", unit: "countyreal", time: "year", cohort: "first_treat").fit(data)
    print(r.summary())
  }
}
