#!/usr/bin/env bash
# Runs CausalKit's whole test suite (installing LAPACK/BLAS first when missing), then builds and
# runs the downstream client package, which uses CausalKit only through its products.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift test "$@"
bash scripts/downstream.sh
