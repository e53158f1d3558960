// `import Bootstrap` alone is enough to bootstrap a fixed-effects model: the model types come
// from FixedEffects, the resampling schemes, interval methods and summaries from Resampling, and
// the data and inference types from CausalCore, all re-exported here.
@_exported import CausalCore
@_exported import FixedEffects
@_exported import Resampling
