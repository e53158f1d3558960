"""Reference values for the saturated (Sun-Abraham style) event study and Gardner's two-stage DiD
(did2s) on the simulated staggered panel (StaggeredDiD).

Writes expected/sun_abraham.json and expected/did2s.json from data/did_sim_panel.csv (written by
generate_att_gt.py: 600 units, 2001-2008, cohorts 2003-2006 and 0 = never treated, cluster state).
Every fit records the exact pyfixest call (`call`), the formula(s), the number of observations,
the variance type and small-sample settings, and all coefficients.

Saturated event study, `pf.event_study(..., estimator="saturated")` (pyfixest 0.60.0,
did/saturated_twfe.py): pyfixest adds `is_treated = (year >= cohort) * (cohort > 0)`,
`first_treated_period` (0 for never treated) and `rel_time = year - first_treated_period`
(+inf for never treated), then fits
    y ~ i(rel_time, first_treated_period, ref = -1, ref2 = 0) | id + year
by feols with CRV1 on the cluster (default the unit): one coefficient per (cohort, event time)
except event time -1, never-treated units only in the fixed effects (so the comparison is with the
never treated, as in Sun and Abraham 2021). feols' CRV1 uses pyfixest's default small-sample
correction (ssc: k_adj, k_fixef "nonnested", G_adj, G_df "min"; see conventions.md for feols).
`aggregate(agg="period", weighting="shares")` averages the cohort coefficients of each event time
l with weights n_{g,l} / sum_g n_{g,l}: for l >= 0 the counts of treated observations of cohort g at
event time l, for l < 0 the counts of not-yet-treated observations of the eventually treated
cohort g at l; its standard error is sqrt(R V R') with V the CRV1 covariance.

did2s (pyfixest did/did2s.py, a port of Kyle Butts' R did2s): stage 1 fits the first-stage formula
on the untreated observations (treatment == 0) only and residualises y for all observations with
the fitted unit and period effects; stage 2 regresses those residuals on the second-stage terms
without intercept; the covariance is Gardner's GMM-corrected cluster sum
sum_g s_g s_g' with s_g = (X2'X2)^{-1} (X2_g' u2_g - (X2'X1)(X10'X10)^{-1} X10_g' u1_g), X10 the
first-stage design with treated rows zeroed, and no small-sample factor. With weights w the rows
of X1, X2 and both residual vectors are multiplied by sqrt(w). The recorded t, p and CI are
pyfixest's (feols fits: t distribution with G - 1 degrees of freedom; did2s: as pyfixest reports).
Fits:
  * pooled ATT: `pf.event_study(..., estimator="did2s")` (second stage ~ 0 + is_treated);
  * event study: `pf.did2s(data, yname="y", first_stage="~ 0 | id + year",
    second_stage="~ i(rel_year, ref=-1.0)", treatment="treat", cluster=...)` with
    treat = (year >= cohort) * (cohort > 0) and rel_year = year - cohort for treated cohorts,
    -1 for never-treated units (they fall into the omitted reference, which is what R's did2s
    `ref = c(-1, Inf)` does; coding them +inf instead leaves every other coefficient and standard
    error unchanged and adds a coefficient of about 6e-7 for +inf).

Run (from the repository root; about 30 s):
    /work/venv-attgt/bin/pip install pyfixest==0.60.0
    /work/venv-attgt/bin/python Tests/Fixtures/generate_pyfixest_did.py
Versions used: pyfixest 0.60.0, formulaic 1.2.2, numpy 2.4.6, pandas 3.1.1, scipy 1.17.1.
"""
import json
import math
import os
import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def fnum(x):
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def coefficient_rows(fit):
    tidy = fit.tidy()
    rows = []
    for name, r in tidy.iterrows():
        rows.append({"name": str(name), "estimate": fnum(r["Estimate"]), "std_error": fnum(r["Std. Error"]),
                     "t": fnum(r["t value"]), "p": fnum(r["Pr(>|t|)"]),
                     "ci_lower": fnum(r["2.5%"]), "ci_upper": fnum(r["97.5%"])})
    return rows


