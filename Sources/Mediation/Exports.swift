// `import Mediation` alone is enough to run a mediation analysis: the data and inference types
// (`DataTable`, `Column`, `Covariates`, `VarianceType`, `ConfidenceInterval`) come from
// CausalCore and the bootstrap intervals (`IntervalMethod`, `BootstrapError`) from Resampling,
// both re-exported here.
@_exported import CausalCore
@_exported import Resampling
