#!/usr/bin/env bash
# Fails when C sources call a banned function (see kiosk/DEVELOPERS.md).
set -euo pipefail
cd "${KIOSK_SOURCE_DIR:?}"
pattern='\b(sprintf|strcpy|strcat|atoi|strtok|gets)[[:space:]]*\('
if grep -rnE --include='*.c' --include='*.h' "$pattern" kiosk tests; then
	echo "banned functions found above: use text_format, text_copy, text_buffer_* or text_parse_integer"
	exit 1
fi
# The check itself must be able to fail: it must find a planted call.
planted=$(mktemp)
trap 'rm -f "$planted"' EXIT
printf 'int f(char *d){ return strcpy (d, "x") != 0; }\n' >"$planted"
grep -qE "$pattern" "$planted" || { echo "the banned-function pattern is broken"; exit 1; }
echo "no banned functions"
