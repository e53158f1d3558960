#!/usr/bin/env python3
"""Times Callaway-Sant'Anna in moderndid (``att_gt`` + ``aggte``) or csdid (``ATTgt(...).fit`` +
``.aggte``) on the staggered-adoption workloads (cs0-cs3), with the protocol of the Swift harness
(`causalkit-bench cs`): load the raw columns written by generate_data.py into a DataFrame
(untimed), reset the peak RSS, one untimed warm-up, timed runs within a budget, one JSON line.

What is timed, for both tools: the group-time effects by the doubly robust estimator (did's
``"dr"``), never-treated controls, varying base period, analytic standard errors (no bootstrap),
then the dynamic (event-study) aggregation, also without bootstrap. moderndid runs with its
defaults (numpy backend, ``n_jobs=1``) on a polars DataFrame (its native format), except
``cband=False``: with its default ``cband=True`` moderndid's ``aggte`` runs a 1,000-draw multiplier
bootstrap for the simultaneous band even without ``boot`` (an n x 1,000 int64 array: 7.45 GiB at
1M units); csdid on a pandas DataFrame (its ``cband`` defaults to False). Panels (cs0-cs2) use the unit column ``id``; the repeated cross-sections (cs3)
use ``panel=False`` and cluster by ``school``.

Usage: python3 cs_bench.py --tool moderndid|csdid --workload cs1 [--covariates 0|3] [--reps 5]
       [--budget 30] [--warmup 1|0]

``--warmup 0`` skips the warm-up (one timed run only; for runs of several minutes).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import statistics
import sys
import time
import traceback
import warnings

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from pyfixest_bench import load_average, reset_peak, status_kb  # noqa: E402

COVARIATES = ["x1", "x2", "x3"]


def load(folder: str, meta: dict) -> dict:
    cols = {}
    for c in meta["columns"]:
        dtype = "<f8" if c["type"] == "float64" else "<i4"
        cols[c["name"]] = np.fromfile(os.path.join(folder, c["file"]), dtype=dtype)
    return cols


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--data", default=os.path.join(HERE, ".data"))
    p.add_argument("--workload", default="cs1")
    p.add_argument("--tool", default="moderndid", choices=["moderndid", "csdid"])
    p.add_argument("--covariates", type=int, default=0, choices=[0, 3])
    p.add_argument("--reps", type=int, default=5)
    p.add_argument("--budget", type=float, default=30.0)
    p.add_argument("--warmup", type=int, default=1)
    args = p.parse_args()
    warnings.simplefilter("ignore")

    folder = os.path.join(args.data, args.workload)
    with open(os.path.join(folder, "meta.json")) as f:
        meta = json.load(f)
    panel = meta["kind"] == "staggered-panel"
    cols = load(folder, meta)
    names = ["y", "year", "first_treat"] + (["id"] if panel else ["school"])
    names += COVARIATES if args.covariates else []
    data_bytes = int(sum(cols[c].nbytes for c in names))
    covs = " + ".join(COVARIATES)

    if args.tool == "moderndid":
        import moderndid
        import polars as pl

        version = moderndid.__version__
        frame = pl.DataFrame({c: cols[c] for c in names})

        def run():
            kwargs = dict(
                yname="y", tname="year", gname="first_treat", est_method="dr", control_group="nevertreated",
                base_period="varying", boot=False, cband=False, xformla=f"~ {covs}" if args.covariates else None)
            if panel:
                kwargs.update(idname="id", panel=True)
            else:
                kwargs.update(panel=False, clustervars=["school"])
            mp = moderndid.att_gt(data=frame, **kwargs)
            agg = moderndid.aggte(mp, type="dynamic", cband=False)
            events = [int(e) for e in agg.event_times]
            return (len(mp.groups), agg.overall_att, agg.overall_se,
                    {str(e): {"estimate": float(a), "std_error": float(s)}
                     for e, a, s in zip(events, agg.att_by_event, agg.se_by_event)})
    else:
        import csdid
        from csdid.att_gt import ATTgt
        import pandas as pd

        version = csdid.__version__ if hasattr(csdid, "__version__") else "?"
        try:
            from importlib.metadata import version as pkg_version
            version = pkg_version("csdid")
        except Exception:
            pass
        frame = pd.DataFrame({c: cols[c].astype(np.int64) if cols[c].dtype.kind == "i" else cols[c] for c in names})

        def run():
            kwargs = dict(yname="y", tname="year", gname="first_treat", data=frame, control_group=["nevertreated"],
                          xformla=f"y ~ {covs}" if args.covariates else None)
            if panel:
                kwargs.update(idname="id", panel=True)
            else:
                kwargs.update(idname=None, panel=False, clustervar="school")
            with contextlib.redirect_stdout(io.StringIO()):
                att = ATTgt(**kwargs).fit(est_method="dr", base_period="varying", bstrap=False)
                att.aggte(typec="dynamic", bstrap=False, cband=False)
            out = att.atte
            events = [int(e) for e in np.asarray(out["egt"]).ravel()]
            est = np.asarray(out["att_egt"], dtype=float).ravel()
            se = np.asarray(out["se_egt"], dtype=float).ravel()
            return (len(np.asarray(att.MP["group"]).ravel()) if "group" in att.MP else None,
                    float(np.asarray(out["overall_att"]).ravel()[0]), float(np.asarray(out["overall_se"]).ravel()[0]),
                    {str(e): {"estimate": float(a), "std_error": float(s)} for e, a, s in zip(events, est, se)})
    del cols

    record = {
        "tool": args.tool, "version": version, "workload": args.workload, "config": f"covariates={args.covariates}",
        "method": "att_gt dr, never treated, varying base, analytic SE; aggte dynamic",
        "rows": meta["rows"], "data_bytes": data_bytes, "status": "ok", "load_before": load_average(),
        "peak_reset": reset_peak(), "rss_before_kb": status_kb("VmRSS"),
    }
    try:
        warm = None
        result = None
        if args.warmup:
            t0 = time.perf_counter()
            result = run()
            warm = time.perf_counter() - t0
        times = []
        while len(times) < max(1, args.reps):
            if times and sum(times) + statistics.median(times) > args.budget:
                break
            result = None
            t0 = time.perf_counter()
            result = run()
            times.append(time.perf_counter() - t0)
    except Exception as e:  # noqa: BLE001
        record.update(status="error", error=f"{type(e).__name__}: {str(e)[:500]}",
                      trace=traceback.format_exc(limit=4)[-1200:], rss_peak_kb=status_kb("VmHWM"))
        print(json.dumps(record), flush=True)
        return 0
    cells, overall, overall_se, dynamic = result
    record.update(
        rss_peak_kb=status_kb("VmHWM"), load_after=load_average(), warmup_s=warm, times_s=times,
        best_s=min(times), median_s=statistics.median(times), cells=cells,
        overall={"estimate": float(overall), "std_error": float(overall_se)}, dynamic=dynamic)
    print(json.dumps(record), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
