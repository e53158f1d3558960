#!/usr/bin/env python3
"""Reference values for CausalKit's SequentialMediation: path-specific, interventional, joint
indirect and total effects of mediators in a causal order, for linear models (VanderWeele and
Vansteelandt 2014; Daniel et al. 2015; Vansteelandt and Daniel 2017), with delta-method standard
errors.

No Python package implements sequential mediation (CMAverse, medflex and mediation::multimed are
R packages outside Debian), so this script evaluates the closed forms on statsmodels fits:

    mediator k:  M_k = a_k A + sum_{j<k} g_kj M_j + b_k'C + e_k      (OLS / WLS, in causal order)
    outcome:     Y   = tA A + sum_k t_k M_k + tC'C + e
    path A -> M_j1 -> ... -> M_jr -> Y:  d * a_j1 * g_j2j1 * ... * g_jr,jr-1 * t_jr   (d = a - a*)
    direct path: d * tA
    interventional indirect of M_k: the sum of the paths whose last mediator is M_k
    joint indirect: all paths through a mediator; total: all paths; prop_mediated = joint / total

Standard errors: delta method over the models' coefficient blocks (taken as independent), the
gradients by forward-mode dual numbers (dual_numbers.py), V from statsmodels: "nonrobust" (iid)
or "cluster" (G/(G-1) (N-1)/(N-K), fixest's factor). Paths are listed as CausalKit lists them:
the direct path, then by number of mediators, then lexicographically by the mediators' positions.

Data: data/sequential_mediation_sim.csv, written here (seed 20261204, 800 students in 40 schools):
school-level treatment `strong`, school-level mediator `lead` (leadership), student-level `teach`
and `peer`, outcome `score`, covariates `prior` (normal), `female` (binary), `district` (text,
4 levels, for the fixed-effects case), weights `w`. True system: lead -> teach -> peer -> score.

Run from the repository root (numpy, pandas, statsmodels; a second):
    python3 Tests/Fixtures/generate_path_specific.py
"""
import itertools
import json
import os

import numpy as np
import pandas as pd
import statsmodels.formula.api as smf

from dual_numbers import Dual

HERE = os.path.dirname(os.path.abspath(__file__))


def simulate():
    rng = np.random.default_rng(20261204)
    schools, per = 40, 20
    school = np.repeat(np.arange(1, schools + 1), per)
    strong = np.repeat(rng.binomial(1, 0.5, schools), per)
    district = np.repeat(rng.choice(["d1", "d2", "d3", "d4"], schools), per)
    dshift = pd.Series(district).map({"d1": 0.0, "d2": 0.2, "d3": -0.1, "d4": 0.3}).values
    lead = np.repeat(rng.normal(size=schools), per) + 0.6 * strong + dshift
    n = schools * per
    prior = rng.normal(size=n)
    female = rng.binomial(1, 0.5, n)
    teach = 0.3 * strong + 0.5 * lead + 0.2 * prior + rng.normal(size=n)
    peer = 0.2 * strong + 0.3 * lead + 0.4 * teach + 0.1 * female + rng.normal(size=n)
    score = (0.25 * strong + 0.2 * lead + 0.3 * teach + 0.5 * peer + 0.6 * prior + 0.1 * female + dshift
             + rng.normal(size=n))
    w = rng.uniform(0.5, 2, n)
    r = lambda x: np.round(x, 6)
    return pd.DataFrame({"school": school, "strong": strong, "lead": r(lead), "teach": r(teach), "peer": r(peer),
                         "score": r(score), "prior": r(prior), "female": female, "district": district,
                         "w": r(w)})


