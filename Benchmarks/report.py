#!/usr/bin/env python3
"""Builds the benchmark report (Markdown) from the JSON lines of one run.sh run.

Usage: python3 report.py Benchmarks/.results/<run>
Reads machine.txt, bandwidth.jsonl, kernel.jsonl, results.jsonl, pyfixest_backends.jsonl,
profile-<w>.jsonl and perf-<w>.txt (fixed-effects workloads), results-ps.jsonl (matching and
logit workloads), results-boot.jsonl and montecarlo.md (bootstrap workloads, see report_bootstrap.py)
results-md.jsonl (mediation workloads) and results-cs.jsonl (Callaway-Sant'Anna, see report_cs.py), when present, and prints the report on standard output.
"""

from __future__ import annotations

import json
import math
import os
import re
import statistics
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from report_bootstrap import boot_report  # noqa: E402
from report_cs import cs_report  # noqa: E402

WORKLOAD_TITLES = {
    "w1": "W1: 1M rows, FE 100k + 1k + 4, cluster fe2",
    "w2": "W2: 10M rows, FE 1M + 10k, iid",
    "w3": "W3: 1M rows, worker-firm-year (difficult)",
}
SWITCH_ITERATIONS = 50  # DemeaningOptions.switchIterations default
PERF_SAMPLE_HZ = 2000  # run.sh: perf record -F 2000


def jsonl(path: str) -> list[dict]:
    if not os.path.exists(path):
        return []
    with open(path) as f:
        return [json.loads(line) for line in f if line.strip().startswith("{")]


def fmt_s(x) -> str:
    if x is None:
        return "–"
    return f"{x:.3f} s" if x < 10 else f"{x:.1f} s"


def mb(kb) -> str:
    return "–" if kb is None or kb < 0 else f"{kb / 1024:,.0f} MB"


def tol_key(r: dict) -> str:
    t = str(r.get("tolerance", ""))
    return "default" if t.startswith("default") else t


def max_rel_diff(a: dict, b: dict, field: str) -> float | None:
    if not a or not b:
        return None
    common = set(a) & set(b)
    if not common:
        return None
    return max(abs(a[k][field] - b[k][field]) / max(abs(b[k][field]), 1e-300) for k in common)


def sci(x) -> str:
    return "–" if x is None else f"{x:.1e}"


def ok(r: dict) -> bool:
    return r.get("status") == "ok" and r.get("median_s") is not None


# ---------------------------------------------------------------------------------------------
# Profile: perf self-time by phase


PHASES = [
    ("data loading (harness, excluded)", r"causalkit_bench\.Workload|Workload\.|JSONDecoder|Foundation\.Data|DataTable\.init|Column\.init|_JSON|NSData|mmap"),
    ("fixed-effect layouts (sorting codes by level)", r"FixedEffectLayout|FixedEffectStructure"),
    ("Schur complement build + incomplete Cholesky (set-up of the CG solver)", r"SparseSchurComplement\.init|IncompleteCholesky\.factor|IncompleteCholesky\.init|SchurConjugateGradient\.preconditioner|SchurConjugateGradient\.init"),
    ("demeaning", r"AlternatingProjections|FixedEffectProjector|SchurConjugateGradient|SparseSchurComplement|IncompleteCholesky|Demeaner|DemeaningOutcome|ParallelMap|ParallelChunks|NumericBuffer|SharedPointer|SharedReadPointer|copyVariable"),
    ("singleton removal + re-subsetting", r"SingletonFilter|LinearProblem\.filter|LinearProblem\.subset|LinearProblem\.compact|subset\("),
    ("model frame (formula, factor coding, design)", r"ModelFrame|FactorCoder|FactorCodes|TermExpander|TermResolver|ListwiseDeletion|ExpressionEvaluator|DesignColumn|Formula|LinearProblem\.init"),
    ("least squares (QR, BLAS/LAPACK)", r"PivotedQR|liblapack|libblas|libopenblas|dgeq|dlaq|dorm|dtrsm|dgemm|dgemv|ddot|dnrm2|Matrix|gram|sequentiallyIndependentColumns|Cholesky|Triangular"),
    ("variance + tidy rows", r"SandwichVariance|TidyRows|Distribution|isNested|ConnectedComponents|FDistributionTail|TermVariance"),
    ("estimator body (inlined sums of squares, residuals)", r"FixedEffectsEstimator|weightedSumOfSquares|sumOfSquares|weightedProducts|weighted\(|weightedMatrix|residualsOf|fittedValues"),
    ("allocation, copying, page faults (libc/kernel)", r"\[kernel|malloc|free|memset|memmove|memcpy|clear_page|page_fault|_int_|cfree|realloc|calloc|swift_(allocObject|release|retain|bridgeObject|arrayInit)|ContiguousArrayBuffer|_copyContents|Array.*init\(repeating|__memset|__memmove|swift_slowAlloc|swift_slowDealloc"),
]


