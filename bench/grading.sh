#!/usr/bin/env bash
# make bench-grading: how long grading takes. For each lab, one submission graded alone in its
# sandbox (mpmlab grade, --jobs 1) against the same lab checked locally without a sandbox
# (mpmlab check); then a class of 40 students of lab 2 graded two at a time on this machine.
# Timings, not tests: the machine is shared. The section between the grading markers of
# bench/RESULTS.md is replaced (bench/record.py); the rest of the file is left as it is.
set -euo pipefail
cd "$(dirname "$0")/.."
MPMLAB=.build/debug/mpmlab
swift build --build-tests >/dev/null
scratch=$(mktemp -d /tmp/mpmlab-bench-grading.XXXXXX)
trap 'rm -rf "$scratch"' EXIT
seconds() { local start=$(date +%s.%N); "$@" >"$scratch/last.log" 2>&1 || true; python3 -c "print($(date +%s.%N) - $start)"; }

reference() {  # reference DIR LAB-FOLDER: the reference solution's hand-in files
  mkdir -p "$1"
  cp "labs/$2/student.conf" "labs/$2/answers.txt" "$1/"
  case "$2" in
    02-threads) cp Sources/LabExercises/SharedCounter.swift "$1/" ;;
    03-keepalive) cp Sources/LabExercises/KeepAliveDecision.swift "$1/" ;;
  esac
}

rows=()
for lab in 01-processes 02-threads 03-keepalive 04-sizing; do
  n=${lab:1:1}
  reference "$scratch/one-$n/ref" "$lab"
  graded=$(seconds $MPMLAB grade "$n" --submissions "$scratch/one-$n" --out "$scratch/out-$n" --skip-build --jobs 1)
  checked=$(seconds $MPMLAB check "$n" --skip-build --report "$scratch/check-$n.xml")
  rows+=("| $lab | $(printf %.1f "$graded") s | $(printf %.1f "$checked") s |")
done

# A class of 40 for lab 2: ten of each — the reference, an unprotected counter, a constant
# counter, wrong answers.
class="$scratch/class"
for i in $(seq -w 1 10); do
  reference "$class/ref$i" 02-threads
  for m in unsynchronized-counter constant-counter wrong-answers; do
    reference "$class/$m-$i" 02-threads
    cp labs/02-threads/mutants/$m/* "$class/$m-$i/"; rm -f "$class/$m-$i/expect"
  done
done
class_seconds=$(seconds $MPMLAB grade 2 --submissions "$class" --out "$scratch/class-out" --skip-build --jobs 2)
graded_rows=$(($(wc -l < "$scratch/class-out/grades.csv") - 1))

section=$(cat <<MD
## Grading

Recorded by \`make bench-grading\` on $(date -u '+%Y-%m-%d %H:%M') UTC: $(nproc) cores, load average before the run $(cut -d' ' -f1-3 /proc/loadavg).
One submission (the reference solution) graded alone in its sandbox (\`mpmlab grade N --jobs 1\`:
kit preparation, copy, sandbox, module build, every graded check) beside the same lab checked
on this machine without a sandbox (\`mpmlab check N --skip-build\`, which also runs the 0-point claims).

| lab | mpmlab grade, one student | mpmlab check |
|---|---|---|
$(printf '%s\n' "${rows[@]}")

A class of 40 students of lab 2 (10 reference solutions, 10 unprotected counters, 10 constant
counters, 10 sets of wrong answers), \`mpmlab grade 2 --jobs 2\`: **$(printf %.0f "$class_seconds") s** for
$graded_rows rows ($(python3 -c "print(round($class_seconds / 40, 1))") s per student).
MD
)
printf '%s\n' "$section" | python3 bench/record.py "make bench-grading"
echo "$section"
