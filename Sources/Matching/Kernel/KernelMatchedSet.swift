/// The result of kernel matching: a weight per unit (see ``KernelMatcher`` for the formula).
public struct KernelMatchedSet: Sendable, Equatable, Codable {
  /// ATT or ATC.
  public let estimand: MatchingEstimand
  /// The kernel used.
  public let kernel: KernelFunction
  /// The bandwidth in score units.
  public let bandwidth: Double
  /// The treatment indicator.
  public let treatment: [Bool]
  /// The kernel-matching weight of each unit: 1 for supported focal units, the summed kernel
  /// shares for the other group, 0 for focal units without support and discarded units.
  public let weights: [Double]
  /// `true` for units removed by the common-support rule.
  public let discarded: [Bool]
  /// Matched, unmatched and discarded counts by treatment group.
  public let counts: MatchCounts
  /// Focal units (not discarded) with no unit of the other group inside the kernel's support.
  public let focalUnitsWithoutSupport: Int

  /// The JSON keys.
  enum CodingKeys: String, CodingKey {
    case estimand, kernel, bandwidth, treatment, weights, discarded, counts
    case focalUnitsWithoutSupport = "focal_units_without_support"
  }

  /// Creates a kernel-matching result from its parts.
  ///
  /// - Parameters:
  ///   - estimand: ATT or ATC.
  ///   - kernel: The kernel.
  ///   - bandwidth: The bandwidth.
  ///   - treatment: The treatment indicator.
  ///   - weights: Weight per unit.
  ///   - discarded: Discard flag per unit.
  ///   - counts: Sample sizes.
  ///   - focalUnitsWithoutSupport: Focal units without support.
  public init(
    estimand: MatchingEstimand, kernel: KernelFunction, bandwidth: Double, treatment: [Bool],
    weights: [Double], discarded: [Bool], counts: MatchCounts, focalUnitsWithoutSupport: Int
  ) {
    self.estimand = estimand
    self.kernel = kernel
    self.bandwidth = bandwidth
    self.treatment = treatment
    self.weights = weights
    self.discarded = discarded
    self.counts = counts
    self.focalUnitsWithoutSupport = focalUnitsWithoutSupport
  }
}
