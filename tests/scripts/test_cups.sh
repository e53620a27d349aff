#!/usr/bin/env bash
# Printing through a real CUPS: starts its own cupsd on a loopback port (own
# configuration, spool, logs, all in a temporary directory) with a cups-pdf
# queue, prints slips through --printer cups:kioskpdf, turns the PDF back into
# an image with pdftoppm and reads the signup URLs with zbarimg; then a
# stopped queue, a queue that does not exist and a server that is gone must
# each fail with their plain message within the deadline. Needs root (the
# cups-pdf backend runs as root) and the test packages of
# packaging/install-build-deps.sh; without them it fails, it never skips.
set -euo pipefail
binary=${KIOSK_BINARY:?}
source_dir=${KIOSK_SOURCE_DIR:?}
sample="$source_dir/data/catalogus.csv"
now=2026-11-22T10:00
failures=0

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}

if [ "$(id -u)" -ne 0 ]; then
	echo "FAIL: test_cups needs root: it starts its own cupsd, whose cups-pdf backend" \
		"only runs as root (CI runs the tests as root)"
	exit 1
fi
for tool in cupsd lpadmin lpstat cupsenable cupsdisable pdftoppm zbarimg python3; do
	if ! command -v "$tool" >/dev/null; then
		echo "FAIL: $tool is missing: run packaging/install-build-deps.sh test" \
			"(cups, printer-driver-cups-pdf, poppler-utils, zbar-tools)"
		exit 1
	fi
done
ppd=/usr/share/ppd/cups-pdf/CUPS-PDF_opt.ppd
if [ ! -x /usr/lib/cups/backend/cups-pdf ] || [ ! -f "$ppd" ]; then
	echo "FAIL: the cups-pdf backend or its PPD is missing: install printer-driver-cups-pdf"
	exit 1
fi

# The filters run as the lp user: they must reach the spool and temp folders,
# so the folder is made in /tmp itself (a build tree's folders may be closed).
work=$(mktemp -d /tmp/buurtkiosk-cups-XXXXXX)
chmod 0755 "$work"
mkdir -p "$work/etc" "$work/spool" "$work/tmp" "$work/cache" "$work/state" "$work/log" \
	"$work/pdf" "$work/cups-pdf-spool"
chmod 1777 "$work/tmp"
# cups-pdf reads /etc/cups/cups-pdf-NAME.conf for a device URI cups-pdf:/NAME
# (it has no other place to look): a name of this run's own.
cups_pdf_name="buurtkiosk-test-$$"
cups_pdf_conf="/etc/cups/cups-pdf-$cups_pdf_name.conf"
cupsd_pid=""
cleanup() {
	if [ -n "$cupsd_pid" ] && kill -0 "$cupsd_pid" 2>/dev/null; then
		kill "$cupsd_pid" 2>/dev/null || true
		wait "$cupsd_pid" 2>/dev/null || true
	fi
	rm -f "$cups_pdf_conf"
	rm -rf "$work"
}
trap cleanup EXIT

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
cat >"$work/etc/cups-files.conf" <<EOF
ServerRoot $work/etc
RequestRoot $work/spool
TempDir $work/tmp
CacheDir $work/cache
StateDir $work/state
ErrorLog $work/log/error_log
AccessLog $work/log/access_log
PageLog $work/log/page_log
ServerBin /usr/lib/cups
DataDir /usr/share/cups
SystemGroup root
EOF
cat >"$work/etc/cupsd.conf" <<EOF
Listen 127.0.0.1:$port
LogLevel info
WebInterface No
Browsing No
Printcap $work/printcap
DefaultAuthType None
<Location />
  Order allow,deny
  Allow all
</Location>
<Policy default>
  <Limit All>
    Order deny,allow
  </Limit>
</Policy>
EOF
cat >"$cups_pdf_conf" <<EOF
Out $work/pdf
AnonDirName $work/pdf
Spool $work/cups-pdf-spool
Grp root
EOF

show_log() {
	echo "--- cupsd error_log (last lines):"
	tail -20 "$work/log/error_log" 2>/dev/null || true
}

cupsd -f -c "$work/etc/cupsd.conf" -s "$work/etc/cups-files.conf" >"$work/log/cupsd.out" 2>&1 &
cupsd_pid=$!
server="127.0.0.1:$port"
for _ in $(seq 1 50); do
	lpstat -h "$server" -r 2>/dev/null | grep -q 'is running' && break
	kill -0 "$cupsd_pid" 2>/dev/null || break
	sleep 0.2
done
if ! lpstat -h "$server" -r 2>/dev/null | grep -q 'is running'; then
	echo "FAIL: our own cupsd did not start on $server"
	cat "$work/log/cupsd.out"
	show_log
	exit 1
fi
echo "ok: cupsd runs on $server"
if ! lpadmin -h "$server" -p kioskpdf -v "cups-pdf:/$cups_pdf_name" -P "$ppd" -E 2>"$work/lpadmin.err"; then
	echo "FAIL: lpadmin could not add the PDF queue: $(cat "$work/lpadmin.err")"
	show_log
	exit 1
fi
echo "ok: queue kioskpdf prints to PDF"

