// A fixed-effects user needs the shared vocabulary along with the estimators: `DataTable`,
// `Column` and `CSVReader` to hold the data, `Formula` and `Covariates` to describe the model,
// `VarianceType`, `CoefficientRow`, `DropReport` and `TermVariance` to read the fit, and the
// shared errors. They live in CausalCore, which every estimator module builds on; re-exporting
// it here means `import FixedEffects` alone is enough to build a table and fit a model.
@_exported import CausalCore
