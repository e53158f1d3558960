#!/usr/bin/env python3
"""Reference fixtures for CausalKit's Propensity module (logit and probit regression).

What this script produces
-------------------------
Relative to this file's folder (``Tests/Fixtures``):

* ``data/sim_logit.csv``        simulated data (N = 5,000, seed 20240610): covariates
  ``x1`` (normal), ``x2`` (uniform 0-10, 20 values missing), ``x3`` (0/1), ``grp`` (text,
  levels a-d), cluster ids ``cl`` (100 clusters with a random effect) and ``cl2`` (40,
  crossed), weights ``w_int`` (1-4) and ``w_real`` (uniform 0.5-2.5), outcomes ``y``
  (logit model) and ``yp`` (probit model), and ``sep``, a dummy equal to 1 only for some
  rows with ``y = 1`` (quasi-complete separation of ``y`` by ``sep``).
* ``expected/propensity.json``  for every case in ``CASES``: R ``glm`` + ``sandwich``
  results (the reference) and statsmodels results (a second, independent implementation):
  coefficients, standard errors, z, p, 95% Wald intervals, covariance matrix,
  log-likelihood, deviance, null deviance, AIC, McFadden R², the first 10 fitted
  probabilities and their sum, iterations and warnings.

R is run through ``generate_propensity.R`` (R 4.2, sandwich 3.0.2, no JSON package needed);
statsmodels 0.15 runs here.  Both read the same CSV files.

statsmodels conventions (checked when this script was written, statsmodels 0.15.0):
* ``Logit``/``Probit`` ``cov_type="HC1"`` applies **no** n/(n-k) factor for these models
  (HC1 == HC0), so HC1 is compared with R only.
* ``Probit`` uses the observed information (the Hessian) for the covariance; R's glm and
  CausalKit use the expected (Fisher) information, which differs for non-canonical links.
  ``GLM(family=Binomial(Probit()))`` with IRLS uses the expected information and agrees with R
  for ``iid``; its robust covariances use the observed-information bread and are not
  comparable for the probit.
* ``cov_type="cluster"`` multiplies by G/(G-1) * (n-1)/(n-k), as ``vcovCL(type = "HC1")``.
* Weighted fits use ``GLM(..., var_weights=w)``, which matches R's prior weights.
* IRLS (R's glm and statsmodels' GLM) converges only linearly for the probit and stops about
  1e-9 standard errors short of the optimum; both are restarted five times from their own
  estimate, after which they agree with statsmodels' Newton-based ``Probit`` to ~1e-14.

Run from the repository root::

    python3 Tests/Fixtures/generate_propensity.py
"""

from __future__ import annotations

import json
import math
import os
import subprocess
import sys
import tempfile
import warnings

import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy.special import expit, ndtr

HERE = os.path.dirname(os.path.abspath(__file__))
LALONDE = "treat ~ age + educ + race + married + nodegree + re74 + re75"
SIM = "y ~ x1 + x2 + x3 + grp"
SIMP = "yp ~ x1 + x2 + x3 + grp"

