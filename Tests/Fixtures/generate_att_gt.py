"""Reference values for Callaway and Sant'Anna (2021) group-time ATTs and their aggregations
(StaggeredDiD: att_gt and aggte).

Writes the data sets (all with float_format="%.17g", re-read before estimating)
    data/did_mpdta.csv          county teen employment (R did's mpdta), 500 counties x 2003-2007
    data/did_sim_panel.csv      simulated balanced panel, 600 units in 30 states x 2001-2008
                                (seed 20260801): cohorts 2003-2006 and 0, x1, x2, weights w
    data/did_sim_unbalanced.csv the same panel with about 8% of unit-period rows dropped (seed 20260802)
    data/did_sim_edge.csv       the same panel with 12 units first treated in 2001 (the first period)
                                and 15 first treated in 2010 (after the last period) (seed 20260804)
    data/did_sim_no_never.csv   the same panel without its never-treated units
    data/did_sim_rcs.csv        simulated repeated cross-section, 60 schools x 2001-2008 (seed 20260803)
and expected/att_gt.json; its shape and the conventions behind it are in
expected/att_gt_conventions.md.

Reference: moderndid (PyPI), `moderndid.att_gt` + `moderndid.aggte`, analytic standard errors
(boot=False, cband=False). Cross-check: csdid (PyPI), `csdid.att_gt.ATTgt(...).fit(bstrap=False)` +
`.aggte(bstrap=False, cband=False)`. Both run every case; the largest absolute differences of the
group-time and of the aggregated estimates and standard errors are in "max_difference_csdid".

What the expected values follow: R did 2.5.1 (github bcallaway11/did, read for this script) with
DRDID's 2x2 estimators as in DRDID 1.2.3 (github pedrohcgs/DRDID, the newest source available
here). The script applies R's rules itself to moderndid's group-time estimates and influence
functions (`compose_r`: cluster-robust cell standard errors, every aggregation with
sampling-weighted group shares and the weights' influence function, rows aligned to units) and
stores, per case, how far that is from each port ("max_difference_r_formulas"). The values written
are moderndid's when it matches to 1e-8, else csdid's when it matches ("reference": "csdid"), else
the composed values ("reference": "moderndid+r_formulas"). Where the ports leave R:
  * moderndid 0.2.0 ignores sampling weights in aggte (unweighted group shares), reports unit-level
    standard errors when a cluster variable is given, misaligns units in the unbalanced-panel
    aggregations, and keeps the last cohort as a treated group when there is no never-treated
    group under not-yet-treated controls;
  * csdid 0.4.3 takes the base period of the anticipation cells g - a <= t < g (a >= 2, varying
    base) as the last period before g - a; R (compute.att_gt2.R, run_att_gt_estimation) compares
    every pre-treatment cell t < g with the period just before it, as moderndid does;
  * csdid 0.4.3 subtracts the pre-period outcome-regression estimation effects in the
    repeated-cross-section DR influence function where DRDID 1.2.3's drdid_rc adds them (csdid's is
    the exact derivative of the estimator; DRDID's is what R returns), so its standard errors
    differ for dr with covariates on repeated cross-sections and unbalanced panels.
moderndid 0.2.0 fails with panel=True, allow_unbalanced_panel=True; it is called with panel=False,
allow_unbalanced_panel=True and the unit id, which is R's unbalanced-panel path. For the repeated
cross-section it gets idname="student" (one row each; identical results) so its row order has no
ties.

Run (from the repository root; about 20 s on one core):
    python3 -m venv /work/venv-attgt
    /work/venv-attgt/bin/pip install moderndid==0.2.0 csdid==0.4.3 pandas==3.1.1 numpy==2.4.6
    /work/venv-attgt/bin/python Tests/Fixtures/generate_att_gt.py [case names: print only]
Versions used: moderndid 0.2.0, csdid 0.4.3 (drdid 1.1.7), numpy 2.4.6, pandas 3.1.1,
polars 2.1.0, scipy 1.17.1, statsmodels 0.15.0, Python 3.11.7.
"""
import contextlib
import io
import json
import math
import os
import sys
import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.join(HERE, "data")
EXPECTED = os.path.join(HERE, "expected")
PORT_TOLERANCE = 1e-8   # below this the ports are taken to agree


# ---------------------------------------------------------------------------------------------
# data
# ---------------------------------------------------------------------------------------------

def mpdta():
    """R did's mpdta as shipped by moderndid (identical to did's data/mpdta.rda up to 4.3e-14)."""
    from moderndid import load_mpdta
    df = load_mpdta().to_pandas().rename(columns={"first.treat": "first_treat"})
    return df[["year", "countyreal", "lpop", "lemp", "first_treat", "treat"]]


