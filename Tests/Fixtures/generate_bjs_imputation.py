"""Definitional values of Borusyak, Jaravel and Spiess's (2024) imputation estimator and its
conservative clustered variance (their Theorem 3 and equations (7)-(8); Stata did_imputation's
defaults), for TwoStageDiD's `variance: .imputation(...)`.

Everything is dense linear algebra on the definitions, with no shortcut the Swift code takes:

    sample:     rows of units with an untreated row, in periods with an untreated row
                (treated = cohort > 0 and year >= cohort); s = sampling weights (1 without)
    Z:          unit and year dummies; Z0 = Z with treated rows zeroed; S = diag(s)
    H:          (Z0'S Z0)^+ Z0'S, so theta = H y are the first-stage effects (untreated rows only)
    targets:    w_j = s 1{row in target j} / sum(s over target j): the pooled ATT (all treated
                rows) or, for an event study, one target per relative period except -1
                (leads included: those rows are untreated; never-treated rows are in no target)
    estimate:   tau_j = w_j'(y - Z H y) = v_j'y   with   v_j = w_j - H'Z'w_j
                (v_j = w_j on treated rows; -S Z0 (Z0'S Z0)^+ Z'w_j added on untreated rows)
    residuals:  e = y - Z H y (first-stage residuals on untreated rows, tau_hat_it on treated)
    tau_tilde:  per target j and group g of its treated rows (cohort x period by default;
                cohort, horizon, or all treated rows), with cluster sums a_c = sum v_j,
                b_c = sum v_j tau_hat over the cluster's rows in g (BJS eq. 8, did_imputation's
                "smart" average):  tau_tilde_g = sum_c a_c b_c / sum_c a_c^2
                leave-out: for a row of cluster c, the same sums over the other clusters only
    eps_tilde:  e on untreated rows, tau_hat - tau_tilde on treated rows
    variance:   V_jk = sum_c (sum_{rows of c} v_j eps_tilde_j)(sum_{rows of c} v_k eps_tilde_k),
                no small-sample factor (did_imputation's e(V) for the effects)

Cases with covariates in the first stage (COVARIATE_CASES, after the others): Z = [covariates,
unit dummies, year dummies] in everything above (Stata did_imputation's controls(), Borusyak,
Jaravel and Spiess's Z_it' pi term); first_stage_covariates.py builds the columns from the
formula text the Swift tests pass and records which the first stage must report as dropped
(those entries have "covariates" and "dropped").

Writes expected/bjs_imputation.json: per case its data file, options and, per target, the
estimate, the standard error and the full covariance. It also checks that v_j'y equals the
imputation estimate.

Run (from the repository root, about a minute): python3 Tests/Fixtures/generate_bjs_imputation.py
(numpy, pandas).
"""
import json
import os

import numpy as np
import pandas as pd

from first_stage_covariates import columns, dropped

HERE = os.path.dirname(os.path.abspath(__file__))

CASES = [
    # name, data, second stage, cluster, weights, groups, leave_out
    ("att_cluster_id", "did_sim_panel.csv", "pooled", "id", None, "cohort-period", False),
    ("att_cluster_state", "did_sim_panel.csv", "pooled", "state", None, "cohort-period", False),
    ("att_weights_cluster_id", "did_sim_panel.csv", "pooled", "id", "w", "cohort-period", False),
    ("att_weights_cluster_state", "did_sim_panel.csv", "pooled", "state", "w", "cohort-period", False),
    ("event_cluster_id", "did_sim_panel.csv", "event", "id", None, "cohort-period", False),
    ("event_cluster_state", "did_sim_panel.csv", "event", "state", None, "cohort-period", False),
    ("event_cluster_state_weights", "did_sim_panel.csv", "event", "state", "w", "cohort-period", False),
    ("att_cluster_id_leave_out", "did_sim_panel.csv", "pooled", "id", None, "cohort-period", True),
    ("event_weights_cluster_state_leave_out", "did_sim_panel.csv", "event", "state", "w", "cohort-period", True),
    ("unbalanced_att_cohort_groups_cluster_id", "did_sim_unbalanced.csv", "pooled", "id", None, "cohort", False),
    ("att_horizon_groups_weights_cluster_state", "did_sim_panel.csv", "pooled", "state", "w", "horizon", False),
    ("att_all_treated_cluster_id_leave_out", "did_sim_panel.csv", "pooled", "id", None, "all-treated", True),
    ("event_horizon_groups_cluster_id", "did_sim_panel.csv", "event", "id", None, "horizon", False),
    ("unbalanced_event_weights_cluster_state", "did_sim_unbalanced.csv", "event", "state", "w", "cohort-period", False),
    ("unbalanced_att_cluster_id", "did_sim_unbalanced.csv", "pooled", "id", None, "cohort-period", False),
    ("edge_event_cluster_id", "did_sim_edge.csv", "event", "id", None, "cohort-period", False),
    ("no_never_att_cluster_state", "did_sim_no_never.csv", "pooled", "state", None, "cohort-period", False),
]

