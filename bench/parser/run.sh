#!/usr/bin/env bash
# make bench-parser: builds the HTTP module on its own (optimised, as a separate module, so
# the benchmark calls it across a module boundary as ServerCore does), links the benchmark,
# and prints requests parsed per second and heap allocations per request (valgrind).
# BASE=<git revision> builds that revision's Sources/HTTP too and runs both back to back, so
# the comparison is a ratio within one run on a machine that other work makes noisy.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/bench-parser
rm -rf "$out" && mkdir -p "$out/current"

build() {   # build DIR SOURCES...: the HTTP module and the benchmark into DIR
    local dir=$1; shift
    swiftc -O -wmo -parse-as-library -module-name HTTP -emit-module -emit-module-path "$dir/HTTP.swiftmodule" \
        -c "$@" -o "$dir/HTTP.o"
    swiftc -O -I "$dir" bench/parser/main.swift "$dir/HTTP.o" -o "$dir/bench-parser"
}

build "$out/current" Sources/HTTP/*.swift
variants=(current)
if [ -n "${BASE:-}" ]; then
    mkdir -p "$out/base/src"
    git archive "$BASE" Sources/HTTP | tar -x -C "$out/base/src"
    build "$out/base" "$out/base/src/Sources/HTTP/"*.swift
    variants=(base current)
fi

names=("wrk GET" "browser GET" "POST 64-byte body" "chunked PUT")
for v in "${variants[@]}"; do
    label=$v; [ "$v" = base ] && label="base ($BASE)"
    echo "== $label"
    "$out/$v/bench-parser" "${BENCH_SECONDS:-2}"
done
if command -v valgrind >/dev/null; then
    for v in "${variants[@]}"; do
        echo "== $v: heap allocations per request (valgrind memcheck, 2000 requests)"
        for shape in 0 1 2 3; do
            count() { valgrind --tool=memcheck "$out/$v/bench-parser" --count "$1" "$shape" 2>&1 \
                      | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,; }
            base=$(count 0); many=$(count 2000)
            printf '%-22s%s\n' "${names[$shape]}" "$(( (many - base) / 2000 ))"
        done
    done
else
    echo "valgrind missing: apt-get install valgrind to count allocations"
fi
