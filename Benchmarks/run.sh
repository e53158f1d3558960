#!/usr/bin/env bash
# CausalKit benchmarks in one run: fixed-effects regressions side by side with pyfixest (w1-w3),
# propensity-score matching with R's MatchIt (m1-m3), logistic regression with statsmodels (l1),
# the wild cluster bootstrap with wildboottest (b1), the pairs cluster bootstrap with a numpy loop
# (b2), the Monte Carlo rejection study of the wild cluster bootstrap (mc), mediation analysis
# with statsmodels' Mediation (md1, md2) and Callaway-Sant'Anna with moderndid and csdid (cs1-cs3).
#
#   Benchmarks/run.sh [--quick] [--full] [--no-profile] [--workloads w1,w2,w3,m1,m2,m3,l1,b1,b2,mc,md1,md2]
#   Benchmarks/run.sh --workloads b1,b2,mc     # the bootstrap benchmarks and the Monte Carlo study
#   Benchmarks/run.sh --workloads md1,md2      # mediation vs statsmodels
#   CS_PYTHON=/work/venv-attgt/bin/python Benchmarks/run.sh --workloads cs1,cs2,cs3   # Callaway-Sant'Anna
#
# Builds the Swift harness in release mode, generates the data once (Benchmarks/.data, gitignored),
# measures memory bandwidth, runs every workload through CausalKit and through every pyfixest
# demeaner backend installed here (at pyfixest's default tolerance and at 1e-10), profiles the
# Swift side with perf (when available), and prints the comparison table. Raw JSON lines and the
# report go to Benchmarks/.results/<UTC time>/.
#
#   --quick       fewer repetitions (budget 10 s per configuration) and no scipy LSMR backend
#   --full        also CausalKit's plain alternating projections on W3 (slow by design),
#                 pyfixest's scipy LSMR backend on W2 (about 3 minutes per fit) and MatchIt on M3
#                 (1,000,000 units: more than 10 minutes per matchit() call; one timed run per
#                 mode, each under MATCHIT_TIMEOUT), and statsmodels' Mediation with a logit outcome
#                 on md2 (about a minute per fit)
#   --no-profile  skip the perf profile of the Swift side
# Environment: TIMEOUT (seconds per process, default 600), REPS (default 5), BUDGET (default 30),
# MATCHIT_TIMEOUT (seconds per MatchIt process on M3, default 900), CS_TIMEOUT, CS_MEMORY_GB,
# CS_PYTHON, CS_TOOLS (see the Callaway-Sant'Anna section), MC_REPLICATIONS (Monte Carlo
# replications per cluster count, default 1000), MC_SEED (default 20261122).
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
cd "$here"

workloads="w1,w2,w3,m1,m2,m3,l1,md1,md2"
quick=0
full=0
profile=1
while [[ $# -gt 0 ]]; do
  case "$1" in
    --quick) quick=1 ;;
    --full) full=1 ;;
    --no-profile) profile=0 ;;
    --workloads) workloads="$2"; shift ;;
    -h|--help) sed -n 2,27p "$0"; exit 0 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
  shift
done
TIMEOUT="${TIMEOUT:-600}"
REPS="${REPS:-5}"
BUDGET="${BUDGET:-30}"
MATCHIT_TIMEOUT="${MATCHIT_TIMEOUT:-900}"
MC_REPLICATIONS="${MC_REPLICATIONS:-1000}"
MC_SEED="${MC_SEED:-20261122}"
if [[ $quick == 1 ]]; then BUDGET=10; REPS=3; fi

# Fixed-effects workloads (w*), propensity workloads (m*: matching, l*: logit), bootstrap
# workloads (b*), the Monte Carlo study (mc, no data files) and mediation workloads (md*).
fe_workloads=""; ps_workloads=""; boot_workloads=""; md_workloads=""; cs_workloads=""; data_workloads=""; montecarlo=0
for w in ${workloads//,/ }; do
  [[ $w != mc ]] && data_workloads+="${data_workloads:+,}$w"
  case "$w" in
    mc) montecarlo=1 ;;
    cs*) cs_workloads+="${cs_workloads:+ }$w" ;;
    w*) fe_workloads+="${fe_workloads:+ }$w" ;;
    md*) md_workloads+="${md_workloads:+ }$w" ;;
    m*|l*) ps_workloads+="${ps_workloads:+ }$w" ;;
    b*) boot_workloads+="${boot_workloads:+ }$w" ;;
    *) echo "unknown workload $w" >&2; exit 2 ;;
  esac
done

