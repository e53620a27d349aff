#!/usr/bin/env bash
# test_default_language.sh — the volunteer menu's "Standaardtaal" survives a
# restart, through the real binary, headless: (1) chosen in the menu it is
# saved in the kiosk's database with the settings file's value it replaced;
# (2) the next start (quick, from the stored index, and thorough, reading
# every offer) opens in it without a tap on a language; (3) a settings file
# changed since wins, and the saved choice is dropped for good; (4) a saved
# language the kiosk does not have falls back to the file's; (5) a version-3
# database (before the settings) is migrated at start; (6) a database the
# kiosk may not write: it still starts, the menu and the log say the choice
# was not saved.
source "$(dirname "$0")/ui_support.sh"

config=$work/buurtkiosk.ini
printf '[kiosk]\ndefault_language = nl\n[volunteer]\n' >"$config"
"$binary" --config "$config" --set-pin 2468 >/dev/null
mkdir -p "$work/media"
"$binary" --config "$config" --db "$database" --import "$sample" >/dev/null

setting() { sqlite3 "$database" "SELECT value FROM kiosk_setting WHERE name = '$1';"; }
settings() {
	sqlite3 "$database" "SELECT group_concat(name || '=' || value, ' ') FROM
		(SELECT * FROM kiosk_setting ORDER BY name);"
}
# set_default_language CODE: the settings file's [kiosk] default_language.
set_default_language() { sed -i "s/^default_language = .*/default_language = $1/" "$config"; }

# kiosk NAME SCRIPT [options]: plays SCRIPT at 1080x1920; sets $played.
kiosk() {
	local name=$1 script=$2
	shift 2
	printf '%s\n' "$script" >"$work/$name.replay"
	play "$name" 1080x1920 "$work/$name.replay" --config "$config" --usb-root "$work/media" "$@"
}

# 1. The menu: Nederlands → English → Türkçe, closed; saved with "nl".
kiosk choose "expect \"Tik om te beginnen\"
$open_menu
expect \"Standaardtaal: Nederlands\"
expect-not \"herstart\"
tap \"Standaardtaal\"
expect \"Standaardtaal: English\"
tap \"Standaardtaal\"
expect \"Standaardtaal: Türkçe\"
check-layout
shot menu
tap \"Sluiten\"
expect \"Başlamak için dokunun\""
[ "$played" -eq 0 ] || fail "choose: the menu did not cycle to Türkçe"
if [ "$(settings)" = "default_language=tr default_language_configured=nl" ]; then
	echo "ok: the menu's choice is saved: $(settings)"
else
	fail "choose: stored settings are '$(settings)'"
fi
grep -q 'standaardtaal tr bewaard' "$work/choose.err" ||
	fail "choose: the log does not say the choice was saved"

# 2. A restart (a power cut, the watchdog): Turkish at once, on both paths.
BUURTKIOSK_DEBUG=1 kiosk quick 'expect "Başlamak için dokunun"
tap "Başlamak için dokunun"
expect "Dilinizi seçin"
check-layout'
[ "$played" -eq 0 ] || fail "quick start: not in Turkish"
grep -q 'from the stored image' "$work/quick.err" || fail "quick start: not the quick path"
grep -q "saved default language 'tr' (chosen over 'nl')" "$work/quick.err" ||
	fail "quick start: the saved language was not read"
sqlite3 "$database" 'UPDATE catalogue_state SET match_index = NULL;'
BUURTKIOSK_DEBUG=1 kiosk thorough 'expect "Başlamak için dokunun"'
[ "$played" -eq 0 ] || fail "thorough start: not in Turkish"
grep -q 'built by reading all' "$work/thorough.err" || fail "thorough start: not the thorough path"
[ "$played" -eq 0 ] && echo "ok: after a restart the kiosk starts in Turkish (quick and thorough start)"

# 3. The administrator changes the settings file: the file wins, and the
#    saved choice is gone, so changing the file back gives its language.
set_default_language en
kiosk file-wins 'expect "Tap to start"
expect-not "Başlamak"'
[ "$played" -eq 0 ] || fail "file-wins: not in English"
if [ -z "$(settings)" ]; then
	echo "ok: a changed settings file wins (English) and the saved choice is dropped"
