#!/usr/bin/env bash
# buurtkiosk --speak-test LANG --wav FILE, as a volunteer tests the speakers:
# for Dutch, English, Turkish and Arabic a WAV file of the first question
# and its options that is real speech (not silence), lasts a plausible time
# for the text's length, and differs per language; an unknown language or a
# missing --wav is a usage error (exit 2) and writes nothing.
set -euo pipefail
binary=${KIOSK_BINARY:?}
work=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/read-aloud-XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

for language in nl en tr ar; do
	if ! "$binary" --speak-test "$language" --wav "$work/$language.wav" >"$work/out" 2>"$work/err"; then
		fail "--speak-test $language: $(cat "$work/err")"
		continue
	fi
	# Seconds, RMS loudness and the share of near-silent 20 ms windows.
	read -r seconds loudness quiet < <(python3 - "$work/$language.wav" <<'PY'
import array, math, sys, wave
with wave.open(sys.argv[1]) as audio:
    assert audio.getnchannels() == 1 and audio.getsampwidth() == 2
    rate = audio.getframerate()
    samples = array.array("h", audio.readframes(audio.getnframes()))
window = rate // 50
windows = [samples[i:i + window] for i in range(0, len(samples) - window, window)]
quiet = sum(1 for w in windows if max(abs(s) for s in w) < 300) / max(1, len(windows))
rms = math.sqrt(sum(s * s for s in samples) / max(1, len(samples)))
print(f"{len(samples) / rate:.2f} {rms:.0f} {quiet:.2f}")
PY
	)
	echo "$language: $seconds s, RMS $loudness, $(awk -v q="$quiet" 'BEGIN{printf "%d", q*100}')% pauses"
	# The first question with its options is a few hundred characters: at
	# a slow reading pace that is 8 to 40 seconds, mostly voiced.
	if ! awk -v s="$seconds" -v r="$loudness" -v q="$quiet" 'BEGIN { exit !(s > 8 && s < 40 && r > 500 && q < 0.6) }'; then
		fail "$language: not plausible speech ($seconds s, RMS $loudness, quiet $quiet)"
	fi
done
# Each language is its own voice, not one recording four times.
if cmp -s "$work/nl.wav" "$work/en.wav" || cmp -s "$work/tr.wav" "$work/ar.wav"; then
	fail "two languages gave the same recording"
fi

status=0
"$binary" --speak-test de --wav "$work/de.wav" >/dev/null 2>&1 || status=$?
if [ "$status" -ne 2 ] || [ -e "$work/de.wav" ]; then
	fail "an unknown language: exit $status (expected 2), file written: $([ -e "$work/de.wav" ] && echo yes || echo no)"
fi
status=0
"$binary" --speak-test nl >/dev/null 2>&1 || status=$?
[ "$status" -eq 2 ] || fail "--speak-test without --wav: exit $status, expected 2"

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all passed"
