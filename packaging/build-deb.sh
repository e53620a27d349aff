#!/usr/bin/env bash
# Builds buurtkiosk_<version>_<arch>.deb: a Release build with Debian's
# hardening flags, stripped, its library dependencies computed by
# dpkg-shlibdeps. Usage: build-deb.sh [BUILD-DIR] (default build-deb); the
# package's path is printed last.
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build-deb}
export DEB_BUILD_MAINT_OPTIONS=hardening=+all
cflags="$(dpkg-buildflags --get CFLAGS) $(dpkg-buildflags --get CPPFLAGS)"
ldflags=$(dpkg-buildflags --get LDFLAGS)
cmake -S . -B "$build" -DCMAKE_BUILD_TYPE=Release -DCMAKE_INSTALL_PREFIX=/usr \
	-DKIOSK_TESTS=OFF -DKIOSK_RUN_FROM_SOURCE_TREE=OFF -DKIOSK_INSTALL_SYSTEM_FILES=ON \
	-DCMAKE_C_FLAGS="$cflags" -DCMAKE_EXE_LINKER_FLAGS="$ldflags" >/dev/null
cmake --build "$build" -j2
rm -f "$build"/buurtkiosk_*.deb
(cd "$build" && cpack -G DEB >/dev/null)
(cd "$build" && ls "$PWD"/buurtkiosk_*.deb)
