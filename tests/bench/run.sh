#!/usr/bin/env bash
# Builds an optimised tree and runs every benchmark; prints figures only.
set -euo pipefail
cd "$(dirname "$0")/../.."
./packaging/install-build-deps.sh test
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build-bench -j2 --target bench_import bench_match >/dev/null
for bench in build-bench/tests/bench_*; do
	echo "== $(basename "$bench")"
	"$bench"
done
