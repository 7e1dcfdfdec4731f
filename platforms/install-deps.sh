#!/bin/sh
# What a fresh Ubuntu 22.04 or 24.04 machine (as root) lacks to build and grade MPMLab, for
# the grading platforms' images: the system packages the Swift toolchain needs (swift.org's
# list for that Ubuntu), libxml2-dev and pkg-config (the kit's XML), bubblewrap and util-linux
# (the grading sandbox and prlimit), then the Swift toolchain itself from swift.org, checked
# against swift.org's signing keys. What is already there is left alone, so it can run twice.
#
#   install-deps.sh SWIFT_VERSION [PREFIX]      e.g. install-deps.sh 6.3.1 /opt/swift
set -eu
version="${1:?usage: install-deps.sh SWIFT_VERSION [PREFIX]}"
prefix="${2:-/opt/swift}"

. /etc/os-release
case "${ID:-}-${VERSION_ID:-}" in
  ubuntu-24.04) gcc=13; platform=ubuntu24.04; extra="libncurses-dev" ;;
  ubuntu-22.04) gcc=11; platform=ubuntu22.04; extra="python3-lldb-13" ;;
  *) echo "install-deps.sh: ${PRETTY_NAME:-this system} is not Ubuntu 22.04 or 24.04; install Swift $version, libxml2-dev, pkg-config and bubblewrap yourself" >&2
     exit 1 ;;
esac
packages="binutils git gnupg2 libc6-dev libcurl4-openssl-dev libedit2 libgcc-$gcc-dev libpython3-dev libsqlite3-0
          libstdc++-$gcc-dev libxml2-dev libz3-dev pkg-config tzdata unzip zlib1g-dev $extra
          bubblewrap util-linux curl ca-certificates"
missing=""
for package in $packages; do
  dpkg -s "$package" >/dev/null 2>&1 || missing="$missing $package"
done
if [ -n "$missing" ]; then
  echo "install-deps.sh: installing$missing"
  apt-get update -qq
  # shellcheck disable=SC2086 # one word per package
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# The grading sandbox uses bwrap's --disable-userns (bubblewrap 0.8 or later).
if ! bwrap --help 2>&1 | grep -q -- --disable-userns; then
  echo "install-deps.sh: $(bwrap --version 2>&1) lacks --disable-userns (bubblewrap 0.8 or later, as in Ubuntu 24.04): the grading sandbox will refuse to start" >&2
fi

if [ -x "$prefix/usr/bin/swift" ] && "$prefix/usr/bin/swift" --version 2>/dev/null | grep -q "swift-$version-RELEASE"; then
  echo "install-deps.sh: Swift $version already in $prefix"
  exit 0
fi
arch=""
[ "$(uname -m)" = aarch64 ] && arch="-aarch64"
name="swift-$version-RELEASE-$platform$arch"
url="https://download.swift.org/swift-$version-release/$(echo "$platform" | tr -d .)$arch/swift-$version-RELEASE/$name.tar.gz"
work=$(mktemp -d)
echo "install-deps.sh: downloading $url"
curl -fsSL -o "$work/swift.tar.gz" "$url"
curl -fsSL -o "$work/swift.tar.gz.sig" "$url.sig"
curl -fsSL -o "$work/keys.asc" https://www.swift.org/keys/all-keys.asc
GNUPGHOME="$work/gnupg"; export GNUPGHOME
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --import "$work/keys.asc"
gpg --batch --verify "$work/swift.tar.gz.sig" "$work/swift.tar.gz"
mkdir -p "$prefix"
tar -xzf "$work/swift.tar.gz" -C "$prefix" --strip-components=1
rm -rf "$work"
"$prefix/usr/bin/swift" --version
