#!/usr/bin/env bash
# Builds the DocC documentation in Documentation/CausalKit.docc against the symbol graphs of
# every CausalKit module, into .build-docs/site (serve it with any static web server,
# or use `docc preview` with the same arguments).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
graphs=.build-docs/symbol-graphs
rm -rf "$graphs" && mkdir -p "$graphs"
swift build --scratch-path .build-docs --target CausalKit -Xswiftc -emit-symbol-graph -Xswiftc -emit-symbol-graph-dir -Xswiftc "$PWD/$graphs"
# Keep the graphs of CausalKit's own modules only.
for file in "$graphs"/*.symbols.json; do
  case "$(basename "$file")" in
    CausalKit*|CausalCore*|LinearAlgebra*|Resampling*|FixedEffects*|Propensity*|Matching*|Bootstrap*|Mediation*|Reporting*) ;;
    *) rm -f "$file" ;;
  esac
done
docc convert Documentation/CausalKit.docc --additional-symbol-graph-dir "$graphs" \
  --fallback-display-name CausalKit --fallback-bundle-identifier org.causalkit.CausalKit \
  --output-path .build-docs/site "$@"
