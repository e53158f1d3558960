"""Reference values for the wild cluster bootstrap (Tests/BootstrapTests/Wild*Tests.swift).

Writes data/sim_wild.csv and expected/wild_bootstrap.json.

(1) Small design (G = 10 clusters, N = 200, y ~ x + treat | period, clustered by `cl`):
    a *definitional* implementation: for every one of the 2^G Rademacher sign vectors, build
    y* = X b_restricted + v_g * u_restricted (WCR) or y* = X b_hat + v_g * u_hat (WCU), refit
    by OLS with the period fixed effects as dummies, compute the CR1 t statistic
    (fixest factor (n-1)/(n-K) * G/(G-1)), and p = share of |t*| >= |t| (ties within a
    relative 1e-9 count as >=, the CausalKit convention).
(2) wildboottest (PyPI) WildboottestCL on the same data with the period dummies in X:
    2^G < B, so it enumerates all sign vectors; its raw p-value uses the strict |t| < |t*|,
    so the number of near-ties is recorded as well as the p-value recomputed from its t* with
    the >= convention.
(2b) pyfixest's own `Feols.wildboottest` (which drives wildboottest with the fixed effects
    projected out) on the small design, fixed effects absorbed: its t and p are recorded too.
(3) Large design (G = 30, N = 1500): wildboottest with B = 9999 random Rademacher and Webb
    draws; Swift checks agreement within Monte Carlo error.
(4) Factor terms (expected/wild_bootstrap_factors.json, from the committed data/sim_wild.csv):
    period dummies written as CausalKit/fixest factor terms, built here as explicit columns of
    X in CausalKit's column order:
      small  y ~ x + treat + i(period)             intercept, x, treat, period 1..4 (0 is the reference)
      small  y ~ treat + i(period, x) | period     treat, x * 1[period = k] for k = 0..4, period dummies
      large  y ~ x + treat + i(period, ref = 5)    intercept, x, treat, period 0..4
    Small designs: the definitional enumeration (1) and wildboottest's enumeration (2), for the
    treatment and for one factor coefficient; large design: wildboottest with B = 9999.

Run: python3 Tests/Fixtures/generate_wild_bootstrap.py            (all; also pyfixest)
     python3 Tests/Fixtures/generate_wild_bootstrap.py factors    (only (4); numpy, pandas, wildboottest 0.3.2)
"""
import itertools
import json
import os
import sys

import numpy as np
import pandas as pd
import wildboottest
from wildboottest.wildboottest import WildboottestCL

HERE = os.path.dirname(os.path.abspath(__file__))
TIE = 1e-9


