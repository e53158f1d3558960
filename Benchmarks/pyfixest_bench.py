#!/usr/bin/env python3
"""Times pyfixest.feols on one benchmark workload with one demeaner configuration.

Reads the raw binary columns written by generate_data.py into a pandas DataFrame (untimed),
then runs ``pf.feols`` once untimed (warm-up: imports, numba JIT, page faults) and times
further runs with ``time.perf_counter``. Peak memory is the process's VmHWM from
/proc/self/status, reset (``echo 5 > /proc/self/clear_refs``) once the DataFrame is built, so
that it covers the estimation only (plus the resident data). Prints one JSON object per line,
in the same format as the Swift harness (``causalkit-bench fit``).

Usage:
  python3 pyfixest_bench.py --workload w1 --backend rust --tol default
  python3 pyfixest_bench.py --list-backends
Backends: rust (MapDemeaner, default), numba (MapDemeaner), jax (MapDemeaner),
within (LsmrDemeaner, Rust), scipy (LsmrDemeaner backend='cupy', device='cpu'), torch.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import time
import traceback
import warnings

import numpy as np
import pandas as pd

HERE = os.path.dirname(os.path.abspath(__file__))


def status_kb(field: str) -> int:
    with open("/proc/self/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def load_average() -> float:
    try:
        with open("/proc/loadavg") as f:
            return float(f.read().split()[0])
    except OSError:
        return -1.0


def reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


def load(data_dir: str, workload: str) -> tuple[dict, pd.DataFrame]:
    folder = os.path.join(data_dir, workload)
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    cols = {}
    for c in meta["columns"]:
        dtype = "<f8" if c["type"] == "float64" else "<i4"
        cols[c["name"]] = np.fromfile(os.path.join(folder, c["file"]), dtype=dtype)
    return meta, pd.DataFrame(cols, copy=False)


def backend_available(name: str) -> tuple[bool, str]:
    try:
        if name == "numba":
            import numba  # noqa: F401
        elif name == "jax":
            import jax  # noqa: F401
        elif name == "torch":
            import torch  # noqa: F401
        elif name == "scipy":
            import scipy.sparse.linalg  # noqa: F401
        return True, ""
    except ImportError as e:
        return False, f"{type(e).__name__}: {e}"


def make_demeaner(backend: str, tol: str):
    from pyfixest.demeaners import LsmrDemeaner, MapDemeaner

    t = None if tol == "default" else float(tol)
    if backend in ("rust", "numba", "jax"):
        return MapDemeaner(backend=backend) if t is None else MapDemeaner(backend=backend, fixef_tol=t)
    if backend == "within":
        return LsmrDemeaner(backend="within") if t is None else LsmrDemeaner(backend="within", fixef_atol=t, fixef_btol=t)
    if backend == "scipy":
        kw = {} if t is None else {"fixef_atol": t, "fixef_btol": t}
        return LsmrDemeaner(backend="cupy", device="cpu", **kw)
    if backend == "torch":
        kw = {} if t is None else {"fixef_atol": t, "fixef_btol": t}
        return LsmrDemeaner(backend="torch", device="cpu", **kw)
    raise ValueError(f"unknown backend {backend}")


def vcov_arg(meta: dict):
    v = meta["vcov"]
    if isinstance(v, dict) and "cluster" in v:
        return {"CRV1": v["cluster"]}
    return v


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(HERE, ".data"))
    p.add_argument("--workload")
    p.add_argument("--backend", default="rust")
    p.add_argument("--tol", default="default", help="'default' or a number (MAP fixef_tol; LSMR atol=btol)")
    p.add_argument("--reps", type=int, default=5, help="timed repetitions at most")
    p.add_argument("--budget", type=float, default=30.0, help="seconds of timed runs (at least one run; no further run that would exceed it)")
    p.add_argument(
        "--warmup-rows", type=int, default=0,
        help="run the untimed warm-up on the first N rows only (imports, numba JIT); 0 = full data")
    p.add_argument("--list-backends", action="store_true")
    args = p.parse_args()

    import pyfixest as pf

    if args.list_backends:
        for b in ("rust", "numba", "jax", "within", "scipy", "torch"):
            ok, why = backend_available(b)
            print(json.dumps({"backend": b, "available": ok, "reason": why}))
        return 0

    record = {
        "tool": "pyfixest",
        "version": pf.__version__,
        "workload": args.workload,
        "config": f"{args.backend}",
        "tolerance": args.tol,
        "status": "ok",
    }
    ok, why = backend_available(args.backend)
    if not ok:
        record.update(status="unavailable", error=why)
        print(json.dumps(record), flush=True)
        return 0

    meta, df = load(args.data, args.workload)
    record["rows"] = meta["rows"]
    record["formula"] = meta["formula"]
    record["data_bytes"] = int(sum(df[c].values.nbytes for c in df.columns))
    try:
        demeaner = make_demeaner(args.backend, args.tol)
    except Exception as e:  # invalid configuration
        record.update(status="error", error=f"{type(e).__name__}: {e}")
        print(json.dumps(record), flush=True)
        return 0
    record["demeaner"] = repr(demeaner)
    vcov = vcov_arg(meta)

    def run(data=df):
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            return pf.feols(meta["formula"], data=data, vcov=vcov, demeaner=demeaner)

    record["load_before"] = load_average()
    record["rss_data_kb"] = status_kb("VmRSS")
    record["peak_reset"] = reset_peak()
    record["rss_before_kb"] = status_kb("VmRSS")
    try:
        t0 = time.perf_counter()
        if args.warmup_rows > 0:
            # The slice only loads code paths (imports, numba JIT); a slice is a different, often
            # harder problem, so its own failure to converge is recorded and otherwise ignored.
            try:
                run(df.iloc[: args.warmup_rows].copy())
            except Exception as e:
                record["warmup_error"] = f"{type(e).__name__}: {str(e)[:200]}"
        else:
            fit = run(df)
        warm = time.perf_counter() - t0
        record["warmup_rows"] = args.warmup_rows or meta["rows"]
        times = []
        # At least one timed run; further runs while the next one fits in the budget.
        while len(times) < max(1, args.reps):
            if times and sum(times) + statistics.median(times) > args.budget:
                break
            t0 = time.perf_counter()
            fit = run()
            times.append(time.perf_counter() - t0)
    except Exception as e:
        record.update(status="error", error=f"{type(e).__name__}: {str(e)[:500]}")
        record["failed_after_s"] = time.perf_counter() - t0
        record["trace"] = traceback.format_exc(limit=3)[-800:]
        record["rss_peak_kb"] = status_kb("VmHWM")
        print(json.dumps(record), flush=True)
        return 0
    record["rss_peak_kb"] = status_kb("VmHWM")
    record.update(
        load_after=load_average(),
        warmup_s=warm,
        times_s=times,
        best_s=min(times),
        median_s=statistics.median(times),
        nobs=int(fit._N),
        coefficients={k: {"estimate": float(fit.coef()[k]), "std_error": float(fit.se()[k])} for k in fit.coef().index},
    )
    print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
