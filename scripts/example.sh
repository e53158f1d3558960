#!/usr/bin/env bash
# Runs CausalKit's main example (installing LAPACK/BLAS first when missing): a two-way
# fixed-effects wage regression on the bundled wage_panel data (Vella and Verbeek 1998),
# clustered by person.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift run -c release causalkit feols \
  --data Tests/Fixtures/data/wage_panel.csv \
  --formula "lwage ~ expersq + union + married | nr + year" \
  --vcov cluster:nr "$@"
