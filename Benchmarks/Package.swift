// swift-tools-version: 6.1
//
// CausalKit benchmarks: a nested package, so that users of the library never resolve or build
// anything the benchmarks need. Run everything with `Benchmarks/run.sh`.

import PackageDescription

let package = Package(
  name: "CausalKitBenchmarks",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "CausalKit", path: "..")
  ],
  targets: [
    .executableTarget(
      name: "causalkit-bench",
      dependencies: [.product(name: "CausalKit", package: "CausalKit")]
    )
  ]
)
