import LinearAlgebra

extension AbadieImbensEstimator {
  /// Group sizes of validated data.
  struct GroupSizes {
    var treated: Int
    var control: Int
  }

  /// Checks the options' ranges.
  ///
  /// - Throws: `OptionError` naming the option.
  func validateOptions() throws(OptionError) {
    guard matches >= 1 else {
      throw .invalid(option: "matches", value: "\(matches)", expected: "a number of matches M of at least 1")
    }
    if case .matching(let neighbors) = conditionalVariance, neighbors < 1 {
      throw .invalid(
        option: "conditionalVariance", value: "matching(neighbors: \(neighbors))",
        expected: "at least 1 within-group neighbour (use .homoskedastic for Match's Var.calc = 0)")
    }
    if let caliper {
      guard !caliper.isEmpty, caliper.allSatisfy({ $0.isFinite && $0 > 0 }) else {
        throw .invalid(option: "caliper", value: "\(caliper)", expected: "positive, finite caliper widths in standard deviations")
      }
    }
    try OptionError.requireNonNegative(distanceTolerance, option: "distanceTolerance (ties)", example: "1e-5")
    try OptionError.requireLevel(confidenceLevel)

  }

  /// Checks the data's shapes, values and group sizes.
  ///
  /// - Returns: The number of treated and control units.
  /// - Throws: ``MatchingError`` for the first problem found.
  func validateData(
    outcome y: [Double], treatment: [Bool], covariates x: Matrix, adjustment z: Matrix?
  ) throws -> GroupSizes {
    let n = y.count
    guard n > 0 else { throw DataError.noObservations(reason: "the outcome is empty; pass at least one unit") }
    guard x.columns > 0 else { throw MatchingError.noCovariates }
    guard treatment.count == n else { throw DataError.lengthMismatch(column: "treatment", expected: n, found: treatment.count) }
    guard x.rows == n else { throw DataError.lengthMismatch(column: "covariate matrix", expected: n, found: x.rows) }
    if let row = y.firstIndex(where: { !$0.isFinite }) { throw MatchingError.missingValue(variable: "outcome", row: row) }
    try Self.checkFinite(x, what: "covariate matrix")
    if let z {
      guard z.columns > 0 else { throw MatchingError.noCovariates }
      guard z.rows == n else { throw DataError.lengthMismatch(column: "adjustment covariate matrix", expected: n, found: z.rows) }
      try Self.checkFinite(z, what: "adjustment covariate matrix")
    }
    let treated = treatment.reduce(0) { $0 + ($1 ? 1 : 0) }
    let sizes = GroupSizes(treated: treated, control: n - treated)
    guard sizes.treated > 0 else { throw MatchingError.noTreatedUnits(sample: "the input") }
    guard sizes.control > 0 else { throw MatchingError.noControlUnits(sample: "the input") }
    if estimand != .atc, sizes.control < matches {
      throw MatchingError.tooFewUnits(group: "control", available: sizes.control, required: matches, option: "matches")
    }
    if estimand != .att, sizes.treated < matches {
      throw MatchingError.tooFewUnits(group: "treated", available: sizes.treated, required: matches, option: "matches")
    }
    if case .matching(let neighbors) = conditionalVariance {
      // Every unit needs `neighbors` other units of its own group.
      for (group, size) in [("treated", sizes.treated), ("control", sizes.control)] where size - 1 < neighbors {
        throw MatchingError.tooFewUnits(group: group, available: size - 1, required: neighbors, option: "conditionalVariance neighbors")
      }
    }
    return sizes
  }

  /// Match's checks before the bias adjustment (where Match switches it off with a warning).
  func checkAdjustmentSize(_ q: Int, groups: GroupSizes, matchedWeight: Double) throws {
    let available: Int
    let what: String
    switch estimand {
    case .att: (available, what) = (groups.treated, "treated units")
    case .atc: (available, what) = (groups.control, "control units")
    case .ate: (available, what) = (groups.treated + groups.control, "units")
    }
    guard available >= q else {
      throw MatchingError.biasAdjustmentUnavailable(reason: "there are \(available) \(what) but \(q) adjustment covariates")
    }
    guard matchedWeight >= Double(q) else {
      throw MatchingError.biasAdjustmentUnavailable(reason: "only \(matchedWeight) units were matched for \(q) adjustment covariates")
    }
  }

  private static func checkFinite(_ m: Matrix, what: String) throws {
    guard let flat = m.elements.firstIndex(where: { !$0.isFinite }) else { return }
    throw MatchingError.missingValue(variable: "\(what) column \(flat / max(m.rows, 1))", row: flat % max(m.rows, 1))
  }
}
