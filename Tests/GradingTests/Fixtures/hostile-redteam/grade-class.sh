#!/bin/sh
# Grades a class made of the named attack folders (plus alice, the reference solution, and
# twin, the constant counter) with the real `mpmlab grade 2`, and prints the gradebook.
#   grade-class.sh WORK ATTACK...      (WORK: a scratch folder under /tmp, created)
# Each attack folder may hold SharedCounter.swift, answers.txt, student.conf (else the
# reference student.conf and answers.txt, and the constant counter) and setup.sh, run in the
# student's folder with REPOSITORY and CLASS set (links and other things git does not keep).
# @REPOSITORY@ and @CLASS@ in the files are replaced with the real paths, as in hostile/.
# JOBS and TIME_LIMIT (seconds) are passed to mpmlab grade (default 2 and 600).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../../../.." && pwd)
work=$1; shift
case "$work" in /tmp/*) ;; *) echo "WORK must be under /tmp" >&2; exit 2 ;; esac
# CLASS_IN_REPO=1 keeps the class folder inside the repository (submissions-redteam/), as an
# instructor running `mpmlab grade 2 --submissions submissions` from the repository would;
# it is removed at the end.
class="$work/class"
[ "${CLASS_IN_REPO:-0}" = 1 ] && class="$repo/submissions-redteam"
rm -rf "$work" "$class"; mkdir -p "$work" "$class"
lab="$repo/labs/02-threads"
student() {  # name, then the counter file to use
    mkdir -p "$class/$1"
    cp "$lab/student.conf" "$lab/answers.txt" "$class/$1/"
    cp "$2" "$class/$1/SharedCounter.swift"
}
student alice "$repo/Sources/LabExercises/SharedCounter.swift"
student twin "$lab/mutants/constant-counter/SharedCounter.swift"
for attack in "$@"; do
    src="$here/$attack"
    student "$attack" "$lab/mutants/constant-counter/SharedCounter.swift"
    for f in SharedCounter.swift answers.txt student.conf; do
        [ -f "$src/$f" ] && sed -e "s|@REPOSITORY@|$repo|g" -e "s|@CLASS@|$class|g" "$src/$f" > "$class/$attack/$f"
    done
    [ -f "$src/setup.sh" ] && (cd "$class/$attack" && REPOSITORY="$repo" CLASS="$class" sh "$src/setup.sh")
done
cd "$repo"
# The grader's own peak memory (VmHWM), sampled: /usr/bin/time would report the largest
# descendant's (a sandbox's test bundle) instead.
( while sleep 1; do
      pid=$(pgrep -f -o "^\.build/debug/mpmlab grade 2 --submissions $class") || continue
      grep VmHWM "/proc/$pid/status" 2>/dev/null > "$work/grader-hwm.tmp" && mv "$work/grader-hwm.tmp" "$work/grader-hwm.txt"
  done ) &
sampler=$!
/usr/bin/time -v -o "$work/grader-time.txt" .build/debug/mpmlab grade 2 --submissions "$class" --out "$work/grades" \
    --skip-build --keep-work --jobs "${JOBS:-2}" --time-limit "${TIME_LIMIT:-600}" > "$work/console.txt" 2>&1 || echo "mpmlab grade exited $?"
kill "$sampler"
cat "$work/grades/grades.csv"
cat "$work/grader-hwm.txt"
grep -E "Maximum resident|Elapsed" "$work/grader-time.txt"
[ "${CLASS_IN_REPO:-0}" = 1 ] && mv "$class" "$work/class"
true
