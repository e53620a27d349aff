#!/usr/bin/env bash
# The house rules on dependencies: the core builds with libc alone; sqlite3
# appears only in the store module, libqrencode only in qr.c, SDL only in the
# platform and render modules and the loop that drives them; and all the UI
# logic (screens, app, replay) builds and links without SDL.
set -euo pipefail
cd "${KIOSK_SOURCE_DIR:?}"
failures=0
core="atomic_file catalogue csv counters distance import json match schedule sha256 status text upcoming
	draw escpos layout layout_check offer_text phrases replay translate width_cache"
sdl_modules="platform render text_faces slip_raster ui_loop print_slip audio"

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
# libqrencode only in qr.c.
offenders=$(grep -lE '#include *<qrencode' kiosk/*.c kiosk/*.h | grep -v '^kiosk/qr\.c$' || true)
if [ -n "$offenders" ]; then
	echo "FAIL: libqrencode outside the qr module: $offenders"
	failures=$((failures + 1))
fi
# libcups only in printer.c (the cups:QUEUE backend).
offenders=$(grep -lE '#include *<cups/' kiosk/*.c kiosk/*.h | grep -v '^kiosk/printer\.c$' || true)
if [ -n "$offenders" ]; then
	echo "FAIL: libcups outside the printer module: $offenders"
	failures=$((failures + 1))
fi
# libsodium only in volunteer_pin.c (the PIN hash) and minisign.c (signatures).
offenders=$(grep -lE '#include *<sodium' kiosk/*.c kiosk/*.h |
	grep -vE '^kiosk/(volunteer_pin|minisign)\.c$' || true)
if [ -n "$offenders" ]; then
	echo "FAIL: libsodium outside the volunteer_pin and minisign modules: $offenders"
	failures=$((failures + 1))
fi
# espeak-ng only in speech.c (read-aloud) and fribidi only in bidi.c.
offenders=$(grep -lE '#include *<espeak' kiosk/*.c kiosk/*.h | grep -v '^kiosk/speech\.c$' || true)
if [ -n "$offenders" ]; then
	echo "FAIL: espeak-ng outside the speech module: $offenders"
	failures=$((failures + 1))
fi
offenders=$(grep -lE '#include *<fribidi' kiosk/*.c kiosk/*.h | grep -v '^kiosk/bidi\.c$' || true)
if [ -n "$offenders" ]; then
	echo "FAIL: fribidi outside the bidi module: $offenders"
	failures=$((failures + 1))
fi
# libsystemd only in service_manager.c (readiness and the watchdog).
offenders=$(grep -lE '#include *<systemd' kiosk/*.c kiosk/*.h | grep -v '^kiosk/service_manager\.c$' || true)
if [ -n "$offenders" ]; then
	echo "FAIL: libsystemd outside the service_manager module: $offenders"
	failures=$((failures + 1))
fi
# SDL only in the platform and render modules and the loop.
for file in kiosk/*.c kiosk/*.h; do
	module=$(basename "${file%.*}")
	case " $sdl_modules " in *" $module "*) continue ;; esac
	if grep -qE '#include *[<"]SDL' "$file"; then
		echo "FAIL: SDL in $file"
		failures=$((failures + 1))
	fi
done
# Everything but the SDL side (and the command line that starts it) links
# without SDL: the screens and the app are testable with no display.
displayless=()
for file in kiosk/*.c; do
	module=$(basename "${file%.c}")
	case " $sdl_modules cli main " in *" $module "*) continue ;; esac
	if ! cc -std=c17 -c -Ikiosk $(pkg-config --cflags fribidi espeak-ng) "$file" -o "$work/ui-$module.o" 2>"$work/errors"; then
		echo "FAIL: $file does not build without SDL:"
		cat "$work/errors"
		failures=$((failures + 1))
	fi
	displayless+=("$work/ui-$module.o")
done
if ! cc "$work/main.c" "${displayless[@]}" $(pkg-config --libs sqlite3 inih libqrencode libsodium espeak-ng fribidi libsystemd) -lcups -lpthread \
	-lm -o "$work/displayless" 2>"$work/errors"; then
	echo "FAIL: the UI logic does not link without SDL:"
	cat "$work/errors"
	failures=$((failures + 1))
fi
echo "module boundary failures: $failures"
[ "$failures" -eq 0 ]
