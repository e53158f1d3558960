/// An estimator option with a value it does not accept.
public enum OptionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `option` was given `value`; `expected` lists what is accepted.
  case invalid(option: String, value: String, expected: String)

  /// A sentence saying which option was wrong and what it accepts.
  public var description: String {
    switch self {
    case .invalid(let option, let value, let expected): return "Invalid value '\(value)' for \(option); expected \(expected)."
    }
  }
}
