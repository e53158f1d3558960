"""Definitional (exact) two-stage DiD values for the did2s cases of expected/did2s.json.

pyfixest 0.60.0's did2s estimates the first stage (y ~ 0 | id + year on untreated rows) with its
iterative fixed-effects demeaner at its default tolerance, so its estimates differ from the exact
least-squares solution by up to about 5e-6 relative on data/did_sim_panel.csv (its ATT is
1.780239388 where the exact one is 1.780247980). This script recomputes every case exactly with
dense linear algebra and Gardner's GMM variance as expected/did2s.json's generator documents it:

    first stage:  gamma = argmin sum_{untreated} w (y - X1 gamma)^2   (X1: unit and year dummies)
    residuals:    u1 = y - X1 gamma (all rows); second stage beta = (X2'WX2)^-1 X2'W u1
    variance:     V = sum_g s_g s_g',  s_g = (X2'WX2)^-1 (X2_g' W u2_g - (X2'WX1)(X10'WX10)^+ X10_g' W u1_g)

with X10 the first-stage design with treated rows zeroed and u2 = u1 - X2 beta; no small-sample
factor. Writes expected/did2s_exact.json with one entry per case of did2s.json (same names).

Cases with covariates in the first stage (COVARIATE_CASES, after those): y ~ covariates | id + year
on the untreated rows, i.e. X1 = [covariates, unit dummies, year dummies] in everything above
(first_stage_covariates.py builds the columns from the formula text the Swift tests pass and
records which of them the first stage must report as dropped). These entries also carry their
options (second stage, cluster, weights, covariates), the number of observations and the
coefficient names.

Cross-check with pyfixest 0.60.0 (`python3 Tests/Fixtures/generate_did2s_exact.py
--check-pyfixest`, in a venv with pyfixest): `pf.did2s(data, yname="y", first_stage="~ x1t | id
+ year", second_stage="~ 0 + treat" or "~ i(rel_year, ref=-1.0)", treatment="treat", cluster=...,
weights=...)` for the three x1t cases. Seen on 2026-12-03: estimates within 9.7e-6 (relative;
absolute below 1), standard errors within 5.1e-6 relative. As without covariates, the gap is
pyfixest's iterative demeaner stopping at its default tolerance: the exact ATT clustered by state is
1.719278806 (np.linalg.lstsq on the dense first stage gives the same to 1e-13), pyfixest's
1.719266517.

Run (from the repository root, a few seconds): python3 Tests/Fixtures/generate_did2s_exact.py
(numpy, pandas).
"""
import json
import os
import sys

import numpy as np
import pandas as pd

from first_stage_covariates import columns, dropped

HERE = os.path.dirname(os.path.abspath(__file__))

# name, second stage, cluster, weights, covariates (formula text) on data/did_sim_panel.csv.
COVARIATE_CASES = [
    ("covariates_x1t_att_cluster_state", "pooled", "state", None, "x1t"),
    ("covariates_x1t_att_cluster_id_weights", "pooled", "id", "w", "x1t"),
    ("covariates_x1t_event_cluster_state", "event", "state", None, "x1t"),
    ("covariates_two_event_cluster_id", "event", "id", None, "x1t + I(x2 * (year - 2000))"),
    ("covariates_two_event_cluster_state_weights", "event", "state", "w", "x1t + I(x2 * (year - 2000))"),
    ("covariates_dropped_att_cluster_state", "pooled", "state", None, "x1 + x1t + i(year, x2)"),
]


