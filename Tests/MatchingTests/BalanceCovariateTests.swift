import CausalCore
import Matching
import Testing

@Suite("Balance covariate expansion")
struct BalanceCovariateTests {
  static func table() throws -> DataTable {
    try DataTable(columns: [
      Column(name: "age", ints: [20, 30, 40, 50]),
      Column(name: "race", strings: ["white", "black", "hispan", "black"]),
      Column(name: "married", bools: [true, false, false, true]),
      Column(name: "re74", doubles: [0, 100, 0, 2500]),
    ])
  }

  @Test("text columns give every level, named variable::level, in level order")
  func factorLevels() throws {
    let covariates = try BalanceCovariates(data: try Self.table(), names: ["age", "race", "married"])
    #expect(covariates.names == ["age", "race::black", "race::hispan", "race::white", "married"])
    #expect(covariates.covariates.map(\.variable) == ["age", "race", "race", "race", "married"])
    #expect(covariates.covariates[1].values == [0, 1, 0, 1])
    #expect(covariates.covariates.map(\.type) == [.continuous, .binary, .binary, .binary, .binary])
  }

  @Test("levels absent from the data are not shown")
  func absentLevels() throws {
    let column = try Column(name: "g", codes: [0, 2, 0], levels: ["a", "b", "c"])
    let covariates = try BalanceCovariates(data: try DataTable(columns: [column]), names: ["g"])
    #expect(covariates.names == ["g::a", "g::c"])
  }

  @Test("formulas: bare columns as with names, other terms from the model frame")
  func formula() throws {
    let data = try Self.table()
    let byFormula = try BalanceCovariates(data: data, formula: "treat ~ age + race + I(age^2) + log1p(re74)")
    #expect(byFormula.names == ["age", "race::black", "race::hispan", "race::white", "I(age^2)", "log1p(re74)"])
    #expect(byFormula.covariates[4].values == [400, 900, 1600, 2500])
    #expect(byFormula.covariates[4].variable == "I(age^2)")
    #expect(try BalanceCovariates(data: data, formula: "~ age + race").names == byFormula.names.prefix(4).map { $0 })
    #expect(try BalanceCovariates(data: data, formula: "age + race") == BalanceCovariates(data: data, names: ["age", "race"]))
  }

  @Test("covariates can be appended, for example a propensity score")
  func appending() throws {
    let base = try BalanceCovariates(data: try Self.table(), names: ["age"])
    let more = try base.appending([try BalanceCovariate(name: "distance", values: [0.1, 0.2, 0.3, 0.4])])
    #expect(more.names == ["age", "distance"])
    #expect(throws: DataError.self) { try base.appending([try BalanceCovariate(name: "d", values: [1])]) }
  }

  @Test("MatchIt's binary rule: every value 0 or 1")
  func binaryRule() {
    #expect(BalanceCovariateType(classifying: [0, 1, 1]) == .binary)
    #expect(BalanceCovariateType(classifying: [1, 1]) == .binary)
    #expect(BalanceCovariateType(classifying: [0, 1, 2]) == .continuous)
    #expect(BalanceCovariateType(classifying: [0, 0.5]) == .continuous)
  }

  @Test("the SMD denominator follows the estimand")
  func denominator() {
    #expect(BalanceSMDDenominator(estimand: .att) == .treatedSD)
    #expect(BalanceSMDDenominator(estimand: .atc) == .controlSD)
    #expect(BalanceSMDDenominator(estimand: .ate) == .pooledSD)
    #expect(BalanceSMDDenominator.treatedSD.description == "treated SD (unmatched sample)")
  }
}
