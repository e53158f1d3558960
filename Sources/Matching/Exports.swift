// `import Matching` alone gives a matching user everything the estimators take and return:
// `DataTable`, `Column`, `Covariates`, `CoefficientRow`, `DropReport`, the `Estimator` and
// `EstimationResult` protocols and the shared errors all live in CausalCore, so the module
// re-exports it instead of asking every caller to import a second product.
@_exported import CausalCore
