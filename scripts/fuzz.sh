#!/usr/bin/env bash
# Fuzzes the formula parser and the CSV reader with libFuzzer and AddressSanitizer for the given
# number of seconds (default 60): bash scripts/fuzz.sh [SECONDS]
# The modules are compiled with swiftc into .build-fuzz (not SwiftPM, whose products have their
# own main); a crash leaves its input in .build-fuzz/crashes and exits non-zero.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-dependencies.sh
seconds="${1:-60}"
out=.build-fuzz
mkdir -p "$out/corpus" "$out/crashes"
flags=(-sanitize=fuzzer,address -parse-as-library -wmo -O -g -package-name causalkit -I Sources/CLAPACK/include -I "$out")
swiftc "${flags[@]}" -module-name LinearAlgebra -emit-module -emit-module-path "$out/LinearAlgebra.swiftmodule" \
  -emit-object -o "$out/LinearAlgebra.o" Sources/LinearAlgebra/*.swift
swiftc "${flags[@]}" -module-name CausalCore -emit-module -emit-module-path "$out/CausalCore.swiftmodule" \
  -emit-object -o "$out/CausalCore.o" $(find Sources/CausalCore -name '*.swift')
swiftc "${flags[@]}" -module-name FormulaFuzzer scripts/fuzz/FormulaFuzzer.swift \
  "$out/LinearAlgebra.o" "$out/CausalCore.o" -llapack -lblas -o "$out/formula-fuzzer"
# Seeds: formulas the docs and tests spell, and fixture CSV files (comma, semicolon, CR-only, R's
# write.csv with its row names).
printf 'y ~ x1 + x2 | fe1 + fe2' > "$out/corpus/seed-formula"
printf 'y ~ i(rel, ref = c(-1, -1000)) + log(x) + I(x^2) - 1 | a^b' > "$out/corpus/seed-indicator"
printf '`prior score` ~ `a``b` + x:z' > "$out/corpus/seed-quoted"
head -c 2000 Tests/Fixtures/data/lalonde.csv > "$out/corpus/seed-csv"
for dialect in r_write_csv r_semicolon r_cr_line_endings; do
  head -c 2000 "Tests/Fixtures/data/$dialect.csv" > "$out/corpus/seed-$dialect"
done
"$out/formula-fuzzer" -max_total_time="$seconds" -max_len=4096 -artifact_prefix="$out/crashes/" \
  -print_final_stats=1 "$out/corpus"
