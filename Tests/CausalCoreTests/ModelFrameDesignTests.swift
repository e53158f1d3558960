import CausalCore
import Foundation
import LinearAlgebra
import Testing

/// Small tables whose design matrices can be written down by hand.
enum ModelFrameFixtures {
  /// Six rows: y, x (double), z (int), b (bool), g (text a/b/c), h (text u/v), rel (int), f (int).
  static func table() throws -> DataTable {
    try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, 3, 4, 5, 6]),
      Column(name: "x", doubles: [1, 2, 3, 4, 5, 6]),
      Column(name: "z", ints: [2, 0, 1, 3, 1, 2]),
      Column(name: "b", bools: [true, false, true, false, false, true]),
      Column(name: "g", strings: ["b", "a", "c", "a", "b", "c"]),
      Column(name: "h", strings: ["v", "u", "u", "v", "v", "u"]),
      Column(name: "rel", ints: [-2, -1, 0, 1, -1, 0]),
      Column(name: "f", ints: [7, 7, 9, 9, 8, 8]),
    ])
  }

  /// The design column with this name.
  static func column(_ frame: ModelFrame, _ name: String) -> [Double]? {
    frame.termNames.firstIndex(of: name).map { frame.design.column($0) }
  }
}

@Suite("Model frame: design columns and names")
struct ModelFrameDesignTests {
  typealias F = ModelFrameFixtures

  @Test("Intercept first, numeric and integer columns by name")
  func numeric() throws {
    let frame = try ModelFrame("y ~ x + z", data: F.table())
    #expect(frame.termNames == ["(Intercept)", "x", "z"])
    #expect(frame.hasIntercept)
    #expect(frame.design.rows == 6 && frame.design.columns == 3)
    #expect(frame.design.elements == [1, 1, 1, 1, 1, 1] + [1, 2, 3, 4, 5, 6] + [2, 0, 1, 3, 1, 2])
    #expect(frame.response == [1, 2, 3, 4, 5, 6])
    #expect(frame.rowIndices == [0, 1, 2, 3, 4, 5])
    #expect(frame.weights == nil)
    #expect(frame.drops == DropReport())
    #expect(frame.columnTerms == ["(Intercept)", "x", "z"])
  }

  @Test("Bool column becomes 0/1 named like the column")
  func bool() throws {
    let frame = try ModelFrame("y ~ b - 1", data: F.table())
    #expect(frame.termNames == ["b"])
    #expect(frame.design.column(0) == [1, 0, 1, 0, 0, 1])
  }

  @Test("Text column: dummies for every level but the first, with or without intercept or FE")
  func dummies() throws {
    let g = ["b", "a", "c", "a", "b", "c"]
    let b = g.map { $0 == "b" ? 1.0 : 0 }
    let c = g.map { $0 == "c" ? 1.0 : 0 }
    let withIntercept = try ModelFrame("y ~ g", data: F.table())
    #expect(withIntercept.termNames == ["(Intercept)", "g::b", "g::c"])
    #expect(F.column(withIntercept, "g::b") == b)
    #expect(F.column(withIntercept, "g::c") == c)
    let without = try ModelFrame("y ~ g - 1", data: F.table())
    #expect(without.termNames == ["g::b", "g::c"])
    let withFE = try ModelFrame("y ~ g | f", data: F.table())
    #expect(withFE.termNames == ["g::b", "g::c"])
    #expect(!withFE.hasIntercept)
    #expect(withFE.columnTerms == ["g", "g"])
  }

