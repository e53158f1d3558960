/// The observations of one fixed-effect dimension sorted by level, with the other
/// dimensions' codes and the weights carried along in the same order.
///
/// Every demeaning step computes, for each level g of a target dimension, a weighted sum over
/// the observations of g of coefficients looked up through the other dimensions' codes. With
/// the observations stored contiguously by level, that sum accumulates in registers and each
/// level's result is written once: no scattered writes, and the levels split into ranges that
/// run in parallel without locks. The ranges are fixed by the data (balanced by observation
/// count), not by the number of cores, and each level's sum runs in a fixed order, so results
/// are bit-identical whatever the number of threads.
///
/// The permutation from sorted positions to observations is neither built nor stored (it
/// would cost four bytes per observation and dimension): the counting sort moves the codes
/// and weights to their sorted positions directly.
struct FixedEffectLayout: Sendable {
  /// The dimension this layout is sorted by.
  let dimension: Int
  /// Observations of level g occupy positions `start[g]..<start[g + 1]`.
  let start: NumericBuffer<Int>
  /// `codes[e]` holds dimension e's code at each sorted position (`nil` for e == dimension).
  let codes: [NumericBuffer<Int32>?]
  /// Weights in sorted order, or `nil` when unweighted.
  let weights: NumericBuffer<Double>?
  /// Level ranges processed as parallel chunks.
  let chunks: [Range<Int>]

  /// Builds the layout of dimension `d` by a counting sort.
  ///
  /// - Complexity: O(n × dimensions + levels).
  init(codes allCodes: [[Int32]], levelCounts: [Int], weights: [Double]?, dimension d: Int) {
    let n = allCodes[d].count
    let levels = levelCounts[d]
    var start = [Int](repeating: 0, count: levels + 1)
    for c in allCodes[d] { start[Int(c) + 1] += 1 }
    for g in 0..<levels { start[g + 1] += start[g] }
    // A stable counting sort per carried array: each pass moves one other dimension's codes (or
    // the weights) straight to their sorted positions, without an intermediate permutation.
    var codes = [NumericBuffer<Int32>?]()
    for e in allCodes.indices {
      codes.append(e == d ? nil : Self.sorted(allCodes[e], by: allCodes[d], start: start))
    }
    let sortedWeights = weights.map { Self.sorted($0, by: allCodes[d], start: start) }
    self.dimension = d
    self.start = NumericBuffer(copying: start)
    self.codes = codes
    self.weights = sortedWeights
    self.chunks = Self.balancedChunks(start: start, observations: n)
  }

  /// `values` moved to the positions of a stable sort by `keys` (level g's observations at
  /// `start[g]..<start[g + 1]`, in their original order).
  ///
  /// Every position is written exactly once (`start` is the exclusive prefix sum of the level
  /// counts of `keys`), so the buffer is not zero-filled first.
  private static func sorted<T: BitwiseCopyable>(_ values: [T], by keys: [Int32], start: [Int]) -> NumericBuffer<T> {
    let n = keys.count
    var position = start
    return NumericBuffer<T>(count: n) { out in
      keys.withUnsafeBufferPointer { c in
        values.withUnsafeBufferPointer { v in
          position.withUnsafeMutableBufferPointer { pos in
            for i in 0..<n {
              let g = Int(c[i])
              out[pos[g]] = v[i]
              pos[g] += 1
            }
          }
        }
      }
    }
  }

  /// Splits the levels into contiguous ranges of roughly equal observation counts: about one
  /// chunk per 32,768 observations, at most 64.
  static func balancedChunks(start: [Int], observations n: Int) -> [Range<Int>] {
    let levels = start.count - 1
    let count = max(1, min(64, n / 32_768))
    guard count > 1 else { return [0..<levels] }
    var ranges = [Range<Int>]()
    var lower = 0
    for c in 1...count {
      let target = n * c / count
      var upper = lower
      while upper < levels && start[upper + 1] <= target { upper += 1 }
      if c == count { upper = levels }
      if upper > lower { ranges.append(lower..<upper) }
      lower = upper
    }
    return ranges
  }
}
