#!/usr/bin/env bash
# Builds and runs Examples/DownstreamClient: a separate package that uses CausalKit only
# through its products (tables from arrays, every estimator, JSON encoding, concurrent fits).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
swift build --package-path Examples/DownstreamClient
swift run --skip-build --package-path Examples/DownstreamClient DownstreamClient