def fit_info(fit, with_ssc=True):
    """Observations, variance type, clusters and (feols fits only) the small-sample settings; the
    did2s covariance applies no small-sample factor, so its second stage's settings are left out."""
    info = {"n_obs": int(fit._N), "vcov_type": str(fit._vcov_type),
            "vcov_type_detail": str(getattr(fit, "_vcov_type_detail", fit._vcov_type))}
    ssc = getattr(fit, "_ssc_dict", None)
    if ssc and with_ssc:
        info["ssc"] = {k: (v if isinstance(v, (bool, str, int, float)) else str(v)) for k, v in ssc.items()}
    g = getattr(fit, "_G", None)
    if g is not None:
        info["n_clusters"] = [int(x) for x in np.atleast_1d(g)]
    return info


def sun_abraham(df):
    import pyfixest as pf
    cases = []
    for cluster in [None, "state"]:
        call = ('pf.event_study(data, yname="y", idname="id", tname="year", gname="cohort", '
                'estimator="saturated"' + (f', cluster="{cluster}"' if cluster else "") + ")")
        fit = pf.event_study(df, yname="y", idname="id", tname="year", gname="cohort",
                             estimator="saturated", cluster=cluster)
        rows = coefficient_rows(fit)
        for r in rows:  # "rel_time::-5.0:first_treated_period::2006"
            left, right = r["name"].split(":first_treated_period::")
            r["event_time"] = int(float(left.split("::")[1]))
            r["cohort"] = int(right)
        agg = fit.aggregate(agg="period", weighting="shares")
        by = [{"event_time": int(float(p)), "estimate": fnum(a["Estimate"]),
               "std_error": fnum(a["Std. Error"])} for p, a in agg.iterrows()]
        cases.append({"name": f"saturated_cluster_{cluster or 'id'}", "data": "did_sim_panel.csv",
                      "call": call, "formula": fit._fml, "cluster": cluster or "id", **fit_info(fit),
                      "coefficients": rows,
                      "aggregate": {"call": 'fit.aggregate(agg="period", weighting="shares")', "by": by}})
    cases += sun_abraham_covariates(df)
    return cases


def saturated_columns(df):
    """The columns pyfixest's saturated event study adds, and a time-varying covariate
    x1t = x1 * (year - 2000) (x1 itself is constant within a unit and absorbed by its effect)."""
    d = df.copy()
    d["first_treated_period"] = d["cohort"]
    d["rel_time"] = np.where(d["cohort"] > 0, d["year"] - d["cohort"], np.inf)
    d["x1t"] = d["x1"] * (d["year"] - 2000)
    return d


def share_aggregate(fit, d, weights):
    """fixest's sunab aggregation by event time: cohort effects averaged with shares equal to the
    cell's observations, or its total weight with weights (HonestDiD's sunab_beta_vcv reproduces
    fixest the same way: colSums(weights * sign(model.matrix))); covariance R V R'."""
    names = [n for n in fit._coefnames if n.startswith("rel_time::")]
    beta = fit.coef()[names].to_numpy()
    vcov = pd.DataFrame(fit._vcov, index=fit._coefnames, columns=fit._coefnames).loc[names, names].to_numpy()
    w = d[weights].to_numpy() if weights else np.ones(len(d))
    keys, shares = [], []
    for n in names:
        left, right = n.split(":first_treated_period::")
        e, g = int(float(left.split("::")[1])), int(right)
        keys.append((e, g))
        mask = (d["rel_time"].to_numpy() == e) & (d["first_treated_period"].to_numpy() == g)
        shares.append(float(w[mask].sum()))
    by = []
    for e in sorted({k[0] for k in keys}):
        r = np.array([s if k[0] == e else 0.0 for k, s in zip(keys, shares)])
        r /= r.sum()
        by.append({"event_time": e, "estimate": fnum(r @ beta), "std_error": fnum(math.sqrt(r @ vcov @ r))})
    return by


