#!/usr/bin/env python3
"""Reference fixtures for CausalKit's 2x2 doubly robust DiD (StaggeredDiD's DoublyRobustDiD).

Sant'Anna and Zhao (2020) estimators as R's DRDID package computes them (``drdid()``,
``ipwdid()`` with ``normalized = TRUE``, ``ordid()``), through its Python ports:

* reference: ``moderndid`` 0.2.0 (PyPI), ``moderndid.drdid`` / ``ipwdid`` / ``ordid``;
* cross-check: ``drdid`` 1.1.7 (PyPI), whose kernels ``drdid_panel``, ``drdid_rc``,
  ``std_ipw_did_*`` and ``reg_did_*`` return ``(ATT, influence function)`` (it has no
  improved-DR kernel), fed the same arrays as moderndid after moderndid's preprocessing.

Install (versions used: moderndid 0.2.0, drdid 1.1.7, numpy 2.4.6, scipy 1.17.1,
statsmodels 0.15.0, pandas 3.1.1, polars 2.1.0, rdata 1.1.0; Python 3.11)::

    python3 -m venv /work/venv-drdid
    /work/venv-drdid/bin/pip install moderndid==0.2.0 drdid==1.1.7 rdata==1.1.0 pandas numpy

What this script produces (relative to ``Tests/Fixtures``)
----------------------------------------------------------
* ``data/drdid_nsw_long.csv``   DRDID's ``nsw_long`` panel (LaLonde NSW treated units and CPS
  comparison units, 1975/1978) as moderndid ships it (``moderndid.load_nsw()``), columns
  ``id, year, re, experimental, age, educ, black, married, nodegree, hisp, re74``.
* ``data/drdid_sim_rc.csv``     DRDID's ``sim_rc`` repeated cross-section (1,000 rows), read
  from ``data/sim_rc.rda`` of github.com/pedrohcgs/DRDID (commit 654531e, version 1.2.3) with
  ``rdata``; pass the .rda path as ``--sim-rc PATH`` (``git show 654531e:data/sim_rc.rda``).
  Without it the committed CSV is reused.
* ``data/drdid_sim_panel.csv``  a seeded panel: 1,500 units, two periods, ``x1`` normal, ``x2``
  binary, sampling weights ``w`` constant within unit; 15 units lack their post row (both
  ports and CausalKit drop such units).
* ``data/drdid_sim_cs.csv``     a seeded repeated cross-section, 2,500 rows, same covariates and
  weights; 5 outcomes are missing (dropped by every implementation).
* ``data/drdid_sim_trim.csv``   a seeded panel with poor overlap: some comparison units have
  propensity scores >= 0.995 and are trimmed by the DR and IPW estimators.
* ``expected/drdid.json``       one case per data set x method x covariates x weights.

All CSVs are written with ``float_format="%.17g"`` and re-read before estimation.

Conventions (read in R DRDID's sources at commit 654531e and in the ports)
--------------------------------------------------------------------------
* Methods: ``imp`` = ``drdid(estMethod = "imp")``, ``trad`` = ``drdid(estMethod = "trad")``,
  ``ipw`` = ``ipwdid(normalized = TRUE)`` (``std_ipw_did_*``), ``reg`` = ``ordid()``
  (``reg_did_*``). For repeated cross-sections R's ``drdid()`` uses the *locally efficient*
  estimators ``drdid_imp_rc`` and ``drdid_rc`` (with outcome regressions for the treated in
  both periods). In moderndid these are ``est_method="imp_local"`` (``drdid_imp_local_rc``) and
  ``est_method="trad"`` (``drdid_rc``); moderndid's ``"imp"`` for cross-sections is R's
  ``drdid_imp_rc1`` (not locally efficient), so this script calls ``"imp_local"``.
* Standard error: ``sd(IF) * sqrt(n - 1) / n`` with ``sd`` the sample standard deviation,
  i.e. ``sqrt(sum((IF - mean IF)^2)) / n``, n = units (panel) or observations.
* Propensity scores are capped at ``1 - 1e-6``; comparison units with score ``>= 0.995`` get
  weight zero. moderndid also floors scores at ``1e-6`` (R does not); no fixture has a score
  below ``1e-6`` (the script checks), so the two agree here.
* Improved DR uses the inverse-probability-tilting score (minimiser of
  ``mean(w * (-D * x'g + (1 - D) * exp(x'g)))``). moderndid's trust-constr stops at a gradient
  of about 1e-8, which leaves the scores off by up to 2e-5 relative on ``nsw_long``; this script
  polishes moderndid's solution with Newton steps on moderndid's own loss
  (``_loss_ps_cal``: its gradient and Hessian) until the step is below 1e-13, so the
  reference is the exact tilting solution. ``imp`` cases also record moderndid's unpolished
  estimate and standard error (``unpolished_*``) to show the size of that effect.
* Repeated cross-section ``trad``: R (``drdid_rc.R``) and moderndid add the pre-period
  outcome-regression estimation effects with a ``+`` (``inf.treat.or.post + inf.treat.or.pre``,
  ``inf.cont.or.post + inf.cont.or.pre``); the ``drdid`` PyPI port subtracts them, so its
  standard errors differ there (its estimates agree). The reference follows R.

Run from the repository root::

    /work/venv-drdid/bin/python Tests/Fixtures/generate_drdid.py [--sim-rc /tmp/sim_rc.rda]
"""