out="$here/.results/$(date -u +%Y%m%dT%H%M%SZ)"
mkdir -p "$out"
log() { printf '[%s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# --- Machine -------------------------------------------------------------------------------
{
  echo "date: $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo "nproc: $(nproc)"
  echo "cpu: $(lscpu | sed -n 's/^Model name: *//p' | head -1)"
  echo "memory: $(free -g | awk '/^Mem:/ {print $2 " GiB"}')"
  echo "swift: $(swift --version 2>&1 | head -1)"
  echo "python: $(python3 --version 2>&1)"
  echo "pyfixest: $(python3 -c 'import pyfixest; print(pyfixest.__version__)' 2>&1 | tail -1)"
  echo "statsmodels: $(python3 -c 'import statsmodels; print(statsmodels.__version__)' 2>&1 | tail -1)"
  echo "R: $(Rscript -e 'cat(R.version.string)' 2>&1 | tail -1), MatchIt $(Rscript -e 'cat(as.character(packageVersion("MatchIt")))' 2>&1 | tail -1)"
  echo "load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "numpy: $(python3 -c 'import numpy; print(numpy.__version__)')"
  echo "wildboottest: $(python3 -c 'from importlib.metadata import version; print(version("wildboottest"))' 2>&1 | tail -1)"
  echo "causalkit commit: $(git -C "$here" rev-parse --short HEAD 2>/dev/null || echo unknown)"
} > "$out/machine.txt"
cat "$out/machine.txt" >&2

# --- Build ---------------------------------------------------------------------------------
log "building causalkit-bench (release)"
swift build -c release --package-path "$here" --product causalkit-bench 2>&1 | tail -3 >&2
bench="$(swift build -c release --package-path "$here" --show-bin-path)/causalkit-bench"

# --- Data ----------------------------------------------------------------------------------
log "generating data (skipped when present)"
[[ -n $data_workloads ]] && python3 "$here/generate_data.py" --out "$here/.data" --only "$data_workloads"

run_timed() {  # run_timed FILE TAG COMMAND...: append the command's JSON line, or a failure record
  local file="$1" tag="$2"; shift 2
  local start end rc=0 tmp
  tmp="$(mktemp)"
  start=$(date +%s)
  timeout "$TIMEOUT" "$@" > "$tmp" 2> "$tmp.err" || rc=$?
  end=$(date +%s)
  if [[ $rc == 0 && -s "$tmp" ]]; then
    cat "$tmp" >> "$file"
  else
    local status=error
    [[ $rc == 124 ]] && status=timeout
    python3 - "$tag" "$status" "$rc" "$((end - start))" "$tmp.err" >> "$file" <<'PY'
import json, sys
tag, status, rc, secs, err = sys.argv[1:]
rec = dict(json.loads(tag)); rec.update(status=status, exit_code=int(rc), elapsed_s=int(secs))
rec["error"] = open(err).read()[-600:] or f"exit code {rc}"
print(json.dumps(rec))
PY
  fi
  rm -f "$tmp" "$tmp.err"
}

# --- Physical limits (with the fixed-effects workloads) ------------------------------------
if [[ -n $fe_workloads ]]; then
  log "memory bandwidth (STREAM-like triad and read, 1 and $(nproc) threads)"
  "$bench" bandwidth --mib 256 --reps 10 > "$out/bandwidth.jsonl"
fi
for w in $fe_workloads; do
  log "$w: alternating-projection sweep kernel on the real codes"
  "$bench" kernel --data "$here/.data" --workload "$w" --sweeps 10 --reps 3 >> "$out/kernel.jsonl"
done

# --- CausalKit -----------------------------------------------------------------------------
for w in $fe_workloads; do
  configs=("automatic default" "automatic 1e-6")
  [[ $w == w3 ]] && configs+=("conjugate-gradient default")
  [[ $w == w3 && $full == 1 ]] && configs+=("alternating-projections 1e-6")
  for c in "${configs[@]}"; do
    read -r method tol <<< "$c"
    log "$w: CausalKit $method tol=$tol"
    run_timed "$out/results.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"$method\",\"tolerance\":\"$tol\"}" \
      "$bench" fit --data "$here/.data" --workload "$w" --method "$method" --tol "$tol" --reps "$REPS" --budget "$BUDGET"
  done
done

# --- pyfixest ------------------------------------------------------------------------------
[[ -n $fe_workloads ]] && python3 "$here/pyfixest_bench.py" --list-backends > "$out/pyfixest_backends.jsonl"
backends="rust numba within scipy jax torch"
[[ $quick == 1 ]] && backends="rust numba within jax torch"
for w in $fe_workloads; do
  for b in $backends; do
    # scipy's LSMR takes about 3 minutes per fit on W2 (first full run): only with --full.
    if [[ $w == w2 && $b == scipy && $full == 0 ]]; then continue; fi
    for tol in default 1e-10; do
      extra=()
      # Alternating projections need thousands of sweeps on W3: warm up (imports, numba JIT) on a
      # slice and time a single full run.
      if [[ $w == w3 && ( $b == rust || $b == numba ) ]]; then extra=(--warmup-rows 50000 --reps 1); fi
      log "$w: pyfixest $b tol=$tol"
      run_timed "$out/results.jsonl" "{\"tool\":\"pyfixest\",\"workload\":\"$w\",\"config\":\"$b\",\"tolerance\":\"$tol\"}" \
        python3 "$here/pyfixest_bench.py" --data "$here/.data" --workload "$w" --backend "$b" --tol "$tol" \
        --reps "$REPS" --budget "$BUDGET" "${extra[@]}"
    done
  done
done

# --- Propensity scores and matching: CausalKit vs MatchIt; logit: CausalKit vs statsmodels -----
# Records go to results-ps.jsonl. Matching: 1:1 nearest neighbour without replacement, ATT,
# largest score first, caliper 0.2 SD of the score. CausalKit: the matcher alone on the
# precomputed score column (ps) and the whole PropensityScoreMatching.run (logit, matching,
# balance). MatchIt: matchit() with distance = ps (matching only) and distance = "glm".
for w in $ps_workloads; do
  case "$w" in
    m*)
      # M1 fits take milliseconds: at least 20 timed runs there, so the median is stable.
      reps=$REPS
      [[ $w == m1 && $reps -lt 20 ]] && reps=20
      for mode in matcher pipeline; do
        log "$w: CausalKit $mode"
        run_timed "$out/results-ps.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"$mode\"}" \
          "$bench" match --data "$here/.data" --workload "$w" --mode "$mode" --reps "$reps" --budget "$BUDGET"
      done
      for mode in scores glm; do
        tag="{\"tool\":\"matchit\",\"workload\":\"$w\",\"config\":\"$mode\"}"
        if [[ $w == m3 && $full == 0 ]]; then
          log "$w: MatchIt $mode skipped (more than 10 minutes per call; use --full)"
          echo "${tag%\}},\"status\":\"skipped\",\"error\":\"more than 10 minutes per call: run with --full\"}" >> "$out/results-ps.jsonl"
          continue
        fi
        extra=(--reps "$reps" --budget "$BUDGET")
        [[ $w == m3 ]] && extra=(--reps 1 --budget 0)
        log "$w: MatchIt $mode"
        TIMEOUT=$([[ $w == m3 ]] && echo "$MATCHIT_TIMEOUT" || echo "$TIMEOUT") \
          run_timed "$out/results-ps.jsonl" "$tag" \
          Rscript "$here/matchit_bench.R" --data "$here/.data" --workload "$w" --mode "$mode" "${extra[@]}"
      done
      ;;
    l*)
      for mode in formula arrays; do
        log "$w: CausalKit BinaryRegression ($mode)"
        run_timed "$out/results-ps.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"$mode\"}" \
          "$bench" logit --data "$here/.data" --workload "$w" --mode "$mode" --reps "$REPS" --budget "$BUDGET"
      done
      for tol in 1e-10 default; do
        log "$w: statsmodels Logit newton tol=$tol"
        run_timed "$out/results-ps.jsonl" "{\"tool\":\"statsmodels\",\"workload\":\"$w\",\"config\":\"$tol\"}" \
          python3 "$here/statsmodels_bench.py" --data "$here/.data" --workload "$w" --tol "$tol" --reps "$REPS" --budget "$BUDGET"
      done
      ;;
  esac
