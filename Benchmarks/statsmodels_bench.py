#!/usr/bin/env python3
"""Times statsmodels' Logit on the logistic-regression workload (l1), same protocol as the Swift
harness (`causalkit-bench logit`): load the raw columns written by generate_data.py into numpy
arrays (the design with a constant column first, untimed), reset the peak RSS, one untimed
warm-up, timed runs within a budget, one JSON line.

Timed: ``sm.Logit(y, X).fit(method="newton", tol=TOL, maxiter=100, disp=0)`` plus reading the
standard errors (``res.bse``), so that both sides deliver coefficients and standard errors.
statsmodels' Newton stops when every coefficient moved by less than ``tol`` (absolute) in the
last step; its default is 1e-8 with at most 35 iterations.

Usage: python3 statsmodels_bench.py --workload l1 [--tol 1e-10|default] [--reps 5] [--budget 30]
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


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(HERE, ".data"))
    p.add_argument("--workload", default="l1")
    p.add_argument("--tol", default="1e-10", help="Newton tolerance on the parameter change, or 'default' (1e-8)")
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--budget", type=float, default=30.0)
    args = p.parse_args()

    import statsmodels
    import statsmodels.api as sm

    folder = os.path.join(args.data, args.workload)
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    formula = meta["formula"]
    response = formula.split("~")[0].strip()
    regressors = [t.strip() for t in formula.split("~")[1].split("+")]
    cols = {c["name"]: np.fromfile(os.path.join(folder, c["file"]), dtype="<f8") for c in meta["columns"]}
    y = cols[response]
    X = np.column_stack([np.ones(meta["rows"])] + [cols[r] for r in regressors])
    names = ["(Intercept)"] + regressors
    del cols

    kw = {"method": "newton", "maxiter": 100, "disp": 0}
    if args.tol != "default":
        kw["tol"] = float(args.tol)

    def run():
        res = sm.Logit(y, X).fit(**kw)
        _ = res.bse
        return res

    record = {
        "tool": "statsmodels",
        "version": statsmodels.__version__,
        "workload": args.workload,
        "config": f"Logit newton tol={args.tol if args.tol != 'default' else 'default (1e-8)'}",
        "rows": meta["rows"],
        "formula": formula,
        "data_bytes": int(y.nbytes + X.nbytes),
        "status": "ok",
        "load_before": load_average(),
        "peak_reset": reset_peak(),
        "rss_before_kb": status_kb("VmRSS"),
    }
    try:
        t0 = time.perf_counter()
        res = run()
        warm = time.perf_counter() - t0
        times = []
        while len(times) < max(1, args.reps):
            if times and sum(times) + statistics.median(times) > args.budget:
                break
            t0 = time.perf_counter()
            res = run()
            times.append(time.perf_counter() - t0)
    except Exception as e:
        record.update(status="error", error=f"{type(e).__name__}: {str(e)[:500]}", trace=traceback.format_exc(limit=3)[-800:])
        print(json.dumps(record), flush=True)
        return 0
    record.update(
        rss_peak_kb=status_kb("VmHWM"),
        load_after=load_average(),
        warmup_s=warm,
        times_s=times,
        best_s=min(times),
        median_s=statistics.median(times),
        nobs=int(res.nobs),
        iterations=int(res.mle_retvals.get("iterations", -1)),
        converged=bool(res.mle_retvals.get("converged", False)),
        coefficients={n: {"estimate": float(b), "std_error": float(s)} for n, b, s in zip(names, res.params, res.bse)},
    )
    print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