# name, data, formula, link, weights, vcov, expect
CASES = [
    ("lalonde_logit_iid", "lalonde.csv", LALONDE, "logit", "", "iid", "fit"),
    ("lalonde_logit_hc0", "lalonde.csv", LALONDE, "logit", "", "hc0", "fit"),
    ("lalonde_logit_hc1", "lalonde.csv", LALONDE, "logit", "", "hc1", "fit"),
    ("lalonde_logit_hc2", "lalonde.csv", LALONDE, "logit", "", "hc2", "fit"),
    ("lalonde_logit_hc3", "lalonde.csv", LALONDE, "logit", "", "hc3", "fit"),
    ("lalonde_logit_cluster_educ", "lalonde.csv", LALONDE, "logit", "", "cluster:educ", "fit"),
    ("lalonde_probit_iid", "lalonde.csv", LALONDE, "probit", "", "iid", "fit"),
    ("lalonde_probit_hc0", "lalonde.csv", LALONDE, "probit", "", "hc0", "fit"),
    ("lalonde_probit_hc1", "lalonde.csv", LALONDE, "probit", "", "hc1", "fit"),
    ("lalonde_probit_cluster_educ", "lalonde.csv", LALONDE, "probit", "", "cluster:educ", "fit"),
    ("sim_logit_iid", "sim_logit.csv", SIM, "logit", "", "iid", "fit"),
    ("sim_logit_hc1", "sim_logit.csv", SIM, "logit", "", "hc1", "fit"),
    ("sim_logit_cluster", "sim_logit.csv", SIM, "logit", "", "cluster:cl", "fit"),
    ("sim_logit_cluster_twoway", "sim_logit.csv", SIM, "logit", "", "cluster:cl+cl2", "fit"),
    ("sim_logit_no_intercept", "sim_logit.csv", "y ~ 0 + x1 + x3", "logit", "", "iid", "fit"),
    ("sim_probit_iid", "sim_logit.csv", SIMP, "probit", "", "iid", "fit"),
    ("sim_probit_cluster", "sim_logit.csv", SIMP, "probit", "", "cluster:cl", "fit"),
    ("sim_logit_weights_int", "sim_logit.csv", SIM, "logit", "w_int", "iid", "fit"),
    ("sim_logit_weights_int_cluster", "sim_logit.csv", SIM, "logit", "w_int", "cluster:cl", "fit"),
    ("sim_logit_weights_real", "sim_logit.csv", SIM, "logit", "w_real", "iid", "fit"),
    ("sim_logit_weights_real_hc0", "sim_logit.csv", SIM, "logit", "w_real", "hc0", "fit"),
    ("sim_probit_weights_real", "sim_logit.csv", SIMP, "probit", "w_real", "iid", "fit"),
    ("sim_separation_logit", "sim_logit.csv", "y ~ x1 + x2 + sep", "logit", "", "iid", "separation"),
    ("sim_separation_probit", "sim_logit.csv", "y ~ x1 + x2 + sep", "probit", "", "iid", "separation"),
]


def simulate() -> None:
    """Writes data/sim_logit.csv."""
    rng = np.random.default_rng(20240610)
    n = 5000
    cl = rng.integers(1, 101, n)
    cl2 = rng.integers(1, 41, n)
    effect = rng.normal(0, 0.3, 101)
    x1 = rng.normal(0, 1, n)
    x2 = rng.uniform(0, 10, n)
    x3 = (rng.uniform(size=n) < 0.4).astype(int)
    grp = rng.choice(np.array(["a", "b", "c", "d"]), n, p=[0.4, 0.3, 0.2, 0.1])
    gfx = {"a": 0.0, "b": 0.4, "c": -0.5, "d": 0.2}
    eta = -0.3 + 0.8 * x1 - 0.15 * x2 + 0.6 * x3 + np.array([gfx[g] for g in grp]) + effect[cl]
    y = (rng.uniform(size=n) < expit(eta)).astype(int)
    yp = (rng.uniform(size=n) < ndtr(0.6 * eta)).astype(int)
    sep = ((y == 1) & (rng.uniform(size=n) < 0.03)).astype(int)
    w_int = rng.integers(1, 5, n)
    w_real = rng.uniform(0.5, 2.5, n)
    x2_out = [repr(float(v)) for v in x2]
    for i in rng.choice(n, 20, replace=False):
        x2_out[i] = "NA"
    frame = pd.DataFrame({
        "id": np.arange(1, n + 1), "y": y, "yp": yp, "x1": [repr(float(v)) for v in x1], "x2": x2_out,
        "x3": x3, "grp": grp, "cl": cl, "cl2": cl2, "w_int": w_int,
        "w_real": [repr(float(v)) for v in w_real], "sep": sep,
    })
    frame.to_csv(os.path.join(HERE, "data", "sim_logit.csv"), index=False, quoting=0)


def design(data: pd.DataFrame, formula: str, weights: str, clusters: list[str]):
    """The response, design (CausalKit's column names and order), weights and cluster columns
    after listwise deletion."""
    lhs, rhs = [s.strip() for s in formula.split("~")]
    terms = [t.strip() for t in rhs.split("+")]
    intercept = "0" not in terms
    terms = [t for t in terms if t not in ("0", "1")]
    used = [lhs] + terms + ([weights] if weights else []) + clusters
    d = data.dropna(subset=used).reset_index(drop=True)
    cols = {}
    if intercept:
        cols["(Intercept)"] = np.ones(len(d))
    for t in terms:
        if not pd.api.types.is_numeric_dtype(d[t]):
            for level in sorted(d[t].unique())[1:]:
                cols[f"{t}::{level}"] = (d[t] == level).astype(float).to_numpy()
        else:
            cols[t] = d[t].astype(float).to_numpy()
    X = pd.DataFrame(cols)
    w = d[weights].astype(float).to_numpy() if weights else None
    return d[lhs].astype(float).to_numpy(), X, w, d, intercept


