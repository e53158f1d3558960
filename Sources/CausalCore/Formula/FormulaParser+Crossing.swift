/// Crossings `a*b*c`: their expansion into terms, and the identity of a term.
extension FormulaParser {
  /// A factor of an interaction.
  enum Factor {
    case expression(FormulaExpression)
    case indicator(IndicatorTerm)
  }

  /// The identity of a term, used to remove duplicates and to apply `- term`: the set of the
  /// numbers of its factors (see ``FactorNames``), so `a:b`, `b:a` and `a:b:a` are the same
  /// term, and `a:a` is the term `a`. Held in two words while every number is below 128 (any
  /// formula written by hand), as the sorted numbers otherwise.
  enum TermKey: Hashable {
    case small(UInt64, UInt64)
    case large([Int])
  }

  /// Numbers the distinct factors of a formula by their normalized text, so that a term's
  /// identity is a short array of integers rather than a string built for every term (a few
  /// crossings give thousands of terms).
  struct FactorNames {
    private var numbers: [String: Int] = [:]

    /// The number of a factor; an expression and an `i(...)` term never share one.
    mutating func number(of factor: Factor) -> Int {
      let name: String
      switch factor {
      case .expression(let e): name = "e" + e.name
      case .indicator(let t): name = "i" + t.description
      }
      if let n = numbers[name] { return n }
      let n = numbers.count
      numbers[name] = n
      return n
    }
  }

  /// The groups of one item `inter ('*' inter)*`, before expansion.
  struct Crossing {
    /// The interactions crossed, in the order written.
    var groups: [[Factor]]
    /// The factor numbers of each group.
    var numbers: [[Int]]
    /// Where the item starts in the source.
    var offset: Int

    /// The number of terms the crossing expands to, `2^k - 1` for `k` groups.
    var termCount: Int { (1 << groups.count) - 1 }

    /// The terms, each as the set of groups it multiplies (group `i` is bit `k − 1 − i` of
    /// the mask), by order (main effects first), then position: `a*b*c` gives `a`, `b`, `c`,
    /// `a:b`, `a:c`, `b:c`, `a:b:c`. For sets of one size, descending masks are the
    /// lexicographic order of the groups' positions.
    ///
    /// - Complexity: O(2^k log 2^k) for k groups (at most ``FormulaParser/maximumCrossedFactors``).
    var combinations: [UInt32] {
      let k = groups.count
      return (1..<(UInt32(1) << k)).sorted { a, b in
        a.nonzeroBitCount != b.nonzeroBitCount ? a.nonzeroBitCount < b.nonzeroBitCount : a > b
      }
    }

    /// The identity of the term made of the groups in `mask`.
    func key(of mask: UInt32) -> TermKey {
      var low: UInt64 = 0, high: UInt64 = 0
      var large = false
      for group in numbers.indices where mask & (1 << (numbers.count - 1 - group)) != 0 {
        for f in numbers[group] {
          if f < 64 {
            low |= 1 << UInt64(f)
          } else if f < 128 {
            high |= 1 << UInt64(f - 64)
          } else {
            large = true
          }
        }
      }
      guard large else { return .small(low, high) }
      var factors: [Int] = []
      for group in numbers.indices where mask & (1 << (numbers.count - 1 - group)) != 0 {
        factors.append(contentsOf: numbers[group])
      }
      return .large(Array(Set(factors)).sorted())
    }

    /// The term made of the given groups, with repeated factors removed.
    ///
    /// - Throws: `FormulaError` when an `i(...)` term is part of an interaction.
    func term(of mask: UInt32, parser: FormulaParser) throws(FormulaError) -> FormulaTerm {
      var factors: [Factor] = []
      var seen: Set<Int> = []
      for group in groups.indices where mask & (1 << (groups.count - 1 - group)) != 0 {
        for (factor, number) in zip(groups[group], numbers[group]) where seen.insert(number).inserted {
          factors.append(factor)
        }
      }
      if factors.count == 1 {
        switch factors[0] {
        case .indicator(let t): return .indicator(t)
        case .expression(let e): return .expression(e)
        }
      }
      var expressions: [FormulaExpression] = []
      for factor in factors {
        switch factor {
        case .indicator:
          throw parser.error(offset, "i() cannot be part of an interaction; use i(var, x) to interact with a numeric variable")
        case .expression(let e):
          expressions.append(e)
        }
      }
      return .interaction(expressions)
    }
  }

  /// Parses `inter ('*' inter)*`, numbering its factors; the caller expands it.
  ///
  /// - Throws: `FormulaError` for a malformed factor, more than ``maximumCrossedFactors``
  ///   groups, an `i(...)` term crossed with `*`, or one inside an interaction.
  mutating func parseCross(interning names: inout FactorNames) throws(FormulaError) -> Crossing {
    let start = current.offset
    var groups: [[Factor]] = [try parseInteraction()]
    while current.isSymbol("*") {
      advance()
      groups.append(try parseInteraction())
    }
    guard groups.count <= Self.maximumCrossedFactors else {
      throw error(
        start,
        "'*' crosses \(groups.count) factors, which would create \(groups.count >= 62 ? "more than 10^18" : String((1 << groups.count) - 1)) terms; cross at most \(Self.maximumCrossedFactors) factors, or write the interactions you need with ':'")
    }
    for group in groups {
      for case .indicator in group {
        if groups.count > 1 {
          throw error(start, "i() cannot be crossed with '*'; write its terms separately or use i(var, x)")
        }
        if group.count > 1 {
          throw error(start, "i() cannot be part of an interaction; use i(var, x) to interact with a numeric variable")
        }
      }
    }
    let numbers = groups.map { group in group.map { names.number(of: $0) } }
    return Crossing(groups: groups, numbers: numbers, offset: start)
  }

  /// The error for a right-hand side that expands beyond ``maximumTerms``.
  func tooManyTerms(_ offset: Int) -> FormulaError {
    error(
      offset,
      "the formula expands to more than \(Self.maximumTerms) terms; write fewer crossings with '*', or build the interactions you need as columns")
  }
}