def simulate_panel(seed):
    """Balanced panel: 600 units in 30 states, 2001-2008, cohorts 2003-2006 and never treated (0).

    Treatment timing depends on the covariates (x1 continuous, x2 binary, both time-invariant),
    and untreated trends depend on them too, so unconditional parallel trends fail and the
    covariate-adjusted estimators matter. Effects differ by cohort and grow with exposure:
    tau(g, t) = base_g * (1 + 0.5 (t - g)) for t >= g. State-year shocks make clustering matter.
    """
    rng = np.random.default_rng(seed)
    n_units, n_states = 600, 30
    years = np.arange(2001, 2009)
    state = np.sort(rng.integers(1, n_states + 1, size=n_units))
    state_effect = rng.normal(0, 0.5, size=n_states + 1)
    x1 = rng.normal(0, 1, size=n_units) + 0.3 * state_effect[state]
    x2 = (rng.uniform(size=n_units) < 1 / (1 + np.exp(-(0.4 * x1 - 0.2)))).astype(int)
    cohorts = np.array([0, 2003, 2004, 2005, 2006])
    scores = np.column_stack([
        np.zeros(n_units),
        0.1 + 0.5 * x1 + 0.3 * x2,
        0.2 + 0.2 * x1 - 0.2 * x2,
        0.0 - 0.3 * x1 + 0.4 * x2,
        0.1 - 0.1 * x1 + 0.1 * x2,
    ])
    prob = np.exp(scores)
    prob /= prob.sum(axis=1, keepdims=True)
    cohort = np.array([rng.choice(cohorts, p=p) for p in prob])
    w = np.round(np.exp(rng.normal(0, 0.4, size=n_units) + 0.3 * x2), 6)
    base = {2003: 1.0, 2004: 0.8, 2005: 0.6, 2006: 0.5}
    alpha = rng.normal(0, 1, size=n_units) + 0.5 * x1 + 0.2 * (cohort > 0)
    year_effect = dict(zip(years, rng.normal(0, 0.3, size=len(years))))
    state_year = rng.normal(0, 0.25, size=(n_states + 1, len(years)))
    rows = []
    for i in range(n_units):
        for k, t in enumerate(years):
            trend = (t - 2001) * (0.15 * x1[i] + 0.25 * x2[i])
            effect = base[cohort[i]] * (1 + 0.5 * (t - cohort[i])) if cohort[i] and t >= cohort[i] else 0.0
            y = (alpha[i] + year_effect[t] + state_year[state[i], k] + trend + effect
                 + rng.normal(0, 0.7))
            rows.append((i + 1, t, cohort[i], y, x1[i], x2[i], w[i], state[i]))
    return pd.DataFrame(rows, columns=["id", "year", "cohort", "y", "x1", "x2", "w", "state"])


def unbalance(panel, seed, share=0.08):
    """Drop `share` of the unit-period rows at random (units may lose any periods)."""
    rng = np.random.default_rng(seed)
    keep = rng.uniform(size=len(panel)) >= share
    return panel.loc[keep].reset_index(drop=True)


