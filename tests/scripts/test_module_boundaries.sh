#!/usr/bin/env bash
# The house rules on dependencies: the core builds with libc alone, and
# sqlite3 appears only in the store module.
set -euo pipefail
cd "${KIOSK_SOURCE_DIR:?}"
failures=0
core="atomic_file catalogue csv counters distance import json match schedule sha256 status text upcoming"

# Each core module, and its unit test's subject, compiles and links against
# nothing but libc and libm: link every core object into one program.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
objects=()
for module in $core; do
	if ! cc -std=c17 -c -Ikiosk "kiosk/$module.c" -o "$work/$module.o" 2>"$work/errors"; then
		echo "FAIL: kiosk/$module.c does not build with libc alone:"
		cat "$work/errors"
		failures=$((failures + 1))
	fi
	objects+=("$work/$module.o")
done
printf 'int main(void){return 0;}\n' >"$work/main.c"
if ! cc "$work/main.c" "${objects[@]}" -lm -o "$work/core" 2>"$work/errors"; then
	echo "FAIL: the core does not link with libc alone:"
	cat "$work/errors"
	failures=$((failures + 1))
fi

# sqlite3 only in store.c (the store header keeps it out of its interface).
offenders=$(grep -lE 'sqlite3' kiosk/*.c kiosk/*.h | grep -v '^kiosk/store\.c$' || true)
if [ -n "$offenders" ]; then
	echo "FAIL: sqlite3 outside the store module: $offenders"
	failures=$((failures + 1))
fi
# SDL only in platform/render modules (none yet in the core).
for module in $core; do
	if grep -qE '#include *<SDL' "kiosk/$module.c" "kiosk/$module.h"; then
		echo "FAIL: SDL in core module $module"
		failures=$((failures + 1))
	fi
done
echo "module boundary failures: $failures"
[ "$failures" -eq 0 ]