done

# --- Bootstrap: wild cluster bootstrap vs wildboottest (b1), pairs cluster bootstrap vs numpy (b2) --
# Records go to results-boot.jsonl. CausalKit runs parallel (all cores) and serial (one thread).
for w in $boot_workloads; do
  case "$w" in
    b1)
      for mode in parallel serial; do
        flag=(); [[ $mode == serial ]] && flag=(--serial)
        log "$w: CausalKit WildClusterBootstrap ($mode)"
        run_timed "$out/results-boot.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"WCR rademacher $mode\"}" \
          "$bench" wild --data "$here/.data" --workload "$w" --B 9999 --reps "$REPS" --budget "$BUDGET" "${flag[@]}"
      done
      log "$w: wildboottest WildboottestCL"
      run_timed "$out/results-boot.jsonl" "{\"tool\":\"wildboottest\",\"workload\":\"$w\",\"config\":\"WCR rademacher (dummies in X)\"}" \
        python3 "$here/bootstrap_bench.py" --mode wildboottest --data "$here/.data" --workload "$w" --B 9999 \
        --reps "$REPS" --budget "$BUDGET"
      ;;
    b2)
      # The public API (FixedEffectsBootstrap; frequency-weight path for percentile intervals, the
      # refit path for studentized ones), then B = 99,999 to time the replicate loop's scaling.
      for variant in "percentile 999" "studentized 999" "percentile 99999"; do
        read -r method b <<< "$variant"
        for mode in parallel serial; do
          flag=(); [[ $mode == serial ]] && flag=(--serial)
          log "$w: CausalKit FixedEffectsBootstrap, $method, B = $b ($mode)"
          run_timed "$out/results-boot.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"bootstrap $method B=$b $mode\"}" \
            "$bench" pairs --data "$here/.data" --workload "$w" --statistic bootstrap --method "$method" --B "$b" \
            --reps "$REPS" --budget "$BUDGET" "${flag[@]}"
        done
      done
      for stat in feols lean resample; do
        for mode in parallel serial; do
          [[ $stat == resample && $mode == serial ]] && continue
          flag=(); [[ $mode == serial ]] && flag=(--serial)
          log "$w: CausalKit BootstrapResampler, statistic $stat ($mode)"
          run_timed "$out/results-boot.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"$stat $mode\"}" \
            "$bench" pairs --data "$here/.data" --workload "$w" --statistic "$stat" --B 999 --reps "$REPS" \
            --budget "$BUDGET" "${flag[@]}"
        done
      done
      # Diagnostic: the same feols statistic with glibc's malloc keeping freed blocks (no fresh
      # mmap, zeroing and page faults for every 0.8 MB buffer of every replicate).
      for mode in parallel serial; do
        flag=(); [[ $mode == serial ]] && flag=(--serial)
        log "$w: CausalKit BootstrapResampler, statistic feols ($mode, malloc thresholds raised)"
        run_timed "$out/results-boot.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"feols $mode (malloc)\"}" \
          env MALLOC_MMAP_THRESHOLD_=268435456 MALLOC_TRIM_THRESHOLD_=536870912 \
          "$bench" pairs --data "$here/.data" --workload "$w" --statistic feols --B 999 --reps "$REPS" \
          --budget "$BUDGET" "${flag[@]}"
      done
      for solver in lstsq normal; do
        log "$w: numpy loop ($solver)"
        run_timed "$out/results-boot.jsonl" "{\"tool\":\"numpy\",\"workload\":\"$w\",\"config\":\"$solver loop\"}" \
          python3 "$here/bootstrap_bench.py" --mode numpy-pairs --data "$here/.data" --workload "$w" --B 999 \
          --solver "$solver" --reps "$REPS" --budget "$BUDGET"
      done
      ;;
  esac
