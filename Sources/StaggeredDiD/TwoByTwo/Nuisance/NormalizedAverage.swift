/// A weighted (Hajek) average `Σ aᵢ zᵢ / Σ aᵢ` and its influence function, the building block
/// of every 2x2 estimator: DRDID's `eta = mean(a * z) / mean(a)` with influence
/// `aᵢ (zᵢ − eta) / mean(a)`.
struct NormalizedAverage {
  /// The weights `a`.
  let weights: [Double]
  /// `Σ aᵢ zᵢ / Σ aᵢ`.
  let value: Double
  /// `mean(a)`.
  let meanWeight: Double
  /// The values `z`.
  private let values: [Double]

  /// Averages `values` with `weights`.
  ///
  /// - Complexity: O(n).
  init(weights: [Double], values: [Double]) {
    var total = 0.0, weighted = 0.0
    for i in weights.indices where weights[i] != 0 {
      total += weights[i]
      weighted += weights[i] * values[i]
    }
    self.weights = weights
    self.values = values
    self.meanWeight = total / Double(max(weights.count, 1))
    self.value = weighted / total
  }

  /// `aᵢ (zᵢ − value) / mean(a)` for every row.
  ///
  /// - Complexity: O(n).
  var influence: [Double] {
    weights.indices.map { i in weights[i] == 0 ? 0 : weights[i] * (values[i] - value) / meanWeight }
  }

  /// `aᵢ / mean(a)` for every row (the derivative weights of DRDID's `M` vectors).
  ///
  /// - Complexity: O(n).
  var scaledWeights: [Double] { weights.map { $0 / meanWeight } }
}

/// Element-wise arithmetic on influence vectors (named methods, so that `+` keeps meaning
/// concatenation for arrays).
extension Array where Element == Double {
  /// `self + other`, element-wise.
  ///
  /// - Complexity: O(n).
  func plus(_ other: [Double]) -> [Double] { zip(self, other).map { $0 + $1 } }
  /// `self − other`, element-wise.
  ///
  /// - Complexity: O(n).
  func minus(_ other: [Double]) -> [Double] { zip(self, other).map { $0 - $1 } }
  /// `self × scalar`.
  ///
  /// - Complexity: O(n).
  func times(_ scalar: Double) -> [Double] { map { $0 * scalar } }
}
