#!/usr/bin/env bash
# Runs CausalKit's whole test suite (installing LAPACK/BLAS first when missing).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift test "$@"
