/// How group-time effects are averaged into summary parameters (Callaway and Sant'Anna 2021,
/// section 3; R did's `aggte(type = ...)`).
///
/// Weights are the cohorts' shares of (weighted) units, as did computes them; standard errors
/// include the estimation of those shares.
public enum GroupTimeAggregation: Sendable, Equatable, Hashable {
  /// The average of all post-treatment cells, weighted by cohort size (did's `"simple"`).
  case simple
  /// An event study: for each event time `e = t − g`, the cohort-size weighted average of the
  /// cells with that exposure; the overall effect is the mean over `e ≥ 0` (did's
  /// `"dynamic"`).
  ///
  /// - `balance`: keep only cohorts observed for at least `balance` periods after treatment,
  ///   and event times from `balance − (last − first period)` to `balance`, so that every event
  ///   time averages the same cohorts (did's `balance_e`);
  /// - `minEventTime`, `maxEventTime`: the window of event times reported (did's `min_e`,
  ///   `max_e`).
  case dynamic(balance: Int? = nil, minEventTime: Int? = nil, maxEventTime: Int? = nil)
  /// For each cohort, the mean of its post-treatment cells; overall, their cohort-size
  /// weighted average (did's `"group"`).
  case group
  /// For each calendar period, the cohort-size weighted average of the cells treated by then;
  /// overall, the mean over periods (did's `"calendar"`).
  case calendar

  /// did's name of the type: `simple`, `dynamic`, `group` or `calendar`.
  public var name: String {
    switch self {
    case .simple: return "simple"
    case .dynamic: return "dynamic"
    case .group: return "group"
    case .calendar: return "calendar"
    }
  }

  /// What a breakdown row is keyed by, as its JSON key: `event_time`, `group` or `time`
  /// (`nil` for simple, which has no breakdown).
  public var keyName: String? {
    switch self {
    case .simple: return nil
    case .dynamic: return "event_time"
    case .group: return "group"
    case .calendar: return "time"
    }
  }
}
