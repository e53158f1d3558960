/// A format-independent table: a header row, sections of body rows separated by rules, and
/// notes under the table. ``RegressionTable`` and ``BalanceReport`` build one and render it.
struct TableGrid: Sendable {
  /// How a column's cells are aligned.
  enum Alignment: Sendable { case left, center, right }

  /// One body row. A `title` row spans the table and names a block ("Fixed effects").
  struct Row: Sendable {
    var cells: [String]
    /// Significance symbols per cell, kept apart so LaTeX can set them as superscripts.
    var stars: [String]
    var isTitle = false
  }

  /// Header cells, one per column.
  var header: [String]
  /// Column alignments, one per column.
  var alignment: [Alignment]
  /// Blocks of rows, separated by rules.
  var sections: [[Row]]
  /// Lines printed under the table.
  var notes: [String] = []
  /// A caption: a `table` float's `\caption` in LaTeX, a first line in text and Markdown.
  var caption: String?

  var columnCount: Int { header.count }

  /// Renders the grid.
  ///
  /// - Complexity: O(cells).
  func render(_ format: TableFormat) -> String {
    switch format {
    case .text: return text()
    case .markdown: return markdown()
    case .latex: return latex()
    }
  }

  // MARK: - Text

  private func text() -> String {
    let plain = sections.map { $0.map { row in row.isTitle ? row : Row(cells: zip(row.cells, row.stars).map { $0 + $1 }, stars: row.stars) } }
    var widths = header.map(\.count)
    for row in plain.joined() where !row.isTitle {
      for (j, cell) in row.cells.enumerated() where j < widths.count { widths[j] = max(widths[j], cell.count) }
    }
    let total = widths.reduce(0, +) + 2 * max(0, widths.count - 1)
    func line(_ cells: [String]) -> String {
      let parts = cells.enumerated().map { j, cell in Self.align(cell, widths[j], alignment[j]) }
      return SummaryFormatTrim.trailing(parts.joined(separator: "  "))
    }
    var out: [String] = []
    if let caption { out.append(caption) }
    let thick = String(repeating: "=", count: total)
    let thin = String(repeating: "-", count: total)
    out.append(thick)
    out.append(line(header))
    for section in plain {
      out.append(thin)
      for row in section { out.append(row.isTitle ? row.cells[0] : line(row.cells)) }
    }
    out.append(thick)
    out += notes
    return out.joined(separator: "\n") + "\n"
  }

  /// A hyphen before a digit set as a math minus (`$-$1.04`), for number cells in LaTeX.
  static func mathMinus(_ s: String) -> String {
    var out = ""
    var chars = Array(s)[...]
    while let c = chars.popFirst() {
      if c == "-", let next = chars.first, next.isNumber { out += "$-$" } else { out.append(c) }
    }
    return out
  }

  static func align(_ s: String, _ width: Int, _ alignment: Alignment) -> String {
    let gap = max(0, width - s.count)
    switch alignment {
    case .left: return s + String(repeating: " ", count: gap)
    case .right: return String(repeating: " ", count: gap) + s
    case .center:
      let left = gap / 2
      return String(repeating: " ", count: left) + s + String(repeating: " ", count: gap - left)
    }
  }

  // MARK: - Markdown

  private func markdown() -> String {
    func line(_ cells: [String]) -> String {
      "| " + cells.map { $0.isEmpty ? " " : TextEscaping.markdown($0) }.joined(separator: " | ") + " |"
    }
    var out: [String] = []
    if let caption { out += ["**\(TextEscaping.markdown(caption))**", ""] }
    out.append(line(header))
    out.append(
      "|" + alignment.map { a in a == .left ? " :--- |" : a == .right ? " ---: |" : " :---: |" }.joined())
    for section in sections {
      for row in section {
        if row.isTitle {
          let title = "*" + TextEscaping.markdown(row.cells[0]) + "*"
          out.append("| " + title + String(repeating: " |  ", count: columnCount - 1) + " |")
        } else {
          out.append(line(zip(row.cells, row.stars).map { $0 + $1 }))
        }
      }
    }
    for note in notes { out += ["", TextEscaping.markdown(note)] }
    return out.joined(separator: "\n") + "\n"
  }

  // MARK: - LaTeX

  private func latex() -> String {
    let spec = alignment.map { $0 == .left ? "l" : $0 == .right ? "r" : "c" }.joined()
    func line(_ row: Row) -> String {
      zip(row.cells, row.stars).enumerated().map { j, pair in
        let text = TextEscaping.latex(pair.0)
        let cell = j > 0 ? Self.mathMinus(text) : text
        return cell + (pair.1.isEmpty ? "" : "$^{\(TextEscaping.latex(pair.1))}$")
      }.joined(separator: " & ") + " \\\\"
    }
    var out: [String] = []
    if let caption {
      out += ["\\begin{table}[htbp]", "\\centering", "\\caption{\(TextEscaping.latex(caption.replacingNewlines))}"]
    }
    out.append("\\begin{tabular}{\(spec)}")
    out.append("\\toprule")
    out.append(header.map(TextEscaping.latex).joined(separator: " & ") + " \\\\")
    for section in sections {
      out.append("\\midrule")
      for row in section {
        if row.isTitle {
          out.append("\\multicolumn{\(columnCount)}{l}{\\emph{\(TextEscaping.latex(row.cells[0]))}} \\\\")
        } else {
          out.append(line(row))
        }
      }
    }
    out.append("\\bottomrule")
    for note in notes {
      out.append("\\multicolumn{\(columnCount)}{l}{\\footnotesize \(TextEscaping.latex(note))} \\\\")
    }
    out.append("\\end{tabular}")
    if caption != nil { out.append("\\end{table}") }
    return out.joined(separator: "\n") + "\n"
  }
}

/// Trailing-space removal for text lines.
enum SummaryFormatTrim {
  static func trailing(_ s: String) -> String {
    var t = Substring(s)
    while t.last == " " { t.removeLast() }
    return String(t)
  }
}

extension String {
  /// The string with line breaks replaced by spaces (for one-line LaTeX comments).
  var replacingNewlines: String { String(map { $0.isNewline ? " " : $0 }) }
}