from __future__ import annotations

import argparse
import json
import os
import warnings

import numpy as np
import pandas as pd

from drdid import _version_ as drdid_version
import moderndid
from drdid import drdid as drdid_dr, ipwd_did as drdid_ipw, reg_did as drdid_reg
from moderndid.core.preprocessing import preprocess_drdid
from moderndid.drdid.estimators import drdid_imp_local_rc as md_imp_rc_module
from moderndid.drdid.estimators import drdid_imp_panel as md_imp_panel_module
from moderndid.drdid.propensity import pscore_ipt as md_ipt
import statsmodels.api as sm

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
SEED = 20260512
TRIM = 0.995

# ---------------------------------------------------------------------------------------------
# IPT polishing (see the docstring): wraps moderndid's calculate_pscore_ipt where its improved
# estimators import it.
_ORIGINAL_IPT = md_ipt.calculate_pscore_ipt
POLISH = {"enabled": True, "last_gradient": None}


def _polished_ipt(D, X, iw, quantiles=None):
    ps = _ORIGINAL_IPT(D, X, iw, quantiles)
    if not POLISH["enabled"]:
        return ps
    X_used, removed = md_ipt._remove_collinear_columns(X)
    assert not removed
    gamma = np.linalg.lstsq(X_used, np.log(ps / (1 - ps)), rcond=None)[0]
    for _ in range(50):
        _, grad, hess = md_ipt._loss_ps_cal(gamma, D, X_used, iw)
        step = np.linalg.solve(hess, grad)
        gamma = gamma - step
        if np.max(np.abs(step) / (1 + np.abs(gamma))) < 1e-13:
            break
    POLISH["last_gradient"] = float(np.max(np.abs(md_ipt._loss_ps_cal(gamma, D, X_used, iw)[1])))
    return 1 / (1 + np.exp(-(X_used @ gamma)))


md_imp_panel_module.calculate_pscore_ipt = _polished_ipt
md_imp_rc_module.calculate_pscore_ipt = _polished_ipt


# ---------------------------------------------------------------------------------------------
# Data.
def write_and_reread(frame: pd.DataFrame, name: str) -> pd.DataFrame:
    path = os.path.join(DATA, name)
    frame.to_csv(path, index=False, float_format="%.17g")
    return pd.read_csv(path)


def nsw_data() -> pd.DataFrame:
    cols = ["id", "year", "re", "experimental", "age", "educ", "black", "married", "nodegree", "hisp", "re74"]
    frame = moderndid.load_nsw().to_pandas()[cols]
    return write_and_reread(frame.sort_values(["id", "year"]), "drdid_nsw_long.csv")