def simulate_rcs(seed):
    """Repeated cross-section: 60 schools (20 each first treated 2004, 2006, never), 2001-2008,
    17-23 new students per school and year; student covariate prior_score, outcome score."""
    rng = np.random.default_rng(seed)
    n_schools = 60
    years = np.arange(2001, 2009)
    school_cohort = rng.permutation(np.repeat([2004, 2006, 0], n_schools // 3))
    school_mean = rng.normal(0, 1, size=n_schools) + 0.3 * (school_cohort == 2004)
    school_effect = rng.normal(0, 1, size=n_schools)
    year_effect = dict(zip(years, rng.normal(0, 0.3, size=len(years))))
    school_year = rng.normal(0, 0.3, size=(n_schools, len(years)))
    base = {2004: 1.0, 2006: 0.6}
    rows, student = [], 0
    for s in range(n_schools):
        g = school_cohort[s]
        for k, t in enumerate(years):
            for _ in range(rng.integers(17, 24)):
                student += 1
                prior = school_mean[s] + rng.normal(0, 1)
                trend = (t - 2001) * 0.1 * prior
                effect = base[g] * (1 + 0.3 * (t - g)) if g and t >= g else 0.0
                score = (school_effect[s] + year_effect[t] + school_year[s, k] + 0.5 * prior + trend
                         + effect + rng.normal(0, 1))
                rows.append((student, s + 1, t, g, prior, score))
    return pd.DataFrame(rows, columns=["student", "school", "year", "cohort", "prior_score", "score"])


def edge_panel(panel, seed):
    """The simulated panel with 12 units of cohort 2003 relabelled as first treated in 2001 (the
    first period: R drops them) and 15 never-treated units relabelled 2010 (after the last period:
    R treats them as never treated)."""
    rng = np.random.default_rng(seed)
    units = panel.drop_duplicates("id")
    late = rng.choice(units["id"][units["cohort"] == 0], 15, replace=False)
    early = rng.choice(units["id"][units["cohort"] == 2003], 12, replace=False)
    out = panel.copy()
    out.loc[out["id"].isin(late), "cohort"] = 2010
    out.loc[out["id"].isin(early), "cohort"] = 2001
    return out


def write_and_reread(df, name):
    path = os.path.join(DATA, name)
    df.to_csv(path, index=False, float_format="%.17g")
    return pd.read_csv(path)  # identical doubles for Swift and the references


# ---------------------------------------------------------------------------------------------
# cases
# ---------------------------------------------------------------------------------------------

MPDTA = dict(data="did_mpdta.csv", panel=True, allow_unbalanced=False, outcome="lemp", time="year",
             unit="countyreal", cohort="first_treat")
SIM = dict(data="did_sim_panel.csv", panel=True, allow_unbalanced=False, outcome="y", time="year",
           unit="id", cohort="cohort")
UNBAL = dict(SIM, data="did_sim_unbalanced.csv", allow_unbalanced=True)
EDGE = dict(SIM, data="did_sim_edge.csv")
NO_NEVER = dict(SIM, data="did_sim_no_never.csv")
RCS = dict(data="did_sim_rcs.csv", panel=False, allow_unbalanced=False, outcome="score", time="year",
           unit=None, cohort="cohort")


def case(name, base, method="dr", control="never-treated", anticipation=0, base_period="varying",
         covariates=(), weights=None, cluster=None):
    return dict(name=name, **base, covariates=list(covariates), weights=weights, cluster=cluster,
                method=method, control=control, anticipation=anticipation, base_period=base_period)


X = ("x1", "x2")
CASES = [
    # mpdta: methods, controls, base periods, anticipation
    case("mpdta_dr_never_varying", MPDTA),
    case("mpdta_dr_never_varying_lpop", MPDTA, covariates=["lpop"]),
    case("mpdta_ipw_never_varying_lpop", MPDTA, method="ipw", covariates=["lpop"]),
    case("mpdta_reg_never_varying_lpop", MPDTA, method="reg", covariates=["lpop"]),
    case("mpdta_dr_notyet_varying_lpop", MPDTA, control="not-yet-treated", covariates=["lpop"]),
    case("mpdta_ipw_notyet_varying", MPDTA, method="ipw", control="not-yet-treated"),
    case("mpdta_dr_never_universal", MPDTA, base_period="universal"),
    case("mpdta_dr_never_universal_lpop", MPDTA, base_period="universal", covariates=["lpop"]),
    case("mpdta_dr_notyet_universal_lpop", MPDTA, control="not-yet-treated", base_period="universal",
         covariates=["lpop"]),
    case("mpdta_dr_never_varying_antic1_lpop", MPDTA, anticipation=1, covariates=["lpop"]),
    case("mpdta_dr_notyet_varying_antic1", MPDTA, control="not-yet-treated", anticipation=1),
    case("mpdta_reg_notyet_universal_antic1", MPDTA, method="reg", control="not-yet-treated",
         anticipation=1, base_period="universal"),
    # simulated balanced panel
    case("sim_dr_never_varying", SIM),
    case("sim_dr_never_varying_x", SIM, covariates=X),
    case("sim_dr_notyet_varying_x", SIM, control="not-yet-treated", covariates=X),
    case("sim_ipw_never_universal_x", SIM, method="ipw", base_period="universal", covariates=X),
    case("sim_reg_notyet_universal_x", SIM, method="reg", control="not-yet-treated",
         base_period="universal", covariates=X),
    case("sim_dr_never_varying_antic1_x", SIM, anticipation=1, covariates=X),
    case("sim_dr_notyet_universal_antic1_x", SIM, control="not-yet-treated", anticipation=1,
         base_period="universal", covariates=X),
    case("sim_dr_never_varying_antic2_x", SIM, anticipation=2, covariates=X),
    case("sim_dr_notyet_varying_antic2_x", SIM, control="not-yet-treated", anticipation=2,
         covariates=X),
    case("sim_dr_never_varying_x_w", SIM, covariates=X, weights="w"),
    case("sim_ipw_notyet_varying_x_w", SIM, method="ipw", control="not-yet-treated", covariates=X,
         weights="w"),
    case("sim_reg_never_universal_w", SIM, method="reg", base_period="universal", weights="w"),
    case("sim_dr_never_varying_x_cluster", SIM, covariates=X, cluster="state"),
    case("sim_dr_notyet_universal_x_w_cluster", SIM, control="not-yet-treated", base_period="universal",
         covariates=X, weights="w", cluster="state"),
    # unbalanced panel
    case("unbal_dr_never_varying_x", UNBAL, covariates=X),
    case("unbal_dr_notyet_universal_x", UNBAL, control="not-yet-treated", base_period="universal",
         covariates=X),
    case("unbal_ipw_never_varying_x_w", UNBAL, method="ipw", covariates=X, weights="w"),
    case("unbal_reg_notyet_varying", UNBAL, method="reg", control="not-yet-treated"),
    case("unbal_dr_never_varying_x_cluster", UNBAL, covariates=X, cluster="state"),
    # cohorts treated in the first period (dropped) and after the last period (never treated)
    case("edge_dr_never_varying_x", EDGE, covariates=X),
    case("edge_dr_notyet_universal_x", EDGE, control="not-yet-treated", base_period="universal",
         covariates=X),
    # no never-treated units: the last cohort serves as control, later periods are dropped
    case("nonever_dr_never_varying_x", NO_NEVER, covariates=X),
    case("nonever_dr_notyet_varying_x", NO_NEVER, control="not-yet-treated", covariates=X),
    # repeated cross-section
    case("rcs_dr_never_varying", RCS),
    case("rcs_dr_never_varying_prior", RCS, covariates=["prior_score"]),
    case("rcs_dr_notyet_varying_prior", RCS, control="not-yet-treated", covariates=["prior_score"]),
    case("rcs_ipw_never_universal_prior", RCS, method="ipw", base_period="universal",
         covariates=["prior_score"]),
    case("rcs_reg_notyet_universal_prior", RCS, method="reg", control="not-yet-treated",
         base_period="universal", covariates=["prior_score"]),
    case("rcs_dr_never_varying_antic1_prior", RCS, anticipation=1, covariates=["prior_score"]),
    case("rcs_dr_notyet_varying_prior_cluster", RCS, control="not-yet-treated",
         covariates=["prior_score"], cluster="school"),
]

# Cases whose moderndid cells do not follow R, so the R rules cannot be applied to them; the
# expected values are csdid's, which follow R there (reason recorded in the JSON).
RULES_ONLY_CSDID = {
    "nonever_dr_notyet_varying_x": (
        "no never-treated units and not-yet-treated controls: R did (pre_process_did2.R, "
        "did_standardization) drops the periods from the last cohort on and removes the last cohort "
        "from the treated groups (it only serves as control); csdid does so, moderndid 0.2.0 keeps "
        "that cohort's placebo cells (group 2006 at 2002-2004)"),
}

AGGREGATIONS = [  # (type, balance_e, min_e, max_e)
    ("simple", None, None, None),
    ("dynamic", None, None, None),
    ("dynamic", 1, None, None),
    ("dynamic", None, -2, 2),
    ("group", None, None, None),
    ("calendar", None, None, None),
]
BY_KEY = {"simple": None, "dynamic": "event_time", "group": "group", "calendar": "time"}


def control_arg(c):
    return {"never-treated": "nevertreated", "not-yet-treated": "notyettreated"}[c["control"]]


def formula(c):
    return "~" + "+".join(c["covariates"]) if c["covariates"] else None


def fnum(x):
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


# ---------------------------------------------------------------------------------------------
# moderndid (reference)
# ---------------------------------------------------------------------------------------------

def moderndid_panel_flag(c):
    # moderndid 0.2.0 fails with panel=True, allow_unbalanced_panel=True (its panel path has no
    # outcome tensor then); panel=False with allow_unbalanced_panel=True and idname runs R's
    # unbalanced-panel path (repeated cross-section estimators, influence function summed by unit).
    return c["panel"] and not c["allow_unbalanced"]


def moderndid_id(c):
    # For a repeated cross-section the student id is passed (one row each; results are identical
    # to idname=None) so that moderndid's row order, sorted by (year, cohort, id), has no ties.
    return c["unit"] if c["unit"] is not None else "student"


def run_moderndid(c, df):
    from moderndid import aggte, att_gt
    res = att_gt(df, yname=c["outcome"], tname=c["time"], idname=moderndid_id(c), gname=c["cohort"],
                 xformla=formula(c), weightsname=c["weights"], boot=False, cband=False,
                 clustervars=[c["cluster"]] if c["cluster"] else None, est_method=c["method"],
                 panel=moderndid_panel_flag(c), allow_unbalanced_panel=c["allow_unbalanced"],
                 control_group=control_arg(c), anticipation=c["anticipation"],
                 base_period=c["base_period"])
    cells = [dict(group=int(g), time=int(t), estimate=float(a), std_error=float(s))
             for g, t, a, s in zip(res.groups, res.times, res.att_gt, res.se_gt)]
    aggs = []
    for typ, bal, lo, hi in AGGREGATIONS:
        kw = dict(type=typ, boot=False, cband=False)
        if bal is not None:
            kw["balance_e"] = bal
        if lo is not None:
            kw["min_e"], kw["max_e"] = lo, hi
        a = aggte(res, **kw)
        by = []
        if BY_KEY[typ]:
            for k, e, s in zip(a.event_times, a.att_by_event, a.se_by_event):
                by.append({BY_KEY[typ]: int(k), "estimate": float(e), "std_error": float(s)})
        aggs.append(dict(type=typ, balance_e=bal, min_e=lo, max_e=hi, estimate=float(a.overall_att),
                         std_error=float(a.overall_se), by=by))
    return dict(group_time=cells, aggregates=aggs, n_units=int(res.n_units),
                inffunc=np.asarray(res.influence_func, dtype=float))


def moderndid_units(c, df):
    """Cohort (0 = never), weight and cluster of each row of moderndid's influence function, from
    moderndid's own preprocessing: the units of its time-invariant table (balanced panel), the
    sorted unit ids (unbalanced panel: it sums the influence function with np.unique), or the rows
    of its sorted data (repeated cross-section)."""
    from moderndid.core.preprocess import (BasePeriod, ControlGroup, DIDConfig, EstimationMethod,
                                           PreprocessDataBuilder)
    cfg = DIDConfig(yname=c["outcome"], tname=c["time"], idname=moderndid_id(c), gname=c["cohort"],
                    xformla=formula(c) or "~1", panel=moderndid_panel_flag(c),
                    allow_unbalanced_panel=c["allow_unbalanced"],
                    control_group=ControlGroup(control_arg(c)), anticipation=c["anticipation"],
                    weightsname=c["weights"], alp=0.05, boot=False, cband=False, biters=1000,
                    clustervars=[c["cluster"]] if c["cluster"] else [],
                    est_method=EstimationMethod(c["method"]), base_period=BasePeriod(c["base_period"]))
    dp = PreprocessDataBuilder().with_data(df).with_config(cfg).validate().transform().build()
    if moderndid_panel_flag(c):
        table = dp.time_invariant_data.to_pandas()
    elif c["allow_unbalanced"]:
        data = dp.data.to_pandas()
        table = data.drop_duplicates(subset=[".rowid"]).set_index(".rowid")
        table = table.loc[np.unique(data[".rowid"].to_numpy())].reset_index()
    else:
        table = dp.data.to_pandas()
    g = table[c["cohort"]].to_numpy(dtype=float).copy()
    g[~np.isfinite(g)] = 0.0
    w = table["weights"].to_numpy(dtype=float)
    cl = table[c["cluster"]].to_numpy() if c["cluster"] else None
    return g, w, cl


# ---------------------------------------------------------------------------------------------
# csdid (cross-check)
# ---------------------------------------------------------------------------------------------

def run_csdid(c, df):
    from csdid.att_gt import ATTgt
    sink = io.StringIO()
    with contextlib.redirect_stdout(sink):
        data = df.copy()
        idname = c["unit"]
        if idname is None:  # csdid wants an id column even for a repeated cross-section
            idname = "student"
        model = ATTgt(yname=c["outcome"], tname=c["time"], idname=idname, gname=c["cohort"], data=data,
                      control_group=control_arg(c), xformla=formula(c), panel=c["panel"],
                      allow_unbalanced_panel=c["allow_unbalanced"], clustervar=c["cluster"],
                      weights_name=c["weights"], anticipation=c["anticipation"], cband=False)
        model.fit(est_method=c["method"], base_period=c["base_period"], bstrap=False)
        r = model.results
        cells = [dict(group=int(g), time=int(t), estimate=float(a), std_error=float(s))
                 for g, t, a, s in zip(r["group"], r["year"], r["att"], r["se"])]
        aggs = []
        for typ, bal, lo, hi in AGGREGATIONS:
            kw = dict(typec=typ, bstrap=False, cband=False)
            if bal is not None:
                kw["balance_e"] = bal
            if lo is not None:
                kw["min_e"], kw["max_e"] = lo, hi
            model.aggte(**kw)
            a = model.atte
            by = []
            if BY_KEY[typ]:
                se = np.asarray(a["se_egt"], dtype=float).ravel()
                for k, e, s in zip(a["egt"], a["att_egt"], se):
                    by.append({BY_KEY[typ]: int(k), "estimate": float(e), "std_error": float(s)})
            aggs.append(dict(type=typ, balance_e=bal, min_e=lo, max_e=hi,
                             estimate=float(a["overall_att"]), std_error=float(a["overall_se"]),
                             by=by))
    return dict(group_time=cells, aggregates=aggs)


# ---------------------------------------------------------------------------------------------
# R did 2.5.1's inference and aggregation formulas, applied to the reference's influence functions
# ---------------------------------------------------------------------------------------------

SE_FLOOR = math.sqrt(np.finfo(float).eps) * 10  # R: standard errors at or below this are NA


def r_se(psi, cluster):
    """R's analytic standard error of one influence-function column (n rows)."""
    n = len(psi)
    if np.any(np.isnan(psi)):
        return math.nan
    if cluster is not None:
        sums = pd.Series(psi).groupby(cluster).sum().to_numpy()
        value = math.sqrt(np.sum(sums ** 2)) / n
    else:
        value = math.sqrt(np.mean(psi ** 2) / n)
    return math.nan if value <= SE_FLOOR else value


def r_formula_aggregates(att, group, time, inf, g_unit, w_unit, cl_unit, first_period):
    """Aggregations as written in att_gt_conventions.md (R did 2.5.1, R/compute.aggte.R).

    att, group, time: the group-time cells; inf: n x K influence functions (already rescaled by
    n / n_gt); g_unit, w_unit, cl_unit: per-row cohort, weight, cluster (None = no clustering);
    first_period: the first period of the data (used by balance_e).
    Returns aggregates in the fixture's format."""
    w_unit = w_unit / w_unit.mean()
    glist = np.unique(group)
    pg_by_group = {g: np.mean(w_unit * (g_unit == g)) for g in glist}
    pg = np.array([pg_by_group[g] for g in group])
    member = {g: w_unit * (g_unit == g) for g in glist}

    def weights_if(pg_keep, group_keep):
        # influence function of the estimated weights pg_k / sum(pg) of the kept cells
        s = pg_keep.sum()
        centred = np.column_stack([member[g] - p for g, p in zip(group_keep, pg_keep)])
        return centred / s - np.outer(centred.sum(axis=1), pg_keep / s ** 2)

    def combo(keep, weights, with_wif):
        psi = inf[:, keep] @ weights
        if with_wif:
            psi = psi + weights_if(pg[keep], group[keep]) @ att[keep]
        return float(np.sum(att[keep] * weights)), psi

    def entry(typ, est, psi, rows, bal=None, lo=None, hi=None):
        return dict(type=typ, balance_e=bal, min_e=lo, max_e=hi, estimate=est,
                    std_error=r_se(psi, cl_unit), by=rows)

    out = []
    post = np.where(group <= time)[0]
    est, psi = combo(post, pg[post] / pg[post].sum(), True)
    simple = entry("simple", est, psi, [])

    dynamic = []
    e_all = time - group
    t_max = time.max()
    for bal, lo, hi in [(None, None, None), (1, None, None), (None, -2, 2)]:
        include = np.ones(len(att), bool) if bal is None else (t_max - group >= bal)
        eseq = np.unique(e_all[include])
        if bal is not None:
            eseq = eseq[(eseq <= bal) & (eseq >= bal - t_max + first_period)]
        if lo is not None:
            eseq = eseq[(eseq >= lo) & (eseq <= hi)]
        rows, psis, ests = [], [], []
        for e in eseq:
            keep = np.where((e_all == e) & include)[0]
            est, p = combo(keep, pg[keep] / pg[keep].sum(), True)
            rows.append({"event_time": int(e), "estimate": est, "std_error": r_se(p, cl_unit)})
            ests.append(est)
            psis.append(p)
        pos = eseq >= 0
        psi = np.column_stack(psis)[:, pos].mean(axis=1)
        dynamic.append(entry("dynamic", float(np.array(ests)[pos].mean()), psi, rows, bal, lo, hi))

    rows, psis, ests = [], [], []
    for g in glist:
        keep = np.where((group == g) & (group <= time))[0]
        e, p = combo(keep, np.full(len(keep), 1 / len(keep)), False)
        rows.append({"group": int(g), "estimate": e, "std_error": r_se(p, cl_unit)})
        ests.append(e)
        psis.append(p)
    pgg = np.array([pg_by_group[g] for g in glist])
    ests = np.array(ests)
    s = pgg.sum()
    centred = np.column_stack([member[g] - p for g, p in zip(glist, pgg)])
    wif = centred / s - np.outer(centred.sum(axis=1), pgg / s ** 2)
    psi = np.column_stack(psis) @ (pgg / s) + wif @ ests
    grp = entry("group", float(np.sum(ests * pgg / s)), psi, rows)

    rows, psis, ests = [], [], []
    for t in np.unique(time[time >= group.min()]):
        keep = np.where((time == t) & (group <= time))[0]
        if len(keep) == 0:
            continue
        est, p = combo(keep, pg[keep] / pg[keep].sum(), True)
        rows.append({"time": int(t), "estimate": est, "std_error": r_se(p, cl_unit)})
        ests.append(est)
        psis.append(p)
    cal = entry("calendar", float(np.mean(ests)), np.column_stack(psis).mean(axis=1), rows)
    return [simple] + dynamic + [grp, cal]


def compose_r(c, df, md):
    """The expected values by R did 2.5.1's rules, from moderndid's group-time estimates and
    influence functions: cluster-robust cell standard errors when a cluster is given, and every
    aggregation recomputed with R's formulas (sampling-weighted group shares, the weights'
    influence function, cluster sums), with the influence-function rows aligned to their units."""
    g_unit, w_unit, cl_unit = moderndid_units(c, df)
    inf = md["inffunc"]
    if inf.shape[0] != len(g_unit):
        raise RuntimeError(f"{c['name']}: influence function rows {inf.shape[0]} != units {len(g_unit)}")
    cells = []
    for k, r in enumerate(md["group_time"]):
        se = r_se(inf[:, k], cl_unit) if cl_unit is not None else r["std_error"]
        cells.append(dict(r, std_error=se))
    att = np.array([r["estimate"] for r in cells])
    group = np.array([r["group"] for r in cells], dtype=float)
    time = np.array([r["time"] for r in cells], dtype=float)
    first_period = float(df[c["time"]].min())
    aggs = r_formula_aggregates(att, group, time, inf, g_unit, w_unit, cl_unit, first_period)
    return dict(group_time=cells, aggregates=aggs)


# ---------------------------------------------------------------------------------------------
# comparison
# ---------------------------------------------------------------------------------------------

def max_difference(a, b):
    """Largest absolute difference of estimates and of standard errors, over group-time cells,
    aggregates and their rows (NaN vs NaN counts as equal, NaN vs a number as infinite)."""
    def diff(x, y):
        if math.isnan(x) and math.isnan(y):
            return 0.0
        if math.isnan(x) or math.isnan(y):
            return math.inf
        return abs(x - y)

    est, se = 0.0, 0.0
    if [(r["group"], r["time"]) for r in a["group_time"]] != [(r["group"], r["time"]) for r in b["group_time"]]:
        return dict(estimate=math.inf, std_error=math.inf)
    for x, y in zip(a["group_time"], b["group_time"]):
        est = max(est, diff(x["estimate"], y["estimate"]))
        se = max(se, diff(x["std_error"], y["std_error"]))
    for x, y in zip(a["aggregates"], b["aggregates"]):
        est = max(est, diff(x["estimate"], y["estimate"]))
        se = max(se, diff(x["std_error"], y["std_error"]))
        if [list(r.values())[0] for r in x["by"]] != [list(r.values())[0] for r in y["by"]]:
            return dict(estimate=math.inf, std_error=math.inf)
        for p, q in zip(x["by"], y["by"]):
            est = max(est, diff(p["estimate"], q["estimate"]))
            se = max(se, diff(p["std_error"], q["std_error"]))
    return dict(estimate=est, std_error=se)


def split_difference(a, b):
    cells = max_difference(dict(group_time=a["group_time"], aggregates=[]),
                           dict(group_time=b["group_time"], aggregates=[]))
    aggs = max_difference(dict(group_time=[], aggregates=a["aggregates"]),
                          dict(group_time=[], aggregates=b["aggregates"]))
    return dict(group_time_estimate=cells["estimate"], group_time_std_error=cells["std_error"],
                aggregate_estimate=aggs["estimate"], aggregate_std_error=aggs["std_error"])


def worst(d):
    return max(d.values())


# ---------------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------------

def clean(result):
    def row(r):
        return {k: (fnum(v) if k in ("estimate", "std_error") else v) for k, v in r.items()}
    cells = [row(r) for r in result["group_time"]]
    aggs = []
    for a in result["aggregates"]:
        aggs.append(dict(type=a["type"], balance_e=a["balance_e"], min_e=a["min_e"], max_e=a["max_e"],
                         estimate=fnum(a["estimate"]), std_error=fnum(a["std_error"]),
                         by=[row(r) for r in a["by"]]))
    return cells, aggs


def main():
    warnings.filterwarnings("ignore")
    datasets = {
        "did_mpdta.csv": write_and_reread(mpdta(), "did_mpdta.csv"),
        "did_sim_panel.csv": write_and_reread(simulate_panel(20260801), "did_sim_panel.csv"),
    }
    panel = datasets["did_sim_panel.csv"]
    datasets["did_sim_unbalanced.csv"] = write_and_reread(unbalance(panel, 20260802),
                                                          "did_sim_unbalanced.csv")
    datasets["did_sim_edge.csv"] = write_and_reread(edge_panel(panel, 20260804), "did_sim_edge.csv")
    datasets["did_sim_no_never.csv"] = write_and_reread(
        panel[panel["cohort"] != 0].reset_index(drop=True), "did_sim_no_never.csv")
    datasets["did_sim_rcs.csv"] = write_and_reread(simulate_rcs(20260803), "did_sim_rcs.csv")

    only = set(sys.argv[1:])
    cases, diffs = [], {}
    for c in CASES:
        if only and c["name"] not in only:
            continue
        df = datasets[c["data"]]
        md = run_moderndid(c, df)
        cs = run_csdid(c, df)
        ports = split_difference(md, cs)
        diffs[c["name"]] = {k: fnum(v) for k, v in ports.items()}
        if math.isinf(worst(ports)):
            diffs[c["name"]]["note"] = "the ports report different group-time cells"
        try:
            r = compose_r(c, df, md)
        except (ValueError, ZeroDivisionError, RuntimeError):
            r = None  # moderndid's cells do not follow R (see RULES_ONLY_CSDID)
        if r is None:
            if c["name"] not in RULES_ONLY_CSDID:
                raise RuntimeError(f"{c['name']}: R rules could not be applied to moderndid's cells")
            ref_name, values = "csdid", cs
            vs_md = vs_cs = None
        else:
            vs_md = split_difference(r, md)
            vs_cs = split_difference(r, cs)
            if worst(vs_md) <= PORT_TOLERANCE:
                ref_name, values = "moderndid", md
            elif worst(vs_cs) <= PORT_TOLERANCE:
                ref_name, values = "csdid", cs
            else:
                ref_name, values = "moderndid+r_formulas", r
        cells, aggs = clean(values)
        entry = dict(name=c["name"], data=c["data"], panel=c["panel"],
                     allow_unbalanced=c["allow_unbalanced"], outcome=c["outcome"], time=c["time"],
                     unit=c["unit"], cohort=c["cohort"], covariates=c["covariates"],
                     weights=c["weights"], cluster=c["cluster"], method=c["method"],
                     control=c["control"], anticipation=c["anticipation"],
                     base_period=c["base_period"], n_units=md["n_units"])
        if ref_name != "moderndid":
            entry["reference"] = ref_name
        if r is not None:
            entry["max_difference_r_formulas"] = {"moderndid": fnum(worst(vs_md)),
                                                  "csdid": fnum(worst(vs_cs))}
        else:
            entry["max_difference_r_formulas"] = None
            entry["reference_note"] = RULES_ONLY_CSDID[c["name"]]
        entry["group_time"] = cells
        entry["aggregates"] = aggs
        cases.append(entry)
        rules = (f"R-rules vs md {worst(vs_md):.1e} vs cs {worst(vs_cs):.1e}" if r is not None
                 else "R-rules n/a")
        print(f"{c['name']:38s} ports: cells {ports['group_time_estimate']:.1e}/"
              f"{ports['group_time_std_error']:.1e} aggs {ports['aggregate_estimate']:.1e}/"
              f"{ports['aggregate_std_error']:.1e} | {rules} -> {ref_name}", flush=True)

    out = {
        "generator": "Tests/Fixtures/generate_att_gt.py",
        "versions": {p: version(p) for p in ["moderndid", "csdid", "drdid", "numpy", "pandas", "polars",
                                             "scipy", "statsmodels"]},
        "max_difference_csdid": diffs,
        "cases": cases,
    }
    if only:
        print("subset run: JSON not written")
        return
    with open(os.path.join(EXPECTED, "att_gt.json"), "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
