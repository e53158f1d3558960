/// An effect estimated for a named target population (ATT, ATC, ATE), with the name of the
/// estimator its standard error comes from.
///
/// Results tables print the estimand in an "Estimand" row and the standard-error label in
/// their "S.E. type" row, which a ``VarianceType`` cannot always name (Abadie and Imbens's
/// matching variance, say). Matching estimates conform.
///
/// ```swift
/// func caption(_ effect: some TreatmentEffectSummary) -> String {
///   "\(effect.estimandName), standard errors: \(effect.standardErrorLabel)"
/// }
/// ```
///
/// See also ``EstimationResult`` and ``RegressionSummary`` (a result may conform to both; the
/// label given here is the one tables print).
public protocol TreatmentEffectSummary: EstimationResult {
  /// The estimand's short name: `ATT`, `ATC` or `ATE`.
  var estimandName: String { get }
  /// A short name of the standard error's estimator, as a table's "S.E. type" row prints it:
  /// `Abadie-Imbens`, `Clustered (pair)`, `HC3`.
  var standardErrorLabel: String { get }
}
