import Foundation

/// A named linear combination of a model's coefficients, `Σ c_j · β_j`, such as `treat - x`.
///
/// Bootstrap procedures report a combination like a coefficient: its estimate on the original
/// data, its replicate values and, where a variance matrix is available, its analytic variance
/// `cᵀ V c`. The wild cluster bootstrap tests `Σ c_j β_j = 0` through
/// ``WildBootstrapHypothesis/restriction(_:equals:)`` (see ``hypothesis``).
///
/// ```swift
/// let contrast = try LinearCombination(parsing: "treat - 0.5*x")
/// // contrast.weights == ["treat": 1, "x": -0.5], contrast.name == "treat - 0.5*x"
/// ```
public struct LinearCombination: Sendable, Equatable {
  /// The label reported for the combination (the parsed text, or the name given).
  public let name: String
  /// The coefficient weight of each term; a term listed twice in parsed text has its weights
  /// added.
  public let weights: [String: Double]

  /// Creates a combination from explicit weights.
  ///
  /// - Parameters:
  ///   - name: The label to report.
  ///   - weights: Weight per term name.
  public init(name: String, weights: [String: Double]) {
    self.name = name
    self.weights = weights
  }

  /// Parses `[sign] [c*]term (+|-) [c*]term …`.
  ///
  /// Operators `+` and `-` between terms must be separated from the terms by spaces, so term
  /// names may themselves contain `-` (`rel::-1`) or `:` (`x1:x2`); a weight is written before
  /// the term with `*` (`2*x` or `2 * x`). The text (trimmed) becomes ``name``.
  ///
  /// - Parameter text: The combination, e.g. `"treat - x"` or `"-1 * a + 0.5*b"`.
  /// - Throws: `ResampledInferenceError/invalidCombination(_:reason:)` for empty text, a
  ///   missing term, a non-finite weight or two operators in a row.
  /// - Complexity: O(length of `text`).
  public init(parsing text: String) throws(ResampledInferenceError) {
    let trimmed = text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
    let tokens = trimmed.replacingStarSpacing().split(separator: " ").map(String.init)
    guard !tokens.isEmpty else { throw .invalidCombination(text, reason: "it is empty") }
    var weights: [String: Double] = [:]
    var sign = 1.0
    var expectingTerm = true
    for token in tokens {
      if token == "+" || token == "-" {
        guard expectingTerm == false || (weights.isEmpty && sign == 1) else {
          throw .invalidCombination(text, reason: "two operators in a row before '\(token)'")
        }
        if token == "-" { sign = -sign }
        expectingTerm = true
        continue
      }
      guard expectingTerm else {
        throw .invalidCombination(text, reason: "'\(token)' follows a term without + or - (separate operators by spaces)")
      }
      var factor = sign
      var term = Substring(token)
      if let star = token.firstIndex(of: "*") {
        guard let c = Double(token[..<star]), c.isFinite else {
          throw .invalidCombination(text, reason: "'\(token[..<star])' is not a finite number")
        }
        factor *= c
        term = token[token.index(after: star)...]
      } else if token.hasPrefix("-"), weights.isEmpty, sign == 1, token.count > 1 {
        // A leading "-term" with no space after the sign.
        factor = -1
        term = token.dropFirst()
      }
      guard !term.isEmpty else { throw .invalidCombination(text, reason: "a weight has no term after '*'") }
      weights[String(term), default: 0] += factor
      sign = 1
      expectingTerm = false
    }
    guard !expectingTerm else { throw .invalidCombination(text, reason: "it ends with an operator") }
    self.init(name: trimmed, weights: weights)
  }

  /// The wild bootstrap null hypothesis `Σ c_j β_j = 0`.
  public var hypothesis: WildBootstrapHypothesis { .restriction(weights, equals: 0) }

  /// The weight vector over `terms`, or `nil` when a weighted term is not among them.
  ///
  /// - Complexity: O(terms × weights).
  func vector(over terms: [String]) -> [Double]? {
    var out = [Double](repeating: 0, count: terms.count)
    for (name, c) in weights.sorted(by: { $0.key < $1.key }) {
      guard let j = terms.firstIndex(of: name) else { return nil }
      out[j] += c
    }
    return out
  }
}

extension String {
  /// Joins `a * b` into `a*b` so that a weighted term is one token.
  fileprivate func replacingStarSpacing() -> String {
    split(separator: "*", omittingEmptySubsequences: false)
      .map { $0.trimmingCharacters(in: .whitespaces) }
      .joined(separator: "*")
  }
}