done

# --- Monte Carlo rejection study (mc) ------------------------------------------------------
if [[ $montecarlo == 1 ]]; then
  log "Monte Carlo rejection study: G = 10, 20, 50, S = $MC_REPLICATIONS, B = 999"
  "$bench" montecarlo --replications "$MC_REPLICATIONS" --clusters 10,20,50 --reps 999 --seed "$MC_SEED" \
    --json "$out/montecarlo.jsonl" > "$out/montecarlo.md"
fi

# --- Mediation: CausalKit vs statsmodels' Mediation --------------------------------------------
# Records go to results-md.jsonl. Linear mediator, linear outcome, 1,000 quasi-Bayesian
# simulations; the two tools alternate on each workload so they see the same machine load. For
# information, CausalKit with a logit outcome on every md workload (O(n) per simulation), and
# statsmodels with a logit outcome on md1 (md2 with --full).
for w in $md_workloads; do
  echo "$w $(date -u +%H:%M:%S) $(uptime)" >> "$out/uptime.txt"
  for round in 1 2; do
    log "$w: CausalKit MediationAnalysis.quasiBayesian, linear outcome (round $round)"
    run_timed "$out/results-md.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"linear\",\"round\":$round}" \
      "$bench" mediate --data "$here/.data" --workload "$w" --outcome-model linear --reps "$REPS" --budget "$BUDGET"
    log "$w: statsmodels Mediation, linear outcome (round $round)"
    run_timed "$out/results-md.jsonl" "{\"tool\":\"statsmodels\",\"workload\":\"$w\",\"config\":\"linear\",\"round\":$round}" \
      python3 "$here/mediation_bench.py" --data "$here/.data" --workload "$w" --outcome-model linear --reps "$REPS" --budget "$BUDGET"
  done
  log "$w: CausalKit MediationAnalysis.quasiBayesian, logit outcome"
  run_timed "$out/results-md.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"logit\"}" \
    "$bench" mediate --data "$here/.data" --workload "$w" --outcome-model logit --reps "$REPS" --budget "$BUDGET"
  if [[ $w == md1 || $full == 1 ]]; then
    log "$w: statsmodels Mediation, logit outcome"
    run_timed "$out/results-md.jsonl" "{\"tool\":\"statsmodels\",\"workload\":\"$w\",\"config\":\"logit\"}" \
      python3 "$here/mediation_bench.py" --data "$here/.data" --workload "$w" --outcome-model logit --reps "$REPS" --budget "$BUDGET"
  fi
  echo "$w $(date -u +%H:%M:%S) $(uptime)" >> "$out/uptime.txt"