# As CASES, plus the first stage's covariates (formula text).
COVARIATE_CASES = [
    ("covariates_x1t_att_cluster_id", "did_sim_panel.csv", "pooled", "id", None, "cohort-period", False, "x1t"),
    ("covariates_x1t_att_weights_cluster_state", "did_sim_panel.csv", "pooled", "state", "w", "cohort-period", False,
     "x1t"),
    ("covariates_x1t_event_cluster_state", "did_sim_panel.csv", "event", "state", None, "cohort-period", False, "x1t"),
    ("covariates_two_event_weights_cluster_state_leave_out", "did_sim_panel.csv", "event", "state", "w",
     "cohort-period", True, "x1t + I(x2 * (year - 2000))"),
    ("covariates_unbalanced_x1t_att_cohort_groups_cluster_id", "did_sim_unbalanced.csv", "pooled", "id", None,
     "cohort", False, "x1t"),
    ("covariates_dropped_att_horizon_groups_cluster_state", "did_sim_panel.csv", "pooled", "state", None, "horizon",
     False, "x1 + x1t + i(year, x2)"),
]


def group_key(groups, cohort, year):
    if groups == "cohort-period":
        return (cohort, year)
    if groups == "cohort":
        return (cohort,)
    if groups == "horizon":
        return (year - cohort,)
    return ()


def solve(data, stage, cluster_col, weight_col, groups, leave_out, covariates=None):
    df = pd.read_csv(os.path.join(HERE, "data", data))
    treated = (df.cohort.values > 0) & (df.year.values >= df.cohort.values)
    untreated_units = set(df.id.values[~treated])
    untreated_years = set(df.year.values[~treated])
    keep = df.id.isin(untreated_units).values & df.year.isin(untreated_years).values
    df = df[keep].reset_index(drop=True)
    treated = treated[keep]
    n = len(df)
    y = df.y.values.astype(float)
    s = df[weight_col].values.astype(float) if weight_col else np.ones(n)
    ids = sorted(df.id.unique())
    years = sorted(df.year.unique())
    dummies = np.zeros((n, len(ids) + len(years)))
    dummies[np.arange(n), df.id.map({v: i for i, v in enumerate(ids)}).values] = 1
    dummies[np.arange(n), len(ids) + df.year.map({v: i for i, v in enumerate(years)}).values] = 1
    cols = columns(covariates, df) if covariates else []
    z = np.column_stack([c for _, c in cols] + [dummies])
    z0 = z * (~treated)[:, None]
    h = np.linalg.pinv(z0.T @ (s[:, None] * z0), rcond=1e-12) @ (z0.T * s)
    e = y - z @ (h @ y)

    cohort = df.cohort.values
    year = df.year.values
    if stage == "pooled":
        names, masks = ["ATT"], [treated]
    else:
        rel = np.where(cohort > 0, year - cohort, np.iinfo(np.int64).min)
        terms = sorted(set(rel[cohort > 0]) - {-1})
        names, masks = [f"year::{k}" for k in terms], [rel == k for k in terms]

    clusters = df[cluster_col].values
    cluster_levels = np.unique(clusters)
    scores = np.zeros((len(cluster_levels), len(masks)))
    estimates = []
    for j, mask in enumerate(masks):
        w = np.where(mask, s, 0.0)
        w /= w.sum()
        v = w - h.T @ (z.T @ w)
        estimate = float(w @ e)
        assert abs(v @ y - estimate) < 1e-9 * max(1.0, abs(estimate)), (estimate, v @ y)
        estimates.append(estimate)
        eps = np.where(treated, 0.0, e)
        target_treated = np.flatnonzero(treated & (w != 0))
        cells = {}
        for i in target_treated:
            cells.setdefault(group_key(groups, cohort[i], year[i]), []).append(i)
        for rows in cells.values():
            rows = np.array(rows)
            a = {c: v[rows[clusters[rows] == c]].sum() for c in np.unique(clusters[rows])}
            b = {c: (v[rows] * e[rows])[clusters[rows] == c].sum() for c in a}
            for i in rows:
                others = [c for c in a if not (leave_out and c == clusters[i])]
                den = sum(a[c] ** 2 for c in others)
                if den <= 0:
                    raise ValueError("a group has treated rows in one cluster only")
                eps[i] = e[i] - sum(a[c] * b[c] for c in others) / den
        for g, c in enumerate(cluster_levels):
            rows = clusters == c
            scores[g, j] = v[rows] @ eps[rows]
    cov = scores.T @ scores
    extra = {}
    if covariates:
        extra = {"covariates": covariates,
                 "dropped": dropped([(m, c[~treated]) for m, c in cols], dummies[~treated], s[~treated])}
    return {
        **extra,
        "n_obs": n,
        "coefficients": [
            {"name": name, "estimate": estimates[j], "std_error": float(np.sqrt(cov[j, j]))}
            for j, name in enumerate(names)
        ],
        "covariance": cov.tolist(),
    }


def main():
    out = {"generator": "Tests/Fixtures/generate_bjs_imputation.py", "numpy": np.__version__, "cases": []}
    cases = [(*c, None) for c in CASES] + COVARIATE_CASES
    for name, data, stage, cluster, weights, groups, leave_out, covariates in cases:
        case = {
            "name": name, "data": data, "second_stage": stage, "cluster": cluster, "weights": weights,
            "groups": groups, "leave_out": leave_out,
        }
        case.update(solve(data, stage, cluster, weights, groups, leave_out, covariates))
        out["cases"].append(case)
        print(name, case["n_obs"], [round(c["std_error"], 6) for c in case["coefficients"]][:4])
    with open(os.path.join(HERE, "expected", "bjs_imputation.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
