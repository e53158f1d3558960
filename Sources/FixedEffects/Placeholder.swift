import CausalCore
