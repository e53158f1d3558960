import CausalKit

/// Samples of Documentation/CausalKit.docc/GettingStarted.md.
let gettingStartedSamples = [
  DocumentationSample(name: "GettingStarted: read data and fit a model") {
    let table = try CSVReader().read(path: "wage_panel.csv")
    print(table.rowCount, table.columnNames)

    let model = try FixedEffectsModel(
      formula: "lwage ~ expersq + union + married | nr + year",
      vcov: .cluster(["nr"]))
    let fit = try model.fit(table)
    print(fit.summary())
  }
]
