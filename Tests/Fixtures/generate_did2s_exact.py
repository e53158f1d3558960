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

Run (from the repository root, a few seconds): python3 Tests/Fixtures/generate_did2s_exact.py
(numpy, pandas).
"""
import json
import os

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def solve(case, df):
    df = df.copy()
    df["treat"] = ((df.cohort > 0) & (df.year >= df.cohort)).astype(int)
    w = df[case["weights"]].values if case["weights"] else np.ones(len(df))
    ids = sorted(df.id.unique())
    yrs = sorted(df.year.unique())
    x1 = np.zeros((len(df), len(ids) + len(yrs)))
    x1[np.arange(len(df)), df.id.map({v: i for i, v in enumerate(ids)}).values] = 1
    x1[np.arange(len(df)), len(ids) + df.year.map({v: i for i, v in enumerate(yrs)}).values] = 1
    untreated = df.treat.values == 0
    x10 = x1 * untreated[:, None]
    gram0 = x10.T @ (w[:, None] * x10)
    gram0_pinv = np.linalg.pinv(gram0, rcond=1e-12)
    gamma = gram0_pinv @ (x10.T @ (w * df.y.values))
    u1 = df.y.values - x1 @ gamma
    if any("rel_year" in c["name"] for c in case["coefficients"]):
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
    return [{"estimate": float(b), "std_error": float(np.sqrt(v[j, j]))} for j, b in enumerate(beta)]


def main():
    spec = json.load(open(os.path.join(HERE, "expected", "did2s.json")))
    df = pd.read_csv(os.path.join(HERE, "data", spec["data"]))
    out = {"generator": "Tests/Fixtures/generate_did2s_exact.py", "numpy": np.__version__, "cases": []}
    for case in spec["cases"]:
        out["cases"].append({"name": case["name"], "coefficients": solve(case, df)})
    with open(os.path.join(HERE, "expected", "did2s_exact.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
