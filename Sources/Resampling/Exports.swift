// `import Resampling` alone is enough to resample a table: the data types (`DataTable`,
// `Column`), `SeededGenerator` and the shared inference types (`ConfidenceInterval`,
// `CoefficientRow`, `DataError`, `OptionError`) come from CausalCore and are re-exported here.
@_exported import CausalCore