def sun_abraham_covariates(df):
    """Two more cases, both clustered by state with the time-varying covariate x1t, without and with
    weights w. pyfixest 0.60's saturated event_study ignores xfml and takes no weights, so these are
    the same saturated feols with the covariate added, aggregated by share_aggregate (checked
    against pyfixest's own aggregate on the plain case first)."""
    import pyfixest as pf
    d = saturated_columns(df)
    plain = pf.event_study(df, yname="y", idname="id", tname="year", gname="cohort",
                           estimator="saturated", cluster="state")
    theirs = plain.aggregate(agg="period", weighting="shares")["Estimate"].to_numpy()
    mine = [b["estimate"] for b in share_aggregate(plain, saturated_columns(df), None)]
    assert np.max(np.abs(theirs - np.array(mine))) < 1e-10, "share_aggregate differs from pyfixest"
    cases = []
    fml = "y ~ i(rel_time, first_treated_period, ref=-1.0, ref2=0.0) + x1t | id + year"
    for weights in [None, "w"]:
        call = f'pf.feols("{fml}", data' + (', weights="w"' if weights else "") + ', vcov={"CRV1": "state"})'
        fit = pf.feols(fml, d, weights=weights, vcov={"CRV1": "state"})
        rows = [r for r in coefficient_rows(fit) if r["name"].startswith("rel_time::")]
        for r in rows:
            left, right = r["name"].split(":first_treated_period::")
            r["event_time"] = int(float(left.split("::")[1]))
            r["cohort"] = int(right)
        x1t = fit.tidy().loc["x1t"]
        cases.append({"name": "saturated_x1t_cluster_state" + ("_weights" if weights else ""),
                      "data": "did_sim_panel.csv", "derived": "x1t = x1 * (year - 2000)", "call": call,
                      "formula": fit._fml, "cluster": "state", "covariates": ["x1t"], "weights": weights,
                      **fit_info(fit), "coefficients": rows,
                      "covariate": {"estimate": fnum(x1t["Estimate"]), "std_error": fnum(x1t["Std. Error"])},
                      "aggregate": {"call": "share_aggregate (observations, or total weight, per cell)",
                                    "by": share_aggregate(fit, d, weights)}})
    return cases


def did2s(df):
    import pyfixest as pf
    data = df.copy()
    data["treat"] = ((data["year"] >= data["cohort"]) & (data["cohort"] > 0)).astype(int)
    data["rel_year"] = np.where(data["cohort"] > 0, data["year"] - data["cohort"], -1).astype(float)
    cases = []
    for cluster in ["state", "id"]:
        call = ('pf.event_study(data, yname="y", idname="id", tname="year", gname="cohort", '
                f'estimator="did2s", cluster="{cluster}")')
        fit = pf.event_study(df, yname="y", idname="id", tname="year", gname="cohort",
                             estimator="did2s", cluster=cluster)
        cases.append({"name": f"did2s_att_cluster_{cluster}", "data": "did_sim_panel.csv", "call": call,
                      "first_stage": "~ 0 | id + year (untreated rows)", "second_stage": "~ 0 + is_treated",
                      "cluster": cluster, "weights": None, **fit_info(fit, with_ssc=False),
                      "coefficients": coefficient_rows(fit)})
    for cluster, weights in [("state", None), ("id", None), ("state", "w")]:
        call = ('pf.did2s(data, yname="y", first_stage="~ 0 | id + year", '
                'second_stage="~ i(rel_year, ref=-1.0)", treatment="treat", '
                f'cluster="{cluster}"' + (f', weights="{weights}"' if weights else "") + ")")
        fit = pf.did2s(data, yname="y", first_stage="~ 0 | id + year",
                       second_stage="~ i(rel_year, ref=-1.0)", treatment="treat", cluster=cluster,
                       weights=weights)
        rows = coefficient_rows(fit)
        for r in rows:  # "rel_year::-5.0"
            r["event_time"] = int(float(r["name"].split("::")[1]))
        cases.append({"name": f"did2s_event_cluster_{cluster}" + ("_weights" if weights else ""),
                      "data": "did_sim_panel.csv", "call": call,
                      "first_stage": "~ 0 | id + year (untreated rows)",
                      "second_stage": "~ i(rel_year, ref=-1.0)", "cluster": cluster, "weights": weights,
                      **fit_info(fit, with_ssc=False), "coefficients": rows})
    return cases


def main():
    warnings.filterwarnings("ignore")
    df = pd.read_csv(os.path.join(HERE, "data", "did_sim_panel.csv"))
    versions = {p: version(p) for p in ["pyfixest", "formulaic", "numpy", "pandas", "scipy"]}
    for name, cases in [("sun_abraham.json", sun_abraham(df)), ("did2s.json", did2s(df))]:
        out = {"generator": "Tests/Fixtures/generate_pyfixest_did.py", "versions": versions,
               "data": "did_sim_panel.csv", "cases": cases}
        with open(os.path.join(HERE, "expected", name), "w") as f:
            json.dump(out, f, indent=1, allow_nan=False)
            f.write("\n")
        print(name, len(cases), "cases")


if __name__ == "__main__":
    main()
