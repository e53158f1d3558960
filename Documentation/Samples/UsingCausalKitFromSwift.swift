import CausalKit
import Foundation

/// Samples of UsingCausalKitFromSwift.md.
let usingFromSwiftSamples = [
  DocumentationSample(name: "UsingCausalKitFromSwift: arrays, fit, results, JSON, concurrency") {
    let table = try DataTable(columns: [
      Column(name: "school", strings: ["s1", "s1", "s2", "s2", "s3", "s3", "s4", "s4"]),
      Column(name: "year", ints: [2017, 2018, 2017, 2018, 2017, 2018, 2017, 2018]),
      Column(name: "treated", ints: [0, 0, 0, 0, 1, 1, 1, 1]),
      Column(name: "post", ints: [0, 1, 0, 1, 0, 1, 0, 1]),
      Column(name: "prior score", doubles: [0.1, 0.2, -0.3, 0.0, 0.4, 0.2, 0.0, 0.1]),
      Column(name: "score", doubles: [0.2, 0.5, -0.1, 0.3, 0.3, 1.1, 0.1, 0.9]),
    ])

    let did = try DifferenceInDifferences(
      outcome: "score", design: .twoByTwo(treated: "treated", post: "post"), covariates: ["prior score"])
    let result = try did.fit(table)
    print(result.effect.estimate, result.effect.standardError)

    for row in result.coefficients {
      print(row.term, row.estimate, row.standardError, row.pValue, row.confLow, row.confHigh)
    }
    let effect = result.coefficient("treated:post")
    print(result.observationCount, result.drops.totalObservations, effect?.pValue ?? .nan)
    print(result.summary())

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys]
    let json = try encoder.encode(result)
    print(String(decoding: json, as: UTF8.self))

    try runBlocking {
      let outcomes = ["score", "prior score"]
      let fits = try await withThrowingTaskGroup(of: (String, Double).self) { group in
        for outcome in outcomes {
          group.addTask {
            let model = try FixedEffectsModel(
              formula: Formula(response: outcome, regressors: ["treated"], fixedEffects: ["year"]),
              vcov: .hetero)
            return (outcome, try model.fit(table).coefficient("treated")?.estimate ?? .nan)
          }
        }
        var estimates: [String: Double] = [:]
        for try await (outcome, estimate) in group { estimates[outcome] = estimate }
        return estimates
      }
      print(fits)
    }
  }
]

/// Runs an async sample to completion from synchronous code.
func runBlocking(_ body: @escaping @Sendable () async throws -> Void) throws {
  let box = ErrorBox()
  let done = DispatchSemaphore(value: 0)
  Task {
    do { try await body() } catch { box.set(error) }
    done.signal()
  }
  done.wait()
  if let error = box.error { throw error }
}

/// The error of an async sample, handed back to the waiting thread.
final class ErrorBox: @unchecked Sendable {
  private let lock = NSLock()
  private var stored: (any Error)?
  var error: (any Error)? { lock.withLock { stored } }
  func set(_ error: any Error) { lock.withLock { stored = error } }
}
