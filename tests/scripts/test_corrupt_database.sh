#!/usr/bin/env bash
# test_corrupt_database.sh — the kiosk heals itself at start, through the real
# binary, headless: (1) a database with random pages in the middle is moved
# to <db>.beschadigd and the last-good copy restored (same offers, integrity
# ok, the attract screen, one log line); (2) with the last-good copy damaged
# too the bundled sample is used and the volunteer menu (the 5 s hold and the
# PIN) warns about it; (3) with nothing to restore and no sample the kiosk
# still starts, empty, and the menu says so.
source "$(dirname "$0")/ui_support.sh"

config=$work/buurtkiosk.ini
printf '[volunteer]\n' >"$config"
"$binary" --config "$config" --set-pin 2468 >/dev/null
backup="$database.laatst-goed.csv"
damaged="$database.beschadigd"

fresh_database() {
	rm -f "$database" "$database"-* "$database".*
	"$binary" --config "$config" --db "$database" --import "$sample" >/dev/null
}
offer_count() { sqlite3 "$database" 'SELECT count(*) FROM offer;'; }
integrity() { sqlite3 "$database" 'PRAGMA integrity_check;' 2>&1 | head -3 | tr '\n' ' '; }
# The data rows of a spreadsheet (its lines but the header; no quoted newlines
# in the sample).
csv_rows() { python3 -c 'import csv,sys; r=list(csv.reader(open(sys.argv[1],encoding="utf-8-sig"),delimiter=";")); print(len(r)-1)' "$1"; }

# Random bytes over pages in the middle of the file (past the header page),
# until sqlite's own integrity_check says it is damaged.
damage_database() {
	local pages
	pages=$(($(stat -c %s "$database") / 4096))
	[ "$pages" -ge 4 ] || fail "database too small to damage in the middle ($pages pages)"
	dd if=/dev/urandom of="$database" bs=4096 seek=$((pages / 2)) count=2 conv=notrunc \
		status=none
	[ "$(integrity)" != "ok " ] || fail "the damage did not show in integrity_check"
}

# kiosk NAME SCRIPT [options]: plays SCRIPT at 1080x1920; sets $played.
kiosk() {
	local name=$1 script=$2
	shift 2
	printf '%s\n' "$script" >"$work/$name.replay"
	play "$name" 1080x1920 "$work/$name.replay" --config "$config" "$@"
}

# 1. Damaged database, good last-good copy.
fresh_database
expected=$(csv_rows "$backup")
damage_database
kiosk restored 'expect "Tik om te beginnen"
check-layout
shot attract'
[ "$played" -eq 0 ] || fail "restored: the kiosk did not start"
if grep -q 'was damaged and moved to .*beschadigd; restored [0-9]* offers from the last good copy' \
	"$work/restored.err"; then
	echo "ok: the log says: $(grep -m1 'was damaged' "$work/restored.err" | sed 's/.*buurtkiosk: //')"
else
	fail "restored: no log line about the damage"
	sed 's/^/  /' "$work/restored.err" | head -10
fi
[ -f "$damaged" ] || fail "restored: $damaged is missing"
if [ "$(integrity)" = "ok " ] && [ "$(offer_count)" = "$expected" ]; then
	echo "ok: damaged database restored from the last-good copy: $expected offers, integrity ok"
else
	fail "restored: $(offer_count) offers (expected $expected), integrity $(integrity)"
fi
[ "$(sqlite3 "$database" 'SELECT source FROM import_history ORDER BY id DESC LIMIT 1;')" = reservekopie ] ||
	fail "restored: the history does not say reservekopie"
[ -s "$work/restored/attract.bmp" ] || fail "restored: no screenshot of the attract screen"
# The milder warning in the menu.
kiosk restored-menu "$open_menu
expect \"hersteld met de laatste goede catalogus\"
check-layout
shot menu"
[ "$played" -eq 0 ] || fail "restored: the menu does not show the restore"

# 2. Damaged database and a damaged last-good copy: the sample, and a warning.
fresh_database
damage_database
head -c 4096 /dev/urandom >"$backup"
kiosk sample "expect \"Tik om te beginnen\"
check-layout
$open_menu
expect \"De kiosk toont nu de voorbeeldcatalogus.\"
expect \"Zet de catalogus opnieuw op de kiosk met een USB-stick.\"
check-layout
shot menu
tap \"Sluiten\"
expect \"Tik om te beginnen\""
[ "$played" -eq 0 ] || fail "sample: the kiosk or its menu warning"
if [ "$(offer_count)" = "$(csv_rows "$sample")" ] && [ "$(integrity)" = "ok " ] &&
	[ "$(sqlite3 "$database" 'SELECT source FROM import_history ORDER BY id DESC LIMIT 1;')" = noodvoorbeeld ]; then
	echo "ok: last-good copy unusable: the sample ($(offer_count) offers, history 'noodvoorbeeld'), the menu warns"
else
	fail "sample: $(offer_count) offers, integrity $(integrity)"
fi
grep -q 'restored [0-9]* offers from the sample catalogue' "$work/sample.err" ||
	fail "sample: the log does not say the sample was restored"
[ -s "$work/sample/menu.bmp" ] || fail "sample: no screenshot of the menu"

# 3. Nothing to restore and no sample (a data folder without catalogus.csv).
mkdir -p "$work/data-without-sample"
cp "$source_dir/data/questions.ini" "$work/data-without-sample/"
printf '[kiosk]\ndata_directory = %s\n[volunteer]\n' "$work/data-without-sample" >"$work/empty.ini"
"$binary" --config "$work/empty.ini" --set-pin 2468 >/dev/null
fresh_database
damage_database
rm -f "$backup"
config=$work/empty.ini
kiosk empty "expect \"Tik om te beginnen\"
check-layout
$open_menu
expect \"0 aanbiedingen in de catalogus.\"
expect \"De kiosk heeft nu geen aanbod.\"
check-layout
shot menu"
[ "$played" -eq 0 ] || fail "empty: the kiosk did not start empty or the menu did not say so"
if [ "$(offer_count)" = 0 ] && [ "$(integrity)" = "ok " ] &&
	grep -q 'restored 0 offers from nowhere; the catalogue is empty' "$work/empty.err"; then
	echo "ok: nothing to restore, no sample: the kiosk starts empty and the menu says so"
else
	fail "empty: $(offer_count) offers, integrity $(integrity)"
	sed 's/^/  /' "$work/empty.err" | head -10
fi

finish
