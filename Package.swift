// swift-tools-version: 6.1
//
// CausalKit: causal inference for program evaluation in Swift.
//
// Dependencies point one way:
//   CLAPACK <- LinearAlgebra <- CausalCore <- Resampling <- estimator modules <- CausalKit
//   <- tool, examples.
// Estimator modules: FixedEffects and Propensity (CausalCore only); Matching (Propensity,
// FixedEffects, Resampling: its matched-pairs bootstrap); Bootstrap (FixedEffects, Resampling:
// wild and fixed-effects bootstraps); Mediation (FixedEffects, Propensity, Resampling);
// StaggeredDiD (FixedEffects, Propensity).
// Reporting depends on CausalCore only: it draws any result through CausalCore's protocols.

import PackageDescription

// MARK: - Shared settings

/// Every Swift target builds in the Swift 6 language mode (the tools-version default) with
/// strict concurrency; warnings are treated as defects by review, not by flag, so that
/// downstream users are never broken by a new compiler diagnostic.
let swiftSettings: [SwiftSetting] = []

let package = Package(
  name: "CausalKit",
  platforms: [.macOS(.v13)],
  products: [
    // MARK: - Library products
    .library(name: "CausalKit", targets: ["CausalKit"]),
    .library(name: "LinearAlgebra", targets: ["LinearAlgebra"]),
    .library(name: "CausalCore", targets: ["CausalCore"]),
    .library(name: "FixedEffects", targets: ["FixedEffects"]),
    .library(name: "Propensity", targets: ["Propensity"]),
    .library(name: "Matching", targets: ["Matching"]),
    .library(name: "Resampling", targets: ["Resampling"]),
    .library(name: "Bootstrap", targets: ["Bootstrap"]),
    .library(name: "Mediation", targets: ["Mediation"]),
    .library(name: "StaggeredDiD", targets: ["StaggeredDiD"]),
    .library(name: "Reporting", targets: ["Reporting"]),

    // MARK: - Command-line tool
    .executable(name: "causalkit", targets: ["CausalKitTool"]),

    // MARK: - Examples
    .executable(name: "ssp-study", targets: ["ShanghaiStudyTool"]),
    .executable(name: "lalonde-psm", targets: ["LalondePSM"]),
    .executable(name: "did-montecarlo", targets: ["StaggeredMonteCarlo"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // Test-only: property-based tests (CSV write/read round trips, regression invariances).
    .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
  ],
  targets: [
    // MARK: - Numeric core

    /// C declarations of the Fortran LAPACK/BLAS routines CausalKit calls. Not a product.
    .target(
      name: "CLAPACK",
      linkerSettings: [
        .linkedLibrary("lapack", .when(platforms: [.linux])),
        .linkedLibrary("blas", .when(platforms: [.linux])),
        .linkedFramework("Accelerate", .when(platforms: [.macOS])),
      ]
    ),
    .target(name: "LinearAlgebra", dependencies: ["CLAPACK"], swiftSettings: swiftSettings),

    // MARK: - Data, formulas, distributions, inference types
    .target(name: "CausalCore", dependencies: ["LinearAlgebra"], swiftSettings: swiftSettings),

    // MARK: - Resampling
    // The generic resampling machinery: the resampler (pairs, cluster, stratified schemes and
    // the replicate loop), the jackknife and `boot.ci`-style intervals. It knows tables only,
    // so every estimator module can resample without depending on another estimator.
    .target(name: "Resampling", dependencies: ["CausalCore"], swiftSettings: swiftSettings),

    // MARK: - Estimators
    .target(
      name: "FixedEffects", dependencies: ["CausalCore", "LinearAlgebra"],
      swiftSettings: swiftSettings),

    .target(
      name: "Propensity", dependencies: ["CausalCore", "LinearAlgebra"],
      swiftSettings: swiftSettings),
    // Matching needs propensity scores for its distance, FixedEffects for effect regressions
    // on the matched sample (and PSM-DiD), and Resampling for the matched-pairs bootstrap
    // (Sources/Matching/Bootstrap), which resamples whole matched sets.
    .target(
      name: "Matching", dependencies: ["CausalCore", "LinearAlgebra", "Propensity", "FixedEffects", "Resampling"],
      swiftSettings: swiftSettings),

    // Bootstrap holds the bootstraps of fixed-effects models: the wild (cluster) bootstraps and
    // the pairs / cluster / frequency-weight bootstrap, over FixedEffects and Resampling. It
    // does not know Matching.
    .target(
      name: "Bootstrap", dependencies: ["CausalCore", "LinearAlgebra", "FixedEffects", "Resampling"],
      swiftSettings: swiftSettings),

    // Mediation fits mediator and outcome models with FixedEffects and Propensity and resamples
    // with Resampling (not Bootstrap, so it does not pull in Matching).
    .target(
      name: "Mediation",
      dependencies: ["CausalCore", "LinearAlgebra", "FixedEffects", "Propensity", "Resampling"],
      swiftSettings: swiftSettings),

    // StaggeredDiD holds the heterogeneity-robust DiD estimators (Sant'Anna-Zhao 2x2,
    // Callaway-Sant'Anna group-time effects): propensity scores from Propensity, saturated
    // regressions from FixedEffects.
    .target(
      name: "StaggeredDiD",
      dependencies: ["CausalCore", "LinearAlgebra", "FixedEffects", "Propensity"],
      swiftSettings: swiftSettings),

    // MARK: - Reporting
    // Regression and balance tables (text, Markdown, LaTeX) and SVG figures, written against
    // CausalCore's result protocols (EstimationResult, RegressionSummary,
    // TreatmentEffectSummary, EventStudySummary, BalanceSummary, PropensityOverlapSummary),
    // which the estimator modules' results adopt; Reporting knows no estimator module.
    .target(
      name: "Reporting", dependencies: ["CausalCore"],
      swiftSettings: swiftSettings),

    // MARK: - Umbrella
    .target(
      name: "CausalKit",
      dependencies: [
        "LinearAlgebra", "CausalCore", "Resampling", "FixedEffects", "Propensity", "Matching", "Bootstrap",
        "Mediation", "StaggeredDiD", "Reporting",
      ],
      swiftSettings: swiftSettings),

    // MARK: - Tool
    .executableTarget(
      name: "CausalKitTool",
      dependencies: [
        "CausalKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      swiftSettings: swiftSettings),

    // MARK: - Examples
    /// The Shanghai Strong School Project reproduction: data generator and analysis pipeline.
    .target(
      name: "ShanghaiStudy", dependencies: ["CausalKit"],
      path: "Examples/ShanghaiStudy/Sources/ShanghaiStudy", swiftSettings: swiftSettings),
    .executableTarget(
      name: "ShanghaiStudyTool",
      dependencies: ["ShanghaiStudy", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      path: "Examples/ShanghaiStudy/Sources/ShanghaiStudyTool", swiftSettings: swiftSettings),
    /// The Monte Carlo study of staggered adoption (not run by the tests).
    .executableTarget(
      name: "StaggeredMonteCarlo", dependencies: ["CausalKit"],
      path: "Examples/StaggeredMonteCarlo/Sources", swiftSettings: swiftSettings),
    .executableTarget(
      name: "LalondePSM",
      dependencies: ["CausalKit", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      path: "Examples/LalondePSM/Sources", swiftSettings: swiftSettings),

    // MARK: - Documentation samples
    /// Every Swift sample of README.md and the DocC articles, as code the build compiles;
    /// DocumentationTests checks that the documents' blocks are these sources and runs them.
    .executableTarget(
      name: "DocumentationSamples", dependencies: ["CausalKit", "ShanghaiStudy"],
      path: "Documentation/Samples", swiftSettings: swiftSettings),

    // MARK: - Tests
    /// Fixture paths and comparison helpers shared by the test targets (not a product).
    .target(name: "TestSupport", path: "Tests/TestSupport"),
    .testTarget(name: "LinearAlgebraTests", dependencies: ["LinearAlgebra", "TestSupport"]),
    .testTarget(
      name: "CausalCoreTests",
      dependencies: ["CausalCore", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based")]),
    .testTarget(
      name: "FixedEffectsTests",
      dependencies: [
        "FixedEffects", "CausalCore", "TestSupport", .product(name: "PropertyBased", package: "swift-property-based"),
      ]),
    .testTarget(name: "PropensityTests", dependencies: ["Propensity", "CausalCore", "TestSupport"]),
    .testTarget(
      name: "MatchingTests", dependencies: ["Matching", "Propensity", "Resampling", "CausalCore", "TestSupport"]),
    .testTarget(name: "ResamplingTests", dependencies: ["Resampling", "CausalCore", "TestSupport"]),
    .testTarget(
      name: "BootstrapTests", dependencies: ["Bootstrap", "FixedEffects", "Resampling", "CausalCore", "TestSupport"]),
    .testTarget(name: "CausalKitToolTests", dependencies: ["CausalKitTool", "CausalKit", "TestSupport"]),
    .testTarget(
      name: "MediationTests",
      dependencies: ["Mediation", "FixedEffects", "Propensity", "Resampling", "CausalCore", "TestSupport"]),
    .testTarget(name: "StaggeredDiDTests", dependencies: ["StaggeredDiD", "Propensity", "CausalCore", "TestSupport"]),
    .testTarget(name: "ReportingTests", dependencies: ["Reporting", "FixedEffects", "Matching", "CausalCore", "TestSupport"]),
    .testTarget(name: "DocumentationTests", dependencies: ["DocumentationSamples", "TestSupport"]),
    .testTarget(
      name: "ShanghaiStudyTests", dependencies: ["ShanghaiStudy", "TestSupport"],
      path: "Examples/ShanghaiStudy/Tests/ShanghaiStudyTests"),
  ]
)
