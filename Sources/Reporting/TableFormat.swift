/// The output formats of the report tables.
public enum TableFormat: String, Sendable, Equatable, CaseIterable {
  /// Plain text with aligned columns and rules of dashes, for consoles and logs.
  case text
  /// A GitHub-flavoured Markdown pipe table.
  case markdown
  /// A LaTeX `tabular` with booktabs rules (`\toprule`, `\midrule`, `\bottomrule`); needs
  /// `\usepackage{booktabs}` in the preamble.
  case latex
}
