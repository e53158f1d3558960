import CausalCore

extension Covariates {
  /// Throws unless there is at least one term: the check of every matching design's
  /// initializer.
  ///
  /// - Parameter purpose: What the covariates are for, e.g. "for the propensity model".
  /// - Throws: `OptionError.invalid(option: "covariates", ...)`.
  func requireTerms(_ purpose: String) throws(OptionError) {
    guard !isEmpty else {
      throw .invalid(option: "covariates", value: "none", expected: "at least one covariate \(purpose)")
    }
  }
}
