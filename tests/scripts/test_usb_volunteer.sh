#!/usr/bin/env bash
# The volunteer's whole flow with the real kiosk, headless, and real sticks
# (tmpfs and an ext4 loop image mounted under a private root; plain folders,
# said so, when not root or the mount syscall is refused): the PIN pad
# opens by itself, the preview, Bijwerken, the catalogue changed, the report
# and the counts on the stick; five wrong PINs lock the pad; a read-only
# stick, a stick with only a buurtkiosk/ folder (template written), a link
# to /etc/passwd, unsigned/signed/tampered/wrong-key catalogues, and a stick
# pulled (`umount -l`, or moved away for a plain folder) while a large file
# is read.
source "$(dirname "$0")/ui_support.sh"

mount_mode=real
if [ "$(id -u)" -ne 0 ]; then
	echo "NOTE: not root: the sticks are PLAIN FOLDERS, not mounts (CI runs as root and mounts)."
	mount_mode=plain
fi

loop_device=""
cleanup() {
	{ grep -F " $work/" /proc/self/mounts || true; } | awk '{print $2}' | sort -r |
		while read -r mounted; do umount -l "$mounted" 2>/dev/null || true; done
	if [ -n "$loop_device" ]; then losetup -d "$loop_device" 2>/dev/null || true; fi
	chmod -R u+w "$work" 2>/dev/null || true
	rm -rf "$work"
}
trap cleanup EXIT

root=$work/media
mkdir -p "$root"
config=$work/buurtkiosk.ini
printf '[volunteer]\n' >"$config"
"$binary" --config "$config" --set-pin 2468 >/dev/null

# mount_stick NAME [tmpfs options]: a fresh tmpfs stick at $root/NAME.
mount_stick() {
	local target=$root/$1 options=${2:-size=48m}
	mkdir -p "$target"
	if [ "$mount_mode" = plain ]; then return 0; fi
	local errors
	if ! errors=$(mount -t tmpfs -o "$options" tmpfs "$target" 2>&1); then
		if grep -qiE 'permission denied|not permitted' <<<"$errors"; then
			echo "NOTE: the mount syscall is refused here ($errors)."
			echo "NOTE: FALLING BACK TO PLAIN FOLDERS: sticks are not real mounts."
			mount_mode=plain
			return 0
		fi
		fail "mount -t tmpfs $target: $errors"
	fi
}
unmount_stick() {
	if [ "$mount_mode" = real ]; then umount -l "$root/$1"; fi
	chmod -R u+w "${root:?}/$1" 2>/dev/null || true
	rm -rf "${root:?}/$1"
}

# A fresh database with the sample catalogue (54 offers).
fresh_database() {
	rm -f "$database" "$database"-* "$database".*
	"$binary" --config "$config" --db "$database" --import "$sample" >/dev/null
}
offer_count() { sqlite3 "$database" 'SELECT count(*) FROM offer;'; }

# The sample with two rows left out and one offer renamed, as a volunteer
# saves it: to stdout.
edited_catalogue() {
	python3 - "$sample" <<'PY'
import sys
raw = open(sys.argv[1], "rb").read().decode("utf-8-sig")
newline = "\r\n" if "\r\n" in raw else "\n"
lines = [line for line in raw.split(newline) if line]
kept = [lines[0]] + lines[1:3] + lines[5:]
cells = kept[1].split(";")
cells[1] = "Ochtendwandeling rond het park"
kept[1] = ";".join(cells)
sys.stdout.buffer.write(("\ufeff" + newline.join(kept) + newline).encode("utf-8"))
PY
}

# kiosk NAME SCRIPT: plays SCRIPT (text) at 1080x1920 with the sticks under
# $root; sets $played.
kiosk() {
	local name=$1
	printf '%s\n' "$2" >"$work/$name.replay"
	play "$name" 1080x1920 "$work/$name.replay" --config "$config" --usb-root "$root"
}

pin_right='tap "2"
tap "4"
tap "6"
tap "8"
tap "OK"'

# 1. The whole flow on an ext4 loop image stick.
fresh_database
stick_name=KIOSK
if [ "$mount_mode" = real ] && command -v mkfs.ext4 >/dev/null; then
	mkdir -p "$root/$stick_name"
	truncate -s 32M "$work/stick.img"
	mkfs.ext4 -q -F "$work/stick.img"
	loop_device=$(losetup --find --show "$work/stick.img")
	mount "$loop_device" "$root/$stick_name"
	echo "stick 1: an ext4 loop image ($loop_device)"
else
	mount_stick "$stick_name"
