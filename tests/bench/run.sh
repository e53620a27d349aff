#!/usr/bin/env bash
# Builds an optimised tree and runs every benchmark; prints figures only.
set -euo pipefail
cd "$(dirname "$0")/../.."
./packaging/install-build-deps.sh test
cmake -S . -B build-bench -DCMAKE_BUILD_TYPE=Release >/dev/null
# Every tests/bench/bench_*.c is a benchmark; bench_ui also needs the kiosk.
benches=()
for source in tests/bench/bench_*.c; do
	benches+=("$(basename "$source" .c)")
done
cmake --build build-bench -j2 --target "${benches[@]}" buurtkiosk >/dev/null
for bench in "${benches[@]}"; do
	case "$bench" in
	bench_ui | bench_ui_floor) continue ;; # the floor is bench_ui's reference, run by it
	esac
	echo "== $bench"
	"build-bench/tests/$bench"
done
# The touch UI: the kiosk and the floor program as fresh processes, off screen
# with SDL's software framebuffer (bench_ui sets both unless they are set).
echo "== bench_ui"
KIOSK_SOURCE_DIR="$PWD" build-bench/tests/bench_ui build-bench/buurtkiosk \
	build-bench/tests/bench_ui_floor
