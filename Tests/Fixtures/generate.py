#!/usr/bin/env python3
"""Reference fixtures for CausalKit's fixed-effects regressions (feols).

What this script produces
-------------------------
Running it rewrites, relative to this file's folder (``Tests/Fixtures``):

* ``data/wage_panel.csv``    real panel data: 545 young men observed 1980-1987.
  Source: F. Vella and M. Verbeek (1998), "Whose Wages Do Unions Raise? A
  Dynamic Model of Unionism and Wage Rate Determination for Young Men",
  Journal of Applied Econometrics 13, 163-183; taken unchanged from the copy
  shipped with the Python package ``linearmodels``
  (``linearmodels.datasets.wage_panel.load()``).
* ``data/sim_fe.csv``        simulated data (N = 5,000) with three fixed-effect
  columns, weights, a cluster variable in which the firm is nested, 20
  singleton firms and about 1% missing values in ``x2``.
* ``data/sim_event.csv``     simulated staggered-adoption panel (300 units x 12
  periods) for an event study and a two-way fixed-effects DiD.
* ``data/sim_collinear.csv`` small simulated data (N = 500) with an exactly
  collinear regressor and a regressor absorbed by the fixed effect.
* ``expected/feols.json``    pyfixest results for every case listed in
  ``build_cases()`` (coefficients, standard errors, t statistics, p-values,
  95% confidence intervals, full covariance matrices, fit statistics, counts
  of dropped observations and dropped collinear regressors).

Every model is fitted on the data *as read back from the CSV files*, so the
Swift tests see exactly the numbers pyfixest saw.  Simulations use
``numpy.random.default_rng`` with fixed seeds, so reruns are identical.

Package versions used to produce the committed files
----------------------------------------------------
Python 3.11.7, pyfixest 0.60.0, numpy 2.4.6, pandas 3.1.1 (see the
"generator" field of feols.json for the exact versions of the last run),
statsmodels 0.15.0 (cross-check of HC0/HC2/HC3), linearmodels 7.1 (source of
the wage panel), scipy 1.17.1.  The script refuses to run with a pyfixest
other than 0.60.0 unless ``--any-version`` is given.

How to run
----------
From the repository root::

    python3 Tests/Fixtures/generate.py

The conventions pyfixest 0.60 applies (small-sample factors, degrees of
freedom, R² definitions) are written up in ``expected/conventions.md``;
``verify.py`` next to this script re-derives every stored number from those
formulas with plain numpy (dummy-variable regressions) as an independent check.
"""

from __future__ import annotations

import os
import sys

# pyfixest/formulaic iterate over Python sets of column names in places, which
# changes the order of some floating-point operations (differences of about
# 1e-14 relative) from one interpreter start to the next.  Pin string hashing
# so that reruns reproduce the committed files bit for bit.
if os.environ.get("PYTHONHASHSEED") != "0":
    os.environ["PYTHONHASHSEED"] = "0"
    os.execv(sys.executable, [sys.executable, *sys.argv])

import csv
import io
import json
import math
import platform
import re
import warnings
from pathlib import Path

import numpy as np
import pandas as pd
import pyfixest as pf
import scipy
import statsmodels
import statsmodels.api as sm

HERE = Path(__file__).resolve().parent
DATA_DIR = HERE / "data"
EXPECTED_DIR = HERE / "expected"

REQUIRED_PYFIXEST = "0.60.0"

# Fixed-effect demeaning: pyfixest's default MAP demeaner stops at a
# tolerance of 1e-6.  For reference values we want the projection to be
# converged to machine precision, so we tighten it.
DEMEANER = pf.MapDemeaner(fixef_tol=1e-12, fixef_maxiter=100_000)
DEMEANER_TEXT = "MapDemeaner(fixef_tol=1e-12, fixef_maxiter=100000)"

# Missing-value sentinel used for never-treated units in sim_event.csv.
NEVER_TREATED_REL = -1000


# ---------------------------------------------------------------------------
# CSV writing / reading
# ---------------------------------------------------------------------------

