/// An estimator option with a value it does not accept.
public enum OptionError: Error, Sendable, Equatable, CustomStringConvertible {
  /// `option` was given `value`; `expected` lists what is accepted.
  case invalid(option: String, value: String, expected: String)
  /// `option` asks for `value` replicates or simulations whose results, at about
  /// `bytesPerItem` bytes each, need more than the machine's `physicalMemory` bytes; checked
  /// before anything proportional to `value` is allocated.
  case exceedsMemory(option: String, value: Int, bytesPerItem: Int, physicalMemory: UInt64)

  /// The option the error is about.
  public var option: String {
    switch self {
    case .invalid(let option, _, _), .exceedsMemory(let option, _, _, _): return option
    }
  }

  /// The same error about an option spelled `name` (a command-line flag for a library
  /// option name).
  ///
  /// - Parameter name: The option's name in the caller's terms.
  /// - Returns: The error with ``option`` replaced.
  public func renamingOption(_ name: String) -> OptionError {
    switch self {
    case .invalid(_, let value, let expected): return .invalid(option: name, value: value, expected: expected)
    case .exceedsMemory(_, let value, let bytes, let memory):
      return .exceedsMemory(option: name, value: value, bytesPerItem: bytes, physicalMemory: memory)
    }
  }

  /// A sentence saying which option was wrong and what it accepts.
  public var description: String {
    switch self {
    case .invalid(let option, let value, let expected):
      return "Invalid value '\(VisibleText.escape(value))' for \(option); expected \(expected)."
    case .exceedsMemory(let option, let value, let bytes, let memory):
      let footprint = ReplicateMemory(doubles: 0, arrays: 0, overhead: bytes)
      let needed = ReplicateMemory.describe(bytes: Double(max(0, value)) * Double(bytes))
      return "Too large a value \(SummaryFormat.grouped(value)) for \(option): the results would need about "
        + "\(needed) of memory (\(SummaryFormat.grouped(bytes)) bytes each), more than the "
        + "\(ReplicateMemory.describe(bytes: Double(memory))) of physical memory of this machine. Use at most "
        + "\(SummaryFormat.grouped(footprint.maximumCount(physicalMemory: memory))); a few thousand are usually enough."
    }
  }
}