def parse_perf(path: str) -> list[tuple[float, str, str]]:
    rows = []
    if not os.path.exists(path):
        return rows
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r"\s*([\d.]+)%\s+(\S+)\s+\[[.k]\]\s+(.*?)(\s+-\s+-)?\s*$", line)
            if m:
                rows.append((float(m.group(1)), m.group(2), m.group(3).strip()))
    return rows


def classify(dso: str, sym: str) -> str:
    text = f"{dso} {sym}"
    if dso.startswith("[kernel"):
        return "allocation, copying, page faults (libc/kernel)"
    for name, pattern in PHASES:
        if re.search(pattern, text):
            return name
    return "other"


def total_samples(path: str) -> int | None:
    if not os.path.exists(path):
        return None
    with open(path, errors="replace") as f:
        for line in f:
            m = re.match(r"# Samples: ([\d.]+)([KM]?)", line)
            if m:
                return int(float(m.group(1)) * {"": 1, "K": 1e3, "M": 1e6}[m.group(2)])
    return None


# ---------------------------------------------------------------------------------------------


def main() -> int:
    run = sys.argv[1]
    results = jsonl(os.path.join(run, "results.jsonl"))
    bandwidth = jsonl(os.path.join(run, "bandwidth.jsonl"))
    kernel = jsonl(os.path.join(run, "kernel.jsonl"))
    backends = jsonl(os.path.join(run, "pyfixest_backends.jsonl"))
    machine = open(os.path.join(run, "machine.txt")).read().strip() if os.path.exists(os.path.join(run, "machine.txt")) else ""
    workloads = sorted({r["workload"] for r in results})
    out = []
    p = out.append

    p("# CausalKit benchmarks\n")
    p("```\n" + machine + "\n```\n")
    if not results:
        out.extend(ps_report(run))
        out.extend(boot_report(run))
        out.extend(md_report(run))
        out.extend(cs_report(run))
        print("\n".join(out))
        return 0
    p("## Fixed-effects regressions: CausalKit vs pyfixest\n")

    ck = {(r["workload"], r["config"], tol_key(r)): r for r in results if r["tool"] == "causalkit"}
    py = [r for r in results if r["tool"] == "pyfixest"]
    ref = {w: ck.get((w, "automatic", "default")) for w in workloads}

    # --- Summary table --------------------------------------------------------------------
    p("## Summary (median of the timed runs; warm; estimation only, data already in memory)\n")
    p("| workload | setting | CausalKit | pyfixest best (backend) | ratio pyfixest / CausalKit | peak RSS CausalKit | peak RSS pyfixest | max rel. diff of coefficients |")
    p("|---|---|---|---|---|---|---|---|")
    settings = [
        ("defaults: CausalKit 1e-10, pyfixest default", ("automatic", "default"), "default"),
        ("both 1e-10", ("automatic", "default"), "1e-10"),
        ("loose: CausalKit 1e-6, pyfixest default", ("automatic", "1e-6"), "default"),
    ]
    for w in workloads:
        for label, (cm, ct), ptol in settings:
            c = ck.get((w, cm, ct))
            cands = [r for r in py if r["workload"] == w and tol_key(r) == ptol and ok(r)]
            best = min(cands, key=lambda r: r["median_s"]) if cands else None
            ctime = c["median_s"] if c and ok(c) else None
            ratio = f"{best['median_s'] / ctime:.2f}×" if best and ctime else "–"
            diff = max_rel_diff(c.get("coefficients") if c else None, best.get("coefficients") if best else None, "estimate")
            p(
                f"| {WORKLOAD_TITLES.get(w, w)} | {label} | {fmt_s(ctime) if c and ok(c) else (c or {}).get('status', '–')} "
                f"| {fmt_s(best['median_s']) + ' (' + best['config'] + ')' if best else 'none converged'} | {ratio} "
                f"| {mb(c.get('rss_peak_kb')) if c else '–'} | {mb(best.get('rss_peak_kb')) if best else '–'} | {sci(diff)} |"
            )
    p("")
    p("Ratios above 1 mean CausalKit is faster. Peak RSS is the process's VmHWM, reset after the data was loaded, "
      "so it is the resident data plus the estimation's working memory.\n")

    # --- CausalKit detail -------------------------------------------------------------------
    p("## CausalKit runs\n")
    p("| workload | method | tol | best | median | runs | model frame alone (median) | demeaning (method: iterations per variable) | nobs | peak RSS | peak − before | data size |")
    p("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        if r["tool"] != "causalkit":
            continue
        if not ok(r):
            p(f"| {r['workload']} | {r['config']} | {r.get('tolerance')} | {r.get('status')} | | | | {str(r.get('error', ''))[:200]} | | | | |")
            continue
        dem = ", ".join(f"{m}: {i}" for m, i in zip(r.get("demeaning_methods", []), r.get("demeaning_iterations", [])))
        p(
            f"| {r['workload']} | {r['config']} | {r['tolerance']} | {fmt_s(r['best_s'])} | {fmt_s(r['median_s'])} | {len(r['times_s'])} "
            f"| {fmt_s(r.get('frame_median_s'))} | {dem} | {r.get('nobs')} | {mb(r['rss_peak_kb'])} "
            f"| {mb(r['rss_peak_kb'] - r['rss_before_kb'])} | {r['data_bytes'] / 1e6:,.0f} MB |"
        )
    p("")

    # --- pyfixest detail --------------------------------------------------------------------
    p("## pyfixest runs (every demeaner backend)\n")
    unavailable = [b for b in backends if not b.get("available")]
    if unavailable:
        p("Backends not installed here: " + "; ".join(f"`{b['backend']}` ({b['reason']})" for b in unavailable) + ".\n")
    p("| workload | backend | tol | status | best | median | runs | peak RSS | peak − before | max rel. diff coef vs CausalKit (1e-10) | max rel. diff SE | note |")
    p("|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in py:
        if r.get("status") == "unavailable":
            continue
        c = ref.get(r["workload"])
        if ok(r):
            d = max_rel_diff(r.get("coefficients"), c.get("coefficients") if c else None, "estimate")
            s = max_rel_diff(r.get("coefficients"), c.get("coefficients") if c else None, "std_error")
            note = f"warm-up on {r['warmup_rows']:,} rows" if r.get("warmup_rows") and r.get("warmup_rows") != r.get("rows") else ""
            p(
                f"| {r['workload']} | {r['config']} | {r['tolerance']} | ok | {fmt_s(r['best_s'])} | {fmt_s(r['median_s'])} | {len(r['times_s'])} "
                f"| {mb(r['rss_peak_kb'])} | {mb(r['rss_peak_kb'] - r['rss_before_kb'])} | {sci(d)} | {sci(s)} | {note} |"
            )
        else:
            err = str(r.get("error", "")).replace("\n", " ").replace("|", "/")[-220:]
            extra = f" after {r['elapsed_s']} s" if r.get("elapsed_s") is not None else ""
            if r.get("failed_after_s") is not None:
                extra = f" after {r['failed_after_s']:.1f} s"
            p(f"| {r['workload']} | {r['config']} | {r['tolerance']} | {r.get('status')}{extra} | | | | | | | | {err} |")
    p("")

    # --- Physical limits --------------------------------------------------------------------
    p("## Physical limits\n")
    bw = {(b["kernel"], b["threads"]): b["gb_per_s"] for b in bandwidth}
    if bandwidth:
        p("Memory bandwidth (`causalkit-bench bandwidth`, 256 MiB arrays, best of 10):\n")
        p("| kernel | threads | GB/s |")
        p("|---|---|---|")
        compute = {}
        for b in bandwidth:
            if b["bytes"] == 0:
                compute[b["threads"]] = b["best_s"]
                continue
            p(f"| {b['kernel']} | {b['threads']} | {b['gb_per_s']:.1f} |")
        p("")
        if len(compute) == 2:
            t1, t2 = compute[min(compute)], compute[max(compute)]
            p(f"Second-core check: a compute-only loop (fixed total work) ran {t1 / t2:.2f}× faster on {max(compute)} threads "
              f"than on 1 (2.0× when the second core is free). "
              + ("The second core was busy with other work during this run, so two-thread figures understate the machine."
                 if t1 / t2 < 1.6 else "The second core was available.") + "\n")
    if kernel:
        p("Alternating-projection sweep replicated on the real codes (`causalkit-bench kernel`), and a plain read of the code arrays:\n")
        p("| workload | kernel | threads | code bytes per sweep/pass | time per sweep/pass | code bytes / s |")
        p("|---|---|---|---|---|---|")
        for k in kernel:
            p(f"| {k['workload']} | {k['kernel']} | {k['threads']} | {k['code_bytes_per_sweep'] / 1e6:,.0f} MB | {k['seconds_per_sweep'] * 1e3:.2f} ms | {k['code_gb_per_s']:.1f} GB/s |")
        p("")

    # --- Profile ------------------------------------------------------------------------------
    phase_seconds = {}
    for w in workloads:
        perf = parse_perf(os.path.join(run, f"perf-{w}.txt"))
        prof = jsonl(os.path.join(run, f"profile-{w}.jsonl"))
        if not perf or not prof or not ok(prof[0]):
            continue
        pr = prof[0]
        n_samples = total_samples(os.path.join(run, f"perf-{w}.txt"))
        fits = 1 + len(pr["times_s"])
        fit_wall = pr["warmup_s"] + sum(pr["times_s"])
        by = {}
        tops = {}
        for pct, dso, sym in perf:
            ph = classify(dso, sym)
            by[ph] = by.get(ph, 0.0) + pct
            tops.setdefault(ph, []).append((pct, sym))
        load = by.pop("data loading (harness, excluded)", 0.0)
        fit_pct = sum(by.values())
        p(f"## Profile of one CausalKit fit, {w} (perf cpu-clock, one core via taskset)\n")
        p(f"Fit time on one core: {fmt_s(pr['median_s'])} (median; 2 cores: "
          f"{fmt_s(ck.get((w, 'automatic', 'default'), {}).get('median_s'))}). "
          f"perf samples: {n_samples}; {load:.1f}% of them were data loading in the harness and are excluded. "
          f"Seconds per phase = share of the fit's samples × the fit's one-core time.\n")
        p("| phase | share of fit | seconds per fit (1 core) | top symbols (self %) |")
        p("|---|---|---|---|")
        secs = {}
        for ph, pct in sorted(by.items(), key=lambda kv: -kv[1]):
            share = pct / fit_pct if fit_pct else 0
            secs[ph] = share * fit_wall / fits
            top = "; ".join(f"{s[:70]} ({q:.1f}%)" for q, s in sorted(tops[ph], reverse=True)[:3])
            p(f"| {ph} | {share * 100:.1f}% | {secs[ph]:.3f} | {top} |")
        p("")
        phase_seconds[w] = (secs, fit_wall / fits)

    # --- Demeaning throughput ---------------------------------------------------------------
    rows = []
    for w in workloads:
        c = ref.get(w)
        if not c or not ok(c) or w not in phase_seconds:
            continue
        secs, one_core_fit = phase_seconds[w]
        n = c["nobs"]
        dims = len(c.get("fixed_effect_levels", {})) or 2
        rest = dims - 1
        m = len(c["demeaning_methods"])
        its = c["demeaning_iterations"]
        cg = [i for mth, i in zip(c["demeaning_methods"], its) if mth == "conjugate-gradient"]
        # All variables share every pass (FixedEffectProjector works on m interleaved variables), so
        # the number of passes is the largest iteration count, not the sum.
        switch = c.get("switch_iterations", SWITCH_ITERATIONS)
        explicit = (c.get("schur_cost_per_observation") or 1e9) <= 50
        if cg:
            sweeps_total = switch if c["config"] == "automatic" else 0
            steps_total = max(cg) - sweeps_total
        else:
            sweeps_total, steps_total = max(its), 0
        # Sorted-layout passes (FixedEffectProjector.gatherSum): updating dimension d reads the D−1
        # other dimensions' codes in d's order, so a sweep reads D(D−1)·4 bytes per observation.
        # A conjugate-gradient step on the implicit Schur complement (SchurConjugateGradient.apply)
        # reads R codes for the eliminated dimension's pass and R per remaining dimension, 4R(R+1);
        # on the explicit sparse Schur complement (SparseSchurComplement, chosen when
        # R·Σ_g n_g² ≤ 50 n) a step touches only the sparse matrix and its incomplete Cholesky
        # factor, no observation. CG set-up: right-hand side R·4, recovery R·4 (+ R·4 to build S).
        # Start: group sums read the codes or the permutation (4 B) and the m variables (8m B) per
        # dimension. End: subtraction reads the codes (4 B) and updates the variables (16m B) per
        # dimension.
        per_step = 0 if explicit else rest * (rest + 1)
        setup = (3 * rest if explicit else 2 * rest) if steps_total else 0
        code_bytes = 4 * n * (sweeps_total * dims * rest + steps_total * per_step + 2 * dims + setup)
        all_bytes = code_bytes + n * dims * (8 * m + 16 * m)
        demean_1 = secs.get("demeaning", 0.0)
        rows.append((w, c, dims, sweeps_total, f"{steps_total}{' (explicit S)' if explicit and steps_total else ''}", code_bytes, all_bytes, demean_1, one_core_fit))
    if rows:
        p("## Demeaning throughput vs memory bandwidth\n")
        p("Bytes counted from the code (FixedEffectProjector over the sorted FixedEffectLayouts; all variables share "
          "each pass): an alternating-projection sweep over D dimensions reads D(D−1)·4 bytes of int32 codes per "
          "observation; a conjugate-gradient step on the implicit Schur complement reads 4R(R+1) with R = D−1, "
          "one on the explicit sparse Schur complement (marked 'explicit S') reads no observation data; the start "
          "(group sums) and the end (subtraction) read 2D·4 bytes of codes and stream the m variables. "
          "'all bytes' adds the streamed doubles of the start (8m per dimension) and end (16m per dimension). Demeaning time is measured on one core: the "
          "perf share of the demeaning symbols × the one-core fit time (layout sorting excluded). The two-core split "
          "of a fit cannot be read off a sampling profile; the sweep kernel above gives the two-thread rate of the "
          "same loop.\n")
        p("| workload | D | AP sweeps | CG steps | code bytes | all bytes | fit 1 core (mean of profiled fits) | fit 2 cores (median) | demeaning (1 core) | code GB/s | all GB/s | read bandwidth 1 core | share of bandwidth (all bytes) |")
        p("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
        for w, c, dims, sw, st, cb, ab, d1, f1 in rows:
            b1 = bw.get(("read", 1), float("nan"))
            p(
                f"| {w} | {dims} | {sw} | {st} | {cb / 1e9:.2f} GB | {ab / 1e9:.2f} GB | {fmt_s(f1)} | {fmt_s(c['median_s'])} "
                f"| {d1:.3f} s | {cb / max(d1, 1e-9) / 1e9:.1f} | {ab / max(d1, 1e-9) / 1e9:.1f} | {b1:.1f} GB/s "
                f"| {ab / max(d1, 1e-9) / 1e9 / b1 * 100:.0f}% |"
            )
        p("")
    out.extend(ps_report(run))
    out.extend(boot_report(run))
    out.extend(md_report(run))
    out.extend(cs_report(run))
    print("\n".join(out))
    return 0


# ---------------------------------------------------------------------------------------------
# Propensity-score matching (CausalKit vs MatchIt) and logistic regression (vs statsmodels)


def best_median(r: dict | None) -> str:
    if r is None:
        return "not run"
    if not ok(r):
        st = r.get("status", "?")
        if st == "timeout":
            return f"> {r.get('elapsed_s', '?')} s (timeout)"
        return st
    return f"{fmt_s(r['best_s'])} / {fmt_s(r['median_s'])}"


def ratio(slow: dict | None, fast: dict | None, key: str = "median_s") -> str:
    if slow is not None and fast is not None and ok(fast) and slow.get("status") == "timeout":
        return f"> {slow['elapsed_s'] / fast[key]:,.0f}× (lower bound)"
    if not slow or not fast or not ok(slow) or not ok(fast):
        return "–"
    return f"{slow[key] / fast[key]:,.1f}×"


def ps_report(run: str) -> list[str]:
    rows = jsonl(os.path.join(run, "results-ps.jsonl"))
    if not rows:
        return []
    out = []
    p = out.append
    by = {(r["tool"], r["workload"], r["config"]): r for r in rows}
    matching = sorted({r["workload"] for r in rows if r["workload"].startswith("m")})
    logit = sorted({r["workload"] for r in rows if r["workload"].startswith("l")})
    if matching:
        p("## Propensity-score matching: CausalKit vs MatchIt\n")
        p("1:1 nearest neighbour without replacement, ATT, largest score first, caliper 0.2 SD of the score. "
          "Times are best / median of the timed runs (warm, data in memory); ratios use medians. "
          "'matcher' = `NearestNeighborMatcher.match` on the precomputed score vs `matchit(distance = ps)`; "
          "'pipeline' = `PropensityScoreMatching.run` (logit + matching + balance table) vs "
          "`matchit(distance = \"glm\")` (logit + matching, no balance summary).\n")
        p("| workload | units (treated) | CausalKit matcher | MatchIt, distance = ps | ratio | CausalKit pipeline | MatchIt, distance = \"glm\" | ratio | treated matched CausalKit / MatchIt | pairs wider than the caliper CausalKit / MatchIt | caliper width CausalKit / MatchIt | peak RSS CausalKit pipeline / MatchIt glm |")
        p("|---|---|---|---|---|---|---|---|---|---|---|---|")
        for w in matching:
            cm, cp = by.get(("causalkit", w, "matcher")), by.get(("causalkit", w, "pipeline"))
            ms, mg = by.get(("matchit", w, "scores")), by.get(("matchit", w, "glm"))
            ref = next((r for r in (cm, cp) if r and ok(r)), None)
            mref = next((r for r in (mg, ms) if r and ok(r)), None)
            units = f"{ref['rows']:,} ({ref['treated']:,})" if ref else "–"
            tm = f"{ref['treated_matched']:,} / {mref['treated_matched']:,}" if ref and mref else "–"
            outside = (f"{ref.get('pairs_outside_caliper', '–')} (max gap {ref.get('max_pair_gap', float('nan')):.4f}) / "
                       f"{mref['pairs_outside_caliper']:,} (max gap {mref['max_pair_gap']:.4f})") if ref and mref else "–"
            cal = f"{ref['caliper_width']:.6g} / {mref['caliper_width']:.6g}" if ref and mref else "–"
            rss = f"{mb(cp.get('rss_peak_kb')) if cp else '–'} / {mb(mg.get('rss_peak_kb')) if mg and ok(mg) else '–'}"
            p(f"| {w} | {units} | {best_median(cm)} | {best_median(ms)} | {ratio(ms, cm)} | {best_median(cp)} "
              f"| {best_median(mg)} | {ratio(mg, cp)} | {tm} | {outside} | {cal} | {rss} |")
        p("")
        notes = [r for r in rows if r["workload"] in matching and (not ok(r) or r.get("note"))]
        for r in notes:
            text = r.get("note") if ok(r) else str(r.get("error", "")).strip()[:300]
            p(f"* {r['tool']} {r['workload']} {r['config']}: {r.get('status')} — {text}")
        if notes:
            p("")
        loads = [r.get(k) for r in rows if r["workload"] in matching for k in ("load_before", "load_after") if r.get(k) is not None]
        if loads:
            p(f"1-minute load average during these runs: {min(loads):.2f}–{max(loads):.2f} (2 cores).\n")
        for w in matching:
            cp = by.get(("causalkit", w, "pipeline"))
            mg = by.get(("matchit", w, "glm"))
            if cp and ok(cp) and cp.get("max_abs_score_diff") is not None:
                extra = ""
                if mg and ok(mg) and mg.get("max_abs_score_diff") is not None:
                    extra = f"; MatchIt's glm scores: {mg['max_abs_score_diff']:.1e}"
                p(f"* {w}: max |score − ps| for CausalKit's logit (in {cp.get('iterations')} iterations): "
                  f"{cp['max_abs_score_diff']:.1e}{extra}.")
            if cp and ok(cp) and cp.get("stage_logit_s") is not None:
                lm = cp["stage_logit_s"] + cp["stage_match_s"]
                vs = f"; MatchIt glm / (logit + matching): {mg['median_s'] / lm:,.1f}×" if mg and ok(mg) else ""
                if mg and mg.get("status") == "timeout":
                    vs = f"; MatchIt glm / (logit + matching): > {mg['elapsed_s'] / lm:,.0f}×"
                p(f"* {w}: pipeline stages timed separately (medians): logit {fmt_s(cp['stage_logit_s'])}, matching "
                  f"{fmt_s(cp['stage_match_s'])}, row selection + balance table {fmt_s(cp['stage_balance_s'])}; "
                  f"logit + matching {fmt_s(lm)}{vs}.")
        p("")
    if logit:
        p("## Logistic regression: CausalKit vs statsmodels\n")
        p("| workload | tool | configuration | best | median | runs | iterations | peak RSS | max rel. diff of coefficients vs CausalKit (formula) | max rel. diff of SEs | ratio statsmodels (1e-10) / this |")
        p("|---|---|---|---|---|---|---|---|---|---|---|")
        for w in logit:
            ref = by.get(("causalkit", w, "formula"))
            sm = next((r for r in rows if r["workload"] == w and r["tool"] == "statsmodels" and r["config"].endswith("1e-10") and ok(r)), None)
            for r in rows:
                if r["workload"] != w:
                    continue
                if not ok(r):
                    p(f"| {w} | {r['tool']} | {r['config']} | {r.get('status')} | | | | | | | {str(r.get('error', ''))[:200]} |")
                    continue
                d = max_rel_diff(r.get("coefficients"), ref.get("coefficients") if ref else None, "estimate")
                e = max_rel_diff(r.get("coefficients"), ref.get("coefficients") if ref else None, "std_error")
                p(f"| {w} | {r['tool']} | {r['config']} | {fmt_s(r['best_s'])} | {fmt_s(r['median_s'])} | {len(r['times_s'])} "
                  f"| {r.get('iterations')} | {mb(r.get('rss_peak_kb'))} | {sci(d) if r is not ref else '(reference)'} "
                  f"| {sci(e) if r is not ref else ''} | {ratio(sm, r) if r['tool'] == 'causalkit' else ''} |")
        p("")
    return out


# ---------------------------------------------------------------------------------------------
# Mediation analysis (CausalKit vs statsmodels' Mediation)


def md_report(run: str) -> list[str]:
    rows = jsonl(os.path.join(run, "results-md.jsonl"))
    if not rows:
        return []
    out = []
    p = out.append
    # Pool the rounds of each (tool, workload, config): all timed runs, the largest peak RSS, the
    # effects of the first successful record.
    pooled: dict[tuple, dict] = {}
    failures = []
    for r in rows:
        key = (r["tool"], r["workload"], r["config"])
        if not ok(r):
            failures.append(r)
            continue
        if key not in pooled:
            pooled[key] = dict(r, times_s=list(r["times_s"]), rounds=1)
        else:
            q = pooled[key]
            q["times_s"] += r["times_s"]
            q["rss_peak_kb"] = max(q["rss_peak_kb"], r["rss_peak_kb"])
            q["load_before"] = min(q["load_before"], r["load_before"])
            q["load_after"] = max(q["load_after"], r["load_after"])
            q["rounds"] += 1
    for q in pooled.values():
        q["median_s"] = statistics.median(q["times_s"])
        q["best_s"] = min(q["times_s"])
    workloads = sorted({r["workload"] for r in rows})
    p("## Mediation analysis: CausalKit vs statsmodels' Mediation\n")
    p("Linear mediator and outcome models, 5 covariates, 1,000 quasi-Bayesian simulations. CausalKit: "
      "`MediationAnalysis.quasiBayesian` on a `DataTable` in memory (both model fits included); statsmodels: "
      "`Mediation(OLS, OLS).fit(method=\"parametric\", n_rep=1000)` on numpy arrays (both model fits included, "
      "object construction excluded). Times are median (best) over every timed run of both rounds; the tools "
      "alternate so they share the machine's load.\n")
    p("| workload | N | CausalKit | statsmodels | ratio | peak RSS CausalKit / statsmodels | load (1 min) |")
    p("|---|---|---|---|---|---|---|")
    for w in workloads:
        c, s = pooled.get(("causalkit", w, "linear")), pooled.get(("statsmodels", w, "linear"))
        ref = c or s
        if not ref:
            continue
        loads = [x for r in (c, s) if r for x in (r.get("load_before"), r.get("load_after")) if x is not None]
        load = f"{min(loads):.1f}–{max(loads):.1f}" if loads else "–"
        cs = f"{fmt_s(c['median_s'])} ({fmt_s(c['best_s'])}, {len(c['times_s'])} runs)" if c else "–"
        ss = f"{fmt_s(s['median_s'])} ({fmt_s(s['best_s'])}, {len(s['times_s'])} runs)" if s else "–"
        p(f"| {w} | {ref['rows']:,} | {cs} | {ss} | {ratio(s, c)} | {mb(c.get('rss_peak_kb')) if c else '–'} / "
          f"{mb(s.get('rss_peak_kb')) if s else '–'} | {load} |")
    p("")
    p("Agreement (linear outcome). CausalKit's draws take the expectation over the mediator exactly, statsmodels "
      "simulates the mediator, so both estimate the same mean; 'MC SE' is the Monte Carlo standard error of the "
      "difference of the two simulated means, sqrt(sd_CK² + sd_SM²) / √1000.\n")
    p("| workload | quantity | CausalKit | statsmodels | closed form (a·b, c) | difference | MC SE | difference / MC SE | 95% interval CausalKit | 95% interval statsmodels |")
    p("|---|---|---|---|---|---|---|---|---|---|")
    for w in workloads:
        c, s = pooled.get(("causalkit", w, "linear")), pooled.get(("statsmodels", w, "linear"))
        if not c or not s:
            continue
        for term, closed in (("ACME (average)", c.get("closed_form_acme")), ("ADE (average)", c.get("closed_form_ade")),
                             ("Total effect", None), ("Prop. mediated (average)", None)):
            a, b = c["effects"][term], s["effects"][term]
            se = math.sqrt(a["sd"] ** 2 / c["simulations"] + b["sd"] ** 2 / s["simulations"])
            d = a["estimate"] - b["estimate"]
            p(f"| {w} | {term} | {a['estimate']:.5f} | {b['estimate']:.5f} | {'' if closed is None else f'{closed:.5f}'} "
              f"| {d:+.5f} | {se:.5f} | {d / se:+.2f} | [{a['conf_low']:.4f}, {a['conf_high']:.4f}] "
              f"| [{b['conf_low']:.4f}, {b['conf_high']:.4f}] |")
    p("")
    logit = [q for q in pooled.values() if q["config"] == "logit"]
    if logit:
        p("Logit outcome (for information; a simulation costs O(N) in both tools):\n")
        p("| workload | tool | median (best) | runs | peak RSS | ACME (average) | ADE (average) |")
        p("|---|---|---|---|---|---|---|")
        for q in sorted(logit, key=lambda q: (q["workload"], q["tool"])):
            e = q["effects"]
            p(f"| {q['workload']} | {q['tool']} | {fmt_s(q['median_s'])} ({fmt_s(q['best_s'])}) | {len(q['times_s'])} "
              f"| {mb(q.get('rss_peak_kb'))} | {e['ACME (average)']['estimate']:.5f} | {e['ADE (average)']['estimate']:.5f} |")
        p("")
    for r in failures:
        p(f"* {r['tool']} {r['workload']} {r['config']}: {r.get('status')} — {str(r.get('error', '')).strip()[:300]}")
    if failures:
        p("")
    return out


if __name__ == "__main__":
    sys.exit(main())
