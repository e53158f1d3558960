#!/usr/bin/env bash
# Data-loading benchmarks, side by side in one run (see Benchmarks/README.md, "Reading data"):
#
#   Benchmarks/io.sh [--workloads w1,w2] [--reps 5]
#
# For each workload: writes its CSV (and for w1 a .dta) once under Benchmarks/.data/io, then
#   - the read alone, in process, best of --reps after a warm-up: CausalKit (causalkit-bench
#     read), pyarrow.csv.read_csv, polars.read_csv, pandas.read_csv(engine="pyarrow"); for the
#     .dta, CausalKit's StataReader and pyreadstat.read_dta;
#   - whole processes under /usr/bin/time (peak RSS; wall seconds from the shell clock), best of --reps:
#     `causalkit feols --formula "y ~ x1"` (reading plus a trivial fit), the workload's clustered
#     fit through `causalkit feols`, and pandas + pyfixest on the same file (python3 csv_bench.py e2e).
# Needs python3 with numpy, pandas, pyarrow, polars, pyfixest and pyreadstat (pip install ...).
# Prints JSON lines to Benchmarks/.results/io-<time>/results.jsonl and a Markdown table.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/.." && pwd)"
workloads=w1
reps=5
while [[ $# -gt 0 ]]; do
  case "$1" in
    --workloads) workloads="$2"; shift 2 ;;
    --reps) reps="$2"; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done
data="$here/.data"
io="$data/io"
out="$here/.results/io-$(date +%Y%m%d-%H%M%S)"
mkdir -p "$io" "$out"
results="$out/results.jsonl"

# The tool is built as it is installed (README, "Use it from the command line"): release, with
# the Swift runtime and Foundation linked statically, which halves its start-up (about 4 ms
# instead of 8-10 ms on this machine). Its own build folder keeps the default build untouched.
(cd "$root" && swift build -c release --product causalkit --static-swift-stdlib --scratch-path .build-static >/dev/null)
(cd "$here" && swift build -c release --product causalkit-bench >/dev/null)
tool="$root/.build-static/release/causalkit"
bench="$here/.build/release/causalkit-bench"

python3 "$here/generate_data.py" --out "$data" --only "$workloads" >/dev/null 2>&1

# Best wall time and peak RSS of `reps` runs of a command (after one warm-up run).
whole_process() {
  local label="$1"; shift
  "$@" >/dev/null 2>&1 || { echo "{\"bench\":\"process\",\"label\":\"$label\",\"status\":\"failed\"}" >> "$results"; return; }
  local best="" peak=0
  for _ in $(seq "$reps"); do
    # Wall time to the microsecond from the shell's clock (it includes starting /usr/bin/time,
    # about a millisecond); /usr/bin/time's own %e has only 10 ms resolution.
    local start=$EPOCHREALTIME
    /usr/bin/time -o "$out/time.txt" -f "%e %M" "$@" >/dev/null 2>/dev/null
    local stop=$EPOCHREALTIME
    local line s kb
    line=$(tail -1 "$out/time.txt")
    s=$(awk "BEGIN{printf \"%.3f\", $stop - $start}"); kb=${line#* }
    if [[ -z $best ]] || awk "BEGIN{exit !($s < $best)}"; then best=$s; fi
    (( kb > peak )) && peak=$kb
  done
  echo "{\"bench\":\"process\",\"label\":\"$label\",\"best_s\":$best,\"peak_kb\":$peak}" >> "$results"
}

for w in ${workloads//,/ }; do
  csv="$io/$w.csv"
  dta_flag=()
  [[ $w == w1 ]] && dta_flag=(--dta "$io/$w.dta")
  [[ -f $csv ]] || python3 "$here/csv_bench.py" write --data "$data" --workload "$w" --out "$csv" "${dta_flag[@]}"
  formula=$(python3 -c "import json;print(json.load(open('$data/$w/meta.json'))['formula'])")
  cluster=$(python3 -c "import json;v=json.load(open('$data/$w/meta.json'))['vcov'];print(v['cluster'] if isinstance(v,dict) else '')")
  vcov_flag=(--vcov iid); pyfixest_cluster=()
  [[ -n $cluster ]] && { vcov_flag=(--vcov "cluster:$cluster"); pyfixest_cluster=(--cluster "$cluster"); }

  "$bench" read --file "$csv" --reps "$reps" | sed "s/^{/{\"workload\":\"$w\",\"engine\":\"causalkit\",/" >> "$results"
  for engine in pyarrow polars pandas; do
    python3 "$here/csv_bench.py" read --file "$csv" --engine "$engine" --reps "$reps" | sed "s/^{/{\"workload\":\"$w\",/" >> "$results"
  done
  if [[ -f $io/$w.dta ]]; then
    "$bench" read --file "$io/$w.dta" --reps "$reps" | sed "s/^{/{\"workload\":\"$w\",\"engine\":\"causalkit\",/" >> "$results"
    python3 "$here/csv_bench.py" read --file "$io/$w.dta" --engine pyreadstat --reps "$reps" | sed "s/^{/{\"workload\":\"$w\",/" >> "$results"
  fi
  whole_process "$w causalkit feols y ~ x1" "$tool" feols --data "$csv" --formula "y ~ x1"
  whole_process "$w causalkit feols $formula" "$tool" feols --data "$csv" --formula "$formula" "${vcov_flag[@]}"
  whole_process "$w pandas+pyfixest $formula" python3 "$here/csv_bench.py" e2e --file "$csv" --formula "$formula" "${pyfixest_cluster[@]}"
done

python3 - "$results" <<'PY' | tee "$out/report.md"
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1]) if l.strip()]
print("| workload | what | engine / command | best s | MB/s | peak MB |")
print("|---|---|---|---:|---:|---:|")
for r in rows:
    if r["bench"] == "read":
        kind = "read .dta" if r["file"].endswith(".dta") else "read CSV"
        print(f"| {r.get('workload','')} | {kind} | {r['engine']} | {r['best_s']:.3f} | {r['mb_per_s']:.0f} | |")
    else:
        w, _, label = r["label"].partition(" ")
        label = label.replace("|", "\\|")
        if r.get("status") == "failed":
            print(f"| {w} | whole process | {label} | failed | | |")
        else:
            print(f"| {w} | whole process | {label} | {r['best_s']:.3f} | | {r['peak_kb']/1024:.0f} |")
PY
echo "results: $results"
