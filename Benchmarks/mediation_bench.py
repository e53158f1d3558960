#!/usr/bin/env python3
"""Times statsmodels' Mediation on the mediation workloads (md1, md2), same protocol as the Swift
harness (`causalkit-bench mediate`): load the raw columns written by generate_data.py into numpy
arrays (the two designs with a constant column first, untimed), reset the peak RSS, one untimed
warm-up, timed runs within a budget, one JSON line.

The models go through statsmodels' array interface, the fastest path it offers:

    outcome  = sm.OLS(y, [1, m, treat, x1..x5])      (or sm.GLM(ybin, ..., Binomial()) with --outcome-model logit)
    mediator = sm.OLS(m, [1, treat, x1..x5])
    Mediation(outcome, mediator, exposure=(2, 1), mediator=1)

Timed: ``med.fit(method="parametric", n_rep=N)`` (which re-fits both models, then simulates) and
``res.summary()``. The Mediation object is built once, untimed. Each run uses a fixed seed
(``rng=SEED``).

Usage: python3 mediation_bench.py --workload md1 [--outcome-model linear|logit] [--sims 1000]
       [--reps 5] [--budget 30]
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import traceback

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pyfixest_bench import load_average, reset_peak, status_kb  # noqa: E402

SEED = 20260401
NAMES = [
    "ACME (control)", "ACME (treated)", "ADE (control)", "ADE (treated)", "Total effect",
    "Prop. mediated (control)", "Prop. mediated (treated)", "ACME (average)", "ADE (average)",
    "Prop. mediated (average)",
]


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(HERE, ".data"))
    p.add_argument("--workload", default="md1")
    p.add_argument("--outcome-model", default="linear", choices=["linear", "logit"])
    p.add_argument("--sims", type=int, default=1000)
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--budget", type=float, default=30.0)
    args = p.parse_args()

    import statsmodels
    import statsmodels.api as sm
    from statsmodels.stats.mediation import Mediation

    folder = os.path.join(args.data, args.workload)
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    cols = {c["name"]: np.fromfile(os.path.join(folder, c["file"]), dtype="<f8") for c in meta["columns"]}
    n = meta["rows"]
    covariates = [f"x{j}" for j in range(1, 6)]
    outcome_exog = np.column_stack([np.ones(n), cols["m"], cols["treat"]] + [cols[c] for c in covariates])
    mediator_exog = np.column_stack([np.ones(n), cols["treat"]] + [cols[c] for c in covariates])
    if args.outcome_model == "linear":
        outcome = sm.OLS(cols["y"], outcome_exog)
    else:
        outcome = sm.GLM(cols["ybin"], outcome_exog, family=sm.families.Binomial())
    mediator = sm.OLS(cols["m"], mediator_exog)
    med = Mediation(outcome, mediator, exposure=(2, 1), mediator=1)
    data_bytes = int(outcome_exog.nbytes + mediator_exog.nbytes + 2 * 8 * n)
    del cols

    def run():
        res = med.fit(method="parametric", n_rep=args.sims, rng=SEED)
        return res, res.summary()

    record = {
        "tool": "statsmodels",
        "version": statsmodels.__version__,
        "workload": args.workload,
        "config": args.outcome_model,
        "method": f"Mediation.fit(method='parametric', n_rep={args.sims}), OLS/{'OLS' if args.outcome_model == 'linear' else 'GLM Binomial'} array models",
        "rows": n,
        "simulations": args.sims,
        "data_bytes": data_bytes,
        "status": "ok",
        "load_before": load_average(),
        "peak_reset": reset_peak(),
        "rss_before_kb": status_kb("VmRSS"),
    }
    try:
        t0 = time.perf_counter()
        res, smry = run()
        warm = time.perf_counter() - t0
        times = []
        while len(times) < max(1, args.reps):
            if times and sum(times) + statistics.median(times) > args.budget:
                break
            del res, smry
            t0 = time.perf_counter()
            res, smry = run()
            times.append(time.perf_counter() - t0)
    except Exception as e:
        record.update(status="error", error=f"{type(e).__name__}: {str(e)[:500]}", trace=traceback.format_exc(limit=3)[-800:])
        print(json.dumps(record), flush=True)
        return 0
    vectors = [res.ACME_ctrl, res.ACME_tx, res.ADE_ctrl, res.ADE_tx, res.total_effect, res.prop_med_ctrl,
               res.prop_med_tx, res.ACME_avg, res.ADE_avg, res.prop_med_avg]
    effects = {}
    for name, vec in zip(NAMES, vectors):
        row = smry.loc[name]
        effects[name] = {
            "estimate": float(row["Estimate"]), "conf_low": float(row["Lower CI bound"]),
            "conf_high": float(row["Upper CI bound"]), "p_value": float(row["P-value"]),
            "sd": float(np.std(vec, ddof=1)),
        }
    record.update(
        rss_peak_kb=status_kb("VmHWM"),
        load_after=load_average(),
        warmup_s=warm,
        times_s=times,
        best_s=min(times),
        median_s=statistics.median(times),
        nobs=n,
        effects=effects,
    )
    print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
