import CausalCore
import FixedEffects
import Foundation
import Testing
import TestSupport

/// One reference case from `Tests/Fixtures/expected/feols.json`, written by
/// `Tests/Fixtures/generate.py` with pyfixest 0.60.0 (see `conventions.md` beside it).
struct FeolsCase: Decodable, Sendable, CustomTestStringConvertible {
  /// A tidy reference row, decoded into CausalCore's own row type (same snake_case keys).
  typealias Row = CoefficientRow
  struct SSC: Decodable, Sendable {
    var k_adj: Bool
    var k_fixef: String
    var G_adj: Bool
    var G_df: String
  }
  var name: String
  var data: String
  var formula: String
  var weights: String?
  var vcov: String
  var singletons: String
  var nobs: Int
  var df_t: Double
  var rss: Double
  var r2: Double
  var adj_r2: Double
  var r2_within: Double?
  var singletons_dropped: Int
  var missing_dropped: Int
  var collinear: [String]
  var coefficients: [Row]
  var vcov_matrix: [[Double]]
  var ssc: SSC

  var testDescription: String { name }

  /// The small-sample convention of this case in CausalKit's terms.
  var smallSample: SmallSampleCorrection {
    SmallSampleCorrection(
      adjust: ssc.k_adj,
      fixedEffectCount: ssc.k_fixef == "full" ? .full : ssc.k_fixef == "none" ? .none : .nested,
      clusterAdjust: ssc.G_adj, clusterDF: ssc.G_df == "conventional" ? .conventional : .min)
  }
}

/// Loads fixtures relative to this source file, so tests need no bundle resources.
enum Fixtures {
  static let root = FixtureFiles.root

  static let feolsCases: [FeolsCase] = FixtureFiles.cases("feols.json")

  static func table(_ name: String) throws -> DataTable {
    try CSVReader().read(path: root.appendingPathComponent("data/\(name)").path)
  }
}

