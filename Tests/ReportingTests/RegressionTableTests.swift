import CausalCore
import Reporting
import Testing

/// Exact renderings of a two-model table (hand-made numbers in `ReportingFixtures`): stars by
/// etable's default convention, three decimals, R² with four, N with a thousands separator.
@Suite("Regression table layouts")
struct RegressionTableTests {
  static func table() -> RegressionTable {
    var table = RegressionTable(ReportingFixtures.twoModels())
    table.labels = ["x": "Treated"]
    return table
  }

  @Test("text: models side by side, SE under the estimate, FE and statistics blocks")
  func text() throws {
    let expected = """
      =====================================
                      (1)          (2)
      -------------------------------------
      (Intercept)    0.500*
                    (0.250)
      Treated       1.235***     -0.500
                    (0.100)      (0.300)
      z                          2.000**
                                 (1.000)
      -------------------------------------
      Fixed effects
      g                No          Yes
      -------------------------------------
      Observations    100         1,234
      R²             0.1234      0.5000
      Within R²                  0.2500
      S.E. type       IID     Clustered (g)
      =====================================
      Signif. codes: *** 0.01, ** 0.05, * 0.1
      Standard errors in parentheses.

      """
    #expect(try Self.table().render(.text) == expected)
  }

  @Test("Markdown: a pipe table with escaped stars and an emphasized block title")
  func markdown() throws {
    let expected = """
      |   | (1) | (2) |
      | :--- | :---: | :---: |
      | (Intercept) | 0.500\\* |   |
      |   | (0.250) |   |
      | Treated | 1.235\\*\\*\\* | -0.500 |
      |   | (0.100) | (0.300) |
      | z |   | 2.000\\*\\* |
      |   |   | (1.000) |
      | *Fixed effects* |   |   |
      | g | No | Yes |
      | Observations | 100 | 1,234 |
      | R² | 0.1234 | 0.5000 |
      | Within R² |   | 0.2500 |
      | S.E. type | IID | Clustered (g) |

      Signif. codes: \\*\\*\\* 0.01, \\*\\* 0.05, \\* 0.1

      Standard errors in parentheses.

      """
    #expect(try Self.table().render(.markdown) == expected)
  }

  @Test("LaTeX: booktabs rules, superscript stars, math minus signs, a multicolumn block title and notes")
  func latex() throws {
    let expected = #"""
      \begin{tabular}{lcc}
      \toprule
       & (1) & (2) \\
      \midrule
      (Intercept) & 0.500$^{*}$ &  \\
       & (0.250) &  \\
      Treated & 1.235$^{***}$ & $-$0.500 \\
       & (0.100) & (0.300) \\
      z &  & 2.000$^{**}$ \\
       &  & (1.000) \\
      \midrule
      \multicolumn{3}{l}{\emph{Fixed effects}} \\
      g & No & Yes \\
      \midrule
      Observations & 100 & 1,234 \\
      R\textsuperscript{2} & 0.1234 & 0.5000 \\
      Within R\textsuperscript{2} &  & 0.2500 \\
      S.E. type & IID & Clustered (g) \\
      \bottomrule
      \multicolumn{3}{l}{\footnotesize Signif. codes: *** 0.01, ** 0.05, * 0.1} \\
      \multicolumn{3}{l}{\footnotesize Standard errors in parentheses.} \\
      \end{tabular}

      """#
    #expect(try Self.table().render(.latex) == expected)
  }

  @Test("a caption wraps the LaTeX tabular in a table float and heads the text table")
  func caption() throws {
    var table = Self.table()
    table.caption = "Main results (50%)"
    let latex = try table.render(.latex)
    #expect(latex.hasPrefix("\\begin{table}[htbp]\n\\centering\n\\caption{Main results (50\\%)}\n\\begin{tabular}{lcc}"))
    #expect(latex.hasSuffix("\\end{tabular}\n\\end{table}\n"))
    #expect(try table.render(.text).hasPrefix("Main results (50%)\n====="))
  }
}
