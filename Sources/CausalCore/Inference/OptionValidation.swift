/// The range checks every estimator's initializer applies to its options, with one message per
/// kind of option, so that the same mistake reads the same in every module.
///
/// Each check throws ``OptionError/invalid(option:value:expected:)`` naming the option; a
/// module whose initializer throws its own error type wraps it once:
///
/// ```swift
/// do throws(OptionError) {
///   try OptionError.requireCount(replicates, atLeast: 1, option: "replicates")
///   try OptionError.requireLevel(confidenceLevel)
/// } catch { throw .invalidOption(error) }
/// ```
extension OptionError {
  /// Throws unless `level` is strictly between 0 and 1 (a confidence level, a tolerance
  /// expressed as a share).
  package static func requireLevel(_ level: Double, option: String = "confidenceLevel") throws(OptionError) {
    guard level > 0, level < 1 else {
      throw .invalid(option: option, value: "\(level)", expected: "a number strictly between 0 and 1")
    }
  }

  /// Throws unless `count` is a whole number of at least `minimum` (replicates, simulations,
  /// iterations, neighbours).
  package static func requireCount(_ count: Int, atLeast minimum: Int, option: String) throws(OptionError) {
    guard count >= minimum else {
      throw .invalid(option: option, value: "\(count)", expected: "an integer of at least \(minimum)")
    }
  }

  /// Throws unless `value` is finite and positive (a width, a bandwidth, a tolerance).
  ///
  /// - Parameter example: A typical value, shown in the message (`"0.2"`).
  package static func requirePositive(_ value: Double, option: String, example: String) throws(OptionError) {
    guard value.isFinite, value > 0 else {
      throw .invalid(option: option, value: "\(value)", expected: "a positive, finite number, such as \(example)")
    }
  }

  /// Throws unless `value` is finite and zero or more.
  ///
  /// - Parameter example: A typical value, shown in the message (`"1e-5"`).
  package static func requireNonNegative(_ value: Double, option: String, example: String) throws(OptionError) {
    guard value.isFinite, value >= 0 else {
      throw .invalid(option: option, value: "\(value)", expected: "a finite number of at least 0, such as \(example)")
    }
  }

  /// Throws for the first empty column name, naming the option that gave it.
  ///
  /// - Parameter names: Column names by option, in the order to check them.
  package static func requireColumnNames(_ names: KeyValuePairs<String, String>) throws(OptionError) {
    for (option, name) in names where name.isEmpty {
      throw .invalid(option: option, value: "", expected: "a column name")
    }
  }
}
