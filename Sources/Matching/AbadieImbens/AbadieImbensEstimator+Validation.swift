import LinearAlgebra

extension AbadieImbensEstimator {
  /// Group sizes of validated data.
  struct GroupSizes {
    var treated: Int
    var control: Int
  }

  /// Checks the options' ranges.
  ///
  /// - Throws: ``AbadieImbensError/invalidOption(name:value:reason:)``.
  func validateOptions() throws(AbadieImbensError) {
    guard matches >= 1 else {
      throw .invalidOption(name: "matches", value: "\(matches)", reason: "the number of matches M must be at least 1")
    }
    if case .matching(let neighbors) = conditionalVariance, neighbors < 1 {
      throw .invalidOption(
        name: "conditionalVariance", value: "matching(neighbors: \(neighbors))",
        reason: "the number of within-group neighbours must be at least 1 (use .homoskedastic for Match's Var.calc = 0)")
    }
    if let caliper {
      guard !caliper.isEmpty, caliper.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw .invalidOption(
          name: "caliper", value: "\(caliper)", reason: "caliper widths must be positive, finite standard deviations")
      }
    }
    guard distanceTolerance.isFinite, distanceTolerance >= 0 else {
      throw .invalidOption(
        name: "distanceTolerance", value: "\(distanceTolerance)", reason: "the ties tolerance must be finite and non-negative")
    }
    guard confidenceLevel > 0, confidenceLevel < 1 else {
      throw .invalidOption(
        name: "confidenceLevel", value: "\(confidenceLevel)", reason: "the level must lie strictly between 0 and 1")
    }
  }

  /// Checks the data's shapes, values and group sizes.
  ///
  /// - Returns: The number of treated and control units.
  /// - Throws: ``AbadieImbensError`` for the first problem found.
  func validateData(
    outcome y: [Double], treatment: [Bool], covariates x: Matrix, adjustment z: Matrix?
  ) throws(AbadieImbensError) -> GroupSizes {
    let n = y.count
    guard n > 0 else { throw .emptyInput(what: "outcome") }
    guard x.columns > 0 else { throw .emptyInput(what: "covariate matrix") }
    guard treatment.count == n else { throw .lengthMismatch(what: "treatment", expected: n, found: treatment.count) }
    guard x.rows == n else { throw .lengthMismatch(what: "covariate matrix", expected: n, found: x.rows) }
    if let row = y.firstIndex(where: { !$0.isFinite }) { throw .missingValue(what: "outcome", row: row, column: nil) }
    try Self.checkFinite(x, what: "covariate matrix")
    if let z {
      guard z.columns > 0 else { throw .emptyInput(what: "adjustment covariate matrix") }
      guard z.rows == n else { throw .lengthMismatch(what: "adjustment covariate matrix", expected: n, found: z.rows) }
      try Self.checkFinite(z, what: "adjustment covariate matrix")
    }
    let treated = treatment.reduce(0) { $0 + ($1 ? 1 : 0) }
    let sizes = GroupSizes(treated: treated, control: n - treated)
    guard sizes.treated > 0 else { throw .noTreatedUnits }
    guard sizes.control > 0 else { throw .noControlUnits }
    if estimand != .atc, sizes.control < matches {
      throw .tooFewUnits(group: "control", available: sizes.control, required: matches, option: "matches")
    }
    if estimand != .att, sizes.treated < matches {
      throw .tooFewUnits(group: "treated", available: sizes.treated, required: matches, option: "matches")
    }
    if case .matching(let neighbors) = conditionalVariance {
      // Every unit needs `neighbors` other units of its own group.
      for (group, size) in [("treated", sizes.treated), ("control", sizes.control)] where size - 1 < neighbors {
        throw .tooFewUnits(group: group, available: size - 1, required: neighbors, option: "conditionalVariance neighbors")
      }
    }
    return sizes
  }

  /// Match's checks before the bias adjustment (where Match switches it off with a warning).
  func checkAdjustmentSize(_ q: Int, groups: GroupSizes, matchedWeight: Double) throws(AbadieImbensError) {
    let available: Int
    let what: String
    switch estimand {
    case .att: (available, what) = (groups.treated, "treated units")
    case .atc: (available, what) = (groups.control, "control units")
    case .ate: (available, what) = (groups.treated + groups.control, "units")
    }
    guard available >= q else {
      throw .biasAdjustmentUnavailable(reason: "there are \(available) \(what) but \(q) adjustment covariates")
    }
    guard matchedWeight >= Double(q) else {
      throw .biasAdjustmentUnavailable(reason: "only \(matchedWeight) units were matched for \(q) adjustment covariates")
    }
  }

  private static func checkFinite(_ m: Matrix, what: String) throws(AbadieImbensError) {
    guard let flat = m.elements.firstIndex(where: { !$0.isFinite }) else { return }
    throw .missingValue(what: what, row: flat % max(m.rows, 1), column: flat / max(m.rows, 1))
  }
}
