#!/usr/bin/env bash
# make fuzz: libFuzzer through the Swift toolchain. The modules under test are built by
# SwiftPM into .build-fuzz with coverage instrumentation and AddressSanitizer
# (-sanitize=fuzzer,address); each target links one harness (Fuzz/Harnesses, the same code
# `make test` replays) with its libFuzzer entry point (Fuzz/Entry). Each target then runs for
# FUZZ_TIME seconds (default 60) from the committed seeds plus what earlier runs found
# (.build-fuzz/corpus; what fails goes to .build-fuzz/findings), with a 1-second limit per input and leak detection on. A crash, a
# hang or a leak fails the run, and its reproducer is copied into Fuzz/corpus/TARGET/, where
# `make test` replays it until it is fixed. FUZZ_TARGETS limits the run to some targets;
set -uo pipefail
cd "$(dirname "$0")/.."
FUZZ_TIME=${FUZZ_TIME:-60}
targets=${FUZZ_TARGETS:-"http-parser config xml-documents answers-file"}
build=.build-fuzz
release=$build/release
flags=(-c release --build-path "$build" -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address)

for module in HTTP LabKit LabCheckKit; do
    swift build "${flags[@]}" --target "$module" 2>&1 | grep -E "error|warning: unre|Compiling|Build" | tail -3 || true
    [ -d "$release/$module.build" ] || { echo "fuzz: building $module failed" >&2; exit 1; }
done

objects() { for m in "$@"; do ls "$release/$m.build/"*.o; done; }
link() {   # link TARGET HARNESS MODULES...
    local target=$1 harness=$2; shift 2
    swiftc -O -parse-as-library -sanitize=fuzzer,address -module-name "Fuzz_${harness}" \
        -I "$release/Modules" -Xcc -fmodule-map-file="$release/CLinuxShim.build/module.modulemap" \
        -Xcc -fmodule-map-file=Sources/CLibXML2/module.modulemap -Xcc -I/usr/include/libxml2 \
        "Fuzz/Entry/$harness.swift" "Fuzz/Harnesses/${harness}Harness.swift" $(objects "$@") -lxml2 \
        -o "$build/fuzz-$target" 2>&1 | grep -v "ld.gold: warning: Cannot export local symbol" || true
    [ -x "$build/fuzz-$target" ] || { echo "fuzz: linking $target failed" >&2; exit 1; }
}

failed=0
summary=()
for target in $targets; do
    case $target in
        http-parser) link "$target" HTTPParser HTTP; dict=Fuzz/dict/http.dict ;;
        config) link "$target" Config Config Posix CLinuxShim; dict=Fuzz/dict/config.dict ;;
        xml-documents) link "$target" XMLDocument LabKit GradingProtocol XML Config Posix CLinuxShim; dict="" ;;
        answers-file) link "$target" AnswersFile LabCheckKit GradingProtocol ServerHarness HTTP Posix CLinuxShim; dict="" ;;
        *) echo "fuzz: unknown target $target" >&2; exit 2 ;;
    esac
    work=$build/corpus/$target
    artifacts=$PWD/$build/findings/$target
    rm -rf "$artifacts"
    mkdir -p "$work" "$artifacts"
    log=$build/fuzz-$target.log
    echo "== $target: fuzzing for ${FUZZ_TIME}s (log: $log)"
    # Fork mode: fuzzing runs in a child process, so that an input over the time limit is
    # saved and judged afterwards (below) instead of ending the run; a crash or a leak still
    # ends it at once.
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=1 "$build/fuzz-$target" "$work" "Fuzz/corpus/$target" \
        -fork="${FUZZ_JOBS:-1}" -ignore_timeouts=1 -ignore_ooms=0 -ignore_crashes=0 \
        -max_total_time="$FUZZ_TIME" -timeout=1 -rss_limit_mb=2048 \
        -artifact_prefix="$artifacts/" ${dict:+-dict=$dict} > "$log" 2>&1
    status=$?
    last=$(grep -E '^#[0-9]+: cov: ' "$log" | tail -1)
    execs=$(sed -E 's/^#([0-9]+):.*/\1/' <<< "$last")
    cov=$(grep -oE 'cov: [0-9]+ ft: [0-9]+' <<< "$last")
    seconds=$(grep -oE 'time: [0-9]+s' <<< "$last" | grep -oE '[0-9]+')
    rate=$(( ${execs:-0} / (${seconds:-1} > 0 ? ${seconds:-1} : 1) ))
    result=ok
    if ls "$artifacts"/* >/dev/null 2>&1 && [ $status -eq 0 ]; then status=1; fi
    if [ $status -ne 0 ]; then
        result="FAILED (exit $status)"
        grep -m3 -E "ERROR|Fatal error|SUMMARY|==[0-9]+==" "$log" | sed 's/^/   /'
        kept=0 seen=0
        for artifact in "$artifacts"/*; do
            [ -f "$artifact" ] || continue
            seen=1
            # On a loaded machine an input can miss the 1 s limit (wall clock) by waiting for
            # a core: a timeout counts only if the input, run alone, uses a second of CPU.
            if [[ $(basename "$artifact") == timeout-* ]]; then
                cpu=$( { TIMEFORMAT='%U %S'; time SWIFT_BACKTRACE=enable=no timeout 60 \
                        "$build/fuzz-$target" -runs=1 "$artifact" >> "$log" 2>&1; } 2>&1 | awk '{ print $1 + $2 }')
                if awk "BEGIN { exit !($cpu < 1.0) }"; then
                    echo "   $(basename "$artifact"): ${cpu}s of CPU when run alone (load average $(cut -d' ' -f1 /proc/loadavg)), not a hang, not kept"
                    continue
                fi
            fi
            cp "$artifact" "Fuzz/corpus/$target/$(basename "$artifact")"
            echo "   reproducer kept: Fuzz/corpus/$target/$(basename "$artifact")"
            kept=1
        done
        if [ $kept = 1 ] || [ $seen = 0 ]; then failed=1; else result="ok (timeout not reproduced)"; fi
    fi
    summary+=("$(printf '%-14s %12s execs  %8s/s  %-22s %s' "$target" "${execs:-?}" "${rate:-?}" "${cov:-cov: ?}" "$result")")
done
echo
printf '%s\n' "${summary[@]}"
exit $failed
