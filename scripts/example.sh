#!/usr/bin/env bash
# Runs CausalKit's main example (installing LAPACK/BLAS first when missing): the Shanghai Strong
# School Project study (Wang & Liu 2025) on a seeded synthetic panel of ~95,000 Grade 9 students
# in 300 schools: naive comparison, two-way fixed-effects DiD, event study, PSM-DiD, the wild
# cluster bootstrap and DiD mediation (peer relationships, principal leadership, teaching
# style), scored against the simulation's true effects; writes report.md, tables.tex and SVG
# figures. Extra arguments go to
# ssp-study (see `swift run -c release ssp-study --help`), e.g. --seed 7 or --output DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift run -c release ssp-study "$@"
output="ssp-output"
args=("$@")
for ((i = 0; i < ${#args[@]}; i++)); do
  case "${args[$i]}" in
    --output) output="${args[$((i + 1))]:-$output}" ;;
    --output=*) output="${args[$i]#--output=}" ;;
  esac
done
echo
echo "Report: $(cd "$output" && pwd)/report.md"