  @Test("Levels are those of the kept rows")
  func keptLevels() throws {
    let data = try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, .nan, 4]),
      Column(name: "g", strings: ["a", "b", "c", "a"]),
    ])
    let frame = try ModelFrame("y ~ g", data: data)
    #expect(frame.termNames == ["(Intercept)", "g::b"])
    #expect(frame.design.column(1) == [0, 1, 0])
  }

  @Test("Numeric interactions are products; a:b:c of three")
  func numericInteractions() throws {
    let frame = try ModelFrame("y ~ x:z + x:z:b - 1", data: F.table())
    #expect(frame.termNames == ["x:z", "x:z:b"])
    #expect(frame.design.column(0) == [2, 0, 3, 12, 5, 12])
    #expect(frame.design.column(1) == [2, 0, 3, 0, 0, 12])
  }

  @Test("x3*x4 gives x3, x4 and x3:x4")
  func crossing() throws {
    let frame = try ModelFrame("y ~ x*z", data: F.table())
    #expect(frame.termNames == ["(Intercept)", "x", "z", "x:z"])
    #expect(F.column(frame, "x:z") == [2, 0, 3, 12, 5, 12])
  }

  @Test("Text-by-numeric interaction: g::b:x for each non-first level; order follows the formula")
  func textInteraction() throws {
    let frame = try ModelFrame("y ~ g:x + x:h - 1", data: F.table())
    #expect(frame.termNames == ["g::b:x", "g::c:x", "x:h::v"])
    #expect(frame.design.column(0) == [1, 0, 0, 0, 5, 0])
    #expect(frame.design.column(1) == [0, 0, 3, 0, 0, 6])
    #expect(frame.design.column(2) == [1, 0, 0, 4, 5, 0])
  }

  @Test("Two text factors: every pair of non-first levels, first factor fastest")
  func textByText() throws {
    let frame = try ModelFrame("y ~ g:h - 1", data: F.table())
    #expect(frame.termNames == ["g::b:h::v", "g::c:h::v"])
    #expect(frame.design.column(0) == [1, 0, 0, 0, 1, 0])
    #expect(frame.design.column(1) == [0, 0, 0, 0, 0, 0])
  }

  @Test("i(rel, ref = -1): one dummy per other value, ascending, integral names")
  func indicatorOneReference() throws {
    let frame = try ModelFrame("y ~ i(rel, ref = -1)", data: F.table())
    #expect(frame.termNames == ["(Intercept)", "rel::-2", "rel::0", "rel::1"])
    #expect(F.column(frame, "rel::-2") == [1, 0, 0, 0, 0, 0])
    #expect(F.column(frame, "rel::0") == [0, 0, 1, 0, 0, 1])
    #expect(F.column(frame, "rel::1") == [0, 0, 0, 1, 0, 0])
    #expect(frame.columnTerms.dropFirst().allSatisfy { $0 == "i(rel,ref=-1)" })
  }

  @Test("i() with several references")
  func indicatorSeveralReferences() throws {
    let frame = try ModelFrame("y ~ i(rel, ref = c(-1, 1)) | f", data: F.table())
    #expect(frame.termNames == ["rel::-2", "rel::0"])
  }

  @Test("i(rel, x, ref = ...): dummies times x, named rel::v:x")
  func indicatorWithPartner() throws {
    // -1000 does not occur: values absent from the data are ignored when another one matches.
    let frame = try ModelFrame("y ~ i(rel, x, ref = c(-1, -1000)) | f", data: F.table())
    #expect(frame.termNames == ["rel::-2:x", "rel::0:x", "rel::1:x"])
    #expect(F.column(frame, "rel::0:x") == [0, 0, 3, 0, 0, 6])
    #expect(F.column(frame, "rel::-2:x") == [1, 0, 0, 0, 0, 0])
  }

  @Test("i() reference values that match nothing are an error")
  func indicatorUnknownReference() throws {
    #expect(throws: ModelFrameError.unknownLevel(term: "i(rel,ref=5)", argument: "ref", value: "5", available: ["-2", "-1", "0", "1"])) {
      try ModelFrame("y ~ i(rel, ref = 5)", data: F.table())
    }
    #expect(throws: ModelFrameError.unknownLevel(term: "i(rel,keep=c(5,6))", argument: "keep", value: "c(5,6)", available: ["-2", "-1", "0", "1"])) {
      try ModelFrame("y ~ i(rel, keep = c(5, 6))", data: F.table())
    }
    #expect(throws: ModelFrameError.noLevelsLeft(term: "i(rel,ref=c(-2,-1,0,1))")) {
      try ModelFrame("y ~ i(rel, ref = c(-2, -1, 0, 1))", data: F.table())
    }
  }

  @Test("i() without ref: first value dropped (fixest); with a numeric partner: all values kept")
  func indicatorDefaults() throws {
    #expect(try ModelFrame("y ~ i(rel)", data: F.table()).termNames == ["(Intercept)", "rel::-1", "rel::0", "rel::1"])
    #expect(try ModelFrame("y ~ i(rel, x) | f", data: F.table()).termNames == ["rel::-2:x", "rel::-1:x", "rel::0:x", "rel::1:x"])
  }

  @Test("i() with keep, text values, and an expression partner")
  func indicatorKeepAndText() throws {
    #expect(try ModelFrame("y ~ i(rel, keep = c(0, 1)) | f", data: F.table()).termNames == ["rel::0", "rel::1"])
    let text = try ModelFrame(#"y ~ i(g, ref = "b") | f"#, data: F.table())
    #expect(text.termNames == ["g::a", "g::c"])
    #expect(text.design.column(0) == [0, 1, 0, 1, 0, 0])
    let expr = try ModelFrame("y ~ i(h, log(x), ref = \"u\") | f", data: F.table())
    #expect(expr.termNames == ["h::v:log(x)"])
    #expect(expr.design.column(0) == [0, 0, 0, Double(4).logValue, Double(5).logValue, 0])
  }

  @Test("i() on a non-integral double variable and a bool variable")
  func indicatorLabels() throws {
    let data = try DataTable(columns: [
      Column(name: "y", doubles: [1, 2, 3, 4]),
      Column(name: "d", doubles: [0.5, -1.25, 0.5, 2]),
      Column(name: "t", bools: [true, false, true, false]),
    ])
    #expect(try ModelFrame("y ~ i(d, ref = 2)", data: data).termNames == ["(Intercept)", "d::-1.25", "d::0.5"])
    #expect(try ModelFrame("y ~ i(t)", data: data).termNames == ["(Intercept)", "t::TRUE"])
    #expect(try ModelFrame("y ~ i(t, ref = TRUE)", data: data).termNames == ["(Intercept)", "t::FALSE"])
  }

  @Test("Expressions are computed and named by their normalized text")
  func expressions() throws {
    let frame = try ModelFrame("log(y) ~ log(x) + I(x^2) + sqrt(x) + exp(z) + abs(z - 2) + log1p(x) + I(x / 2 + 1)", data: F.table())
    let x: [Double] = [1, 2, 3, 4, 5, 6]
    let z: [Double] = [2, 0, 1, 3, 1, 2]
    #expect(frame.termNames == ["(Intercept)", "log(x)", "I(x^2)", "sqrt(x)", "exp(z)", "abs(z-2)", "log1p(x)", "I(x/2+1)"])
    #expect(frame.response == x.map { $0.logValue })
    #expect(F.column(frame, "log(x)") == x.map { $0.logValue })
    #expect(F.column(frame, "I(x^2)") == x.map { $0 * $0 })
    #expect(F.column(frame, "sqrt(x)") == x.map { $0.squareRoot() })
    #expect(F.column(frame, "abs(z-2)") == z.map { Swift.abs($0 - 2) })
    #expect(F.column(frame, "I(x/2+1)") == x.map { $0 / 2 + 1 })
  }

  @Test("Intercept rules: removed by - 1, absent with fixed effects, y ~ 1 | fe has no columns")
  func interceptRules() throws {
    #expect(try ModelFrame("y ~ x - 1", data: F.table()).termNames == ["x"])
    #expect(try ModelFrame("y ~ 0 + x", data: F.table()).termNames == ["x"])
    let fe = try ModelFrame("y ~ x | f", data: F.table())
    #expect(fe.termNames == ["x"] && !fe.hasIntercept)
    let only = try ModelFrame("y ~ 1 | f", data: F.table())
    #expect(only.termNames.isEmpty && only.design.columns == 0 && only.design.rows == 6)
    let interceptOnly = try ModelFrame("y ~ 1", data: F.table())
    #expect(interceptOnly.termNames == ["(Intercept)"])
  }

  @Test("Repeated design column names are an error")
  func duplicateNames() throws {
    #expect(throws: ModelFrameError.duplicateColumnName("g::b")) {
      try ModelFrame("y ~ g + i(g)", data: F.table())
    }
  }
}

extension DataTable {
  /// The table with one more column.
  func adding(_ column: Column) throws -> DataTable {
    var copy = self
    try copy.append(column)
    return copy
  }
}

extension Double {
  /// The natural logarithm.
  var logValue: Double { Foundation.log(self) }
}