def run_r() -> dict:
    with tempfile.TemporaryDirectory() as tmp:
        cases_path = os.path.join(tmp, "cases.tsv")
        out_path = os.path.join(tmp, "results.tsv")
        pd.DataFrame(CASES, columns=["name", "data", "formula", "link", "weights", "vcov", "expect"]).to_csv(
            cases_path, sep="\t", index=False)
        proc = subprocess.run(
            ["Rscript", os.path.join(HERE, "generate_propensity.R"), cases_path, out_path, HERE],
            check=True, capture_output=True, text=True)
        version = proc.stdout.strip()
        results: dict = {}
        with open(out_path) as f:
            for line in f:
                case, key, index, value = line.rstrip("\n").split("\t")
                entry = results.setdefault(case, {}).setdefault(key, {})
                entry[int(index)] = value
    parsed = {}
    for case, keys in results.items():
        parsed[case] = {}
        for key, values in keys.items():
            ordered = [values[i] for i in sorted(values)]
            if key in ("term_r", "warning"):
                parsed[case][key] = ordered
            else:
                parsed[case][key] = [float(v) for v in ordered]
    parsed["_version"] = version
    return parsed


def statsmodels_fit(y, X, w, link, vcov, d):
    """Fits with statsmodels; returns (model name, information kind, result)."""
    cov_type, cov_kwds = "nonrobust", {}
    if vcov in ("hc0", "hc1", "hc2", "hc3"):
        cov_type = vcov.upper()
    elif vcov.startswith("cluster:"):
        names = vcov.split(":")[1].split("+")
        if len(names) > 1:
            return None
        cov_type, cov_kwds = "cluster", {"groups": pd.factorize(d[names[0]])[0]}
    if vcov in ("hc2", "hc3"):
        return None
    kwargs = {"cov_type": cov_type}
    if cov_kwds:
        kwargs["cov_kwds"] = cov_kwds
    results = []
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        if w is None:
            model = sm.Logit(y, X) if link == "logit" else sm.Probit(y, X)
            r = model.fit(method="newton", tol=1e-14, maxiter=200, disp=0, **kwargs)
            results.append((type(model).__name__, "observed" if link == "probit" else "expected", r))
        if w is not None or link == "probit":
            fam = sm.families.Binomial(sm.families.links.Logit() if link == "logit" else sm.families.links.Probit())
            model = sm.GLM(y, X, family=fam, var_weights=w)
            r = model.fit(tol=1e-15, maxiter=200, **kwargs)
            # IRLS converges linearly for the probit; restart from the estimate (as for R).
            for _ in range(5):
                r = model.fit(tol=1e-15, maxiter=200, start_params=r.params, **kwargs)
            # GLM robust covariances use the observed-information bread.
            info = "expected" if (cov_type == "nonrobust" or link == "logit") else "observed"
            results.append(("GLM", info, r))
    return results


def sm_record(name, info, r, X, vcov):
    params = np.asarray(r.params)
    bse = np.asarray(r.bse)
    z = params / bse
    q = 1.959963984540054
    if name == "GLM":
        llf = float(r.llf)
        llnull = float(r.llnull)
    else:
        llf, llnull = float(r.llf), float(r.llnull)
    fitted = np.asarray(r.predict(X) if name != "GLM" else r.fittedvalues)
    return {
        "model": name,
        "information": info,
        # statsmodels applies no n/(n-k) factor for HC1 in these models.
        "se_comparable": info == "expected" and vcov != "hc1",
        "coefficients": [
            {"term": t, "estimate": float(b), "std_error": float(s), "statistic": float(zz),
             "p_value": float(2 * scipy.stats.norm.sf(abs(zz))), "conf_low": float(b - q * s),
             "conf_high": float(b + q * s)}
            for t, b, s, zz in zip(X.columns, params, bse, z)],
        "loglik": llf, "null_loglik": llnull, "mcfadden": 1 - llf / llnull,
        "fitted_head": [float(v) for v in fitted[:10]], "fitted_sum": float(fitted.sum()),
    }


