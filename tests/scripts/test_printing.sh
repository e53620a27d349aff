#!/usr/bin/env bash
# Printing from the command line: --print-slip writes the ESC/POS bytes of
# one and of three offers at 58 and 80 mm; the test's decoder turns them back
# into an image and zbarimg must read exactly the offers' signup URLs. Also
# the exit codes and messages of printer errors, unknown ids and too many
# ids, and --print-test's slip.
set -euo pipefail
binary=${KIOSK_BINARY:?}
source_dir=${KIOSK_SOURCE_DIR:?}
decode=${KIOSK_ESCPOS_DECODE:?the escpos_decode test tool}
work=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/printing-XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
database="$work/kiosk.db"
sample="$source_dir/data/catalogus.csv"
now=2026-11-22T10:00
failures=0

for tool in zbarimg python3; do
	command -v "$tool" >/dev/null || {
		echo "FAIL: $tool is needed (packaging/install-build-deps.sh test)"
		exit 1
	}
done

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

run() { # run EXPECTED_EXIT DESCRIPTION COMMAND...: output in $work/out, $work/err
	local expected=$1 description=$2 actual=0
	shift 2
	"$@" >"$work/out" 2>"$work/err" || actual=$?
	if [ "$actual" -ne "$expected" ]; then
		fail "$description: exit $actual, expected $expected"
		sed 's/^/  out: /' "$work/out" | head -10
		sed 's/^/  err: /' "$work/err" | head -10
		return 1
	fi
	echo "ok: $description"
}

# The signup URLs of the given offers, straight from the sample spreadsheet,
# sorted, one a line (offers without one add nothing).
expected_urls() {
	python3 - "$sample" "$@" <<'PY'
import csv, sys
rows = {row["id"]: row for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=";")}
urls = sorted(rows[i]["aanmeld_url"].strip() for i in sys.argv[2:] if rows[i]["aanmeld_url"].strip())
print("\n".join(urls))
PY
}

# Decodes the ESC/POS bytes in $1 to $1.pbm and checks the image width ($2).
decode_slip() {
	local bytes=$1 width=$2 summary
	if ! summary=$("$decode" "$bytes" "$bytes.pbm" 2>&1); then
		fail "$bytes is not a valid ESC/POS slip: $summary"
		return 1
	fi
	case "$summary" in
	*"width $width "*"cut"*) ;;
	*)
		fail "$bytes: expected a $width dots wide slip with a cut, got: $summary"
		return 1
		;;
	esac
}

read_codes() { # the QR codes zbarimg reads in an image, sorted
	zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$1" 2>/dev/null | sed '/^$/d' | LC_ALL=C sort || true
}

"$binary" --db "$database" --import "$sample" >/dev/null

# The catalogue's offers: one with a URL, three with URLs, one without.
one=wandelen-met-buren-dinsdag
three=gli-cool,stoplijn-roken,online-diabetes
for paper in 80mm 58mm; do
	case $paper in 80mm) width=576 ;; 58mm) width=384 ;; esac
	config="$work/$paper.ini"
	printf '[printer]\nuri = file:%s/unused.bin\npaper = %s\n' "$work" "$paper" >"$config"
	for ids in "$one" "$three"; do
		out="$work/slip-$paper-${ids//,/_}.bin"
		run 0 "--print-slip $ids at $paper" "$binary" --config "$config" --db "$database" \
			--print-slip "$ids" --printer "file:$out" --now "$now" || continue
		decode_slip "$out" "$width" || continue
		# shellcheck disable=SC2046
		expected=$(expected_urls $(tr ',' ' ' <<<"$ids"))
		actual=$(read_codes "$out.pbm")
		if [ "$actual" = "$expected" ] && [ -n "$actual" ]; then
			echo "ok: $paper $ids: the codes read $(wc -l <<<"$actual") signup URL(s)"
		else
			fail "$paper $ids: codes read:"$'\n'"$actual"$'\n'"expected:"$'\n'"$expected"
		fi
	done
done

# An offer without a URL: a slip, and no code on it.
run 0 "--print-slip of an offer without a signup URL" "$binary" --db "$database" \
	--print-slip diabetes-inloop --printer "file:$work/no-url.bin" --now "$now" &&
	decode_slip "$work/no-url.bin" 576 &&
	if [ -n "$(read_codes "$work/no-url.bin.pbm")" ]; then
		fail "a code on the slip of an offer without a URL"
	fi

# The configured printer is used when --printer is not given.
printf '[printer]\nuri = file:%s/configured.bin\npaper = 58mm\n' "$work" >"$work/configured.ini"
run 0 "--print-slip to the configured printer" "$binary" --config "$work/configured.ini" \
	--db "$database" --print-slip "$one" --now "$now" &&
	decode_slip "$work/configured.bin" 384

# Printer errors: exit 1, the plain reason on stderr, nothing printed.
expect_error() { # expect_error DESCRIPTION MESSAGE COMMAND...
	local description=$1 message=$2
	shift 2
	run 1 "$description" "$@" || return 0
	grep -qF "$message" "$work/err" || fail "$description: stderr lacks '$message': $(cat "$work/err")"
}
expect_error "a device that does not exist" "Er is geen printer aangesloten." \
	"$binary" --db "$database" --print-slip "$one" --printer escpos:/dev/usb/no-such-lp --now "$now"
expect_error "a device that is full" "Het printen is mislukt." \
	"$binary" --db "$database" --print-slip "$one" --printer escpos:/dev/full --now "$now"
expect_error "no printer configured" "Er is geen printer aangesloten." \
	"$binary" --db "$database" --print-slip "$one" --printer none --now "$now"
expect_error "an unknown id" "no-such-offer" \
	"$binary" --db "$database" --print-slip "$one,no-such-offer" --printer "file:$work/bad.bin"
[ ! -e "$work/bad.bin" ] || fail "a slip was printed although an id was unknown"

# Usage errors: exit 2, before anything is opened.
run 2 "four ids" "$binary" --db "$database" --print-slip a,b,c,d --printer "file:$work/x.bin" || true
run 2 "an empty id" "$binary" --db "$database" --print-slip "$one,," --printer "file:$work/x.bin" || true
run 2 "an unknown printer scheme" "$binary" --db "$database" --print-slip "$one" \
	--printer lpt:/dev/lp0 || true
[ ! -e "$work/x.bin" ] || fail "a usage error printed a slip"

# --print-test: a valid slip at the configured paper, and the configuration
# is on it (another centre name changes the image).
for centre in "Buurthuis De Kastanje" "Wijkcentrum Het Anker"; do
	printf '[kiosk]\ncentre_name = %s\n[printer]\nuri = file:%s/test-%s.bin\n' \
		"$centre" "$work" "${centre// /_}" >"$work/test.ini"
	run 0 "--print-test for $centre" "$binary" --config "$work/test.ini" --db "$database" \
		--print-test --now "$now" &&
		decode_slip "$work/test-${centre// /_}.bin" 576
done
if [ -f "$work/test-Buurthuis_De_Kastanje.bin.pbm" ] && [ -f "$work/test-Wijkcentrum_Het_Anker.bin.pbm" ] &&
	cmp -s "$work/test-Buurthuis_De_Kastanje.bin.pbm" "$work/test-Wijkcentrum_Het_Anker.bin.pbm"; then
	fail "--print-test prints the same slip for another centre name"
fi
expect_error "--print-test without a printer" "Er is geen printer aangesloten." \
	"$binary" --db "$database" --print-test --printer none

echo "printing failures: $failures"
[ "$failures" -eq 0 ]
