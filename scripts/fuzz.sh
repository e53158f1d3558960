#!/usr/bin/env bash
# Fuzzes CausalKit's parsers with libFuzzer and AddressSanitizer: every harness
# scripts/fuzz/*Fuzzer.swift runs for the given number of seconds (default 60) each:
#   bash scripts/fuzz.sh [SECONDS] [HARNESS...]      (HARNESS: CSV, Formula, Stata; default all)
# CSV: the CSV reader. Formula: the formula parser. Stata: the .dta reader, seeded with the
# committed corpus scripts/fuzz/corpus/stata (small valid files of formats 117-119).
# The modules are compiled with swiftc into .build-fuzz (not SwiftPM, whose products have their
# own main); a crash leaves its input in .build-fuzz/crashes and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
seconds="${1:-60}"
shift || true
harnesses=("$@")
if [ ${#harnesses[@]} -eq 0 ]; then
  harnesses=($(ls scripts/fuzz/*Fuzzer.swift | sed 's|.*/||; s|Fuzzer.swift||'))
fi
out=.build-fuzz
mkdir -p "$out/crashes"
flags=(-sanitize=fuzzer,address -parse-as-library -wmo -O -g -package-name causalkit -I Sources/CLAPACK/include -I "$out")
swiftc "${flags[@]}" -module-name LinearAlgebra -emit-module -emit-module-path "$out/LinearAlgebra.swiftmodule" \
  -emit-object -o "$out/LinearAlgebra.o" Sources/LinearAlgebra/*.swift
swiftc "${flags[@]}" -module-name CausalCore -emit-module -emit-module-path "$out/CausalCore.swiftmodule" \
  -emit-object -o "$out/CausalCore.o" $(find Sources/CausalCore -name '*.swift')

# Seeds: the formulas the docs and tests spell; fixture CSV files in every dialect the reader
# handles (comma, semicolon, CR-only lines, R's write.csv with its row names). The Stata harness
# starts from the committed corpus scripts/fuzz/corpus/stata.
mkdir -p "$out/corpus/Formula" "$out/corpus/CSV"
printf 'y ~ x1 + x2 | fe1 + fe2' > "$out/corpus/Formula/seed-formula"
printf 'y ~ i(rel, ref = c(-1, -1000)) + log(x) + I(x^2) - 1 | a^b' > "$out/corpus/Formula/seed-indicator"
printf '`prior score` ~ `a``b` + x:z' > "$out/corpus/Formula/seed-quoted"
printf 'y ~ x1*x2*x3 + poly(x, 2) + exp(-x/2) | f1^f2' > "$out/corpus/Formula/seed-crossed"
head -c 2000 Tests/Fixtures/data/lalonde.csv > "$out/corpus/CSV/seed-lalonde"
for dialect in r_write_csv r_semicolon r_cr_line_endings r_stata_dot; do
  head -c 2000 "Tests/Fixtures/data/$dialect.csv" > "$out/corpus/CSV/seed-$dialect"
done

for name in "${harnesses[@]}"; do
  source="scripts/fuzz/${name}Fuzzer.swift"
  [ -f "$source" ] || { echo "no harness $source" >&2; exit 2; }
  binary="$out/$(echo "$name" | tr '[:upper:]' '[:lower:]')-fuzzer"
  swiftc "${flags[@]}" -module-name "${name}Fuzzer" "$source" \
    "$out/LinearAlgebra.o" "$out/CausalCore.o" -llapack -lblas -o "$binary"
  mkdir -p "$out/corpus/$name"
  corpora=("$out/corpus/$name")
  seeds="scripts/fuzz/corpus/$(echo "$name" | tr '[:upper:]' '[:lower:]')"
  [ -d "$seeds" ] && corpora+=("$seeds")
  max_len=4096
  [ "$name" = "Stata" ] && max_len=16384
  echo "== $name: $seconds s, corpus ${corpora[*]}" >&2
  "$binary" -max_total_time="$seconds" -max_len="$max_len" -rss_limit_mb=2048 -malloc_limit_mb=1024 \
    -artifact_prefix="$out/crashes/" -print_final_stats=1 "${corpora[@]}"
done