def _format_cell(value) -> str:
    """Format one cell: integers as integers, floats round-trip exact, NA."""
    if value is None:
        return "NA"
    if isinstance(value, (bool, np.bool_)):
        return str(int(value))
    if isinstance(value, (int, np.integer)):
        return str(int(value))
    if isinstance(value, (float, np.floating)):
        if math.isnan(value):
            return "NA"
        # repr() of a Python float is the shortest string that parses back to
        # the very same double, i.e. full precision without noise digits.
        return repr(float(value))
    return str(value)


def write_csv(df: pd.DataFrame, path: Path) -> None:
    """Write a data frame as plain comma-separated text with a header row."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(df.columns)
    columns = [df[c].tolist() for c in df.columns]
    for row in zip(*columns):
        writer.writerow([_format_cell(v) for v in row])
    path.write_text(buf.getvalue())


def read_csv(path: Path) -> pd.DataFrame:
    """Read a fixture CSV the way a careful consumer would (exact floats)."""
    # pandas >= 3 parses floats with correct rounding by default; the
    # round trip is checked bit for bit in write_and_reload().
    return pd.read_csv(path, na_values=["NA", ""], keep_default_na=False)


def write_and_reload(df: pd.DataFrame, name: str) -> pd.DataFrame:
    """Write ``df`` to data/<name>, read it back and check nothing changed."""
    path = DATA_DIR / name
    write_csv(df, path)
    back = read_csv(path)
    # The round trip must be lossless, otherwise the references would be
    # computed on different numbers than the ones committed.
    for col in df.columns:
        a, b = df[col], back[col]
        if pd.api.types.is_float_dtype(a):
            same = np.array_equal(a.to_numpy(float), b.to_numpy(float), equal_nan=True)
        else:
            same = a.astype(str).tolist() == b.astype(str).tolist()
        if not same:
            raise RuntimeError(f"{name}: column {col} did not survive the CSV round trip")
    size = path.stat().st_size
    if size > 3_000_000:
        raise RuntimeError(f"{name} is {size} bytes, above the 3 MB budget")
    return back


# ---------------------------------------------------------------------------
# Data sets
# ---------------------------------------------------------------------------

def make_wage_panel() -> pd.DataFrame:
    """Vella & Verbeek (1998) wage panel, as shipped by linearmodels."""
    from linearmodels.datasets import wage_panel

    df = wage_panel.load()
    cols = ["nr", "year", "black", "exper", "hisp", "hours", "married",
            "educ", "union", "lwage", "expersq", "occupation"]
    df = df[cols].sort_values(["nr", "year"]).reset_index(drop=True)
    return df


def make_sim_fe(seed: int = 20240601) -> pd.DataFrame:
    """Simulated cross-section with three fixed effects (firm, year, region).

    Design:
      * 200 firms; 180 "regular" firms share 4,980 observations (each has at
        least 2), the other 20 firms have exactly one observation each
        (singletons, which pyfixest drops by default).
      * 30 states; each firm belongs to exactly one state (firm nested in
        state).  The 180 regular firms are spread evenly (6 per state).
      * year: 10 levels (2001..2010); region: 7 string levels "r1".."r7".
      * x1, x2 depend on the fixed effects (so omitting them biases OLS);
        group is a string regressor with levels "a", "b", "c".
      * y = 1.5 + 1.0 x1 - 0.5 x2 + group effect + firm + year + region
            + state-by-year shock + heteroskedastic noise.
      * w ~ Uniform(0.5, 2) is an analytic weight.
      * 50 values of x2 (1%) are missing; they are placed in firms with at
        least 5 observations so that no additional singleton is created.
    """
    rng = np.random.default_rng(seed)
    n_obs, n_firms, n_singleton, n_states = 5000, 200, 20, 30
    n_regular = n_firms - n_singleton

    # Which firm ids (1..200) are singletons: chosen at random.
    firm_ids = np.arange(1, n_firms + 1)
    singleton_ids = np.sort(rng.choice(firm_ids, size=n_singleton, replace=False))
    regular_ids = np.setdiff1d(firm_ids, singleton_ids)

    # Firm sizes: 2 observations each, the rest allocated with uneven shares.
    n_rest = n_obs - n_singleton - 2 * n_regular
    shares = rng.gamma(shape=1.5, scale=1.0, size=n_regular)
    extra = rng.multinomial(n_rest, shares / shares.sum())
    sizes = 2 + extra
    firm = np.concatenate([np.repeat(regular_ids, sizes), singleton_ids])
    rng.shuffle(firm)

    # Firm -> state map (firm nested in state).
    state_of_firm = np.zeros(n_firms + 1, dtype=int)
    state_of_firm[regular_ids] = rng.permutation(np.tile(np.arange(1, n_states + 1), n_regular // n_states))
    state_of_firm[singleton_ids] = rng.integers(1, n_states + 1, size=n_singleton)
    state = state_of_firm[firm]

    year = rng.integers(2001, 2011, size=n_obs)
    region_idx = rng.choice(7, size=n_obs, p=[0.25, 0.2, 0.15, 0.15, 0.1, 0.1, 0.05])
    region = np.array([f"r{i + 1}" for i in range(7)])[region_idx]
    group = rng.choice(np.array(["a", "b", "c"]), size=n_obs, p=[0.4, 0.35, 0.25])

    # Fixed-effect values.
    state_eff = rng.normal(0.0, 0.5, size=n_states + 1)
    firm_eff = np.zeros(n_firms + 1)
    firm_eff[1:] = state_eff[state_of_firm[1:]] + rng.normal(0.0, 0.8, size=n_firms)
    year_eff = 0.08 * (np.arange(2001, 2011) - 2001) + rng.normal(0.0, 0.2, size=10)
    region_eff = rng.normal(0.0, 0.6, size=7)
    fe_firm = firm_eff[firm]
    fe_year = year_eff[year - 2001]
    fe_region = region_eff[region_idx]

    # Regressors correlated with the fixed effects.
    x1 = 0.6 * fe_firm + 0.3 * fe_year + rng.normal(0.0, 1.0, size=n_obs)
    x2 = 0.5 * fe_region - 0.3 * fe_firm + 0.4 * x1 + rng.normal(0.0, 1.0, size=n_obs)
    group_eff = np.select([group == "b", group == "c"], [0.3, -0.2], 0.0)

    # Errors: a state-by-year common shock (makes clustering matter) plus
    # heteroskedastic idiosyncratic noise.
    shock = rng.normal(0.0, 0.3, size=(n_states + 1, 10))
    noise = rng.normal(0.0, 1.0, size=n_obs) * (0.5 + 0.5 * np.abs(x1))
    y = (1.5 + 1.0 * x1 - 0.5 * x2 + group_eff + fe_firm + fe_year + fe_region
         + shock[state, year - 2001] + noise)

    w = rng.uniform(0.5, 2.0, size=n_obs)

    # About 1% missing x2, only in firms with >= 5 observations.
    firm_size = pd.Series(firm).map(pd.Series(firm).value_counts()).to_numpy()
    eligible = np.flatnonzero(firm_size >= 5)
    missing = rng.choice(eligible, size=50, replace=False)
    x2 = x2.copy()
    x2[missing] = np.nan

    df = pd.DataFrame({
        "firm": firm, "year": year, "region": region, "state": state,
        "group": group, "x1": x1, "x2": x2, "w": w, "y": y,
    })
    return df


def make_sim_event(seed: int = 20240602) -> pd.DataFrame:
    """Simulated staggered-adoption panel: 300 units x 12 periods.

    * first_treat = 0 for 100 never-treated units; the other 200 units start
      treatment in a period drawn uniformly from 5..9.
    * rel = period - first_treat for treated units and -1000 for never-treated
      units (a sentinel, not a real relative period).
    * treat_post = 1 if the unit is treated and period >= first_treat.
    * y = unit effect + period effect + 0.5 x + dynamic effect + noise, with
      dynamic effect 1 + 0.2 rel for rel >= 0 and 0 before treatment.
    """
    rng = np.random.default_rng(seed)
    n_units, n_periods = 300, 12
    first = np.zeros(n_units, dtype=int)
    treated_units = rng.choice(n_units, size=200, replace=False)
    first[treated_units] = rng.integers(5, 10, size=200)

    unit = np.repeat(np.arange(1, n_units + 1), n_periods)
    period = np.tile(np.arange(1, n_periods + 1), n_units)
    first_treat = first[unit - 1]
    treated = first_treat > 0
    rel = np.where(treated, period - first_treat, NEVER_TREATED_REL)
    treat_post = (treated & (period >= first_treat)).astype(int)

    # Later cohorts have somewhat different levels (selection on levels,
    # which the unit fixed effects absorb).
    unit_eff = rng.normal(0.0, 1.0, size=n_units) + 0.1 * first
    period_eff = 0.1 * np.arange(1, n_periods + 1) + rng.normal(0.0, 0.2, size=n_periods)
    x = 0.3 * unit_eff[unit - 1] + rng.normal(0.0, 1.0, size=unit.size)
    effect = np.where(treat_post == 1, 1.0 + 0.2 * rel, 0.0)
    y = (unit_eff[unit - 1] + period_eff[period - 1] + 0.5 * x + effect
         + rng.normal(0.0, 1.0, size=unit.size))

    return pd.DataFrame({
        "unit": unit, "period": period, "first_treat": first_treat,
        "rel": rel, "treat_post": treat_post, "x": x, "y": y,
    })


def make_sim_collinear(seed: int = 20240603) -> pd.DataFrame:
    """Small data (N = 500) with collinear and FE-absorbed regressors.

    * g: 20 groups (fixed effect).
    * x3 = 2 x1 - x2 (exactly collinear with x1 and x2, up to rounding).
    * xc is constant within each g, hence absorbed by the g fixed effect.
    """
    rng = np.random.default_rng(seed)
    n = 500
    g = rng.integers(1, 21, size=n)
    x1 = rng.normal(size=n)
    x2 = rng.normal(size=n) + 0.3 * x1
    x3 = 2.0 * x1 - x2
    g_value = rng.normal(size=21)
    xc = g_value[g]
    g_eff = rng.normal(0.0, 1.0, size=21)
    y = 1.0 + 0.5 * x1 - 0.25 * x2 + g_eff[g] + rng.normal(size=n)
    return pd.DataFrame({"g": g, "x1": x1, "x2": x2, "x3": x3, "xc": xc, "y": y})


# ---------------------------------------------------------------------------
# Case definitions
# ---------------------------------------------------------------------------

WAGE_X = "exper + expersq + union + married"
WAGE_NOFE = "lwage ~ exper + expersq + union + married + educ + black + hisp"
SIM_X = "x1 + x2"
EVENT_FML_PYFIXEST = "y ~ i(rel, ref=-1, bin={-1: [-1000]}) + x | unit + period"
EVENT_FML_FIXEST = "y ~ i(rel, ref = c(-1, -1000)) + x | unit + period"

DEFAULT_SSC = {"k_adj": True, "k_fixef": "nonnested", "G_adj": True, "G_df": "min"}


def build_cases() -> list[dict]:
    """All regression cases. Each dict: name, data, formula, vcov, options."""
    cases: list[dict] = []

    def add(name, data, formula, vcov, weights=None, singletons="drop",
            ssc=None, **extra):
        cases.append(dict(name=name, data=data, formula=formula, vcov=vcov,
                          weights=weights, singletons=singletons,
                          ssc=ssc, extra=extra))

    # --- wage_panel --------------------------------------------------------
    wp = "wage_panel.csv"
    # Pooled OLS with intercept.
    add("wage_panel_nofe_iid", wp, WAGE_NOFE, "iid")
    add("wage_panel_nofe_hetero", wp, WAGE_NOFE, "hetero")
    add("wage_panel_nofe_hc2", wp, WAGE_NOFE, "hc2")
    add("wage_panel_nofe_hc3", wp, WAGE_NOFE, "hc3")
    # Textbook (no N/(N-k) factor) HC0/HC2/HC3, cross-checked with statsmodels.
    no_k_adj = dict(DEFAULT_SSC, k_adj=False)
    add("wage_panel_nofe_hc0", wp, WAGE_NOFE, "hc0", ssc=no_k_adj)
    add("wage_panel_nofe_hc2_no_k_adj", wp, WAGE_NOFE, "hc2", ssc=no_k_adj)
    add("wage_panel_nofe_hc3_no_k_adj", wp, WAGE_NOFE, "hc3", ssc=no_k_adj)
    # One fixed effect.
    f1 = f"lwage ~ {WAGE_X} | nr"
    add("wage_panel_1fe_iid", wp, f1, "iid")
    add("wage_panel_1fe_hetero", wp, f1, "hetero")
    add("wage_panel_1fe_cluster_nr", wp, f1, "cluster:nr")
    # Two fixed effects (exper is collinear with nr + year: dropped).
    f2 = f"lwage ~ {WAGE_X} | nr + year"
    add("wage_panel_2fe_iid", wp, f2, "iid")
    add("wage_panel_2fe_hetero", wp, f2, "hetero")
    add("wage_panel_2fe_cluster_nr", wp, f2, "cluster:nr")
    add("wage_panel_2fe_cluster_nr_year", wp, f2, "cluster:nr+year")
    # Small-sample variants of wage_panel_2fe_cluster_nr.
    add("wage_panel_2fe_cluster_nr_ssc_noadj", wp, f2, "cluster:nr",
        ssc=dict(DEFAULT_SSC, k_adj=False, G_adj=False))
    add("wage_panel_2fe_cluster_nr_ssc_fixef_full", wp, f2, "cluster:nr",
        ssc=dict(DEFAULT_SSC, k_fixef="full"))
    add("wage_panel_2fe_cluster_nr_ssc_fixef_none", wp, f2, "cluster:nr",
        ssc=dict(DEFAULT_SSC, k_fixef="none"))
    add("wage_panel_2fe_cluster_nr_year_ssc_conventional", wp, f2, "cluster:nr+year",
        ssc=dict(DEFAULT_SSC, G_df="conventional"))
    add("wage_panel_2fe_iid_ssc_fixef_none", wp, f2, "iid",
        ssc=dict(DEFAULT_SSC, k_fixef="none"))
    # Interaction term.
    add("wage_panel_1fe_interaction_cluster_nr", wp,
        f"lwage ~ {WAGE_X} + exper:union | nr", "cluster:nr")

    # --- sim_fe ------------------------------------------------------------
    sf = "sim_fe.csv"
    fe_sets = {"1fe": "firm", "2fe": "firm + year", "3fe": "firm + year + region"}
    vcovs = {"iid": "iid", "hetero": "hetero", "cluster_state": "cluster:state",
             "cluster_state_year": "cluster:state+year"}
    for tag, fe in fe_sets.items():
        for vtag, vcov in vcovs.items():
            add(f"sim_fe_{tag}_{vtag}", sf, f"y ~ {SIM_X} | {fe}", vcov)
    for vtag in ["iid", "hetero", "cluster_state"]:
        add(f"sim_fe_2fe_weighted_{vtag}", sf, f"y ~ {SIM_X} | firm + year",
            vcovs[vtag], weights="w")
    add("sim_fe_2fe_keep_singletons_iid", sf, f"y ~ {SIM_X} | firm + year", "iid",
        singletons="keep")
    add("sim_fe_2fe_keep_singletons_cluster_state", sf, f"y ~ {SIM_X} | firm + year",
        "cluster:state", singletons="keep")
    add("sim_fe_2fe_group_cluster_state", sf, f"y ~ {SIM_X} + group | firm + year",
        "cluster:state")
    add("sim_fe_nofe_group_hetero", sf, f"y ~ {SIM_X} + group", "hetero")

    # --- sim_event ---------------------------------------------------------
    se = "sim_event.csv"
    add("sim_event_study_cluster_unit", se, EVENT_FML_FIXEST, "cluster:unit",
        pyfixest_formula=EVENT_FML_PYFIXEST, ref=[-1, NEVER_TREATED_REL])
    add("sim_event_twfe_did_cluster_unit", se, "y ~ treat_post | unit + period",
        "cluster:unit")

    # --- sim_collinear -----------------------------------------------------
    add("sim_collinear_iid", "sim_collinear.csv", "y ~ x1 + x2 + x3 + xc | g", "iid")
    return cases


# ---------------------------------------------------------------------------
# Running one case
# ---------------------------------------------------------------------------

def vcov_argument(vcov: str):
    """Translate the fixture's vcov label to pyfixest's ``vcov`` argument."""
    if vcov.startswith("cluster:"):
        return {"CRV1": vcov.split(":", 1)[1]}
    return {"iid": "iid", "hetero": "hetero", "hc0": "hetero",
            "hc1": "HC1", "hc2": "HC2", "hc3": "HC3"}[vcov]


def translate_term(name: str) -> str:
    """pyfixest/formulaic coefficient name -> CausalKit's naming convention.

    * ``Intercept``      -> ``(Intercept)``
    * ``group[T.b]``     -> ``group::b`` (treatment-coded string regressor)
    * ``rel::-5``        -> ``rel::-5`` (already fixest style from i())
    * ``a:b``            -> ``a:b`` with each factor translated.
    """
    name = str(name)
    if name == "Intercept":
        return "(Intercept)"
    parts = []
    for part in name.split(":"):
        if "[T." in part and part.endswith("]"):
            var, level = part[:-1].split("[T.", 1)
            part = f"{var}::{level}"
        parts.append(part)
    # "rel::-5" was split on ":" into "rel", "", "-5": rejoin the pieces.
    return ":".join(parts)


def variables_in(formula: str, weights: str | None) -> list[str]:
    """Columns whose missing values make pyfixest drop a row."""
    tokens = set(re.findall(r"[A-Za-z_][A-Za-z_0-9]*", formula))
    tokens -= {"i", "ref", "bin", "c"}
    cols = sorted(tokens)
    if weights:
        cols.append(weights)
    return cols


def fmt_call(case: dict, fml: str) -> str:
    """Human-readable pyfixest call that produced the case."""
    args = [repr(fml), case["data"].removesuffix(".csv")]
    v = vcov_argument(case["vcov"])
    args.append(f"vcov={v!r}")
    if case["weights"]:
        args.append(f"weights={case['weights']!r}")
    args.append(f"fixef_rm={'singleton' if case['singletons'] == 'drop' else 'none'!r}")
    ssc = case["ssc"] or DEFAULT_SSC
    if ssc != DEFAULT_SSC:
        args.append("ssc=pf.ssc(" + ", ".join(f"{k}={val!r}" for k, val in ssc.items()) + ")")
    args.append(f"demeaner={DEMEANER_TEXT}")
    return "pyfixest.feols(" + ", ".join(args) + ")"


def run_case(case: dict, frames: dict[str, pd.DataFrame]) -> dict:
    data = frames[case["data"]]
    extra = dict(case["extra"])
    fml = extra.pop("pyfixest_formula", case["formula"])
    ssc = case["ssc"] or DEFAULT_SSC
    fixef_rm = "singleton" if case["singletons"] == "drop" else "none"

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        fit = pf.feols(
            fml,
            data=data,
            vcov=vcov_argument(case["vcov"]),
            weights=case["weights"],
            ssc=pf.ssc(**ssc),
            fixef_rm=fixef_rm,
            demeaner=DEMEANER,
        )

    n_total = len(data)
    used_cols = variables_in(fml, case["weights"])
    used_cols = [c for c in used_cols if c in data.columns]
    missing_dropped = int(data[used_cols].isna().any(axis=1).sum())
    nobs = int(fit._N)
    singletons_dropped = n_total - missing_dropped - nobs
    assert singletons_dropped >= 0
    if not fit._has_fixef or case["singletons"] == "keep":
        assert singletons_dropped == 0, case["name"]

    tidy = fit.tidy(alpha=0.05)
    terms = [translate_term(t) for t in fit._coefnames]
    coefs = []
    for raw, term in zip(fit._coefnames, terms):
        row = tidy.loc[raw]
        coefs.append({
            "term": term,
            "estimate": float(row["Estimate"]),
            "std_error": float(row["Std. Error"]),
            "statistic": float(row["t value"]),
            "p_value": float(row["Pr(>|t|)"]),
            "conf_low": float(row["2.5%"]),
            "conf_high": float(row["97.5%"]),
        })

    # Weighted residual sum of squares: pyfixest's residual vector is
    # sqrt(w) * (y - fitted) after the WLS transform.
    rss = float(np.sum(np.asarray(fit._u_hat, dtype=float) ** 2))
    df_k = int(fit._df_k)
    df_t = int(fit._df_t)

    fe_names = case["formula"].split("|")[1].split("+") if "|" in case["formula"] else []
    fe_names = [f.strip() for f in fe_names]
    # Levels of each fixed effect in the estimation sample (pyfixest labels
    # them "__fixed_effect__(name)"; keep the plain name).
    fixef_levels = {}
    if fit._has_fixef:
        for key, count in fit._k_fe.items():
            label = str(key).removeprefix("__fixed_effect__(").removesuffix(")")
            fixef_levels[label] = int(count)

    out = {
        "name": case["name"],
        "data": case["data"],
        "formula": case["formula"],
        "weights": case["weights"],
        "vcov": case["vcov"],
        "singletons": case["singletons"],
        "reference": fmt_call(case, fml),
        "nobs": nobs,
        "df_resid": nobs - df_k,
        "df_t": df_t,
        "df_k": df_k,
        "rss": rss,
        "r2": float(fit._r2),
        "adj_r2": float(fit._adj_r2),
        "r2_within": float(fit._r2_within) if fit._has_fixef else None,
        "adj_r2_within": float(fit._adj_r2_within) if fit._has_fixef else None,
        "singletons_dropped": int(singletons_dropped),
        "missing_dropped": missing_dropped,
        "collinear": [translate_term(t) for t in fit._collin_vars],
        "fixef": fe_names,
        "fixef_levels": fixef_levels,
        # Number of clusters in the estimation sample (fit._data holds the
        # rows actually used, after NA and singleton removal).
        "n_clusters": ([int(fit._data[c].nunique())
                        for c in case["vcov"].split(":", 1)[1].split("+")]
                       if case["vcov"].startswith("cluster:") else None),
        "ssc": ssc,
        "ssc_factor": [float(s) for s in np.ravel(fit._ssc)],
        "coefficients": coefs,
        "vcov_matrix": [[float(v) for v in row] for row in np.asarray(fit._vcov)],
    }
    if "pyfixest_formula" in case["extra"]:
        out["pyfixest_formula"] = fml
    out.update(extra)
    return out


# ---------------------------------------------------------------------------
# Cross-checks against statsmodels (no fixed effects)
# ---------------------------------------------------------------------------

def crosscheck_statsmodels(results: list[dict], frames: dict[str, pd.DataFrame]) -> None:
    """pyfixest's no-FE HC0/HC2/HC3 without k-adjustment equal statsmodels'."""
    df = frames["wage_panel.csv"]
    xs = ["exper", "expersq", "union", "married", "educ", "black", "hisp"]
    X = sm.add_constant(df[xs].astype(float))
    model = sm.OLS(df["lwage"].astype(float), X)
    by_name = {r["name"]: r for r in results}
    for case, cov_type in [("wage_panel_nofe_hc0", "HC0"),
                           ("wage_panel_nofe_hc2_no_k_adj", "HC2"),
                           ("wage_panel_nofe_hc3_no_k_adj", "HC3"),
                           ("wage_panel_nofe_iid", "nonrobust"),
                           ("wage_panel_nofe_hetero", "HC1")]:
        ref = model.fit(cov_type=cov_type).cov_params().to_numpy()
        got = np.array(by_name[case]["vcov_matrix"])
        rel = np.max(np.abs(got - ref) / np.abs(ref))
        if rel > 1e-10:
            raise RuntimeError(f"{case}: pyfixest vs statsmodels {cov_type} differ (rel {rel:.2e})")
    # pyfixest's HC2/HC3 carry the extra factor N / (N - k).
    n, k = X.shape
    for case in ["hc2", "hc3"]:
        a = np.array(by_name[f"wage_panel_nofe_{case}"]["vcov_matrix"])
        b = np.array(by_name[f"wage_panel_nofe_{case}_no_k_adj"]["vcov_matrix"])
        if np.max(np.abs(a / b - n / (n - k))) > 1e-10:
            raise RuntimeError(f"{case}: unexpected small-sample factor")


# ---------------------------------------------------------------------------
# Main
# ---------------------------------------------------------------------------

def main(argv: list[str]) -> int:
    if pf.__version__ != REQUIRED_PYFIXEST and "--any-version" not in argv:
        print(f"pyfixest {pf.__version__} found, {REQUIRED_PYFIXEST} required "
              "(pass --any-version to override)", file=sys.stderr)
        return 1

    DATA_DIR.mkdir(parents=True, exist_ok=True)
    EXPECTED_DIR.mkdir(parents=True, exist_ok=True)

    frames = {
        "wage_panel.csv": write_and_reload(make_wage_panel(), "wage_panel.csv"),
        "sim_fe.csv": write_and_reload(make_sim_fe(), "sim_fe.csv"),
        "sim_event.csv": write_and_reload(make_sim_event(), "sim_event.csv"),
        "sim_collinear.csv": write_and_reload(make_sim_collinear(), "sim_collinear.csv"),
    }

    results = []
    for case in build_cases():
        out = run_case(case, frames)
        results.append(out)
        print(f"{out['name']:<55} nobs={out['nobs']:<5} k={len(out['coefficients'])} "
              f"collinear={out['collinear']}")

    names = [r["name"] for r in results]
    assert len(names) == len(set(names)), "case names must be unique"
    crosscheck_statsmodels(results, frames)

    import linearmodels
    doc = {
        "generator": (f"pyfixest {pf.__version__} via Tests/Fixtures/generate.py "
                      f"(python {platform.python_version()}, numpy {np.__version__}, "
                      f"pandas {pd.__version__}, scipy {scipy.__version__}, "
                      f"statsmodels {statsmodels.__version__}, "
                      f"linearmodels {linearmodels.__version__})"),
        "demeaner": DEMEANER_TEXT,
        "weights_type": "aweights",
        "confidence_level": 0.95,
        "default_ssc": DEFAULT_SSC,
        "notes": [
            "Conventions are described in expected/conventions.md.",
            "df_resid = nobs - df_k, where df_k is the parameter count pyfixest "
            "used in the small-sample factor of that case; df_t is the degrees "
            "of freedom of the t distribution used for p-values and confidence "
            "intervals (equal to df_resid for iid/hetero, min(G) - 1 for "
            "clustered vcov).",
            "rss is the weighted residual sum of squares sum(w_i * e_i^2).",
            "ssc_factor lists the scalar factor pyfixest multiplied into each "
            "sandwich term (one entry, or three for two-way clustering: "
            "V1, V2, -V12).",
            "sim_event: rel = -1000 marks never-treated units (sentinel).",
        ],
        "cases": results,
    }
    text = json.dumps(doc, indent=1, allow_nan=False)
    (EXPECTED_DIR / "feols.json").write_text(text + "\n")
    print(f"wrote {len(results)} cases to {EXPECTED_DIR / 'feols.json'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
