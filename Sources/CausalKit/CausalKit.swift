// The umbrella module: `import CausalKit` brings every CausalKit module into scope.
// It contains no code of its own (no type here shares the module's name).
@_exported import Bootstrap
@_exported import CausalCore
@_exported import FixedEffects
@_exported import LinearAlgebra
@_exported import Matching
@_exported import Mediation
@_exported import Propensity
@_exported import Reporting
@_exported import Resampling
@_exported import StaggeredDiD
