#!/usr/bin/env bash
# A monkey on the glass: 10,000 random taps and drags (5,000 per
# orientation; and now and then a pause, sometimes long, so the idle question and reset happen too), in portrait and
# landscape, under the test build's AddressSanitizer and UBSan: the kiosk
# must not crash, trip a sanitizer, or leak (LeakSanitizer runs at exit).
source "$(dirname "$0")/ui_support.sh"

"$binary" --db "$database" --import "$sample" >/dev/null

make_script() { # make_script SEED WIDTH HEIGHT STEPS
	python3 - "$@" <<'PY'
import random, sys
seed, width, height, steps = map(int, sys.argv[1:])
rng = random.Random(seed)
played = 0
while played < steps:
    roll = rng.random()
    played += roll < 0.95
    if roll < 0.70:
        print(f"tap {rng.randrange(width)} {rng.randrange(height)}")
    elif roll < 0.95:
        print(f"drag {rng.randrange(width)} {rng.randrange(height)} "
              f"{rng.randrange(width)} {rng.randrange(height)} {rng.randint(30, 600)}")
    elif roll < 0.99:
        print(f"wait {rng.randint(100, 5000)}")
    else:
        print(f"wait {rng.randint(55000, 80000)}")
PY
}

total=0
for run in "1 720x1280" "2 1280x720"; do
	read -r seed size <<<"$run"
	width=${size%x*} height=${size#*x}
	make_script "$seed" "$width" "$height" 5000 >"$work/monkey-$seed.txt"
	total=$((total + $(grep -c -E '^(tap|drag)' "$work/monkey-$seed.txt")))
	play "monkey-$seed" "$size" "$work/monkey-$seed.txt"
	if [ "$played" -eq 0 ] && ! grep -q -E 'ERROR: (Address|Leak)Sanitizer|runtime error' \
		"$work/monkey-$seed.err"; then
		echo "ok: 5,000 random steps at $size"
	else
		fail "monkey at $size (seed $seed)"
		tail -30 "$work/monkey-$seed.err"
	fi
done
echo "taps and drags played: $total"
[ "$total" -eq 10000 ] || fail "expected 10,000 taps and drags, played $total"
finish
