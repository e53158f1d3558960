#!/usr/bin/env python3
"""Reference values for CausalKit's FourWayDecomposition: VanderWeele's (2014) four-way
decomposition with exposure-mediator interaction, evaluated by its regression-based formulas for
a linear mediator and a linear outcome, with delta-method standard errors.

No package that implements the decomposition installs here (CMAverse is an R package outside
Debian), so this script evaluates the published formulas itself on fits by statsmodels:

    mediator model   M = b0 + b1 A + b2'C + e           (OLS / WLS)
    outcome model    Y = t0 + t1 A + t2 M + t3 A*M + t4'C + e
    d = a - a*,  EM0 = b0 + b1 a* + b2'Cbar   (Cbar: weighted means of the covariate design columns)
    CDE     = (t1 + t3 m*) d
    INT_ref = t3 (EM0 - m*) d
    INT_med = t3 b1 d^2
    PIE     = b1 (t2 + t3 a*) d
    total   = CDE + INT_ref + INT_med + PIE
    proportions: each component / total; mediated = (PIE + INT_med) / total,
    interaction = (INT_ref + INT_med) / total, eliminated = (INT_ref + INT_med + PIE) / total.

Standard errors: delta method, g_b' V_b g_b + g_t' V_t g_t (the two models' estimates taken as
independent, as VanderWeele and CMAverse do), gradients by forward-mode dual numbers (exact, no
step size), V from statsmodels: "nonrobust" (iid) or "cluster" (G/(G-1) (N-1)/(N-K), the same
small-sample factor as fixest's clustered variance).

Data: data/four_way_sim.csv, written here (seed 20261203, 600 rows): a binary treatment `treat`,
a continuous treatment `dose` (uniform on [0, 3]), a mediator `m`, an outcome `y`, covariates
`x1` (normal), `x2` (binary) and `region` (text: east, north, south; treatment coding with
`east` the reference, as fixest's i() and patsy's C() both do), weights `w` (uniform on
[0.5, 2]) and 30 clusters `school`.

Run from the repository root (numpy, pandas, statsmodels; a second):
    python3 Tests/Fixtures/generate_four_way.py
"""
import json
import os

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from dual_numbers import Dual

HERE = os.path.dirname(os.path.abspath(__file__))


def simulate():
    rng = np.random.default_rng(20261203)
    n = 600
    school = rng.integers(1, 31, n)
    x1 = rng.normal(size=n)
    x2 = rng.binomial(1, 0.4, n)
    region = rng.choice(["east", "north", "south"], n)
    shift = pd.Series(region).map({"east": 0.0, "north": 0.3, "south": -0.2}).values
    treat = rng.binomial(1, 0.45, n)
    dose = rng.uniform(0, 3, n)
    school_effect = rng.normal(scale=0.3, size=31)[school]
    m = 0.5 + 0.8 * treat + 0.3 * dose + 0.3 * x1 - 0.2 * x2 + shift + school_effect + rng.normal(size=n)
    y = (1 + 0.4 * treat + 0.2 * dose + 0.6 * m + 0.25 * treat * m + 0.1 * dose * m + 0.2 * x1 + 0.1 * x2
         - shift + school_effect + rng.normal(size=n))
    w = rng.uniform(0.5, 2, n)
    return pd.DataFrame({"treat": treat, "dose": np.round(dose, 6), "m": np.round(m, 6), "y": np.round(y, 6),
                         "x1": np.round(x1, 6), "x2": x2, "region": region, "w": np.round(w, 6),
                         "school": school})


