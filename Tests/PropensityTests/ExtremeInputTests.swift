import CausalCore
import Propensity
import Testing
import TestSupport

/// Extreme and degenerate inputs of issue "Robustness" for the logit, on the data of
/// `Tests/Fixtures/generate_extremes.py` (references in `expected/extremes.json`).
@Suite("Logit: extreme and degenerate inputs")
struct ExtremeInputTests {
  /// `data/extremes.csv` with one column multiplied by `c`, or one value replaced.
  static func table(scaling column: String? = nil, by c: Double = 1, row: Int? = nil, value: Double = 0) throws -> DataTable {
    let base = try CSVReader().read(path: FixtureFiles.data("extremes.csv"))
    return try DataTable(
      columns: base.columnNames.map { name in
        var v = try base.column(named: name).doubles()
        if name == column {
          if let row { v[row] = value } else { for i in v.indices { v[i] *= c } }
        }
        return Column(name: name, doubles: v)
      })
  }

  @Test("x2 × 1e160 and × 1e-170: kept, with the unscaled fit's z statistics")
  func logitRegressorScaledBy1e160IsNotDropped() throws {
    let base = try BinaryRegression(formula: "d ~ x1 + x2").fit(Self.table())
    for c in [1e160, 1e-170, 1e100] {
      let fit = try BinaryRegression(formula: "d ~ x1 + x2").fit(Self.table(scaling: "x2", by: c))
      #expect(fit.drops.droppedTerms.isEmpty)
      #expect(fit.coefficients.map(\.term) == ["(Intercept)", "x1", "x2"])
      #expect(relativeDifference(fit.coefficients[2].estimate * c, base.coefficients[2].estimate) < 1e-10)
      #expect(relativeDifference(fit.coefficients[2].standardError * c, base.coefficients[2].standardError) < 1e-10)
      for j in 0..<3 {
        #expect(relativeDifference(fit.coefficients[j].statistic, base.coefficients[j].statistic) < 1e-10)
      }
    }
  }

  @Test("the unscaled logit matches R's glm")
  func logitBaseMatchesR() throws {
    let fit = try BinaryRegression(formula: "d ~ x1 + x2").fit(Self.table())
    // R glm with its default control (epsilon = 1e-8, so R stops about 1e-5 short of the
    // optimum), expected/extremes.json case logitBase.
    let r = [0.35984322916892175, 0.43450927520105226, 0.4121247056178325]
    for (row, se) in zip(fit.coefficients, r) { #expect(relativeDifference(row.standardError, se) < 5e-5) }
  }

  @Test("a constant 0/1 outcome is a typed error (R and statsmodels return |z| < 1e-3 from a diverged fit)")
  func logitConstantOutcomeIsAnError() throws {
    #expect(throws: PropensityError.noOutcomeVariation(variable: "d", value: 1)) {
      try BinaryRegression(formula: "d ~ x1 + x2").fit(Self.table().replacing("d", with: 1))
    }
  }

  @Test("d ~ d is complete separation, a typed error")
  func logitOutcomeOnItselfIsSeparation() throws {
    #expect(throws: PropensityError.self) { try BinaryRegression(formula: "d ~ d").fit(Self.table()) }
    do {
      _ = try BinaryRegression(formula: "d ~ d").fit(Self.table())
    } catch let error as PropensityError {
      guard case .separation(let variables, _) = error else {
        Issue.record("expected separation, got \(error)")
        return
      }
      #expect(variables == ["d"])
    }
  }

  @Test("d × 1e-300 is not a 0/1 outcome: a typed error")
  func logitOutcomeScaledBy1eMinus300IsAnError() throws {
    #expect(throws: PropensityError.self) {
      try BinaryRegression(formula: "d ~ x1 + x2").fit(Self.table(scaling: "d", by: 1e-300))
    }
  }

  @Test("x1 = 1e10 in one row: the fit and its HC3 are those without that row (R's glm stops at x1 = 1.6e-9)")
  func logitLeverageX1Is1e10MatchesFitWithoutThatRow() throws {
    let table = try Self.table(scaling: "x1", row: 0, value: 1e10)
    let fit = try BinaryRegression(formula: "d ~ x1 + x2", vcov: .hc3).fit(table)
    // Row 1 (d = 1) sits at p = 1, so its weight and score are 0: it drops out of the
    // likelihood, the information and the meat.
    let without = try BinaryRegression(formula: "d ~ x1 + x2", vcov: .hc3).fit(table.selecting(rows: Array(1..<40)))
    for (a, b) in zip(fit.coefficients, without.coefficients) {
      #expect(relativeDifference(a.estimate, b.estimate) < 1e-8)
      #expect(relativeDifference(a.standardError, b.standardError) < 1e-6)
    }
    #expect(fit.coefficients[1].estimate > 0.5)
  }
}

extension DataTable {
  /// The table with every value of a column replaced.
  fileprivate func replacing(_ name: String, with value: Double) throws -> DataTable {
    try DataTable(
      columns: columnNames.map { n in
        n == name ? Column(name: n, doubles: Array(repeating: value, count: rowCount)) : try column(named: n)
      })
  }
}
