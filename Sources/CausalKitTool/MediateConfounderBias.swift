import ArgumentParser
import CausalKit

/// `causalkit mediate --confounder-effect G,… --confounder-imbalance D,…`: VanderWeele's
/// bias-formula sensitivity (the library's `UnmeasuredConfounderBias`) of the direct and
/// (joint) indirect effects, added to the natural, path-specific and interventional analyses.
struct MediateAdditions: Encodable {
  /// One analysis per outcome, or `nil` when the options did not ask for it.
  let confounderBias: [OutcomeBias]?

  /// The sensitivity analysis of one outcome.
  struct OutcomeBias: Encodable {
    /// The outcome.
    let outcome: String
    /// The library's analysis.
    let bias: UnmeasuredConfounderBias

    enum CodingKeys: String, CodingKey { case outcome }

    /// Encodes `outcome` and the analysis' keys in one object.
    func encode(to encoder: any Encoder) throws {
      var c = encoder.container(keyedBy: CodingKeys.self)
      try c.encode(outcome, forKey: .outcome)
      try bias.encode(to: encoder)
    }
  }

  enum CodingKeys: String, CodingKey { case confounderBias = "confounder_bias" }

  /// Encodes `confounder_bias` when the analysis was asked for, nothing otherwise.
  func encode(to encoder: any Encoder) throws {
    guard let confounderBias else { return }
    var c = encoder.container(keyedBy: CodingKeys.self)
    try c.encode(confounderBias, forKey: .confounderBias)
  }

  /// The text lines: per outcome, the analysis' summary.
  var lines: [String] {
    (confounderBias ?? []).flatMap { entry in
      (confounderBias?.count ?? 0) > 1 ? ["Outcome \(entry.outcome)"] + entry.bias.summaryLines() : entry.bias.summaryLines()
    }
  }
}

extension MediateCommand {
  /// The grids of `--confounder-effect` and `--confounder-imbalance`, or `nil` when neither is given.
  ///
  /// - Throws: `ValidationError` when only one is given, a value is not a finite number, or
  ///   `--effects four-way` is set.
  func confounderGrid() throws -> (effects: [Double], imbalances: [Double])? {
    guard confounderEffect != nil || confounderImbalance != nil else { return nil }
    guard let confounderEffect, let confounderImbalance else {
      throw ValidationError("--confounder-effect and --confounder-imbalance go together (the bias is their product).")
    }
    if try effectsKind() == .fourWay {
      throw ValidationError("--confounder-effect applies to --effects natural, path-specific and interventional.")
    }
    func values(_ text: String, _ flag: String) throws -> [Double] {
      let parts = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
      return try parts.map { part in
        guard let value = Double(part), value.isFinite else {
          throw ValidationError("\(flag) takes finite numbers separated by commas; '\(part)' is not one.")
        }
        return value
      }
    }
    return (try values(confounderEffect, "--confounder-effect"), try values(confounderImbalance, "--confounder-imbalance"))
  }

  /// The additions for analyses whose (outcome, direct, joint indirect, total) rows are given.
  ///
  /// - Throws: `ValidationError` for bad grids; ``MediationError`` from the library.
  func confounderAdditions(
    _ effects: [(outcome: String, bias: ([Double], [Double]) throws -> UnmeasuredConfounderBias)]
  ) throws -> MediateAdditions {
    guard let grid = try confounderGrid() else { return MediateAdditions(confounderBias: nil) }
    return MediateAdditions(confounderBias: try effects.map {
      MediateAdditions.OutcomeBias(outcome: $0.outcome, bias: try $0.bias(grid.effects, grid.imbalances))
    })
  }

  /// The natural effects' additions (ADE at the control level, ACME at the treated level).
  func additions(to result: MediationResult, table: DataTable) throws -> MediateAdditions {
    try confounderAdditions([(models.outcome, { try result.confounderBias(confounderEffects: $0, imbalances: $1) })])
  }

  /// The natural effects' text with the bias-formula lines when asked for.
  static func text(output: CommandOutput<MediationResult, MediateAdditions>) -> String {
    ([text(output.result)] + output.additions.lines).joined(separator: "\n")
  }
}