def sim_rc_data(rda_path: str | None) -> pd.DataFrame:
    path = os.path.join(DATA, "drdid_sim_rc.csv")
    if rda_path is None:
        return pd.read_csv(path)
    import rdata

    frame = rdata.read_rda(rda_path)["sim_rc"]
    return write_and_reread(frame[["id", "post", "y", "d", "x1", "x2", "x3", "x4"]], "drdid_sim_rc.csv")


def sim_panel_data(rng: np.random.Generator) -> pd.DataFrame:
    n = 1500
    x1 = rng.normal(size=n)
    x2 = rng.binomial(1, 0.4, size=n).astype(float)
    d = rng.binomial(1, 1 / (1 + np.exp(-(-0.4 + 0.7 * x1 - 0.6 * x2))))
    w = rng.uniform(0.5, 2.5, size=n)
    a = rng.normal(size=n) + 0.5 * d
    y0 = 2 + x1 + 0.5 * x2 + a + rng.normal(size=n)
    y1 = 3 + 1.5 * x1 + 0.2 * x2 + a + 1.5 * d + rng.normal(size=n)
    ids = np.arange(1, n + 1)
    frame = pd.DataFrame({
        "id": np.repeat(ids, 2), "year": np.tile([2019, 2021], n), "y": np.column_stack([y0, y1]).ravel(),
        "d": np.repeat(d, 2), "x1": np.repeat(x1, 2), "x2": np.repeat(x2, 2), "w": np.repeat(w, 2),
    })
    incomplete = rng.choice(ids, size=15, replace=False)
    frame = frame[~(frame.id.isin(incomplete) & (frame.year == 2021))]
    return write_and_reread(frame, "drdid_sim_panel.csv")


def sim_cs_data(rng: np.random.Generator) -> pd.DataFrame:
    n = 2500
    x1 = rng.normal(size=n)
    x2 = rng.binomial(1, 0.4, size=n).astype(float)
    d = rng.binomial(1, 1 / (1 + np.exp(-(-0.3 + 0.6 * x1 - 0.5 * x2))))
    post = rng.binomial(1, 0.5, size=n)
    w = rng.uniform(0.5, 2.5, size=n)
    y = 2 + x1 + 0.5 * x2 + 0.8 * d + post * (1 + 0.5 * x1 - 0.3 * x2) + 1.5 * d * post + rng.normal(size=n)
    y[rng.choice(n, size=5, replace=False)] = np.nan
    frame = pd.DataFrame({"id": np.arange(1, n + 1), "period": np.where(post == 1, 2, 1), "y": y, "d": d,
                          "x1": x1, "x2": x2, "w": w})
    return write_and_reread(frame, "drdid_sim_cs.csv")


def sim_trim_data(rng: np.random.Generator) -> pd.DataFrame:
    n = 800
    x1 = rng.uniform(-2, 3, size=n)
    x2 = rng.binomial(1, 0.5, size=n).astype(float)
    d = rng.binomial(1, 1 / (1 + np.exp(-(-1 + 2.2 * x1 + 0.5 * x2))))
    d[np.argsort(-x1)[[3, 8, 15, 22, 30, 41]]] = 0  # comparison units where treatment is near certain
    a = rng.normal(size=n)
    y0 = 1 + x1 + x2 + a + rng.normal(size=n)
    y1 = 2 + 1.3 * x1 + x2 + a + 1.0 * d + rng.normal(size=n)
    frame = pd.DataFrame({
        "id": np.repeat(np.arange(1, n + 1), 2), "t": np.tile([0, 1], n), "y": np.column_stack([y0, y1]).ravel(),
        "d": np.repeat(d, 2), "x1": np.repeat(x1, 2), "x2": np.repeat(x2, 2),
    })
    return write_and_reread(frame, "drdid_sim_trim.csv")