done

# --- Callaway-Sant'Anna: CausalKit vs moderndid and csdid -----------------------------------
# Records go to results-cs.jsonl. did's "dr", never-treated controls, varying base period,
# analytic standard errors, then the dynamic aggregation; without covariates and with x1..x3
# (cs1, cs2; cs3, the 10M-row repeated cross-sections, without covariates). The Python tools
# take minutes per call here: one timed run each, no warm-up, under CS_TIMEOUT (default 1200 s)
# and an address-space limit of CS_MEMORY_GB (default 16 GB) so that they cannot exhaust the
# machine. CS_PYTHON is the interpreter with moderndid and csdid (default python3);
# CS_TOOLS selects the Python tools (default "moderndid csdid").
CS_TIMEOUT="${CS_TIMEOUT:-1200}"
CS_MEMORY_GB="${CS_MEMORY_GB:-16}"
CS_PYTHON="${CS_PYTHON:-python3}"
CS_TOOLS="${CS_TOOLS:-moderndid csdid}"
for w in $cs_workloads; do
  covariate_configs="0 3"
  [[ $w == cs3 ]] && covariate_configs="0"
  for k in $covariate_configs; do
    echo "$w k=$k $(date -u +%H:%M:%S) $(uptime)" >> "$out/uptime.txt"
    log "$w: CausalKit CallawaySantAnna, covariates=$k"
    run_timed "$out/results-cs.jsonl" "{\"tool\":\"causalkit\",\"workload\":\"$w\",\"config\":\"covariates=$k\"}" \
      "$bench" cs --data "$here/.data" --workload "$w" --covariates "$k" --reps "$REPS" --budget "$BUDGET"
    for tool in $CS_TOOLS; do
      log "$w: $tool att_gt + aggte, covariates=$k (one run, timeout $CS_TIMEOUT s)"
      TIMEOUT="$CS_TIMEOUT" run_timed "$out/results-cs.jsonl" "{\"tool\":\"$tool\",\"workload\":\"$w\",\"config\":\"covariates=$k\"}" \
        bash -c 'ulimit -v $(( $1 * 1024 * 1024 )); shift; exec "$@"' _ "$CS_MEMORY_GB" \
        "$CS_PYTHON" "$here/cs_bench.py" --data "$here/.data" --workload "$w" --tool "$tool" --covariates "$k" \
        --reps 1 --warmup 0
    done
  done
done

# --- Profile (Swift side, fixed-effects workloads) -----------------------------------------
if [[ $profile == 1 && -n $fe_workloads ]] && command -v perf > /dev/null && perf record -e cpu-clock -o /dev/null true 2> /dev/null; then
  for w in $fe_workloads; do
    log "$w: perf profile of one CausalKit fit on one core (taskset -c 0)"
    taskset -c 0 perf record -q -e cpu-clock -F 2000 -o "$out/perf-$w.data" \
      "$bench" fit --data "$here/.data" --workload "$w" --reps 3 --budget 1000 --no-frame \
      > "$out/profile-$w.jsonl" 2> /dev/null || true
    perf report -i "$out/perf-$w.data" --stdio --no-children --sort dso,symbol 2> /dev/null \
      | swift demangle --simplified > "$out/perf-$w.txt" || true
    rm -f "$out/perf-$w.data"
  done
fi

# --- Report --------------------------------------------------------------------------------
python3 "$here/report.py" "$out" | tee "$out/report.md"
log "raw results and report in $out"
