#!/usr/bin/env bash
# Fails when a C source differs from what .clang-format makes of it.
set -euo pipefail
cd "${KIOSK_SOURCE_DIR:?}"
files=$(find kiosk tests -name '*.[ch]' | sort)
# shellcheck disable=SC2086
clang-format --dry-run -Werror $files
echo "formatting ok: $(echo "$files" | wc -l) files"