def main() -> int:
    simulate()
    r_all = run_r()
    out_cases = []
    report = []
    for name, data_file, formula, link, weights, vcov, expect in CASES:
        data = pd.read_csv(os.path.join(HERE, "data", data_file))
        clusters = vcov.split(":")[1].split("+") if vcov.startswith("cluster:") else []
        y, X, w, d, intercept = design(data, formula, weights, clusters)
        r = r_all[name]
        terms = list(X.columns)
        assert len(r["coef"]) == len(terms), (name, r["term_r"], terms)
        k = len(terms)
        case = {
            "name": name, "data": data_file, "formula": formula, "link": link,
            "weights": weights or None, "vcov": vcov, "expect": expect, "nobs": int(r["nobs"][0]),
            "terms": terms,
        }
        rr = {
            "coefficients": [
                {"term": t, "estimate": r["coef"][j], "std_error": r["se"][j], "statistic": r["z"][j],
                 "p_value": r["p"][j], "conf_low": r["conf_low"][j], "conf_high": r["conf_high"][j]}
                for j, t in enumerate(terms)],
            "vcov_matrix": [[r["vcov"][i + j * k] for j in range(k)] for i in range(k)],
            "loglik": r["loglik"][0], "deviance": r["deviance"][0], "null_deviance": r["null_deviance"][0],
            "aic": r["aic"][0], "mcfadden": r["mcfadden"][0], "fitted_head": r["fitted_head"],
            "fitted_sum": r["fitted_sum"][0], "eta_head": r["eta_head"], "iterations": int(r["iter"][0]),
            "converged": bool(r["converged"][0]), "fitted_at_bounds": int(r["fitted_at_bounds"][0]),
            "warnings": r.get("warning", []),
            # R's logLik()/AIC() round non-integer prior weights inside dbinom().
            "loglik_comparable": weights != "w_real",
        }
        case["r"] = rr
        sms = statsmodels_fit(y, X, w, link, vcov, d) or []
        case["statsmodels"] = [sm_record(m, info, res, X, vcov) for m, info, res in sms]
        out_cases.append(case)
        # Agreement report (fits only).
        if expect == "fit":
            for s in case["statsmodels"]:
                cd = max(abs(a["estimate"] - b["estimate"]) / max(abs(b["estimate"]), 1e-300)
                         for a, b in zip(s["coefficients"], rr["coefficients"]))
                sd = max(abs(a["std_error"] - b["std_error"]) / b["std_error"]
                         for a, b in zip(s["coefficients"], rr["coefficients"]))
                fd = max(abs(a - b) for a, b in zip(s["fitted_head"], rr["fitted_head"]))
                ld = abs(s["loglik"] - rr["loglik"]) / abs(rr["loglik"])
                report.append((name, s["model"], s["information"], cd, sd if s["se_comparable"] else float("nan"), fd, ld))
                if cd > 1e-8:
                    print(f"ERROR: {name}: R and statsmodels {s['model']} coefficients differ by {cd:.2e}", file=sys.stderr)
                    return 1
    print(f"{'case':34s} {'statsmodels':8s} {'info':8s} {'coef':>9s} {'se':>9s} {'fitted':>9s} {'loglik':>9s}")
    for row in report:
        print(f"{row[0]:34s} {row[1]:8s} {row[2]:8s} {row[3]:9.1e} {row[4]:9.1e} {row[5]:9.1e} {row[6]:9.1e}")
    out = {
        "generator": {
            "script": "Tests/Fixtures/generate_propensity.py (+ generate_propensity.R)",
            "r": r_all["_version"], "python": sys.version.split()[0], "statsmodels": statsmodels.__version__,
            "numpy": np.__version__, "pandas": pd.__version__, "scipy": scipy.__version__,
        },
        "cases": out_cases,
    }
    with open(os.path.join(HERE, "expected", "propensity.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(f"wrote {len(out_cases)} cases")
    return 0


if __name__ == "__main__":
    sys.exit(main())
