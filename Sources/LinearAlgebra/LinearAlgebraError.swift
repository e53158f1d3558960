/// An error raised by a linear-algebra operation.
///
/// LAPACK reports failures through an integer `info`; CausalKit turns each code into a case
/// that says what failed and what to do about it.
public enum LinearAlgebraError: Error, Sendable, Equatable, CustomStringConvertible {
  /// Two operands' shapes do not fit the operation.
  case dimensionMismatch(operation: String, expected: String, actual: String)
  /// A matrix that must be positive definite is not; `minor` is the order of the first
  /// leading minor that is not (LAPACK `info > 0` from `dpotrf`).
  case notPositiveDefinite(minor: Int)
  /// A triangular factor has an exact zero on its diagonal at `index` (0-based).
  case singular(index: Int)
  /// An iterative LAPACK routine did not converge (`info > 0` from an eigen solver).
  case noConvergence(routine: String, info: Int)
  /// LAPACK rejected an argument (`info < 0`): a defect in CausalKit, please report it.
  case invalidArgument(routine: String, position: Int)
  /// The problem is larger than 32-bit LAPACK integers can index.
  case tooLarge(operation: String, dimension: Int)

  /// A sentence saying what went wrong, where, and what to do.
  public var description: String {
    switch self {
    case .dimensionMismatch(let op, let expected, let actual):
      return "\(op): dimension mismatch, expected \(expected) but got \(actual)."
    case .notPositiveDefinite(let minor):
      return "The matrix is not positive definite (leading minor of order \(minor) is not positive); "
        + "check for collinear or constant columns."
    case .singular(let index): return "The matrix is singular (zero pivot at position \(index)); check for collinear columns."
    case .noConvergence(let routine, let info): return "LAPACK routine \(routine) did not converge (info = \(info))."
    case .invalidArgument(let routine, let position):
      return "LAPACK routine \(routine) rejected argument \(position); this is a CausalKit defect."
    case .tooLarge(let op, let dimension): return "\(op): dimension \(dimension) exceeds the 32-bit LAPACK index range."
    }
  }
}

/// Converts an `Int` to LAPACK's 32-bit integer, or throws.
@inline(__always)
func lapackInt(_ value: Int, _ operation: String) throws(LinearAlgebraError) -> Int32 {
  guard value <= Int(Int32.max) else { throw .tooLarge(operation: operation, dimension: value) }
  return Int32(value)
}