# ---------------------------------------------------------------------------------------------
# Estimation.
def moderndid_fit(frame, spec, method):
    kwargs = dict(data=frame, yname=spec["outcome"], tname=spec["time"], treatname=spec["treatment"],
                  xformla=formula(spec), panel=spec["panel"], weightsname=spec["weights"], inf_func=True)
    if spec["panel"]:
        kwargs["idname"] = spec["unit"]
    if method in ("imp", "trad"):
        est = method if spec["panel"] or method == "trad" else "imp_local"
        return moderndid.drdid(est_method=est, **kwargs)
    if method == "ipw":
        return moderndid.ipwdid(est_method="std_ipw", **kwargs)
    return moderndid.ordid(**kwargs)


def formula(spec):
    return "~ " + " + ".join(spec["covariates"]) if spec["covariates"] else None


def prepared(frame, spec):
    return preprocess_drdid(frame, yname=spec["outcome"], tname=spec["time"], treat_col=spec["treatment"],
                            idname=spec["unit"] if spec["panel"] else None, xformla=formula(spec),
                            panel=spec["panel"], weightsname=spec["weights"])


def standard_error(influence):
    n = len(influence)
    return float(np.std(influence, ddof=1) * np.sqrt(n - 1) / n)


def cross_check(dp, spec, method):
    """The drdid PyPI port on moderndid's prepared arrays: (estimate, std error) or None."""
    if method == "imp":
        return None
    x, w, d = np.asarray(dp.covariates, float), np.asarray(dp.weights, float), np.asarray(dp.D, float)
    if spec["panel"]:
        y1, y0 = np.asarray(dp.y1, float), np.asarray(dp.y0, float)
        fn = {"trad": drdid_dr.drdid_panel, "ipw": drdid_ipw.std_ipw_did_panel, "reg": drdid_reg.reg_did_panel}[method]
        att, inf = fn(y1, y0, d, x, w)
    else:
        y, post = np.asarray(dp.y, float), np.asarray(dp.post, float)
        fn = {"trad": drdid_dr.drdid_rc, "ipw": drdid_ipw.std_ipw_did_rc, "reg": drdid_reg.reg_did_rc}[method]
        att, inf = fn(y, post, d, x, w)
    return float(att), standard_error(np.asarray(inf))


def propensity_scores(dp, method):
    """The port's own propensity fit (logit or polished IPT) for the trimming count and checks."""
    x, d = np.asarray(dp.covariates, float), np.asarray(dp.D, float)
    w = np.asarray(dp.weights, float)
    w = w / w.mean()
    if method == "imp":
        return _polished_ipt(d, x, w)
    return sm.GLM(d, x, family=sm.families.Binomial(), freq_weights=w).fit().predict()