CASES = [
    {"name": "binary_iid_m0", "treatment": "treat", "covariates": ["x1", "x2"], "mediator_value": 0.0,
     "control": 0.0, "treated": 1.0, "weights": None, "cluster": None},
    {"name": "binary_iid_m15_region", "treatment": "treat", "covariates": ["x1", "x2", "region"],
     "mediator_value": 1.5, "control": 0.0, "treated": 1.0, "weights": None, "cluster": None},
    {"name": "binary_no_covariates", "treatment": "treat", "covariates": [], "mediator_value": 0.5,
     "control": 0.0, "treated": 1.0, "weights": None, "cluster": None},
    {"name": "dose_weights_cluster", "treatment": "dose", "covariates": ["x1", "x2"], "mediator_value": 1.0,
     "control": 1.0, "treated": 2.5, "weights": "w", "cluster": "school"},
    {"name": "dose_reversed_iid_weights", "treatment": "dose", "covariates": ["x1", "region"],
     "mediator_value": -0.5, "control": 2.0, "treated": 0.5, "weights": "w", "cluster": None},
]


def rhs(case):
    terms = [case["treatment"]] + [f"C({c})" if c == "region" else c for c in case["covariates"]]
    return " + ".join(terms)


def fit(formula, df, case):
    if case["weights"]:
        model = smf.wls(formula, df, weights=df[case["weights"]])
    else:
        model = smf.ols(formula, df)
    if case["cluster"]:
        return model.fit(cov_type="cluster", cov_kwds={"groups": df[case["cluster"]]})
    return model.fit()


def solve(case, df):
    a = case["treatment"]
    df = df.copy()
    df["am"] = df[a] * df["m"]
    med = fit("m ~ " + rhs(case), df, case)
    out = fit("y ~ " + rhs(case) + " + m + am", df, case)
    kb, kt = len(med.params), len(out.params)
    theta = np.concatenate([med.params.values, out.params.values])
    p = [Dual(v, np.eye(kb + kt)[i]) for i, v in enumerate(theta)]
    b = dict(zip(med.params.index, p[:kb]))
    t = dict(zip(out.params.index, p[kb:]))
    w = df[case["weights"]].values if case["weights"] else np.ones(len(df))
    design = med.model.exog
    cbar = (w[:, None] * design).sum(axis=0) / w.sum()
    a0, a1, mstar = case["control"], case["treated"], case["mediator_value"]
    d = a1 - a0
    em0 = Dual(0.0, np.zeros(kb + kt))
    for j, name in enumerate(med.params.index):
        em0 = em0 + b[name] * (a0 if name == a else cbar[j])
    b1, t1, t2, t3 = b[a], t[a], t["m"], t["am"]
    cde = (t1 + t3 * mstar) * d
    int_ref = t3 * (em0 - mstar) * d
    int_med = t3 * b1 * (d * d)
    pie = b1 * (t2 + t3 * a0) * d
    total = cde + int_ref + int_med + pie
    stats = [cde, int_ref, int_med, pie, total, cde / total, int_ref / total, int_med / total, pie / total,
             (pie + int_med) / total, (int_ref + int_med) / total, (int_ref + int_med + pie) / total]
    vb, vt = med.cov_params().values, out.cov_params().values
    rows = []
    for s in stats:
        var = s.g[:kb] @ vb @ s.g[:kb] + s.g[kb:] @ vt @ s.g[kb:]
        rows.append({"estimate": s.v, "std_error": float(np.sqrt(var))})
    return {**case, "nobs": int(med.nobs), "expected_mediator_control": em0.v, "rows": rows,
            "natural": {"pnde": (cde + int_ref).v, "tnie": (int_med + pie).v}}


def main():
    df = simulate()
    df.to_csv(os.path.join(HERE, "data", "four_way_sim.csv"), index=False)
    df = pd.read_csv(os.path.join(HERE, "data", "four_way_sim.csv"))
    out = {"generator": "Tests/Fixtures/generate_four_way.py",
           "names": ["cde", "int_ref", "int_med", "pie", "total", "prop_cde", "prop_int_ref", "prop_int_med",
                     "prop_pie", "prop_mediated", "prop_interaction", "prop_eliminated"],
           "cases": [solve(c, df) for c in CASES]}
    with open(os.path.join(HERE, "expected", "four_way.json"), "w") as f:
        json.dump(out, f, indent=1)
    for c in out["cases"]:
        print(c["name"], [round(r["estimate"], 5) for r in c["rows"][:5]])


if __name__ == "__main__":
    main()
