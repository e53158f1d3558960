#!/usr/bin/env python3
"""The bootstrap part of the benchmark report (B1, B2 and the Monte Carlo study).

Reads results-boot.jsonl (causalkit-bench wild / pairs, bootstrap_bench.py) and montecarlo.md
(causalkit-bench montecarlo) of one run.sh run. report.py includes it; it also runs alone:

Usage: python3 report_bootstrap.py Benchmarks/.results/<run>
"""

from __future__ import annotations

import json
import math
import os
import sys


def jsonl(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def ok(r: dict | None) -> bool:
    return bool(r) and r.get("status") == "ok" and r.get("median_s") is not None


def secs(x) -> str:
    return "–" if x is None else (f"{x:.3f} s" if x < 10 else f"{x:.1f} s")


def mb(kb) -> str:
    return "–" if kb is None or kb < 0 else f"{kb / 1024:,.0f} MB"


def rss(r: dict) -> str:
    """Resident set before the runs (data loaded) → peak during them (VmHWM after a reset)."""
    return f"{mb(r.get('rss_before_kb'))} → {mb(r.get('rss_peak_kb'))}"


def times(r: dict) -> str:
    return f"{secs(r['best_s'])} / {secs(r['median_s'])} ({len(r['times_s'])} runs)"


def cpu(r: dict) -> str:
    return secs(r.get("cpu_per_run_s"))


def loads(r: dict) -> str:
    return f"{r.get('load_before', float('nan')):.2f} → {r.get('load_after', float('nan')):.2f}"


def boot_report(run: str) -> list[str]:
    rows = jsonl(os.path.join(run, "results-boot.jsonl"))
    out: list[str] = []
    p = out.append
    find = lambda tool, w, config: next((r for r in rows if r["tool"] == tool and r["workload"] == w and r["config"] == config), None)  # noqa: E731
    if any(r["workload"] == "b1" for r in rows):
        p("## B1: wild cluster bootstrap, CausalKit vs wildboottest\n")
        p("N = 100,000, G = 50 schools, 10 years, `y ~ treat_post + x | school + year`, H0: β_treat_post = 0, "
          "WCR, Rademacher, B = 9,999, two-sided. wildboottest gets the school and year effects as dummy columns "
          "(61 columns). Times are best / median of warm runs (the model fit included). RSS: resident set of the "
          "process with the data loaded → peak during the runs (VmHWM, reset after loading).\n")
        p("| tool | configuration | best / median | CPU per run | RSS loaded → peak | p-value | t | estimate | 1-minute load |")
        p("|---|---|---|---|---|---|---|---|---|")
        for r in rows:
            if r["workload"] != "b1":
                continue
            if not ok(r):
                p(f"| {r['tool']} | {r['config']} | {r.get('status')}: {str(r.get('error', ''))[:200]} | | | | | | |")
                continue
            p(f"| {r['tool']} | {r['config']} | {times(r)} | {cpu(r)} | {rss(r)} | {r['p_value']:.4f} "
              f"| {r['statistic']:.4f} | {r['estimate']:.5f} | {loads(r)} |")
        ck, wb = find("causalkit", "b1", "WCR rademacher parallel"), find("wildboottest", "b1", "WCR rademacher (dummies in X)")
        if ok(ck) and ok(wb):
            b = ck["replicates"]
            # Both p-values estimate the same bootstrap p-value; each has Monte Carlo s.e. sqrt(p(1-p)/B).
            pbar = 0.5 * (ck["p_value"] + wb["p_value"])
            se = math.sqrt(2 * pbar * (1 - pbar) / b)
            p("")
            cpu_ratio = ""
            if ck.get("cpu_per_run_s") and wb.get("cpu_per_run_s"):
                cpu_ratio = f"; CPU time per run {wb['cpu_per_run_s'] / ck['cpu_per_run_s']:.1f}×"
            p(f"* Speed: wildboottest median / CausalKit median = **{wb['median_s'] / ck['median_s']:.1f}×** "
              f"(best / best {wb['best_s'] / ck['best_s']:.1f}×{cpu_ratio}).")
            p(f"* p-values: CausalKit {ck['p_value']:.4f}, wildboottest {wb['p_value']:.4f}: difference "
              f"{ck['p_value'] - wb['p_value']:+.4f}, {abs(ck['p_value'] - wb['p_value']) / se:.1f} Monte Carlo s.e. of a "
              f"difference of two independent B = {b:,} p-values (s.e. {se:.4f}). Analytic CR1 p-value (t(G−1)): "
              f"{ck.get('analytic_p_value', float('nan')):.4f}.")
            p(f"* t statistics: {ck['statistic']:.5f} vs {wb['statistic']:.5f} (ratio {ck['statistic'] / wb['statistic']:.5f}: "
              "the small-sample factors differ, see above).")
            st = wb.get("stages_last_run") or {}
            if st:
                p(f"* wildboottest stages (last timed run): constructor {secs(st.get('init_s'))}, scores + weights + numerator "
                  f"{secs(st.get('scores_weights_numer_s'))}, denominator (`get_denom`, numba) {secs(st.get('denom_s'))}.")
        p("")
    if any(r["workload"] == "b2" for r in rows):
        p("## B2: pairs cluster bootstrap, CausalKit vs a numpy loop\n")
        p("N = 100,000, G = 200 clusters, `y ~ x1 + x2`, B = 999 cluster resamples. Statistic: the x1 and x2 "
          "coefficients. `bootstrap <method> B=<B>`: the public API, `FixedEffectsBootstrap(scheme: .cluster(column: \"g\"), "
          "method:, terms: [\"x1\", \"x2\"]).run(model, on:)` (percentile: frequency-weight path; studentized: one "
          "refit per resample); the other rows use `BootstrapResampler` with a statistic. `feols`: `FixedEffectsModel(formula:).fit` per resample; `lean`: 3 × 3 normal equations "
          "(Cholesky) on the resample's columns; `resample`: the resampling alone (the statistic returns the row count). "
          "CPU per run: process CPU time (all threads) per run, averaged over the warm-up and timed runs.\n")
        p("| tool | configuration | best / median | per replicate (median) | CPU per run | RSS loaded → peak | bootstrap s.d. of x1 | 1-minute load |")
        p("|---|---|---|---|---|---|---|---|")
        for r in rows:
            if r["workload"] != "b2":
                continue
            if not ok(r):
                p(f"| {r['tool']} | {r['config']} | {r.get('status')}: {str(r.get('error', ''))[:200]} | | | | | |")
                continue
            sd = r.get("bootstrap_sd") or []
            sd_text = f"{sd[0]:.5f}" if sd and not r["config"].startswith("resample") else "–"
            p(f"| {r['tool']} | {r['config']} | {times(r)} | {r['median_s'] / r['replicates'] * 1e3:.3f} ms "
              f"| {cpu(r)} | {rss(r)} | {sd_text} | {loads(r)} |")
        p("")
        for par in rows:
            if par["workload"] != "b2" or par["tool"] != "causalkit" or " parallel" not in par["config"]:
                continue
            ser = find("causalkit", "b2", par["config"].replace(" parallel", " serial"))
            if ok(par) and ok(ser):
                p(f"* `{par['config'].replace(' parallel', '')}`: serial / parallel = "
                  f"**{ser['median_s'] / par['median_s']:.2f}×** on {par.get('threads')} cores.")
        npl = find("numpy", "b2", "lstsq loop")
        for stat in ("bootstrap percentile B=999", "bootstrap studentized B=999", "feols", "lean"):
            for mode in ("parallel", "serial"):
                par = find("causalkit", "b2", f"{stat} {mode}")
                if ok(par) and ok(npl):
                    p(f"* numpy lstsq loop / CausalKit `{stat}` ({mode}) = **{npl['median_s'] / par['median_s']:.2f}×** "
                      f"wall (medians), {npl['cpu_per_run_s'] / par['cpu_per_run_s']:.2f}× CPU.")
        ck = find("causalkit", "b2", "feols parallel")
        if ok(ck) and ok(npl):
            p(f"* x1 coefficient {ck['t0'][0]:.6f} (CausalKit) / {npl['t0'][0]:.6f} (numpy); bootstrap s.d. "
              f"{ck['bootstrap_sd'][0]:.5f} / {npl['bootstrap_sd'][0]:.5f} (different random streams; the Monte Carlo "
              f"s.e. of an s.d. from B = {ck['replicates']} is about s.d./√(2B) = {ck['bootstrap_sd'][0] / math.sqrt(2 * ck['replicates']):.5f}).")
        p("")
    mc = os.path.join(run, "montecarlo.md")
    if os.path.exists(mc):
        p("## Monte Carlo: rejection rates of a true null (causalkit-bench montecarlo)\n")
        out.extend(open(mc).read().rstrip().splitlines())
        p("")
    return out


if __name__ == "__main__":
    print("\n".join(boot_report(sys.argv[1])))
