import CausalCore

/// An error in what a command-line option names in the input data.
enum ToolInputError: Error, Equatable, CustomStringConvertible {
  /// An option names a column the data do not have; `suggestions` are the closest names.
  case unknownColumn(option: String, name: String, suggestions: [String])

  /// A sentence saying which option is wrong and what the data offer instead.
  var description: String { VisibleText.escape(unescapedDescription) }

  /// The description before the user text in it (names, values) has its control characters
  /// escaped (see `VisibleText`).
  private var unescapedDescription: String {
    switch self {
    case .unknownColumn(let option, let name, let suggestions):
      let hint = suggestions.isEmpty ? "" : " Did you mean \(suggestions.map { "'\($0)'" }.joined(separator: ", "))?"
      return "\(option): the data have no column '\(name)'.\(hint)"
    }
  }
}
