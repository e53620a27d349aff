#!/usr/bin/env bash
# Installs what is missing, builds Buurtkiosk and starts it on the bundled
# sample catalogue, with a database in build/ so nothing outside the checkout
# changes. Extra arguments go to buurtkiosk (try --help).
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-build-deps.sh run
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_TESTS=OFF >/dev/null
cmake --build build -j2
exec ./build/buurtkiosk --db build/buurtkiosk.db "$@"