fi
mkdir "$root/$stick_name/buurtkiosk"
edited_catalogue >"$root/$stick_name/buurtkiosk/catalogus.csv"
kiosk flow "expect \"Catalogus bijwerken\"
check-layout
shot pin
$pin_right
expect \"Nieuwe catalogus op de stick\"
expect \"verwijderd\"
check-layout
shot preview
tap \"Bijwerken\"
expect \"De catalogus is bijgewerkt.\"
expect \"U kunt de stick nu verwijderen.\"
check-layout
shot result
tap \"Klaar\"
expect \"Tik om te beginnen\""
if [ "$played" -eq 0 ] && [ "$(offer_count)" = 52 ] &&
	[ "$(sqlite3 "$database" "SELECT count(*) FROM offer WHERE naam = 'Ochtendwandeling rond het park';")" = 1 ]; then
	echo "ok: PIN, preview, Bijwerken: the catalogue has 52 offers and the renamed one"
else
	fail "the flow did not change the catalogue (exit $played, $(offer_count) offers)"
fi
reports=("$root/$stick_name"/buurtkiosk/verslag-20261124-09*.txt)
if [ -f "${reports[0]}" ] && grep -q 'Verwijderd: 2' "${reports[0]}" &&
	head -c 64 "$root/$stick_name/buurtkiosk/gebruik.csv" | grep -q 'dag;soort;sleutel;aantal'; then
	echo "ok: the report ($(basename "${reports[0]}")) and gebruik.csv are on the stick"
else
	fail "report or counts missing on the stick: $(ls "$root/$stick_name/buurtkiosk")"
fi
for shot in pin preview result; do
	[ -s "$work/flow/$shot.bmp" ] || fail "screenshot $shot missing"
done
# A stick already in when the kiosk starts opens the pad too; cancelled, it
# stays offered in the bar over the attract screen.
kiosk second "expect \"Catalogus bijwerken\"
tap \"Annuleren\"
expect \"Vrijwilliger? Tik hier\"
check-layout
tap \"Vrijwilliger? Tik hier\"
expect \"Catalogus bijwerken\""
[ "$played" -eq 0 ] || fail "a stick already in: the PIN pad, or the bar after Annuleren"
if [ -n "$loop_device" ]; then
	umount "$root/$stick_name"
	losetup -d "$loop_device"
	loop_device=""
	rmdir "$root/$stick_name"
else
	unmount_stick "$stick_name"
fi

# 2. Five wrong PINs lock the pad; five minutes later the right one works.
fresh_database
mount_stick LOCK
mkdir "$root/LOCK/buurtkiosk"
edited_catalogue >"$root/LOCK/buurtkiosk/catalogus.csv"
wrong=""
for attempt in 1 2 3 4 5; do
	wrong+='tap "1"
tap "1"
tap "1"
tap "1"
tap "OK"
'
done
kiosk locked "${wrong}expect \"Vijf keer een verkeerde pincode\"
shot locked
wait 300000
tap \"Vrijwilliger? Tik hier\"
expect-not \"Vijf keer een verkeerde pincode\"
$pin_right
expect \"Nieuwe catalogus op de stick\"
tap \"Annuleren\""
if [ "$played" -eq 0 ] && [ "$(offer_count)" = 54 ]; then
	echo "ok: five wrong PINs lock the pad; after five minutes the right PIN opens the preview"
else
	fail "lockout (exit $played, $(offer_count) offers)"
fi
unmount_stick LOCK

# 3. A read-only stick: the catalogue is applied, nothing is written.
fresh_database
mount_stick READONLY
mkdir "$root/READONLY/buurtkiosk"
edited_catalogue >"$root/READONLY/buurtkiosk/catalogus.csv"
if [ "$mount_mode" = real ]; then
	mount -o remount,ro "$root/READONLY"
else
	chmod a-w "$root/READONLY/buurtkiosk"
fi
kiosk readonly "$pin_right
tap \"Bijwerken\"
expect \"De catalogus is bijgewerkt.\"
expect \"alleen-lezen\""
if [ "$played" -eq 0 ] && [ "$(offer_count)" = 52 ] &&
	[ "$(ls "$root/READONLY/buurtkiosk")" = catalogus.csv ]; then
	echo "ok: read-only stick: applied, 'alleen-lezen' said, nothing written"
else
	fail "read-only stick (exit $played, $(offer_count) offers, $(ls "$root/READONLY/buurtkiosk"))"
fi
unmount_stick READONLY

# 4. A stick with only a buurtkiosk/ folder receives the template.
mount_stick EMPTY
mkdir "$root/EMPTY/buurtkiosk"
kiosk empty "$pin_right
expect \"Er staat geen catalogus op de stick.\"
expect \"catalogus-sjabloon.csv\""
template=$root/EMPTY/buurtkiosk/catalogus-sjabloon.csv
if [ "$played" -eq 0 ] && [ -f "$template" ] && head -c 200 "$template" | grep -q 'id;naam'; then
	echo "ok: an empty stick receives catalogus-sjabloon.csv"