database="$work/kiosk.db"
"$binary" --db "$database" --import "$sample" >/dev/null
export CUPS_SERVER="$server"

expected_urls() { # the signup URLs of the given offers, sorted, from the spreadsheet
	python3 - "$sample" "$@" <<'PY'
import csv, sys
rows = {row["id"]: row for row in csv.DictReader(open(sys.argv[1], encoding="utf-8-sig"), delimiter=";")}
print("\n".join(sorted(rows[i]["aanmeld_url"].strip() for i in sys.argv[2:] if rows[i]["aanmeld_url"].strip())))
PY
}

milliseconds() { date +%s%3N; }

# Prints the offers at a paper through the queue and reads the codes back
# from the PDF that cups-pdf writes.
print_through_cups() { # print_through_cups PAPER ID[,ID,ID]
	local paper=$1 ids=$2 pdf="" status=0
	rm -f "$work"/pdf/*
	printf '[printer]\nuri = cups:kioskpdf\npaper = %s\n' "$paper" >"$work/$paper.ini"
	"$binary" --config "$work/$paper.ini" --db "$database" --print-slip "$ids" --now "$now" \
		>"$work/out" 2>"$work/err" || status=$?
	if [ "$status" -ne 0 ]; then
		fail "--print-slip $ids at $paper through CUPS: exit $status: $(cat "$work/err")"
		show_log
		return
	fi
	# The job is complete when the command returns; give the file a moment.
	for _ in $(seq 1 50); do
		pdf=$(find "$work/pdf" -name '*.pdf' -size +0 | head -1)
		[ -n "$pdf" ] && break
		sleep 0.2
	done
	if [ -z "$pdf" ]; then
		fail "no PDF from cups-pdf for $ids at $paper"
		show_log
		return
	fi
	rm -f "$work"/page*.png
	pdftoppm -r 300 -png "$pdf" "$work/page"
	local actual expected
	actual=$(zbarimg --quiet --raw -Sdisable -Sqrcode.enable "$work"/page*.png 2>/dev/null |
		sed '/^$/d' | LC_ALL=C sort || true)
	# shellcheck disable=SC2046
	expected=$(expected_urls $(tr ',' ' ' <<<"$ids"))
	if [ -n "$actual" ] && [ "$actual" = "$expected" ]; then
		echo "ok: $paper slip of $ids through CUPS: the PDF's codes read $(wc -l <<<"$actual") URL(s)"
	else
		fail "$paper slip of $ids through CUPS: codes read:"$'\n'"$actual"$'\n'"expected:"$'\n'"$expected"
	fi
}

print_through_cups 80mm wandelen-met-buren-dinsdag
print_through_cups a4 gli-cool,stoplijn-roken,online-diabetes
print_through_cups a6 stoplijn-roken

# --print-test reaches the queue too.
rm -f "$work"/pdf/*
if "$binary" --db "$database" --print-test --printer cups:kioskpdf >"$work/out" 2>"$work/err"; then
	sleep 0.5
	if [ -n "$(find "$work/pdf" -name '*.pdf' -size +0)" ]; then
		echo "ok: --print-test through CUPS"
	else
		fail "--print-test through CUPS: no PDF"
	fi
else
	fail "--print-test through CUPS: $(cat "$work/err")"
fi

# Failures: exit 1, the plain message, well within the 10 s deadline.
expect_failure() { # expect_failure DESCRIPTION MESSAGE QUEUE
	local description=$1 message=$2 queue=$3 status=0 started took
	started=$(milliseconds)
	"$binary" --db "$database" --print-slip wandelen-met-buren-dinsdag --printer "cups:$queue" \
		--now "$now" >"$work/out" 2>"$work/err" || status=$?
	took=$(($(milliseconds) - started))
	if [ "$status" -ne 1 ]; then
		fail "$description: exit $status, expected 1: $(cat "$work/err")"
	elif ! grep -qF "$message" "$work/err"; then
		fail "$description: stderr lacks '$message': $(cat "$work/err")"
	elif [ "$took" -gt 11000 ]; then
		fail "$description: took $took ms, past the deadline"
	else
		echo "ok: $description: '$message' in $took ms"
	fi
}

cupsdisable -h "$server" kioskpdf
rm -f "$work"/pdf/*
expect_failure "a stopped queue" "De printer staat uit." kioskpdf
sleep 1
[ -z "$(find "$work/pdf" -name '*.pdf')" ] || fail "the stopped queue still printed the slip later"
if lpstat -h "$server" -o kioskpdf 2>/dev/null | grep -q kioskpdf; then
	fail "a job was left waiting in the stopped queue: $(lpstat -h "$server" -o kioskpdf)"
fi
cupsenable -h "$server" kioskpdf
expect_failure "a queue that does not exist" "Er is geen printer aangesloten." no-such-queue

# The server goes away.
kill "$cupsd_pid"
wait "$cupsd_pid" 2>/dev/null || true
cupsd_pid=""
expect_failure "no CUPS server" "Er is geen printer aangesloten." kioskpdf

echo "cups failures: $failures"
[ "$failures" -eq 0 ]
