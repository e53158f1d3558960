import CausalCore
import LinearAlgebra

/// A model's fixed effects on one sample, coded and laid out once, for projecting them out of
/// many columns: `M_D x` for every column `x`.
///
/// All columns passed to one ``project(_:)`` call share one demeaning solve (every pass updates
/// all of them), and each column's result is the same as demeaning it alone with
/// ``FixedEffectsModel/fit(_:)`` of `x ~ 1 | fe…` on the sample with `singletons: .keep`. The
/// wild cluster bootstrap uses it for its one projection per cluster.
package struct FixedEffectsProjection: Sendable {
  /// Number of rows of the sample.
  package let rowCount: Int
  private let structure: FixedEffectStructure
  private let options: DemeaningOptions

  /// Codes the fixed effects of `model` on the rows of `sample` (all of them: singletons are
  /// kept, no weights), or returns `nil` when the model has no fixed effects.
  ///
  /// - Throws: `DataError` when a fixed effect has missing values in the sample,
  ///   `ModelFrameError` for a missing fixed-effect column.
  package init?(model: FixedEffectsModel, sample: DataTable) throws {
    let names = model.formula.fixedEffects.map(\.name)
    guard !names.isEmpty else { return nil }
    let n = sample.rowCount
    var response = "fixed_effects_projection"
    while sample[response] != nil { response += "_" }
    var table = sample
    try table.append(Column(name: response, doubles: [Double](repeating: 0, count: n)))
    let frame = try ModelFrame("\(response) ~ 1 | " + names.joined(separator: " + "), data: table)
    guard frame.rowIndices.count == n else {
      throw DataError.noObservations(reason: "the fixed effects have missing values in the sample")
    }
    rowCount = n
    structure = FixedEffectStructure(
      names: frame.fixedEffects.map(\.name), codes: frame.fixedEffects.map(\.codes),
      levelCounts: frame.fixedEffects.map(\.levelCount), weights: nil)
    options = model.demeaning
  }

  /// Replaces every column of `columns` (an ``rowCount`` × m matrix) by the column with the
  /// fixed effects projected out.
  ///
  /// - Throws: `DataError` when the matrix does not have ``rowCount`` rows or holds a
  ///   non-finite value; ``FixedEffectsError/notConverged(method:iterations:tolerance:)``.
  /// - Complexity: O(n × dimensions × iterations × m), one pass per iteration for all columns.
  package func project(_ columns: inout Matrix) throws {
    guard columns.columns > 0 else { return }
    guard columns.rows == rowCount else {
      throw DataError.lengthMismatch(column: "projected columns", expected: rowCount, found: columns.rows)
    }
    if let j = (0..<columns.columns).first(where: { j in
      columns.elements[(j * rowCount)..<((j + 1) * rowCount)].contains { !$0.isFinite }
    }) {
      throw DataError.invalidValues(column: "projected column \(j)", reason: "missing or non-finite values")
    }
    _ = try Demeaner(structure: structure, options: options).demean(&columns)
  }
}
