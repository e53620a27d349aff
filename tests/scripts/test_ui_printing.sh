#!/usr/bin/env bash
# Printing from the touch screen: detail → Print → "Neem uw briefje mee",
# with screenshots; the bytes the printer received decode (escpos_decode)
# to a slip whose QR code scans to the offer's signup URL. In Arabic too:
# the slip is another (mirrored, Arabic) image whose code still scans. A
# printer that is missing or fails mid-job gives its plain message, the QR
# code stays on screen and the kiosk carries on.
source "$(dirname "$0")/ui_support.sh"
decode=${KIOSK_ESCPOS_DECODE:?}

"$binary" --db "$database" --import "$sample" >/dev/null
"$binary" --db "$database" --now "$now" --match "themas=bewegen" --json >"$work/match.json"
read -r id name < <(python3 -c '
import json, sys
first = json.load(open(sys.argv[1]))["results"][0]
print(first["id"], first["name"])' "$work/match.json")
url=$(signup_url "$id")
[ -n "$url" ] || { echo "FAIL: the first offer for themas=bewegen has no signup URL"; exit 1; }

settings() { # settings URI: a configuration with that printer
	printf '[printer]\nuri = %s\npaper = 80mm\n' "$1" >"$work/kiosk.ini"
}

cat >"$work/print.txt" <<SCRIPT
tap "Tik om te beginnen"
tap "Nederlands"
tap "$(option_text themas bewegen)"
tap "Laat zien wat er is"
tap "$name"
expect "$name"
shot detail
tap "Print"
expect "Neem uw briefje mee."
check-layout
shot printed
tap "Terug"
expect "Dit past bij u"
SCRIPT

for size in 1080x1920 1920x1080; do
	settings "file:$work/slip-$size.bin"
	play "print-$size" "$size" "$work/print.txt" --config "$work/kiosk.ini"
	[ "$played" -eq 0 ] || { fail "printing at $size"; continue; }
	if "$decode" "$work/slip-$size.bin" "$work/slip-$size.bmp" >/dev/null; then
		decoded=$(zbarimg -q --raw --nodbus "$work/slip-$size.bmp" 2>/dev/null || true)
		[ "$decoded" = "$url" ] && echo "ok: $size: the printed slip's QR reads $decoded" ||
			fail "$size: the printed slip's QR reads '$decoded', expected '$url'"
	else
		fail "$size: the printer's bytes do not decode as an ESC/POS slip"
	fi
	# The detail's own QR code stayed on screen while the message showed.
	onscreen=$(zbarimg -q --raw --nodbus "$work/print-$size/printed.bmp" 2>/dev/null || true)
	[ "$onscreen" = "$url" ] || fail "$size: the QR code left the screen while printing"
done

# In Arabic: the same journey by the Arabic labels; the slip the printer gets
# is the Arabic one (not the Dutch image) and its code scans to the same URL.
arabic() { # arabic MSGID: its msgstr in data/po/ar.po
	python3 - "$source_dir/data/po/ar.po" "$1" <<'PY'
import sys
entries, msgid = {}, None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("msgid "):
        msgid = line[7:-1]
    elif line.startswith("msgstr ") and msgid is not None:
        entries[msgid] = line[8:-1]
print(entries.get(sys.argv[2]) or sys.argv[2])
PY
}
arabic_name=$(python3 - "$sample" "$id" <<'PY'
import csv, sys
with open(sys.argv[1], encoding="utf-8-sig", newline="") as source:
    for row in csv.DictReader(source, delimiter=";"):
        if row["id"] == sys.argv[2]:
            print(row["naam_ar"] or row["naam"])
PY
)
cat >"$work/print-ar.txt" <<SCRIPT
tap "Tik om te beginnen"
tap "العربية"
tap "$(arabic "$(option_text themas bewegen)")"
tap "$(arabic "Laat zien wat er is")"
tap "$arabic_name"
expect "$arabic_name"
tap "$(arabic "Print")"
expect "$(arabic "Neem uw briefje mee.")"
check-layout
shot printed
SCRIPT
settings "file:$work/slip-ar.bin"
play print-ar 1080x1920 "$work/print-ar.txt" --config "$work/kiosk.ini"
if [ "$played" -ne 0 ]; then
	fail "printing in Arabic"
elif "$decode" "$work/slip-ar.bin" "$work/slip-ar.bmp" >/dev/null; then
	decoded=$(zbarimg -q --raw --nodbus "$work/slip-ar.bmp" 2>/dev/null || true)
	[ "$decoded" = "$url" ] && echo "ok: the Arabic slip's QR reads $decoded" ||
		fail "the Arabic slip's QR reads '$decoded', expected '$url'"
	if cmp -s "$work/slip-ar.bmp" "$work/slip-1080x1920.bmp"; then
		fail "the Arabic slip is the Dutch one"
	fi
else
	fail "the Arabic slip's bytes do not decode as an ESC/POS slip"
fi

# Failures: each with its message; the kiosk goes on (Terug still works).
failure_case() { # failure_case NAME URI "message"
	settings "$2"
	sed "s/^expect \"Neem uw briefje mee.\"\$/expect \"$3\"/" "$work/print.txt" >"$work/$1.txt"
	play "$1" 1080x1920 "$work/$1.txt" --config "$work/kiosk.ini"
	[ "$played" -eq 0 ] && echo "ok: $1 says \"$3\" and the kiosk carries on" || fail "$1"
}
failure_case missing "escpos:$work/no-such-printer" "Er is geen printer aangesloten."
failure_case full "escpos:/dev/full" "Het printen is mislukt."
# A printer that never reads: the FIFO is held open (by this shell) but nobody
# reads it, so the slip fills the pipe and the write waits until the deadline.
mkfifo "$work/silent-printer"
exec 3<>"$work/silent-printer"
started=$(date +%s)
failure_case silent "escpos:$work/silent-printer" "De printer geeft geen antwoord."
took=$(($(date +%s) - started))
exec 3>&-
[ "$took" -le 30 ] || fail "a printer that never answers held the kiosk for $took s"
finish
