import StaggeredDiD
import Testing

@Suite("StaggeredDiD module")
struct ModuleTests {
  @Test("importing the module alone gives the data vocabulary")
  func reexports() throws {
    let table = try DataTable(columns: [Column(name: "y", doubles: [1, 2])])
    #expect(table.rowCount == 2)
  }
}
