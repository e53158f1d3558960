"""Reference values for the Rambachan-Roth (HonestDiD) sensitivity analysis of the Callaway and
Sant'Anna event study on mpdta (StaggeredDiD).

Writes expected/honest_did.json from data/did_mpdta.csv (written by generate_att_gt.py).

Event study: moderndid `att_gt` (est_method "dr", never-treated controls, no covariates,
analytic influence functions) then `aggte(type="dynamic")`, once with base_period "universal"
(recommended for HonestDiD) and once with "varying". As in moderndid's `honest_did` wrapper
(and the wrapper in HonestDiD's README for did objects), the event time -1 is removed from the
coefficients and from the covariance (for "varying" this drops a real estimate); the covariance of
the remaining event-time estimates is Psi' Psi / n^2 with Psi the n x E influence functions of the
event-time estimates (aggte's `influence_func`, weights' influence function included). The
coefficients, their event times and the covariance used are stored.

Targets: theta = l' beta_post with l = e_1 (event time 0) and l = (1/P, ..., 1/P) (the average of
the P post-treatment event times). For each target:
  * the original CI, beta_l +- z_{0.975} sqrt(l' Sigma_post l) (`construct_original_cs`);
  * relative magnitudes Delta^RM(Mbar), Mbar in [0.5, 1, 2]: the conditional least-favourable
    hybrid ("C-LF", moderndid's default) and the conditional test without hybrid ("Conditional",
    no simulation), by test inversion over the grid np.linspace(grid_lb, grid_ub, grid_points)
    with grid_points = 100 (moderndid's honest_did default; R's HonestDiD uses 1000) and
    grid_lb/ub = the identified set's bounds at beta-hat -/+ 20 sd(theta-hat); the CI is
    [first accepted grid point, last accepted grid point]. The LF hybrid's critical value is
    simulated (1,000 draws of numpy's default_rng(0)); a reimplementation with other random
    numbers will differ by Monte Carlo error in that critical value plus one grid step.
    Delta^RM is the union over the pre-period first differences s that bound the post-period
    ones. moderndid 0.2.0 leaves out one of them (the difference between the two earliest
    pre-periods; see `rm_r`), which changes the result whenever that difference is the largest:
    on the varying-base event study its identified set collapses to the point estimate. The
    expected "lb"/"ub" therefore follow R's HonestDiD 0.2.8 (github asheshrambachan/HonestDiD,
    R/deltarm.R: every s from -(n_pre - 1) to 0), computed with moderndid's per-s routines and
    R's constraint matrix; moderndid's own output is kept as "moderndid_0_2_0";
  * smoothness Delta^SD(M), M in [0, 0.01, 0.02]: the fixed-length CI ("FLCI", moderndid's default
    for Delta^SD, no grid, no simulation).
moderndid 0.2.0 has no breakdown-value function; "breakdown" is null.

Run (from the repository root; about 10 minutes on one core, mostly the RM test inversions):
    /work/venv-attgt/bin/pip install 'moderndid[didhonest]==0.2.0'   (adds cvxpy 1.9.3)
    /work/venv-attgt/bin/python Tests/Fixtures/generate_honest_did.py
Versions used: moderndid 0.2.0, cvxpy 1.9.3, numpy 2.4.6, scipy 1.17.1, pandas 3.1.1.

R did 2.5.1's own wrapper (R/honest_did/honest_did.R, honest_did.AGGTEobj) was read too: it
removes e = -1 from the covariance but passes all of att.egt (e = -1 included) as betahat and
counts e = -1 among the pre-periods (egt < 0); as read, that does not line up with the covariance
it passes, so the fixture follows moderndid's (and HonestDiD's README's) wrapper instead: e = -1
removed from both, pre-periods e < -1.
"""
import json
import math
import os
import warnings
from importlib.metadata import version

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))
MBAR = [0.5, 1.0, 2.0]
M = [0.0, 0.01, 0.02]
GRID_POINTS = 100


def fnum(x):
    x = float(x)
    return None if math.isnan(x) or math.isinf(x) else x


def event_study(df, base_period):
    from moderndid import aggte, att_gt
    gt = att_gt(df, yname="lemp", tname="year", idname="countyreal", gname="first_treat",
                est_method="dr", control_group="nevertreated", base_period=base_period,
                boot=False, cband=False)
    return aggte(gt, type="dynamic", boot=False, cband=False)


