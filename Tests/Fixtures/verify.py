#!/usr/bin/env python3
"""Independent check of expected/feols.json against expected/conventions.md.

For every case in feols.json this script rebuilds the regression from the CSV
file with plain numpy -- no pyfixest -- and applies the formulas written in
conventions.md:

* rows with a missing value in a used column are dropped, then (if the case
  says "singletons": "drop") observations that are alone in a level of any
  fixed effect are dropped repeatedly until none is left;
* fixed effects are partialled out *exactly* by least squares on a full set
  of dummy variables (sqrt(w)-weighted), not by iterative demeaning;
* the covariance matrix, degrees of freedom, t statistics, p-values,
  confidence intervals and R² measures are computed from the formulas.

It prints the largest relative discrepancy per case and exits non-zero if
any exceeds the tolerance.  Run from the repository root:

    python3 Tests/Fixtures/verify.py
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
from scipy import stats

HERE = Path(__file__).resolve().parent
TOL = 1e-7          # relative tolerance on every stored number
P_ABS_TOL = 1e-12   # absolute tolerance on p-values (pyfixest computes 1 - cdf)


def load(name: str) -> pd.DataFrame:
    return pd.read_csv(HERE / "data" / name, na_values=["NA", ""], keep_default_na=False)


def design(case: dict, df: pd.DataFrame):
    """Return (y, X dict name->column, fixed-effect names, used columns)."""
    fml = case["formula"]
    lhs, rest = fml.split("~", 1)
    y_name = lhs.strip()
    rhs, _, fe = rest.partition("|")
    fes = [f.strip() for f in fe.split("+")] if fe.strip() else []
    used = {y_name, *fes}
    cols: dict[str, np.ndarray] = {}
    if not fes:
        cols["(Intercept)"] = np.ones(len(df))
    for term in [t.strip() for t in re.split(r"\+(?![^(]*\))", rhs)]:
        if term.startswith("i(rel"):
            # Event-study dummies: one per relative period except the
            # references -1 and the never-treated sentinel -1000.
            used.add("rel")
            refs = set(case.get("ref", [-1]))
            for r in sorted(set(df["rel"].dropna().astype(int)) - refs):
                cols[f"rel::{r}"] = (df["rel"] == r).astype(float).to_numpy()
        elif ":" in term:
            a, b = term.split(":")
            used |= {a, b}
            cols[term] = (df[a] * df[b]).astype(float).to_numpy()
        elif df[term].dtype == object or pd.api.types.is_string_dtype(df[term]):
            used.add(term)
            levels = sorted(df[term].dropna().unique())
            for lev in levels[1:]:
                cols[f"{term}::{lev}"] = (df[term] == lev).astype(float).to_numpy()
        else:
            used.add(term)
            cols[term] = df[term].astype(float).to_numpy()
    if case["weights"]:
        used.add(case["weights"])
    return y_name, cols, fes, sorted(used)


def drop_singletons(df: pd.DataFrame, fes: list[str]) -> pd.DataFrame:
    """Remove observations alone in a fixed-effect level, until none remain."""
    while True:
        keep = np.ones(len(df), dtype=bool)
        for f in fes:
            counts = df[f].map(df[f].value_counts())
            keep &= (counts > 1).to_numpy()
        if keep.all():
            return df
        df = df[keep]


def dummies(df: pd.DataFrame, fes: list[str]) -> np.ndarray:
    blocks = [pd.get_dummies(df[f].astype(str)).to_numpy(float) for f in fes]
    return np.column_stack(blocks)


def nested_fixef(df: pd.DataFrame, fes: list[str], clusters: list[str]) -> list[str]:
    """Fixed effects pyfixest treats as nested in the cluster variable(s)."""
    ccols = {c: df[c].astype(str) for c in clusters}
    if len(clusters) == 2:
        ccols["cluster_intersection"] = ccols[clusters[0]] + "-" + ccols[clusters[1]]
    out = []
    for f in fes:
        if f in ccols:
            out.append(f)
            continue
        for cv in ccols.values():
            if (cv.groupby(df[f].to_numpy()).nunique() == 1).all():
                out.append(f)
                break
    return out


def check_case(case: dict) -> float:
    df0 = load(case["data"])
    y_name, _, fes, used = design(case, df0)
    clusters = case["vcov"].split(":", 1)[1].split("+") if case["vcov"].startswith("cluster:") else []
    df = df0.dropna(subset=used)
    assert len(df0) - len(df) == case["missing_dropped"], "missing_dropped"
    n_before = len(df)
    if fes and case["singletons"] == "drop":
        df = drop_singletons(df, fes)
    assert n_before - len(df) == case["singletons_dropped"], "singletons_dropped"
    df = df.reset_index(drop=True)
    _, cols, _, _ = design(case, df)

    N = len(df)
    assert N == case["nobs"]
    w = df[case["weights"]].to_numpy(float) if case["weights"] else np.ones(N)
    sw = np.sqrt(w)
    y = df[y_name].to_numpy(float) * sw
    names_all = list(cols)
    X_all = np.column_stack([cols[n] for n in names_all]) * sw[:, None]

    if fes:
        D = dummies(df, fes) * sw[:, None]
        proj = lambda M: M - D @ np.linalg.lstsq(D, M, rcond=None)[0]
        y_t, X_t = proj(y), proj(X_all)
    else:
        y_t, X_t = y, X_all

    # Collinear columns reported by pyfixest must really be collinear.
    names = [n for n in names_all if n not in case["collinear"]]
    keep_idx = [names_all.index(n) for n in names]
    drop_idx = [names_all.index(n) for n in case["collinear"]]
    X = X_t[:, keep_idx]
    if drop_idx:
        b = np.linalg.lstsq(X, X_t[:, drop_idx], rcond=None)[0]
        resid = X_t[:, drop_idx] - X @ b
        assert np.all(np.linalg.norm(resid, axis=0) <= 1e-6 * np.linalg.norm(X_all[:, drop_idx], axis=0)), "collinear"
    assert names == [c["term"] for c in case["coefficients"]], (names, case["coefficients"])

    k = X.shape[1]
    XtX = X.T @ X
    bread = np.linalg.inv(XtX)
    beta = bread @ (X.T @ y_t)
    e = y_t - X @ beta
    rss = float(e @ e)

    # ---- parameter count df_k ------------------------------------------
    ssc = case["ssc"]
    levels = {f: int(df[f].nunique()) for f in fes}
    n_fe = len(fes)
    k_fe_adj = sum(levels.values()) - (n_fe - 1) if n_fe else 0
    nested = nested_fixef(df, fes, clusters) if clusters else []
    if ssc["k_fixef"] == "none" or n_fe == 0:
        df_k = k
    elif ssc["k_fixef"] == "full":
        df_k = k + k_fe_adj
    else:  # "nonnested"
        df_k = k + k_fe_adj - sum(levels[f] for f in nested) + len(nested)

    # ---- covariance -----------------------------------------------------
    vc = case["vcov"]
    if vc == "iid":
        V = rss / (N - df_k) * bread
        df_t = N - df_k
    elif vc in ("hetero", "hc0", "hc2", "hc3"):
        s = X * e[:, None]
        if vc in ("hc2", "hc3"):
            h = np.einsum("ij,jk,ik->i", X, bread, X)
            s = s / (np.sqrt(1 - h) if vc == "hc2" else (1 - h))[:, None]
        fac = N / (N - df_k) if ssc["k_adj"] else 1.0
        V = fac * bread @ (s.T @ s) @ bread
        df_t = N - df_k
    else:
        s = X * e[:, None]
        cl = [df[c].astype(str) for c in clusters]
        groupings = cl if len(cl) == 1 else [cl[0], cl[1], cl[0] + "-" + cl[1]]
        G = [int(g.nunique()) for g in groupings]
        if ssc["G_df"] == "min":
            G = [min(G)] * len(G)
        signs = [1, 1, -1]
        V = np.zeros((k, k))
        for g, Gx, sign in zip(groupings, G, signs):
            S = pd.DataFrame(s).groupby(g.to_numpy()).sum().to_numpy()
            fac = (N - 1) / (N - df_k) if ssc["k_adj"] else 1.0
            if ssc["G_adj"]:
                fac *= Gx / (Gx - 1)
            V += sign * fac * bread @ (S.T @ S) @ bread
        df_t = min(G) - 1

    se = np.sqrt(np.diag(V))
    tstat = beta / se
    p = 2 * stats.t.sf(np.abs(tstat), df_t)
    q = stats.t.ppf(0.975, df_t)

    # ---- fit statistics -------------------------------------------------
    yraw = df[y_name].to_numpy(float)
    ybar = np.average(yraw, weights=w)
    tss = float(np.sum(w * (yraw - ybar) ** 2))
    r2 = 1 - rss / tss
    if fes:
        k_fe = sum(levels[f] - 1 for f in fes) + 1
        adj_r2 = 1 - rss / tss * (N - 1) / (N - k - k_fe)
        r2_within = 1 - rss / float(y_t @ y_t)
        adj_r2_within = 1 - rss / float(y_t @ y_t) * (N - k_fe) / (N - k - k_fe)
    else:
        adj_r2 = 1 - rss / tss * (N - 1) / (N - k)
        r2_within = adj_r2_within = None

    # ---- compare ----------------------------------------------------------
    worst = 0.0

    def cmp(label, mine, theirs, scale=None):
        nonlocal worst
        mine = np.asarray(mine, float)
        theirs = np.asarray(theirs, float)
        den = np.maximum(np.abs(theirs), scale if scale is not None else 1e-300)
        rel = float(np.max(np.abs(mine - theirs) / den))
        worst = max(worst, rel)
        if rel > TOL:
            raise AssertionError(f"{label}: relative error {rel:.3e}")

    assert df_t == case["df_t"], ("df_t", df_t, case["df_t"])
    assert N - df_k == case["df_resid"], ("df_resid", N - df_k, case["df_resid"])
    co = case["coefficients"]
    cmp("estimate", beta, [c["estimate"] for c in co])
    cmp("std_error", se, [c["std_error"] for c in co])
    cmp("statistic", tstat, [c["statistic"] for c in co])
    cmp("conf_low", beta - q * se, [c["conf_low"] for c in co], scale=np.abs(beta) + se)
    cmp("conf_high", beta + q * se, [c["conf_high"] for c in co], scale=np.abs(beta) + se)
    pj = np.array([c["p_value"] for c in co])
    if np.max(np.abs(p - pj) - TOL * pj) > P_ABS_TOL:
        raise AssertionError(f"p_value: {p} vs {pj}")
    cmp("vcov", V, case["vcov_matrix"], scale=np.max(np.abs(V)) * 1e-6)
    cmp("rss", rss, case["rss"])
    cmp("r2", r2, case["r2"])
    cmp("adj_r2", adj_r2, case["adj_r2"])
    if fes:
        cmp("r2_within", r2_within, case["r2_within"])
        cmp("adj_r2_within", adj_r2_within, case["adj_r2_within"])
    else:
        assert case["r2_within"] is None
    return worst


def main() -> int:
    doc = json.loads((HERE / "expected" / "feols.json").read_text())
    failed = 0
    for case in doc["cases"]:
        try:
            worst = check_case(case)
            print(f"ok    {case['name']:<55} max rel diff {worst:.2e}")
        except AssertionError as err:
            failed += 1
            print(f"FAIL  {case['name']:<55} {err}")
    print(f"{len(doc['cases']) - failed}/{len(doc['cases'])} cases agree")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
