import CausalKit
import Foundation

/// The `clustered` coverage design: students in schools, a school-level treatment and a
/// school-level mediator (leadership, constant within each school) that affects a student-level
/// mediator (teaching), estimated by ``InterventionalMediation`` with `lead` as a cluster-level
/// mediator and the cluster bootstrap by school (linear models: exact g-computation, the
/// bootstrap's per-school cross-product shortcut), percentile intervals.
///
/// For school `s` (of `G`) with `n_s` students: `strong_s ~ Bernoulli(0.5)`, a school effect
/// `z_s ~ N(0, 1)`, each student's prior score `prior_i = 0.5 z_s + N(0, 1)`, and
///
///     lead_s  = 0.5 strong_s + 0.3 mean_s(prior) + u_s,               u_s ~ N(0, 1)
///     teach_i = 0.3 strong_s + 0.4 lead_s + 0.2 prior_i + v_s + e_i,   v_s ~ N(0, 0.5²), e_i ~ N(0, 1)
///     score_i = 0.2 strong_s + 0.3 lead_s + 0.25 teach_i + 0.5 prior_i + w_s + ε_i,
///                                                                     w_s ~ N(0, 0.5²), ε_i ~ N(0, 1)
///
/// (`mean_s(prior)` the school's sample mean, which the library's school-level model uses as its
/// covariate). The school effects `v_s`, `w_s` make the students' errors dependent within
/// schools, which only the cluster bootstrap accounts for. Exact truths: indirect through lead
/// `0.3 × 0.5 = 0.15`, through teaching `0.25 × (0.3 + 0.4 × 0.5) = 0.125`, joint `0.275`, direct
/// `0.2`, total `0.475`; the mediator dependence is identically zero (linear, no interaction).
struct ClusteredDesign: CoverageDesign {
  let name = "clustered"
  /// Schools per data set.
  var schools: Int
  /// Students per school.
  var students: Int
  /// Bootstrap replicates (whole schools).
  var bootstrap: Int

  var summary: String {
    "G = \(schools) schools × \(students) students (n = \(schools * students)); InterventionalMediation with lead "
      + "as a school-level mediator, exact (linear) g-computation, cluster bootstrap by school B = \(bootstrap), "
      + "percentile intervals"
  }

  var truthNote: String { "exact (products of the data-generating coefficients)" }

  var truths: [EffectTruth] {
    let lead = 0.3 * 0.5, teach = 0.25 * (0.3 + 0.4 * 0.5), direct = 0.2
    let joint = lead + teach, total = joint + direct
    return [
      EffectTruth(name: "interventional: indirect (lead, school level)", value: lead),
      EffectTruth(name: "interventional: indirect (teach)", value: teach),
      EffectTruth(name: "interventional: mediator dependence", value: 0, identicallyZero: true),
      EffectTruth(name: "interventional: direct", value: direct),
      EffectTruth(name: "interventional: joint indirect", value: joint),
      EffectTruth(name: "interventional: total", value: total),
      EffectTruth(name: "interventional: proportion mediated", value: joint / total),
      // From lead: strong -> lead -> score and strong -> lead -> teach -> score; from teach: strong -> teach -> score.
      EffectTruth(name: "interventional: path-specific from lead", value: 0.5 * (0.3 + 0.4 * 0.25)),
      EffectTruth(name: "interventional: path-specific from teach", value: 0.3 * 0.25),
    ]
  }

  /// One simulated data set: columns `school`, `strong`, `lead`, `teach`, `score`, `prior`.
  func table(using generator: inout SeededGenerator) throws -> DataTable {
    var school = [Int]()
    var columns = [[Double]](repeating: [], count: 5)
    for s in 0..<schools {
      let strong = generator.nextBernoulli(0.5)
      let z = generator.nextNormal()
      let prior = (0..<students).map { _ in 0.5 * z + generator.nextNormal() }
      let meanPrior = prior.reduce(0, +) / Double(students)
      let lead = 0.5 * strong + 0.3 * meanPrior + generator.nextNormal()
      let v = 0.5 * generator.nextNormal(), w = 0.5 * generator.nextNormal()
      for p in prior {
        let teach = 0.3 * strong + 0.4 * lead + 0.2 * p + v + generator.nextNormal()
        let score = 0.2 * strong + 0.3 * lead + 0.25 * teach + 0.5 * p + w + generator.nextNormal()
        school.append(s)
        for (j, value) in [strong, lead, teach, score, p].enumerated() { columns[j].append(value) }
      }
    }
    let names = ["strong", "lead", "teach", "score", "prior"]
    return try DataTable(columns: [Column(name: "school", ints: school)] + zip(names, columns).map { Column(name: $0, doubles: $1) })
  }

  func estimates(using generator: inout SeededGenerator) throws -> [EffectEstimate] {
    let data = try table(using: &generator)
    let seed = generator.next()
    let result = try InterventionalMediation(
      treatment: "strong", mediators: ["lead", "teach"], outcomes: ["score"], covariates: ["prior"],
      clusterLevelMediators: ["lead"], mediatorCluster: "school",
      method: .bootstrap(replicates: bootstrap, cluster: "school"), seed: seed
    ).fit(data)
    guard let effects = result.outcomes.first else { throw BenchError("no interventional effects") }
    return effects.rows.map(EffectEstimate.init)
  }
}
