#!/usr/bin/env bash
# Installs what is missing, builds with ASan + UBSan, -Werror and the
# libFuzzer targets (clang), and runs every test through CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-build-deps.sh test
cmake -S . -B build-tests -DCMAKE_C_COMPILER=clang -DCMAKE_BUILD_TYPE=Debug \
	-DKIOSK_SANITIZE=ON -DKIOSK_WERROR=ON -DKIOSK_FUZZ=ON >/dev/null
cmake --build build-tests -j2
cd build-tests
ctest --output-on-failure -j2 --timeout 1200
