import CausalCore
import Resampling

extension BootstrapWeightDistribution {
  /// Fills `weights` with independent draws of this distribution.
  ///
  /// Mammen: `−(√5 − 1)/2` with probability `(√5 + 1)/(2√5)`, else `(√5 + 1)/2`. Webb: one of
  /// `±√(1/2), ±1, ±√(3/2)` with probability ⅙ each. Every weight has mean 0 and variance 1.
  func fill(_ weights: inout [Double], using generator: inout SeededGenerator) {
    switch self {
    case .rademacher:
      for g in weights.indices { weights[g] = generator.nextRademacher() }
    case .normal:
      for g in weights.indices { weights[g] = generator.nextNormal() }
    case .mammen:
      let root5 = 5.0.squareRoot()
      let low = -(root5 - 1) / 2
      let high = (root5 + 1) / 2
      let pLow = (root5 + 1) / (2 * root5)
      for g in weights.indices { weights[g] = generator.nextUniform() < pLow ? low : high }
    case .webb:
      for g in weights.indices {
        let k = min(5, Int(generator.nextUniform() * 6))
        weights[g] = webbPoints[k]
      }
    }
  }
}

/// Webb's six points, `−√(3/2), −1, −√(1/2), √(1/2), 1, √(3/2)`.
private let webbPoints: [Double] = [-(1.5.squareRoot()), -1, -(0.5.squareRoot()), 0.5.squareRoot(), 1, 1.5.squareRoot()]

/// Fills `weights` with the Rademacher sign vector number `index` of the `2^G` enumeration:
/// bit `g` of `index` set gives `+1` for cluster `g`, clear gives `−1`.
func fillEnumeratedSigns(_ weights: inout [Double], index: Int) {
  for g in weights.indices { weights[g] = (index >> g) & 1 == 1 ? 1 : -1 }
}