else
	fail "template (exit $played)"
fi
unmount_stick EMPTY

# 5. A link to /etc/passwd is refused; nothing changes.
fresh_database
mount_stick LINK
mkdir "$root/LINK/buurtkiosk"
ln -s /etc/passwd "$root/LINK/buurtkiosk/catalogus.csv"
kiosk link "$pin_right
expect \"Deze stick is niet gebruikt.\"
expect-not \"root:x\""
if [ "$played" -eq 0 ] && [ "$(offer_count)" = 54 ]; then
	echo "ok: a link to /etc/passwd is refused and the catalogue is unchanged"
else
	fail "link to /etc/passwd (exit $played, $(offer_count) offers)"
fi
unmount_stick LINK

# 6. Signed catalogues, with the coordinator's key in the configuration.
minisign -G -W -p "$work/coordinator.pub" -s "$work/coordinator.key" >/dev/null
minisign -G -W -p "$work/stranger.pub" -s "$work/stranger.key" >/dev/null
signed_config=$work/signed.ini
printf '[volunteer]\nsigning_public_key = %s\n' "$(tail -n 1 "$work/coordinator.pub")" >"$signed_config"
grep '^pin_hash' "$config" >>"$signed_config"
# signed_case NAME KEY-OR-none TAMPER EXPECTED-TEXT EXPECTED-COUNT
signed_case() {
	local name=$1 key=$2 tamper=$3 expected=$4 count=$5
	fresh_database
	mount_stick "$name"
	local file=$root/$name/buurtkiosk/catalogus.csv
	mkdir "$root/$name/buurtkiosk"
	edited_catalogue >"$file"
	if [ "$key" != none ]; then
		minisign -S -s "$work/$key.key" -m "$file" >/dev/null
	fi
	if [ "$tamper" = yes ]; then
		sed -i 's/Ochtendwandeling/Avondwandeling/' "$file"
	fi
	printf '%s\n' "$pin_right" "expect \"$expected\"" >"$work/$name.replay"
	play "$name" 1080x1920 "$work/$name.replay" --config "$signed_config" --usb-root "$root"
	if [ "$played" -eq 0 ] && [ "$(offer_count)" = "$count" ]; then
		echo "ok: $name: \"$expected\", $count offers"
	else
		fail "$name (exit $played, $(offer_count) offers)"
	fi
	unmount_stick "$name"
}
signed_case SIGNED coordinator no "Nieuwe catalogus op de stick" 54
signed_case UNSIGNED none no "De catalogus is niet ondertekend." 54
signed_case TAMPERED coordinator yes "het bestand is veranderd" 54
signed_case STRANGER stranger no "andere sleutel" 54

# 7. The stick pulled (umount -l) while a 15 MB catalogue is read slowly:
# the old catalogue stays and the screen says what happened.
fresh_database
mount_stick PULLED size=40m
mkdir "$root/PULLED/buurtkiosk"
{
	printf 'id;naam;omschrijving\r\n'
	awk 'BEGIN { pad = sprintf("%150s", ""); gsub(/ /, "x", pad);
		for (i = 0; i < 85000; i++) printf "groep-%06d;Groep %d;%s\r\n", i, i, pad }'
} >"$root/PULLED/buurtkiosk/catalogus.csv"
printf '%s\n' "$pin_right" 'expect "Er is niets veranderd."' 'expect "verwijderd tijdens het lezen"' \
	'shot pulled' >"$work/pulled.replay"
BUURTKIOSK_TEST_USB_READ_DELAY_MS=50 "$binary" --db "$database" --now "$now" --windowed 1080x1920 \
	--config "$config" --usb-root "$root" --replay "$work/pulled.replay" \
	--screenshots "$work/pulled" >"$work/pulled.out" 2>"$work/pulled.err" &
kiosk_pid=$!
pulled=no
for _ in $(seq 1 400); do
	if ls -l "/proc/$kiosk_pid/fd" 2>/dev/null | grep -q 'PULLED/buurtkiosk/catalogus.csv'; then
		if [ "$mount_mode" = real ]; then
			umount -l "$root/PULLED"
		else
			mv "$root/PULLED" "$work/pulled-away"
		fi
		pulled=yes
		break
	fi
	sleep 0.02
done
played=0
wait "$kiosk_pid" || played=$?
if [ "$pulled" = yes ] && [ "$played" -eq 0 ] && [ "$(offer_count)" = 54 ]; then
	echo "ok: stick pulled mid-read: 'Er is niets veranderd.', 54 offers kept"
else
	fail "pulled stick (pulled $pulled, exit $played, $(offer_count) offers)"
	sed 's/^/  /' "$work/pulled.err" | head -10
fi

finish
