import CausalKit

/// A generated Strong School Project panel: the student table, the schools behind it, the true
/// effects, and the parameters that produced it.
///
/// ```swift
/// let panel = try SchoolPanelGenerator().generate()
/// try CSVWriter().write(panel.table, toPath: "ssp-data.csv")
/// ```
public struct SimulatedPanel: Sendable {
  /// One row per student; columns as in ``PanelColumns``.
  public var table: DataTable
  /// The schools, in identifier order.
  public var schools: [SchoolProfile]
  /// The true effects on the standardized scores.
  public var truth: SimulationTruth
  /// The parameters.
  public var configuration: SchoolPanelConfiguration

  /// Creates a panel; parameters as the properties.
  public init(table: DataTable, schools: [SchoolProfile], truth: SimulationTruth, configuration: SchoolPanelConfiguration) {
    self.table = table
    self.schools = schools
    self.truth = truth
    self.configuration = configuration
  }

  /// The column mapping of the generated table for the pipeline.
  public var schema: PanelSchema { PanelSchema.simulated }
}
