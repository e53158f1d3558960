#!/usr/bin/env python3
"""Times the Python side of the bootstrap workloads, same protocol as the Swift harness
(`causalkit-bench wild` / `pairs`): load the raw columns written by generate_data.py (untimed),
build the arrays (untimed), reset the peak RSS, one untimed warm-up, timed runs within a budget,
one JSON line. ``cpu_per_run_s`` is the process CPU time (all threads) per run, averaged over
the warm-up and the timed runs.

--mode wildboottest (b1): wildboottest's ``WildboottestCL`` (WCR, Rademacher, B draws, bootstrap
  type "11", i.e. CR1 with (N-1)/(N-k) * G/(G-1); two-sided p-value). wildboottest has no fixed
  effects, so the school and year fixed effects enter X as dummy columns (intercept, treat_post,
  x, 49 school dummies, 9 year dummies: 61 columns), built once, untimed. This is the exact
  equivalent of the fixed-effects model: demeaning y, treat_post and x first would not be,
  because the year effects cross the clusters (the bootstrap y* would have to be demeaned again
  in every replicate). The small-sample factor differs from CausalKit's (which counts the school
  effects, nested in the clusters, as one parameter), which scales t and every t* alike and so
  leaves the p-value unchanged. Timed: the constructor through ``get_pvalue()``.
--mode numpy-pairs (b2): a cluster (pairs) bootstrap of OLS y ~ 1 + x1 + x2 in a numpy loop:
  per replicate draw G clusters with replacement (``rng.integers``), concatenate their row
  indices, gather X and y, and solve with ``np.linalg.lstsq`` (``--solver lstsq``, default) or
  the 3 x 3 normal equations (``--solver normal``). Cluster row lists are built once, untimed.

Usage: python3 bootstrap_bench.py --mode wildboottest|numpy-pairs --workload b1|b2 [--B N]
       [--solver lstsq|normal] [--reps 3] [--budget 60] [--seed 1]
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


def load(folder: str) -> tuple[dict, dict]:
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    cols = {}
    for c in meta["columns"]:
        dtype = "<f8" if c["type"] == "float64" else "<i4"
        cols[c["name"]] = np.fromfile(os.path.join(folder, c["file"]), dtype=dtype)
    return meta, cols


def dummies(codes: np.ndarray) -> np.ndarray:
    """Indicator columns for levels 1..L-1 (level 0 is the reference)."""
    levels = int(codes.max()) + 1
    out = np.zeros((codes.size, levels - 1))
    rows = np.nonzero(codes > 0)[0]
    out[rows, codes[rows] - 1] = 1.0
    return out


def wildboottest_job(meta: dict, cols: dict, args):
    from importlib.metadata import version

    from wildboottest.wildboottest import WildboottestCL

    X = np.column_stack([np.ones(meta["rows"]), cols["treat_post"], cols["x"], dummies(cols["school"]), dummies(cols["year"])])
    Y = cols["y"]
    cluster = cols["school"]
    R = np.zeros(X.shape[1])
    R[1] = 1.0
    stages = {}

    def run():
        t = time.perf_counter()
        wb = WildboottestCL(X=X, Y=Y, cluster=cluster, R=R, B=args.B, seed=args.seed, parallel=True)
        stages["init_s"] = time.perf_counter() - t
        t = time.perf_counter()
        wb.get_scores(bootstrap_type="11", impose_null=True)
        wb.get_weights(weights_type="rademacher")
        wb.get_numer()
        stages["scores_weights_numer_s"] = time.perf_counter() - t
        t = time.perf_counter()
        wb.get_denom()
        stages["denom_s"] = time.perf_counter() - t
        wb.get_tboot()
        wb.get_vcov()
        wb.get_tstat()
        wb.get_pvalue(pval_type="two-tailed")
        return wb

    info = {"version": version("wildboottest"), "x_columns": int(X.shape[1]),
            "data_bytes": int(X.nbytes + Y.nbytes + cluster.nbytes), "stages": stages}

    def summarize(wb) -> dict:
        return {"p_value": float(wb.pvalue), "statistic": float(np.ravel(wb.t_stat)[0]),
                "estimate": float(wb.beta_hat[1]), "replicates": int(wb.B), "clusters": int(wb.G),
                "enumerated": bool(wb.full_enumeration)}

    return run, info, summarize


def numpy_pairs_job(meta: dict, cols: dict, args):
    X = np.column_stack([np.ones(meta["rows"]), cols["x1"], cols["x2"]])
    y = cols["y"]
    g = cols["g"]
    order = np.argsort(g, kind="stable")
    bounds = np.searchsorted(g[order], np.arange(int(g.max()) + 2))
    members = [order[bounds[c]:bounds[c + 1]] for c in range(int(g.max()) + 1)]
    n_clusters = len(members)

    def solve(Xb, yb):
        if args.solver == "normal":
            return np.linalg.solve(Xb.T @ Xb, Xb.T @ yb)
        return np.linalg.lstsq(Xb, yb, rcond=None)[0]

    def run():
        rng = np.random.default_rng(args.seed)
        out = np.empty((args.B, 2))
        for b in range(args.B):
            draw = rng.integers(0, n_clusters, size=n_clusters)
            idx = np.concatenate([members[c] for c in draw])
            out[b] = solve(X[idx], y[idx])[1:]
        return out

    t0 = solve(X, y)[1:]
    info = {"numpy": np.__version__, "solver": args.solver, "data_bytes": int(X.nbytes + y.nbytes + g.nbytes)}

    def summarize(out) -> dict:
        return {"t0": [float(v) for v in t0], "bootstrap_sd": [float(v) for v in out.std(axis=0, ddof=1)],
                "replicates": int(args.B), "clusters": n_clusters}

    return run, info, summarize


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(HERE, ".data"))
    p.add_argument("--mode", required=True, choices=["wildboottest", "numpy-pairs"])
    p.add_argument("--workload", default=None)
    p.add_argument("--B", type=int, default=None)
    p.add_argument("--solver", default="lstsq", choices=["lstsq", "normal"])
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--reps", type=int, default=3)
    p.add_argument("--budget", type=float, default=60.0)
    args = p.parse_args()
    wild = args.mode == "wildboottest"
    args.workload = args.workload or ("b1" if wild else "b2")
    args.B = args.B or (9999 if wild else 999)

    meta, cols = load(os.path.join(args.data, args.workload))
    job = wildboottest_job if wild else numpy_pairs_job
    run, info, summarize = job(meta, cols, args)
    record = {
        "tool": "wildboottest" if wild else "numpy",
        "workload": args.workload,
        "config": "WCR rademacher (dummies in X)" if wild else f"{args.solver} loop",
        "rows": meta["rows"],
        "formula": meta["formula"],
        "status": "ok",
        "load_before": load_average(),
        "peak_reset": reset_peak(),
        "rss_before_kb": status_kb("VmRSS"),
        **{k: v for k, v in info.items() if k != "stages"},
    }
    try:
        cpu = time.process_time()
        t = time.perf_counter()
        result = run()
        warm = time.perf_counter() - t
        times = []
        while len(times) < max(1, args.reps):
            if times and sum(times) + statistics.median(times) > args.budget:
                break
            t = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - t)
    except Exception as e:  # noqa: BLE001
        record.update(status="error", error=f"{type(e).__name__}: {str(e)[:500]}", trace=traceback.format_exc(limit=3)[-800:])
        print(json.dumps(record), flush=True)
        return 0
    cpu_per_run = (time.process_time() - cpu) / (len(times) + 1)
    record.update(rss_peak_kb=status_kb("VmHWM"), load_after=load_average(), warmup_s=warm, times_s=times,
                  cpu_per_run_s=cpu_per_run,
                  best_s=min(times), median_s=statistics.median(times), **summarize(result))
    if "stages" in info:
        record["stages_last_run"] = dict(info["stages"])
    print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
