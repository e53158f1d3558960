/// The one shape every CausalKit estimator has: a value configured and validated by its
/// initializer, run on a table by ``fit(_:)``.
///
/// Fixed-effects regressions, difference-in-differences designs, event studies, logit and
/// probit, matching, balance assessment, Abadie-Imbens matching estimators, every bootstrap and
/// every mediation analysis conform. A user learns the library once:
///
/// ```swift
/// let model = try FixedEffectsModel(formula: "score ~ treat_post | school + year")
/// let fit = try model.fit(table)          // configured by init, run by fit
/// print(fit.coefficient("treat_post")?.estimate ?? .nan)
/// print(fit.summary())
/// ```
///
/// ## The rules conforming types follow
///
/// - **Configured once.** Every option is an initializer argument, stored in a `let`
///   property, and checked by the initializer, which throws ``OptionError`` (or a module's
///   error wrapping it) for a value it cannot use. A configured estimator cannot be changed
///   into an invalid one afterwards; make a new one instead.
/// - **One verb.** ``fit(_:)`` takes the data and nothing else. The choice of algorithm (closed
///   form, quasi-Bayesian simulation, bootstrap) is an option of the initializer, not another
///   method.
/// - **No side effects.** ``fit(_:)`` reads the table and returns a new ``Output``; the same
///   estimator and table give the same result, bit for bit, whatever the number of threads
///   (randomized estimators take their seed in the initializer).
/// - **Errors, not traps.** Anything a user's data can reach throws a typed error that says
///   what, where and what to do.
///
/// Estimators are `Sendable`, so several fits can run at once (for example in a `TaskGroup`).
public protocol Estimator: Sendable {
  /// The result type.
  associatedtype Output: EstimationResult

  /// Runs the estimator on a table.
  ///
  /// - Parameter data: The data; the rows the estimator cannot use (missing values, singletons,
  ///   unmatched units) are removed and counted in the result's ``EstimationResult/drops``.
  /// - Returns: The immutable result.
  /// - Throws: ``DataError`` for unusable columns or no usable rows; the module's own error for
  ///   estimation failures.
  func fit(_ data: DataTable) throws -> Output
}
