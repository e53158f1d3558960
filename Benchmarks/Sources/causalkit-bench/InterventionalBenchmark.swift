import CausalKit
import Foundation

/// `causalkit-bench interventional`: the issue-13 workload. Interventional effects
/// (`InterventionalMediation`) of three ordered mediators on four outcomes, 95,000 students in
/// 300 schools, cluster bootstrap over schools with `B` replicates. The data are simulated in
/// process (seeded): school-level leadership, teaching style affected by leadership, peer
/// relationships affected by both, three student covariates.
enum InterventionalBenchmark {
  /// `interventional [--students 95000] [--schools 300] [--reps-b 999] [--outcome-model linear|logit] [--draws 10] [--seed 1]`.
  static func run(_ args: Arguments) throws {
    let students = Int(args.value("--students") ?? "95000") ?? 95_000
    let schools = Int(args.value("--schools") ?? "300") ?? 300
    let replicates = Int(args.value("--reps-b") ?? "999") ?? 999
    let draws = Int(args.value("--draws") ?? "10") ?? 10
    let seed = UInt64(args.value("--seed") ?? "1") ?? 1
    let family: MediationModelFamily = args.value("--outcome-model") == "logit" ? .logit : .linear
    let table = try simulate(students: students, schools: schools, seed: seed, binary: family == .logit)
    let analysis = try InterventionalMediation(
      treatment: "strong", mediators: ["lead", "teach", "peer"], outcomes: ["chinese", "math", "english", "science"],
      covariates: ["prior", "female", "ses"], outcomeFamily: family,
      method: .bootstrap(replicates: replicates, cluster: "school"), draws: draws, seed: seed)
    let clock = ContinuousClock()
    var result: InterventionalMediationResult?
    let elapsed = try clock.measure { result = try analysis.fit(table) }.seconds
    guard let result else { return }
    let record: [String: Any] = [
      "tool": "causalkit", "workload": "interventional", "students": students, "schools": schools,
      "replicates": replicates, "outcome_model": family.rawValue, "draws": result.drawsPerObservation,
      "threads": ProcessInfo.processInfo.activeProcessorCount, "seconds": elapsed,
      "joint_indirect_chinese": result.outcomes[0].jointIndirect.estimate,
      "joint_indirect_chinese_se": result.outcomes[0].jointIndirect.standardError,
    ]
    let data = try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys])
    print(String(decoding: data, as: UTF8.self))
  }

  /// The simulated students.
  static func simulate(students: Int, schools: Int, seed: UInt64, binary: Bool) throws -> DataTable {
    var rng = SeededGenerator(seed: seed)
    let strongSchool = (0..<schools).map { _ in rng.nextUniform() < 0.4 ? 1.0 : 0.0 }
    let schoolLead = strongSchool.map { 0.5 * $0 + rng.nextNormal() }
    var columns = [[Double]](repeating: [], count: 12)
    var school = [Int]()
    for i in 0..<students {
      let s = i * schools / students
      let t = strongSchool[s], lead = schoolLead[s]
      let prior = rng.nextNormal(), female: Double = rng.nextUniform() < 0.5 ? 1 : 0, ses = rng.nextNormal()
      let teach = 0.3 * t + 0.4 * lead + 0.2 * prior + rng.nextNormal()
      let peer = 0.2 * t + 0.2 * lead + 0.3 * teach + 0.1 * ses + rng.nextNormal()
      var scores: [Double] = []
      for (k, slope) in [0.3, 0.25, 0.2, 0.15].enumerated() {
        let mean = 0.1 * t + slope * peer + 0.1 * lead + 0.05 * teach + 0.5 * prior + 0.1 * Double(k) * ses
        scores.append(binary ? (rng.nextUniform() < 1 / (1 + exp(-mean)) ? 1 : 0) : mean + rng.nextNormal())
      }
      school.append(s)
      for (j, v) in ([t, lead, teach, peer, prior, female, ses] + scores).enumerated() { columns[j].append(v) }
    }
    let names = ["strong", "lead", "teach", "peer", "prior", "female", "ses", "chinese", "math", "english", "science"]
    return try DataTable(columns: [Column(name: "school", ints: school)] + zip(names, columns).map { Column(name: $0, doubles: $1) })
  }
}
