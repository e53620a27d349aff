#!/usr/bin/env bash
# The test build uses clang; this builds everything again with gcc and
# -Werror, so a warning only gcc gives cannot slip in.
set -euo pipefail
source_dir=${KIOSK_SOURCE_DIR:?}
build=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/gcc-build-XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$build"' EXIT
CC=gcc cmake -S "$source_dir" -B "$build" -DCMAKE_BUILD_TYPE=Debug -DKIOSK_WERROR=ON >/dev/null
cmake --build "$build" -j2 2>&1 | grep -E 'warning|error' && { echo "gcc build has warnings"; exit 1; }
test -x "$build/buurtkiosk"
"$build/buurtkiosk" --version
echo "gcc build clean"
