#!/usr/bin/env python3
"""The Callaway-Sant'Anna part of the benchmark report (workloads cs0-cs3): CausalKit
(`causalkit-bench cs`) against moderndid and csdid (`cs_bench.py`), from results-cs.jsonl.

Usage: python3 report_cs.py <results folder>   (report.py includes this section)
"""

from __future__ import annotations

import json
import os
import sys

TITLES = {
    "cs0": "cs0 (2k units x 10)",
    "cs1": "cs1 (100k units x 10)",
    "cs2": "cs2 (1M units x 10)",
    "cs3": "cs3 (10M rows RCS, 3k schools)",
}


def jsonl(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip()]


def fmt_s(x) -> str:
    if x is None:
        return "–"
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def mb(kb) -> str:
    return "–" if kb is None or kb < 0 else f"{kb / 1024:,.0f} MB"


def ok(r: dict | None) -> bool:
    return bool(r) and r.get("status") == "ok" and r.get("median_s") is not None


def agreement(a: dict, b: dict) -> tuple[float | None, float | None]:
    """Max |Δ estimate| and max relative |Δ std. error| over the common event times (and the overall)."""
    if not ok(a) or not ok(b):
        return None, None
    da, db = dict(a.get("dynamic") or {}), dict(b.get("dynamic") or {})
    da["overall"], db["overall"] = a.get("overall"), b.get("overall")
    keys = [k for k in da if k in db and da[k] and db[k]]
    if not keys:
        return None, None
    est = max(abs(da[k]["estimate"] - db[k]["estimate"]) for k in keys)
    se = max(abs(da[k]["std_error"] - db[k]["std_error"]) / abs(db[k]["std_error"]) for k in keys)
    return est, se


def cs_report(run: str) -> list[str]:
    rows = jsonl(os.path.join(run, "results-cs.jsonl"))
    if not rows:
        return []
    out = ["## Callaway-Sant'Anna: CausalKit vs moderndid and csdid\n"]
    p = out.append
    p("did's \"dr\" estimator, never-treated controls, varying base period, analytic standard errors, then the "
      "dynamic (event-study) aggregation; one process per row. Peak RSS is VmHWM after a reset once the data "
      "were loaded (the data plus the working memory); \"ratio\" is the tool's median time over CausalKit's. "
      "Agreement: the largest absolute difference of the dynamic estimates (event times and overall) from "
      "CausalKit's, and the largest relative difference of their standard errors.\n")
    p("| workload | covariates | tool | median | best | runs | peak RSS | peak − before | ratio | max abs Δ estimate | max rel Δ s.e. | load before |")
    p("|---|---|---|---|---|---|---|---|---|---|---|---|")
    keys = []
    for r in rows:
        k = (r["workload"], r.get("config", ""))
        if k not in keys:
            keys.append(k)
    for w, config in sorted(keys):
        group = [r for r in rows if r["workload"] == w and r.get("config") == config]
        ck = next((r for r in group if r["tool"] == "causalkit" and ok(r)), None)
        for r in sorted(group, key=lambda r: (r["tool"] != "causalkit", r["tool"])):
            cov = config.replace("covariates=", "")
            if not ok(r):
                p(f"| {TITLES.get(w, w)} | {cov} | {r['tool']} | {r.get('status')} "
                  f"{('after ' + str(r['elapsed_s']) + ' s') if r.get('elapsed_s') else ''} | | | "
                  f"{mb(r.get('rss_peak_kb'))} | | | | | {str(r.get('error', ''))[-160:].replace('|', '/').replace(chr(10), ' ')} |")
                continue
            ratio = f"**{r['median_s'] / ck['median_s']:.0f}×**" if ck and r is not ck else ("1" if r is ck else "–")
            est, se = agreement(r, ck) if ck and r is not ck else (None, None)
            before = r.get("rss_before_kb")
            p(f"| {TITLES.get(w, w)} | {cov} | {r['tool']} {r.get('version', '')} | {fmt_s(r['median_s'])} | {fmt_s(r['best_s'])} "
              f"| {len(r.get('times_s') or [])} | {mb(r.get('rss_peak_kb'))} "
              f"| {mb(r['rss_peak_kb'] - before) if before is not None and r.get('rss_peak_kb') else '–'} | {ratio} "
              f"| {'–' if est is None else f'{est:.1e}'} | {'–' if se is None else f'{se:.1e}'} | {r.get('load_before', '–')} |")
    p("")
    cks = [r for r in rows if r["tool"] == "causalkit" and ok(r)]
    if cks:
        p("CausalKit detail (fit alone = `CallawaySantAnna.fit` once more after the timed runs, without the aggregation):\n")
        p("| workload | covariates | cells | units | fit alone | fit + dynamic (median) | warm-up | threads |")
        p("|---|---|---|---|---|---|---|---|")
        for r in cks:
            p(f"| {TITLES.get(r['workload'], r['workload'])} | {r['config'].replace('covariates=', '')} | {r.get('cells')} "
              f"| {r.get('units'):,} | {fmt_s(r.get('fit_s'))} | {fmt_s(r['median_s'])} | {fmt_s(r.get('warmup_s'))} | {r.get('threads')} |")
        p("")
    return out


if __name__ == "__main__":
    print("\n".join(cs_report(sys.argv[1])))
