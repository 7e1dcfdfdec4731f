#!/bin/bash
# Gradescope runs this once, as root, when it builds the autograder's image (written by
# `mpmlab autograder @LAB@ --platform gradescope`). It installs what Gradescope's Ubuntu image
# lacks — the Swift @SWIFT_VERSION@ toolchain from swift.org, libxml2-dev, pkg-config,
# bubblewrap (the grading sandbox) — unless it is there already, then builds the kit once:
# the checks, mpmd, labrun and mpmlab, from kit/ (this repository without its solutions, with
# the hidden checks' tests). Programs built beforehand (`--programs`) are kept when they run.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
. "$here/autograder.conf"

have_all=1
swift --version 2>/dev/null | grep -q "swift-$SWIFT_VERSION-RELEASE" || have_all=""
for tool in bwrap prlimit pkg-config; do command -v "$tool" >/dev/null 2>&1 || have_all=""; done
pkg-config --exists libxml-2.0 2>/dev/null || have_all=""
if [ -z "$have_all" ]; then
  sh "$here/kit/platforms/install-deps.sh" "$SWIFT_VERSION" /opt/swift
  PATH="/opt/swift/usr/bin:$PATH"
fi
swift=$(command -v swift)
echo "PATH='$(dirname "$swift"):/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'" > "$here/environment"

cd "$here/kit"
products=.build/debug
if [ -x "$products/mpmlab" ] && "$products/mpmlab" --version >/dev/null 2>&1 \
   && "$products/mpmd" -V >/dev/null 2>&1 && "$products/MPMLabPackageTests.xctest" --list-tests >/dev/null 2>&1; then
  echo "setup.sh: the programs built beforehand run here: kept"
else
  echo "setup.sh: building the kit (swift build --build-tests)"
  "$swift" build --build-tests
fi
echo "setup.sh: ready to grade lab $LAB"