def r_constraint_matrix(num_pre_periods, num_post_periods, m_bar, s, max_positive=True,
                        drop_zero_period=True):
    """Delta^RM_{s,sign}(Mbar) constraints A delta <= 0 as R's HonestDiD 0.2.8 builds them
    (R/deltarm.R, .create_A_RM), with R's meaning of s: the bounding pre-period first difference
    is delta_{s} - delta_{s-1} in event time with the reference (event time -1) as delta_0, i.e. the
    columns n_pre + s - 1 and n_pre + s (0-based) of the vector with the reference inserted, for
    s = -(n_pre - 1), ..., 0. Every first difference (pre and post, n_pre + n_post of them) is bounded
    in absolute value by that difference (pre) or Mbar times it (post); rows that vanish are dropped,
    and so is the reference column."""
    total = num_pre_periods + num_post_periods + 1
    rows = num_pre_periods + num_post_periods
    first_diff = np.zeros((rows, total))
    for r in range(rows):
        first_diff[r, r], first_diff[r, r + 1] = -1.0, 1.0
    v = np.zeros(total)
    v[num_pre_periods + s - 1], v[num_pre_periods + s] = -1.0, 1.0
    if not max_positive:
        v = -v
    bound = np.vstack([np.tile(v, (num_pre_periods, 1)), np.tile(m_bar * v, (num_post_periods, 1))])
    A = np.vstack([first_diff - bound, -first_diff - bound])
    A = A[np.sum(A * A, axis=1) > 1e-10]
    if drop_zero_period:
        A = np.delete(A, num_pre_periods, axis=1)
    return A


def rm_r(beta, sigma, n_pre, n_post, l_vec, mbar, method):
    """Delta^RM(Mbar) as R's HonestDiD 0.2.8 computes it (R/deltarm.R): the union, over every
    pre-period first difference s = -(n_pre - 1), ..., 0 and both signs, of the identified sets and
    of the conditional (or LF-hybrid) test acceptances on one grid. moderndid 0.2.0 shifts the
    column index of s by one relative to R and loops over n_pre - 1 values of s, so it never uses
    the difference between the two earliest pre-periods. Here moderndid's per-s routines are run
    with the constraint matrix built as R builds it (`r_constraint_matrix`), for all n_pre values."""
    import moderndid.didhonest.delta.rm.rm as rm_module
    original = rm_module._create_relative_magnitudes_constraint_matrix
    for s in range(-(n_pre - 2), 1):  # R's s and moderndid's s - 1 must give the same matrix
        for sign in (True, False):
            a = r_constraint_matrix(n_pre, n_post, mbar, s, sign)
            b = original(n_pre, n_post, m_bar=mbar, s=s - 1, max_positive=sign)
            if a.shape != b.shape or np.max(np.abs(a - b)) > 0:
                raise RuntimeError("R's constraint matrix does not match moderndid's shifted one")
    rm_module._create_relative_magnitudes_constraint_matrix = (
        lambda num_pre_periods, num_post_periods, m_bar=1, s=0, max_positive=True, drop_zero_period=True:
        r_constraint_matrix(num_pre_periods, num_post_periods, m_bar, s, max_positive, drop_zero_period))
    try:
        s_values = list(range(-(n_pre - 1), 1))
        lbs, ubs = [], []
        for s in s_values:
            for sign in (True, False):
                b = rm_module._compute_identified_set_rm_fixed_s(
                    s=s, m_bar=mbar, max_positive=sign, true_beta=beta, l_vec=l_vec,
                    num_pre_periods=n_pre, num_post_periods=n_post)
                lbs.append(float(b.id_lb))
                ubs.append(float(b.id_ub))
        id_lb, id_ub = min(lbs), max(ubs)
        post = slice(n_pre, n_pre + n_post)
        sd = math.sqrt(l_vec @ sigma[post, post] @ l_vec)
        grid_lb, grid_ub = id_lb - 20 * sd, id_ub + 20 * sd
        accept = np.zeros(GRID_POINTS, dtype=bool)
        grid = None
        for s in s_values:
            for sign in (True, False):
                cs = rm_module._compute_conditional_cs_rm_fixed_s(
                    s=s, max_positive=sign, m_bar=mbar, betahat=beta, sigma=sigma,
                    num_pre_periods=n_pre, num_post_periods=n_post, l_vec=l_vec, alpha=0.05,
                    hybrid_flag={"C-LF": "LF", "Conditional": "ARP"}[method],
                    grid_points=GRID_POINTS, grid_lb=grid_lb, grid_ub=grid_ub)
                accept |= np.asarray(cs["accept"]) > 0
                grid = np.asarray(cs["grid"])
    finally:
        rm_module._create_relative_magnitudes_constraint_matrix = original
    idx = np.where(accept)[0]
    lb = float(grid[idx[0]]) if len(idx) else math.nan
    ub = float(grid[idx[-1]]) if len(idx) else math.nan
    return {"method": method, "mbar": mbar, "lb": fnum(lb), "ub": fnum(ub),
            "identified_set": {"lb": id_lb, "ub": id_ub}, "grid_lb": grid_lb, "grid_ub": grid_ub,
            "grid_points": GRID_POINTS, "grid_step": (grid_ub - grid_lb) / (GRID_POINTS - 1)}


