// causalkit-bench: a plain timing harness for CausalKit's fixed-effects regressions,
// propensity-score matching, logistic regression, mediation analysis and Callaway-Sant'Anna.
//
//   causalkit-bench fit --data DIR --workload w1 [--method automatic] [--tol default|1e-10]
//                       [--reps 5] [--budget 60] [--no-frame]
//   causalkit-bench bandwidth [--mib 256] [--reps 10]
//   causalkit-bench kernel --data DIR --workload w1 [--sweeps 10] [--reps 3]
//   causalkit-bench match --data DIR --workload m1 [--mode matcher|pipeline] [--reps 5] [--budget 30]
//   causalkit-bench logit --data DIR --workload l1 [--mode formula|arrays] [--tol 1e-12] [--reps 5]
//   causalkit-bench mediate --data DIR --workload md1 [--outcome-model linear|logit] [--sims 1000] [--reps 5]
//   causalkit-bench wild --data DIR --workload b1 [--term treat_post] [--B 9999] [--serial] [--formula F] [--reps 5]
//   causalkit-bench pairs --data DIR --workload b2 [--statistic bootstrap|feols|lean|resample] [--serial] [--B 999]
//   causalkit-bench honest --input FILE [--grid 1000] [--reps 3]
//   causalkit-bench cs --data DIR --workload cs1 [--covariates 0|3] [--reps 5] [--budget 30]
//   causalkit-bench montecarlo [--replications 1000] [--clusters 10,20,50] [--reps 999] [--json FILE]
//   causalkit-bench mediation-coverage [--design NAME|all] [--reps 1000] [--seed 20261204] [--json FILE]
//   causalkit-bench read --file data.csv|data.dta [--reps 5] [--budget 60]
//
// Each command prints JSON lines (one record per line) on standard output, except montecarlo and
// mediation-coverage, which print Markdown tables (and write JSON lines with --json).

import Foundation

struct Arguments {
  var items: [String]
  func value(_ name: String) -> String? {
    guard let i = items.firstIndex(of: name), i + 1 < items.count else { return nil }
    return items[i + 1]
  }
  func flag(_ name: String) -> Bool { items.contains(name) }
}

let argv = Array(CommandLine.arguments.dropFirst())
let args = Arguments(items: Array(argv.dropFirst()))
do {
  switch argv.first {
  case "fit": try FitBenchmark.run(args)
  case "bandwidth": try Bandwidth.run(args)
  case "kernel": try SweepKernel.run(args)
  case "match": try PropensityBenchmark.runMatch(args)
  case "logit": try PropensityBenchmark.runLogit(args)
  case "wild": try BootstrapBenchmark.runWild(args)
  case "pairs": try BootstrapBenchmark.runPairs(args)
  case "montecarlo": try MonteCarlo.run(args)
  case "mediate": try MediationBenchmark.run(args)
  case "honest": try HonestBenchmark.run(args)
  case "cs": try StaggeredBenchmark.run(args)
  case "interventional": try InterventionalBenchmark.run(args)
  case "mediation-coverage": try MediationCoverage.run(args)
  case "read": try ReadBenchmark.run(args)
  default:
    print("usage: causalkit-bench fit|bandwidth|kernel|read|match|logit|wild|pairs|montecarlo|mediation-coverage|mediate|honest|cs|interventional [options]  (see Benchmarks/README.md)")
    exit(2)
  }
} catch {
  FileHandle.standardError.write(Data("causalkit-bench: \(error)\n".utf8))
  exit(1)
}