def run_case(frame, data_file, name, spec, method):
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        result = moderndid_fit(frame, spec, method)
        dp = prepared(frame, spec)
        n = len(result.att_inf_func)
        case = {
            "name": name, "data": data_file, "panel": spec["panel"], "outcome": spec["outcome"],
            "time": spec["time"], "unit": spec["unit"] if spec["panel"] else None,
            "treatment": spec["treatment"], "covariates": spec["covariates"], "weights": spec["weights"],
            "method": method, "estimate": float(result.att), "std_error": float(result.se), "n": n,
        }
        ps = propensity_scores(dp, method)
        if ps.min() < 1e-6:
            raise SystemExit(f"{name}: a propensity score below 1e-6; moderndid and R would differ")
        d = np.asarray(dp.D, float)
        case["trimmed"] = 0 if method == "reg" else int(np.sum((d == 0) & (np.minimum(ps, 1 - 1e-6) >= TRIM)))
        case["treated"] = int(np.sum(d == 1))
        check = cross_check(dp, spec, method)
        if check is not None:
            case["drdid_port"] = {"estimate": check[0], "std_error": check[1]}
        if method == "imp":
            POLISH["enabled"] = False
            unpolished = moderndid_fit(frame, spec, method)
            case["unpolished_estimate"] = float(unpolished.att)
            case["unpolished_std_error"] = float(unpolished.se)
            POLISH["enabled"] = True
    return case


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sim-rc", help="path of DRDID's data/sim_rc.rda")
    args = parser.parse_args()
    rng = np.random.default_rng(SEED)
    sets = [
        ("nsw", nsw_data(), "drdid_nsw_long.csv",
         dict(panel=True, outcome="re", time="year", unit="id", treatment="experimental",
              covariates=["age", "educ", "black", "married", "nodegree", "hisp", "re74"]), [None]),
        ("sim_rc", sim_rc_data(args.sim_rc), "drdid_sim_rc.csv",
         dict(panel=False, outcome="y", time="post", unit="id", treatment="d", covariates=["x1", "x2", "x3", "x4"]),
         [None]),
        ("panel", sim_panel_data(rng), "drdid_sim_panel.csv",
         dict(panel=True, outcome="y", time="year", unit="id", treatment="d", covariates=["x1", "x2"]), [None, "w"]),
        ("cs", sim_cs_data(rng), "drdid_sim_cs.csv",
         dict(panel=False, outcome="y", time="period", unit="id", treatment="d", covariates=["x1", "x2"]),
         [None, "w"]),
        ("trim", sim_trim_data(rng), "drdid_sim_trim.csv",
         dict(panel=True, outcome="y", time="t", unit="id", treatment="d", covariates=["x1", "x2"]), [None]),
    ]
    cases = []
    for label, frame, data_file, base, weight_options in sets:
        for weights in weight_options:
            for with_covariates in ([True] if label == "trim" else [False, True]):
                spec = dict(base, weights=weights, covariates=base["covariates"] if with_covariates else [])
                for method in ["imp", "trad", "ipw", "reg"]:
                    name = f"{label}_{method}_{'cov' if with_covariates else 'nocov'}{'_w' if weights else ''}"
                    cases.append(run_case(frame, data_file, name, spec, method))
                    print(name, cases[-1]["estimate"], cases[-1]["std_error"], cases[-1]["n"], cases[-1]["trimmed"])

    def rel(a, b):
        return abs(a - b) / max(abs(b), 1e-300)

    agreement = {"estimate": 0.0, "std_error": 0.0, "std_error_excluding_rc_trad": 0.0}
    for c in cases:
        if "drdid_port" in c:
            agreement["estimate"] = max(agreement["estimate"], rel(c["drdid_port"]["estimate"], c["estimate"]))
            se = rel(c["drdid_port"]["std_error"], c["std_error"])
            agreement["std_error"] = max(agreement["std_error"], se)
            if c["panel"] or c["method"] != "trad":
                agreement["std_error_excluding_rc_trad"] = max(agreement["std_error_excluding_rc_trad"], se)
    polish = {
        key: max(rel(c["unpolished_" + key], c[key]) for c in cases if "unpolished_estimate" in c)
        for key in ["estimate", "std_error"]
    }
    out = {
        "source": "moderndid " + moderndid.__version__ + " (reference); drdid " + drdid_version.version
        + " (cross-check); R DRDID 1.2.3 conventions",
        "se_convention": "sd(IF) * sqrt(n - 1) / n",
        "max_relative_difference_drdid_port": agreement,
        "drdid_port_note": "drdid (PyPI) subtracts the pre-period outcome-regression estimation effects in the "
        "repeated cross-section trad influence function where R DRDID and moderndid add them; elsewhere the "
        "ports agree to the stated figures (with and without sampling weights).",
        "max_relative_effect_of_ipt_polishing": polish,
        "methods": {
            "panel": {"imp": "drdid_imp_panel", "trad": "drdid_panel", "ipw": "std_ipw_did_panel",
                      "reg": "reg_did_panel"},
            "repeated_cross_section": {
                "imp": "drdid_imp_rc (locally efficient; moderndid est_method='imp_local')",
                "trad": "drdid_rc (locally efficient; moderndid est_method='trad')",
                "ipw": "std_ipw_did_rc", "reg": "reg_did_rc"},
        },
        "cases": cases,
    }
    with open(os.path.join(HERE, "expected", "drdid.json"), "w") as f:
        json.dump(out, f, indent=1)
        f.write("\n")
    print(json.dumps({k: v for k, v in out.items() if k != "cases"}, indent=1))


if __name__ == "__main__":
    main()
