/// One sample of the documentation: the document it comes from and the code, as a function.
struct DocumentationSample: Sendable {
  /// `Document: section`.
  let name: String
  /// The sample's code.
  let run: @Sendable () throws -> Void

  /// Every sample, in document order.
  static let all: [DocumentationSample] =
    readmeSamples + gettingStartedSamples + usingFromSwiftSamples + estimatorSamples + inferenceSamples
    + reportingSamples + staggeredAdoptionSamples + shanghaiSamples
}
