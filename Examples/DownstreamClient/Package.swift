// swift-tools-version: 6.1
//
// A downstream client of CausalKit: a separate package that depends on CausalKit only through
// its products, as an application would. CI builds and runs it (`bash scripts/downstream.sh`),
// so a public API that cannot be used from outside the package fails the build.
//
// An application writes
//   .package(url: "https://github.com/causalkit/causalkit", from: "0.1.0")
// here the dependency is the checkout two folders up, named "causalkit" whatever the folder is
// called.

import PackageDescription

let package = Package(
  name: "DownstreamClient",
  platforms: [.macOS(.v13)],
  dependencies: [
    .package(name: "causalkit", path: "../.."),
  ],
  targets: [
    .executableTarget(
      name: "DownstreamClient",
      dependencies: [
        // Package.swift
        .product(name: "CausalKit", package: "causalkit"),
        // A single-module product is usable on its own.
        .product(name: "FixedEffects", package: "causalkit"),
      ]),
  ]
)
