import Resampling

/// The weighted difference in means `ȳ_T − ȳ_C` of a matched sample and its CR1
/// cluster-robust variance, in closed form.
///
/// It equals the treatment coefficient of the weighted regression of `y` on an intercept and
/// the treatment indicator, and its variance equals that regression's CR1 variance clustered by
/// `clusters` with fixest's factor `G/(G−1) · (n−1)/(n−2)`: the regression's influence
/// function for the slope is `w_i e_i (d_i/W_T − (1 − d_i)/W_C)` with `e_i = y_i − ȳ_{d_i}`,
/// where `W_T`, `W_C` are the group weight totals.
struct WeightedMeanDifference {
  /// `[difference, variance]`, NaN when a group has no weight or a value is not finite.
  let values: [Double]

  /// Computes the difference and its variance.
  ///
  /// - Parameters:
  ///   - y: Outcomes.
  ///   - weights: Positive matching weights.
  ///   - treated: Treatment indicator.
  ///   - clusters: The clusters (matched sets, or drawn copies of them).
  /// - Complexity: O(n).
  init(y: [Double], weights: [Double], treated: [Bool], clusters: ResamplingGroups) {
    var totals = (treated: 0.0, control: 0.0)
    var sums = (treated: 0.0, control: 0.0)
    for i in y.indices {
      if treated[i] {
        totals.treated += weights[i]
        sums.treated += weights[i] * y[i]
      } else {
        totals.control += weights[i]
        sums.control += weights[i] * y[i]
      }
    }
    guard totals.treated > 0, totals.control > 0 else {
      values = [.nan, .nan]
      return
    }
    let mean = (treated: sums.treated / totals.treated, control: sums.control / totals.control)
    var meat = 0.0
    for members in clusters.members {
      var score = 0.0
      for i in members {
        let residual = y[i] - (treated[i] ? mean.treated : mean.control)
        score += weights[i] * residual * (treated[i] ? 1 / totals.treated : -1 / totals.control)
      }
      meat += score * score
    }
    let g = Double(clusters.members.count)
    let n = Double(y.count)
    let factor = g > 1 && n > 2 ? g / (g - 1) * (n - 1) / (n - 2) : .nan
    let difference = mean.treated - mean.control
    values = [difference, difference.isFinite ? factor * meat : .nan]
  }
}
