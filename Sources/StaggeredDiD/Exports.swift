// StaggeredDiD: difference-in-differences that stays right when effects differ across cohorts
// or change with exposure: Sant'Anna-Zhao doubly robust 2x2 DiD and Callaway-Sant'Anna
// group-time effects with their aggregations (and, in later parts, Sun-Abraham, imputation,
// the Bacon decomposition and HonestDiD sensitivity).
//
// Like every estimator module it re-exports CausalCore, so `import StaggeredDiD` alone is enough
// to build a table and fit a model.
@_exported import CausalCore
