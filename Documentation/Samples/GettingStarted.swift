import CausalKit

/// Samples of Documentation/CausalKit.docc/GettingStarted.md.
let gettingStartedSamples = [
  DocumentationSample(name: "GettingStarted: read data (CSV and Stata) and fit a model") {
    let table = try CSVReader().read(path: "wage_panel.csv")
    print(table.rowCount, table.columnNames)

    let stata = try StataReader().readDataset(path: "wage_panel.dta")
    let panel = stata.table
    for variable in stata.variables where variable.missing.total > 0 {
      print(variable.name, variable.storageType, variable.missing.total)
    }
    guard panel.rowCount == table.rowCount else { throw DataError.noObservations(reason: "wage_panel.dta differs from wage_panel.csv") }

    let model = try FixedEffectsModel(
      formula: "lwage ~ expersq + union + married | nr + year",
      vcov: .cluster(["nr"]))
    let fit = try model.fit(table)
    print(fit.summary())
  }
]
