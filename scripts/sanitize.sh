#!/usr/bin/env bash
# Runs tests under a sanitizer, in its own build folder (.build-<sanitizer>):
#   bash scripts/sanitize.sh thread            # the parallel paths (what CI runs)
#   bash scripts/sanitize.sh address           # the same subset under AddressSanitizer
#   bash scripts/sanitize.sh thread --all      # the whole suite
# The subset covers every code path that runs on several threads: the resampling engine and
# every bootstrap built on it (pairs, cluster, wild, matched pairs, mediation's bootstrap and
# quasi-Bayesian simulation, sequential mediation), the concurrent Callaway-Sant'Anna cells, frames
# and aggregation, the chunked fixed-effect demeaning (the worker-firm panels exceed
# its 65,536-row chunks), the chunked IRLS passes of logit/probit, and the parallel CSV reader
# (concurrent file pieces, chunk scans with their pages released, column joins, selected columns).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
sanitizer="${1:-thread}"
subset='DesignFillTests|HandedOverTableTests|BootstrapTests|ResamplingTests|MatchedPairsBootstrap|PropensityTests|WorkerFirm|Demeaning|FixedEffectsProjection|MediationTests|CallawaySantAnna|CSVParallelReaderTests|CSVFileBufferTests|CSVColumnSelectionTests|IntegerValuesTests'
args=(--sanitize="$sanitizer" --scratch-path ".build-$sanitizer")
if [[ "${2:-}" != "--all" ]]; then args+=(--filter "$subset"); fi
export TSAN_OPTIONS="${TSAN_OPTIONS:-halt_on_error=1 second_deadlock_stack=1}"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=0}"
swift test "${args[@]}"
