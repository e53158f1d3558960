import CausalKit

/// Renders fits as JSON with a stable key order. Non-finite numbers become `null`.
enum FitJSON {
  /// The `feols` JSON object.
  static func render(_ fit: FixedEffectsFit) -> String {
    var dropped: [(String, JSONValue)] = []
    for reason in [DropReason.missingValue, .singleton, .zeroWeight] {
      dropped.append((reason.rawValue, .number(Double(fit.drops.observationCount(reason)))))
    }
    for reason in [DropReason.collinear, .absorbedByFixedEffects] {
      let terms = fit.drops.terms.filter { $0.reason == reason }.flatMap(\.variables)
      dropped.append((reason.rawValue, .array(terms.map { .string($0) })))
    }
    let k = fit.variance.terms.count
    let object: JSONValue = .object([
      ("coefficients", .array(fit.coefficients.map { row in
        .object([
          ("term", .string(row.term)), ("estimate", .number(row.estimate)),
          ("std_error", .number(row.stdError)), ("statistic", .number(row.statistic)),
          ("p_value", .number(row.pValue)), ("conf_low", .number(row.confLow)),
          ("conf_high", .number(row.confHigh)),
        ])
      })),
      ("nobs", .number(Double(fit.observationCount))),
      ("df_resid", .number(Double(fit.residualDegreesOfFreedom))),
      ("df_t", .number(fit.tDegreesOfFreedom)),
      ("r2", .number(fit.r2)),
      ("adj_r2", .number(fit.adjustedR2)),
      ("r2_within", fit.withinR2.map { .number($0) } ?? .null),
      ("rmse", .number(fit.rmse)),
      ("vcov", .string(fit.varianceType.description)),
      ("vcov_matrix", .array((0..<k).map { i in .array((0..<k).map { j in .number(fit.variance.matrix[i, j]) }) })),
      ("fixed_effects", .array(fit.fixedEffectLevels.map { .object([("name", .string($0.name)), ("levels", .number(Double($0.levels)))]) })),
      ("dropped", .object(dropped)),
      ("notes", .array(fit.notes.map { .string($0) })),
    ])
    return object.rendered
  }
}

/// A JSON value whose objects keep their key order.
indirect enum JSONValue {
  case null
  case bool(Bool)
  case number(Double)
  case string(String)
  case array([JSONValue])
  case object([(String, JSONValue)])

  /// Compact JSON text.
  var rendered: String {
    switch self {
    case .null: return "null"
    case .bool(let b): return b ? "true" : "false"
    case .number(let x):
      guard x.isFinite else { return "null" }
      if x == x.rounded(), abs(x) < 1e15 { return String(Int64(x)) }
      return "\(x)"
    case .string(let s): return Self.quote(s)
    case .array(let items): return "[" + items.map(\.rendered).joined(separator: ",") + "]"
    case .object(let pairs): return "{" + pairs.map { Self.quote($0.0) + ":" + $0.1.rendered }.joined(separator: ",") + "}"
    }
  }

  static func quote(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