def target(beta, sigma, n_pre, n_post, l_vec):
    from moderndid.didhonest import (construct_original_cs, create_sensitivity_results_rm,
                                     create_sensitivity_results_sm)
    orig = construct_original_cs(betahat=beta, sigma=sigma, num_pre_periods=n_pre,
                                 num_post_periods=n_post, l_vec=l_vec, alpha=0.05)
    out = {"l_vec": [float(x) for x in l_vec],
           "estimate": float(beta[n_pre:] @ l_vec),
           "original_ci": {"lb": fnum(orig.lb), "ub": fnum(orig.ub)}}
    rm = []
    for method in ["C-LF", "Conditional"]:
        plain = create_sensitivity_results_rm(betahat=beta, sigma=sigma, num_pre_periods=n_pre,
                                              num_post_periods=n_post, method=method,
                                              m_bar_vec=MBAR, l_vec=l_vec, alpha=0.05,
                                              grid_points=GRID_POINTS).to_pandas()
        for mbar, (_, row) in zip(MBAR, plain.iterrows()):
            r = rm_r(beta, sigma, n_pre, n_post, l_vec, mbar, method)
            r["moderndid_0_2_0"] = {"lb": fnum(row["lb"]), "ub": fnum(row["ub"])}
            rm.append(r)
    out["relative_magnitude"] = rm
    res = create_sensitivity_results_sm(betahat=beta, sigma=sigma, num_pre_periods=n_pre,
                                        num_post_periods=n_post, method="FLCI", m_vec=M,
                                        l_vec=l_vec, alpha=0.05).to_pandas()
    out["smoothness"] = [{"method": "FLCI", "m": float(r["m"]), "lb": fnum(r["lb"]), "ub": fnum(r["ub"])}
                         for _, r in res.iterrows()]
    return out


def check_wrapper(es, result):
    """The event-time-0 target must equal moderndid's own honest_did wrapper (grid_points 100)."""
    from moderndid.didhonest import honest_did
    worst = 0.0
    w = honest_did(es, event_time=0, sensitivity_type="smoothness", m_vec=M)
    for a, b in zip(w.robust_ci.to_pandas().itertuples(), result["smoothness"]):
        worst = max(worst, abs(a.lb - b["lb"]), abs(a.ub - b["ub"]))
    worst = max(worst, abs(w.original_ci.lb - result["original_ci"]["lb"]))
    w = honest_did(es, event_time=0, sensitivity_type="relative_magnitude", m_bar_vec=MBAR,
                   grid_points=GRID_POINTS)
    clf = [r["moderndid_0_2_0"] for r in result["relative_magnitude"] if r["method"] == "C-LF"]
    for a, b in zip(w.robust_ci.to_pandas().itertuples(), clf):
        worst = max(worst, abs(a.lb - b["lb"]), abs(a.ub - b["ub"]))
    return worst


def main():
    warnings.filterwarnings("ignore")
    df = pd.read_csv(os.path.join(HERE, "data", "did_mpdta.csv"))
    cases = []
    for base in ["universal", "varying"]:
        es = event_study(df, base)
        times = np.asarray(es.event_times, dtype=float)
        att = np.asarray(es.att_by_event, dtype=float)
        inf = np.asarray(es.influence_func, dtype=float)
        keep = times != -1
        beta = att[keep]
        psi = inf[:, keep]
        n = psi.shape[0]
        sigma = psi.T @ psi / (n * n)
        n_pre = int(np.sum(times[keep] < -1))
        n_post = int(len(beta) - n_pre)
        case = {"name": f"mpdta_dr_never_{base}", "data": "did_mpdta.csv", "outcome": "lemp",
                "time": "year", "unit": "countyreal", "cohort": "first_treat", "method": "dr",
                "control": "never-treated", "covariates": [], "base_period": base, "n_units": n,
                "event_study": [{"event_time": int(e), "estimate": float(a), "std_error": fnum(s)}
                                for e, a, s in zip(times, att, es.se_by_event)],
                "event_times_used": [int(e) for e in times[keep]],
                "num_pre_periods": n_pre, "num_post_periods": n_post,
                "betahat": [float(b) for b in beta],
                "sigma": [[float(x) for x in row] for row in sigma]}
        e0 = np.zeros(n_post)
        e0[0] = 1.0
        case["event_time_0"] = target(beta, sigma, n_pre, n_post, e0)
        case["average_post"] = target(beta, sigma, n_pre, n_post, np.full(n_post, 1.0 / n_post))
        case["max_difference_wrapper"] = fnum(check_wrapper(es, case["event_time_0"]))
        case["breakdown"] = None
        cases.append(case)
        print(base, "wrapper check", case["max_difference_wrapper"], flush=True)
    out = {"generator": "Tests/Fixtures/generate_honest_did.py",
           "versions": {p: version(p) for p in ["moderndid", "cvxpy", "numpy", "scipy", "pandas"]},
           "alpha": 0.05, "cases": cases}
    with open(os.path.join(HERE, "expected", "honest_did.json"), "w") as f:
        json.dump(out, f, indent=1, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main()
