# ui_support.sh — sourced by the touch-UI script tests: a scratch folder, the
# headless SDL settings, and a way to play a replay script against the real
# binary and report what went wrong.
set -euo pipefail
binary=${KIOSK_BINARY:?}
source_dir=${KIOSK_SOURCE_DIR:?}
work=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/ui-XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=offscreen
export SDL_FRAMEBUFFER_ACCELERATION=0
# Read-aloud plays into SDL's dummy sound device unless a test names another.
export SDL_AUDIODRIVER=${SDL_AUDIODRIVER:-dummy}
database="$work/kiosk.db"
sample="$source_dir/data/catalogus.csv"
now=2026-11-24T09:00
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

# play NAME SIZE SCRIPT-FILE [more buurtkiosk options]: plays the script in a
# window of SIZE (WxH, or "kiosk" for kiosk mode, full screen) with
# screenshots in $work/NAME; sets $played to the exit status.
play() {
	local name=$1 size=$2 script=$3
	shift 3
	local window=(--windowed "$size")
	if [ "$size" = kiosk ]; then
		window=()
	fi
	played=0
	"$binary" --db "$database" --now "$now" "${window[@]}" --replay "$script" \
		--screenshots "$work/$name" "$@" >"$work/$name.out" 2>"$work/$name.err" || played=$?
	if [ "$played" -ne 0 ]; then
		echo "replay $name ($size) exited $played:"
		sed 's/^/  /' "$work/$name.err" | head -20
	fi
	# SDL's dummy sound device always opens: read-aloud must be able to use it.
	if [ "$SDL_AUDIODRIVER" = dummy ] && grep -q 'read-aloud is silent' "$work/$name.err"; then
		fail "replay $name: read-aloud could not open the dummy sound device: $(grep 'read-aloud' "$work/$name.err")"
	fi
}

# Replay lines that open the volunteer menu: the 5-second hold in the
# top-left corner, then the PIN 2468 (set it first with --set-pin 2468).
open_menu='drag 6 6 6 6 5200
tap "2"
tap "4"
tap "6"
tap "8"
tap "OK"
expect "Menu voor vrijwilligers"'

# The text of an answer tile in data/questions.ini: option_text QUESTION OPTION
option_text() {
	awk -v section="[$1.$2]" '$0 == section { found = 1; next }
		found && /^text *=/ { sub(/^text *= */, ""); print; exit }' \
		"$source_dir/data/questions.ini"
}

# The signup URL of an offer in the sample catalogue: signup_url ID
signup_url() {
	python3 - "$sample" "$1" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as source:
    for row in csv.DictReader(source, delimiter=";"):
        if row["id"] == sys.argv[2]:
            print(row["aanmeld_url"])
PY
}

finish() {
	if [ "$failures" -ne 0 ]; then
		echo "$failures failure(s)"
		exit 1
	fi
	echo "all passed"
}