else
	fail "file-wins: settings still '$(settings)'"
fi
set_default_language nl
kiosk file-back 'expect "Tik om te beginnen"'
[ "$played" -eq 0 ] || fail "file-back: the old choice came back"

# 4. A saved language the kiosk does not have: the file's, the row kept.
sqlite3 "$database" "INSERT INTO kiosk_setting VALUES ('default_language', 'xx'),
	('default_language_configured', 'nl');"
kiosk unknown 'expect "Tik om te beginnen"'
[ "$played" -eq 0 ] || fail "unknown: the kiosk did not start in Dutch"
[ "$(setting default_language)" = xx ] || fail "unknown: the saved row was changed"
[ "$played" -eq 0 ] && echo "ok: an unknown saved language falls back to the file's"

# 5. A database from before the settings (schema version 3) migrates.
sqlite3 "$database" 'DROP TABLE kiosk_setting; PRAGMA user_version = 3;'
kiosk migrated "expect \"Tik om te beginnen\"
$open_menu
tap \"Standaardtaal\"
expect \"Standaardtaal: English\"
tap \"Sluiten\"
expect \"Tap to start\""
[ "$played" -eq 0 ] || fail "migrated: the menu did not work"
if [ "$(sqlite3 "$database" 'PRAGMA user_version;')" = 4 ] &&
	[ "$(settings)" = "default_language=en default_language_configured=nl" ]; then
	echo "ok: a version-3 database is migrated at start and keeps the choice"
else
	fail "migrated: version $(sqlite3 "$database" 'PRAGMA user_version;'), settings '$(settings)'"
fi

# 6. A database the kiosk may not write (the file read-only; root writes
#    anywhere, so as root the kiosk runs as nobody, on a copy in a folder
#    nobody can reach): it starts, and a new choice is refused with a line
#    in the log and in the menu. (A read-only folder is another matter:
#    SQLite's WAL must create files beside the database, so the kiosk does
#    not start at all; that was so before the settings too.)
sqlite3 "$database" 'DELETE FROM kiosk_setting;'
place=$work
unprivileged=()
if [ "$(id -u)" -eq 0 ]; then
	place=$(mktemp -d /tmp/buurtkiosk-read-only-XXXXXX)
	trap 'rm -rf "$work" "$place"' EXIT
	unprivileged=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	cp "$config" "$database" "$place/"
	mkdir "$place/media"
	chmod 755 "$place"
	chmod 644 "$place/buurtkiosk.ini"
	chown -R nobody:nogroup "$place"
fi
read_only_db=$place/$(basename "$database")
chmod 444 "$read_only_db"
printf '%s\n' "expect \"Tik om te beginnen\"
$open_menu
tap \"Standaardtaal\"
expect \"Standaardtaal: English\"
expect \"De standaardtaal is niet bewaard.\"
check-layout" >"$place/read-only.replay"
chmod 644 "$place/read-only.replay"
status=0
"${unprivileged[@]}" "$binary" --db "$read_only_db" --now "$now" --windowed 1080x1920 \
	--config "$place/buurtkiosk.ini" --usb-root "$place/media" \
	--replay "$place/read-only.replay" >"$work/read-only.out" 2>"$work/read-only.err" ||
	status=$?
if [ "$status" -ne 0 ]; then
	fail "read-only: exited $status"
	sed 's/^/  /' "$work/read-only.err" | head -20
fi
if grep -q 'standaardtaal niet bewaard' "$work/read-only.err"; then
	echo "ok: a read-only database: the kiosk starts, the failed save is logged and shown"
	echo "    log: $(grep -m1 'standaardtaal niet bewaard' "$work/read-only.err" | sed 's/.*buurtkiosk: //')"
else
	fail "read-only: the failed save is not logged"
fi
[ -z "$(sqlite3 "$read_only_db" 'SELECT * FROM kiosk_setting;')" ] ||
	fail "read-only: a setting was stored after all"

finish