CASES = [
    {"name": "three_in_order_iid", "mediators": ["lead", "teach", "peer"], "covariates": ["prior", "female"],
     "fixed_effects": [], "weights": None, "cluster": None, "control": 0.0, "treated": 1.0},
    {"name": "three_in_order_cluster_weights", "mediators": ["lead", "teach", "peer"],
     "covariates": ["prior", "female"], "fixed_effects": [], "weights": "w", "cluster": "school",
     "control": 0.0, "treated": 1.0},
    {"name": "two_reversed_iid", "mediators": ["teach", "lead"], "covariates": ["prior"], "fixed_effects": [],
     "weights": None, "cluster": None, "control": 0.0, "treated": 1.0},
    {"name": "one_mediator_iid", "mediators": ["peer"], "covariates": ["prior", "female"], "fixed_effects": [],
     "weights": None, "cluster": None, "control": 0.0, "treated": 1.0},
    {"name": "three_district_effects_cluster", "mediators": ["lead", "teach", "peer"], "covariates": ["prior"],
     "fixed_effects": ["district"], "weights": None, "cluster": "school", "control": 1.0, "treated": 0.0},
]


def fit(response, regressors, case, df):
    terms = regressors + case["covariates"] + [f"C({f})" for f in case["fixed_effects"]]
    formula = response + " ~ " + " + ".join(terms)
    model = smf.wls(formula, df, weights=df[case["weights"]]) if case["weights"] else smf.ols(formula, df)
    if case["cluster"]:
        return model.fit(cov_type="cluster", cov_kwds={"groups": df[case["cluster"]]})
    return model.fit()


def subsets(k):
    out = [()]
    for size in range(1, k + 1):
        out += list(itertools.combinations(range(k), size))
    return out


def solve(case, df):
    meds = case["mediators"]
    k = len(meds)
    fits = [fit(m, ["strong"] + meds[:j], case, df) for j, m in enumerate(meds)]
    fits.append(fit("score", ["strong"] + meds, case, df))
    sizes = [len(f.params) for f in fits]
    total_params = sum(sizes)
    offsets = np.cumsum([0] + sizes)
    coef = []
    for f, off in zip(fits, offsets):
        coef.append({name: Dual(v, np.eye(total_params)[off + i]) for i, (name, v) in enumerate(f.params.items())})
    d = case["treated"] - case["control"]

    def path(subset):
        if not subset:
            return coef[k]["strong"] * d
        value = coef[subset[0]]["strong"]
        for prev, nxt in zip(subset, subset[1:]):
            value = value * coef[nxt][meds[prev]]
        return value * coef[k][meds[subset[-1]]] * d

    def total_of(chosen):
        value = Dual(0.0, np.zeros(total_params))
        for s in chosen:
            value = value + path(s)
        return value

    def se(x):
        var = 0.0
        for f, off, size in zip(fits, offsets, sizes):
            g = x.g[off:off + size]
            var += g @ f.cov_params().values @ g
        return float(np.sqrt(var))

    subs = subsets(k)
    paths = [{"mediators": [meds[j] for j in s], "estimate": path(s).v, "std_error": se(path(s))} for s in subs]
    iie = []
    for j in range(k):
        x = total_of([s for s in subs if s and s[-1] == j])
        iie.append({"mediator": meds[j], "estimate": x.v, "std_error": se(x)})
    joint = total_of([s for s in subs if s])
    total = total_of(subs)
    prop = joint / total
    return {**case, "nobs": int(fits[0].nobs), "paths": paths, "interventional_indirect": iie,
            "joint_indirect": {"estimate": joint.v, "std_error": se(joint)},
            "total": {"estimate": total.v, "std_error": se(total)},
            "prop_mediated": {"estimate": prop.v, "std_error": se(prop)}}


def main():
    path = os.path.join(HERE, "data", "sequential_mediation_sim.csv")
    simulate().to_csv(path, index=False)
    df = pd.read_csv(path)
    out = {"generator": "Tests/Fixtures/generate_path_specific.py", "cases": [solve(c, df) for c in CASES]}
    with open(os.path.join(HERE, "expected", "path_specific.json"), "w") as f:
        json.dump(out, f, indent=1)
    for c in out["cases"]:
        print(c["name"], round(c["joint_indirect"]["estimate"], 5), round(c["total"]["estimate"], 5))


if __name__ == "__main__":
    main()