def simulate(seed, G, N, periods):
    rng = np.random.default_rng(seed)
    # unequal cluster sizes, every cluster non-empty
    probs = rng.dirichlet(np.full(G, 2.0))
    cl = np.concatenate([np.arange(G), rng.choice(G, size=N - G, p=probs)])
    period = rng.integers(0, periods, size=N)
    treated_clusters = rng.permutation(G)[: G // 2]
    post = (period >= periods // 2).astype(float)
    treat = np.isin(cl, treated_clusters).astype(float) * post
    x = rng.normal(size=N) + 0.3 * cl / G
    cluster_shock = rng.normal(size=G)[cl]
    fe = rng.normal(size=periods)[period]
    y = 0.5 * x + 0.15 * treat + fe + 0.8 * cluster_shock + rng.normal(size=N) * (1 + 0.5 * (cl % 3))
    return pd.DataFrame({"y": y, "x": x, "treat": treat, "period": period, "cl": cl})


def design(df):
    dummies = pd.get_dummies(df["period"], prefix="p").astype(float).values
    return np.column_stack([df["x"].values, df["treat"].values, dummies]), df["y"].values


def cr1_t(X, y, cl, j, r, ssc):
    XtXi = np.linalg.inv(X.T @ X)
    b = XtXi @ (X.T @ y)
    u = y - X @ b
    meat = np.zeros((X.shape[1], X.shape[1]))
    for g in np.unique(cl):
        s = X[cl == g].T @ u[cl == g]
        meat += np.outer(s, s)
    V = ssc * XtXi @ meat @ XtXi
    return (b[j] - r) / np.sqrt(V[j, j])


def definitional(df, j, impose_null):
    X, y = design(df)
    return definitional_design(X, y, df["cl"].values, j, impose_null)


def definitional_design(X, y, cl, j, impose_null):
    clusters = np.unique(cl)
    G, N, K = len(clusters), len(y), X.shape[1]
    # fixest: period is not nested in cl, so K = 2 slopes + 5 levels = X's column count
    ssc = (N - 1) / (N - K) * G / (G - 1)
    t_hat = cr1_t(X, y, cl, j, 0.0, ssc)
    b_hat = np.linalg.lstsq(X, y, rcond=None)[0]
    if impose_null:
        keep = [c for c in range(K) if c != j]
        b0 = np.zeros(K)
        b0[keep] = np.linalg.lstsq(X[:, keep], y, rcond=None)[0]
        center = 0.0
    else:
        b0 = b_hat
        center = b_hat[j]
    u0 = y - X @ b0
    index = np.searchsorted(clusters, cl)
    ts = []
    for signs in itertools.product([-1.0, 1.0], repeat=G):
        v = np.array(signs)[index]
        ystar = X @ b0 + v * u0
        ts.append(cr1_t(X, ystar, cl, j, center, ssc))
    ts = np.array(ts)
    p = float(np.mean(np.abs(ts) >= np.abs(t_hat) * (1 - TIE)))
    return t_hat, p, len(ts)


def wildboot(df, j, impose_null, B, weights, seed):
    X, y = design(df)
    return wildboot_design(X, y, df["cl"].values, j, impose_null, B, weights, seed)


def wildboot_design(X, y, cl, j, impose_null, B, weights, seed):
    R = np.zeros(X.shape[1])
    R[j] = 1.0
    wb = WildboottestCL(X=X, Y=y, cluster=cl, R=R, B=B, seed=seed, parallel=False)
    wb.get_scores(bootstrap_type="11", impose_null=impose_null)
    wb.get_weights(weights_type=weights)
    wb.get_numer()
    wb.get_denom()
    wb.get_tboot()
    wb.get_vcov()
    wb.get_tstat()
    wb.get_pvalue(pval_type="two-tailed")
    t = float(np.asarray(wb.t_stat).ravel()[0])
    tb = np.asarray(wb.t_boot).ravel()
    near = int(np.sum(np.abs(np.abs(tb) - abs(t)) <= TIE * abs(t)))
    p_ge = float(np.mean(np.abs(tb) >= abs(t) * (1 - TIE)))
    eq = wb.full_enumeration
    wb.get_pvalue(pval_type="equal-tailed")
    p_eq = float(wb.pvalue)
    wb.get_pvalue(pval_type="two-tailed")
    return {"t": t, "p": float(wb.pvalue), "p_ge": p_ge, "p_equal_tailed": p_eq, "near_ties": near,
            "replicates": int(len(tb)), "enumerated": bool(eq)}


def pyfixest_wild(data, term, impose_null):
    """pyfixest's wild cluster bootstrap of `term` (enumerates the 2^G Rademacher vectors here)."""
    import pyfixest as pf
    fit = pf.feols("y ~ x + treat | period", data=data, vcov={"CRV1": "cl"})
    r = fit.wildboottest(param=term, reps=9999, seed=1, impose_null=impose_null, weights_type="rademacher")
    return {"t": float(r["t value"]), "p": float(r["Pr(>|t|)"]), "version": pf.__version__}


def indicator(values, level):
    return (values == level).astype(float)


def factor_design(df, kind):
    """X in CausalKit's column order and the coefficient names, for the factor-term formulas."""
    p = df["period"].values
    x, treat, ones = df["x"].values, df["treat"].values, np.ones(len(df))
    if kind == "i(period)":
        levels = [1, 2, 3, 4]
        columns = [ones, x, treat] + [indicator(p, k) for k in levels]
        names = ["(Intercept)", "x", "treat"] + [f"period::{k}" for k in levels]
    elif kind == "i(period, x) | period":
        levels = sorted(np.unique(p))
        columns = [treat] + [x * indicator(p, k) for k in levels] + [indicator(p, k) for k in levels]
        names = ["treat"] + [f"period::{k}:x" for k in levels] + [f"fe_period_{k}" for k in levels]
    elif kind == "i(period, ref = 5)":
        levels = [0, 1, 2, 3, 4]
        columns = [ones, x, treat] + [indicator(p, k) for k in levels]
        names = ["(Intercept)", "x", "treat"] + [f"period::{k}" for k in levels]
    else:
        raise ValueError(kind)
    return np.column_stack(columns), df["y"].values, names


FACTOR_FORMULAS = {
    "i(period)": "y ~ x + treat + i(period)",
    "i(period, x) | period": "y ~ treat + i(period, x) | period",
    "i(period, ref = 5)": "y ~ x + treat + i(period, ref = 5)",
}


def factor_cases(small, large):
    cases = []
    for kind, terms in [("i(period)", ["treat", "period::3"]), ("i(period, x) | period", ["treat", "period::2:x"])]:
        X, y, names = factor_design(small, kind)
        cl = small["cl"].values
        for term in terms:
            j = names.index(term)
            for null in [True, False]:
                t, p, n = definitional_design(X, y, cl, j, null)
                wb = wildboot_design(X, y, cl, j, null, 9999, "rademacher", 1)
                cases.append({"name": f"small_{kind}_{term}_{'wcr' if null else 'wcu'}", "sample": "small",
                              "formula": FACTOR_FORMULAS[kind], "term": term, "impose_null": null,
                              "weights": "rademacher", "definitional_t": float(t), "definitional_p": p,
                              "replicates": n, "wildboottest": wb})
    X, y, names = factor_design(large, "i(period, ref = 5)")
    cl = large["cl"].values
    runs = [("treat", w, null) for w in ["rademacher", "webb"] for null in [True, False]]
    runs.append(("period::2", "rademacher", True))
    for term, weights, null in runs:
        wb = wildboot_design(X, y, cl, names.index(term), null, 9999, weights, 42)
        cases.append({"name": f"large_i(period, ref = 5)_{term}_{weights}_{'wcr' if null else 'wcu'}",
                      "sample": "large", "formula": FACTOR_FORMULAS["i(period, ref = 5)"], "term": term,
                      "impose_null": null, "weights": weights, "B": 9999, "wildboottest": wb})
    return cases


def write_factor_cases():
    both = pd.read_csv(os.path.join(HERE, "data", "sim_wild.csv"))
    small = both[both["sample"] == "small"].reset_index(drop=True)
    large = both[both["sample"] == "large"].reset_index(drop=True)
    out = {"generator": "Tests/Fixtures/generate_wild_bootstrap.py factors",
           "wildboottest": wildboottest.__version__ if hasattr(wildboottest, "__version__") else "0.3.2",
           "cluster": "cl", "tie_tolerance": TIE, "cases": factor_cases(small, large)}
    with open(os.path.join(HERE, "expected", "wild_bootstrap_factors.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


def main():
    small = simulate(20261122, G=10, N=200, periods=5)
    large = simulate(777, G=30, N=1500, periods=6)
    small["sample"] = "small"
    large["sample"] = "large"
    pd.concat([small, large]).to_csv(os.path.join(HERE, "data", "sim_wild.csv"), index=False,
                                     float_format="%.17g")
    # re-read so that the Swift tests and the references use identical doubles
    both = pd.read_csv(os.path.join(HERE, "data", "sim_wild.csv"))
    small = both[both["sample"] == "small"].reset_index(drop=True)
    large = both[both["sample"] == "large"].reset_index(drop=True)
    terms = {"x": 0, "treat": 1}
    cases = []
    for term in ["treat", "x"]:
        for null in [True, False]:
            t, p, n = definitional(small, terms[term], null)
            wb = wildboot(small, terms[term], null, 9999, "rademacher", 1)
            cases.append({"name": f"small_{term}_{'wcr' if null else 'wcu'}", "sample": "small",
                          "term": term, "impose_null": null, "weights": "rademacher",
                          "definitional_t": float(t), "definitional_p": p, "replicates": n,
                          "wildboottest": wb, "pyfixest": pyfixest_wild(small, term, null)})
    for weights in ["rademacher", "webb"]:
        for null in [True, False]:
            wb = wildboot(large, terms["treat"], null, 9999, weights, 42)
            cases.append({"name": f"large_treat_{weights}_{'wcr' if null else 'wcu'}", "sample": "large",
                          "term": "treat", "impose_null": null, "weights": weights, "B": 9999,
                          "wildboottest": wb})
    out = {"generator": "Tests/Fixtures/generate_wild_bootstrap.py", "wildboottest": wildboottest.__version__
           if hasattr(wildboottest, "__version__") else "0.3.2",
           "formula": "y ~ x + treat | period", "cluster": "cl", "tie_tolerance": TIE, "cases": cases}
    with open(os.path.join(HERE, "expected", "wild_bootstrap.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    if sys.argv[1:] == ["factors"]:
        write_factor_cases()
    else:
        main()
        write_factor_cases()
