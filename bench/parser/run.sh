#!/usr/bin/env bash
# make bench-parser: builds the HTTP module on its own (optimised, as a separate module, so
# the benchmark calls it across a module boundary as ServerCore does), links the benchmark,
# prints requests per second, then heap allocations per request counted by valgrind.
set -euo pipefail
cd "$(dirname "$0")/../.."
out=.build/bench-parser
mkdir -p "$out"
swiftc -O -wmo -parse-as-library -module-name HTTP -emit-module -emit-module-path "$out/HTTP.swiftmodule" \
    -c Sources/HTTP/*.swift -o "$out/HTTP.o"
swiftc -O -I "$out" bench/parser/main.swift "$out/HTTP.o" -o "$out/bench-parser"
"$out/bench-parser" "${BENCH_SECONDS:-2}"
if command -v valgrind >/dev/null; then
    echo "shape                 heap allocations per request (valgrind)"
    for shape in 0 1 2 3; do
        count() { valgrind --tool=memcheck "$out/bench-parser" --count "$1" "$shape" 2>&1 \
                  | sed -n 's/.*total heap usage: \([0-9,]*\) allocs.*/\1/p' | tr -d ,; }
        base=$(count 0); many=$(count 2000)
        names=("wrk GET" "browser GET" "POST 64-byte body" "chunked PUT")
        printf '%-22s%s\n' "${names[$shape]}" "$(( (many - base) / 2000 ))"
    done
else
    echo "valgrind missing: apt-get install valgrind to count allocations"
fi