def solve(case, df, covariates=None):
    df = df.copy()
    df["treat"] = ((df.cohort > 0) & (df.year >= df.cohort)).astype(int)
    w = df[case["weights"]].values if case["weights"] else np.ones(len(df))
    ids = sorted(df.id.unique())
    yrs = sorted(df.year.unique())
    dummies = np.zeros((len(df), len(ids) + len(yrs)))
    dummies[np.arange(len(df)), df.id.map({v: i for i, v in enumerate(ids)}).values] = 1
    dummies[np.arange(len(df)), len(ids) + df.year.map({v: i for i, v in enumerate(yrs)}).values] = 1
    cols = columns(covariates, df) if covariates else []
    x1 = np.column_stack([c for _, c in cols] + [dummies])
    untreated = df.treat.values == 0
    x10 = x1 * untreated[:, None]
    gram0 = x10.T @ (w[:, None] * x10)
    gram0_pinv = np.linalg.pinv(gram0, rcond=1e-12)
    gamma = gram0_pinv @ (x10.T @ (w * df.y.values))
    u1 = df.y.values - x1 @ gamma
    if case.get("second_stage") == "event" or any("rel_year" in c["name"] for c in case["coefficients"]):
        rel = np.where(df.cohort.values > 0, df.year.values - df.cohort.values, -1)
        terms = sorted(set(rel) - {-1})
        x2 = np.stack([(rel == e).astype(float) for e in terms], axis=1)
    else:
        x2 = df.treat.values.astype(float)[:, None]
    m = np.linalg.inv(x2.T @ (w[:, None] * x2))
    beta = m @ (x2.T @ (w * u1))
    u2 = u1 - x2 @ beta
    correction = (x2.T @ (w[:, None] * x1)) @ gram0_pinv
    cluster = df[case["cluster"]].values
    v = np.zeros((x2.shape[1], x2.shape[1]))
    for g in np.unique(cluster):
        r = cluster == g
        s = m @ (x2[r].T @ (w[r] * u2[r]) - correction @ (x10[r].T @ (w[r] * u1[r])))
        v += np.outer(s, s)
    rows = [{"estimate": float(b), "std_error": float(np.sqrt(v[j, j]))} for j, b in enumerate(beta)]
    if not covariates:
        return rows
    names = [f"year::{e}" for e in terms] if x2.shape[1] > 1 else ["ATT"]
    for row, name in zip(rows, names):
        row["name"] = name
    removed = dropped([(n, c[untreated]) for n, c in cols], dummies[untreated], w[untreated])
    return rows, removed


def covariate_cases(df):
    """The entries of COVARIATE_CASES."""
    out = []
    for name, stage, cluster, weights, covariates in COVARIATE_CASES:
        case = {"name": name, "data": "did_sim_panel.csv", "second_stage": stage, "cluster": cluster,
                "weights": weights, "covariates": covariates, "coefficients": []}
        rows, removed = solve(case, df, covariates)
        case.update({"n_obs": len(df), "coefficients": rows, "dropped": removed})
        out.append(case)
        print(name, [round(r["std_error"], 6) for r in rows][:4], [d["name"] for d in removed])
    return out


def check_pyfixest(df, cases):
    """Largest relative differences from pyfixest's did2s on the x1t cases (printed)."""
    import pyfixest as pf
    data = df.copy()
    data["treat"] = ((data.year >= data.cohort) & (data.cohort > 0)).astype(int)
    data["rel_year"] = np.where(data.cohort > 0, data.year - data.cohort, -1).astype(float)
    data["x1t"] = data.x1 * (data.year - 2000)
    for case in cases:
        if case["covariates"] != "x1t":
            continue
        second = "~ 0 + treat" if case["second_stage"] == "pooled" else "~ i(rel_year, ref=-1.0)"
        fit = pf.did2s(data, yname="y", first_stage="~ x1t | id + year", second_stage=second, treatment="treat",
                       cluster=case["cluster"], weights=case["weights"])
        tidy = fit.tidy()
        exact = np.array([r["estimate"] for r in case["coefficients"]])
        est = np.abs(tidy["Estimate"].values - exact) / np.maximum(np.abs(exact), 1)
        se = np.abs(tidy["Std. Error"].values / [r["std_error"] for r in case["coefficients"]] - 1)
        print(case["name"], "pyfixest", pf.__version__, "estimates (relative, absolute below 1)", est.max(),
              "standard errors (relative)", se.max(), "first:", tidy["Estimate"].values[0], exact[0])


def main():
    spec = json.load(open(os.path.join(HERE, "expected", "did2s.json")))
    df = pd.read_csv(os.path.join(HERE, "data", spec["data"]))
    if "--check-pyfixest" in sys.argv:
        check_pyfixest(df, covariate_cases(df))
        return
    out = {"generator": "Tests/Fixtures/generate_did2s_exact.py", "numpy": np.__version__, "cases": []}
    for case in spec["cases"]:
        out["cases"].append({"name": case["name"], "coefficients": solve(case, df)})
    out["cases"] += covariate_cases(df)
    with open(os.path.join(HERE, "expected", "did2s_exact.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
