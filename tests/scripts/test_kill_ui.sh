#!/usr/bin/env bash
# test_kill_ui.sh — a crash or kill during anything leaves the next start
# clean. The real kiosk, headless, is killed with SIGKILL (a) while a slip is
# printing (the printer a full FIFO that is open but never read, so the job
# hangs until its 10 s deadline), and (b) while
# a volunteer applies a catalogue from a stick: during reading and, separately,
# during storing (ROWS offers, so storing takes a while). Each kill comes a
# few times at different moments; after each the kiosk starts again to the
# attract screen, sqlite finds the file intact, and: the counts stored before
# are all there and nothing temporary is left beside the database (a); the
# database holds exactly the old or exactly the new catalogue, never a mix,
# and the stick holds no half-written report (b).
source "$(dirname "$0")/ui_support.sh"

ROWS=${ROWS:-50000}
PRINT_KILLS=${PRINT_KILLS:-3}
READ_KILLS=${READ_KILLS:-2}
STORE_KILLS=${STORE_KILLS:-3}

# The database in a folder of its own, so whatever is left beside it shows.
mkdir -p "$work/db"
database="$work/db/kiosk.db"
config=$work/kiosk.ini
kiosk_pid=""
cleanup_kiosk() { if [ -n "$kiosk_pid" ]; then kill -9 "$kiosk_pid" 2>/dev/null || true; fi; }
trap 'cleanup_kiosk; rm -rf "$work"' EXIT

integrity() { sqlite3 "$database" 'PRAGMA integrity_check;' 2>&1 | head -3 | tr '\n' ' '; }

# start_kiosk NAME SCRIPT [options]: the kiosk in the background; sets kiosk_pid.
start_kiosk() {
	local name=$1 script=$2
	shift 2
	printf '%s\n' "$script" >"$work/$name.replay"
	"$binary" --db "$database" --now "$now" --windowed 1080x1920 --config "$config" \
		--replay "$work/$name.replay" --screenshots "$work/$name" "$@" \
		>"$work/$name.out" 2>"$work/$name.err" &
	kiosk_pid=$!
}

# wait_for SECONDS CONDITION...: polls the condition every 20 ms while the
# kiosk lives; false when it timed out or the kiosk ended first.
wait_for() {
	local limit=$(($1 * 50))
	shift
	for _ in $(seq 1 "$limit"); do
		if "$@"; then return 0; fi
		kill -0 "$kiosk_pid" 2>/dev/null || return 1
		sleep 0.02
	done
	return 1
}

kill_kiosk() {
	kill -9 "$kiosk_pid" 2>/dev/null || true
	wait "$kiosk_pid" 2>/dev/null || true
	kiosk_pid=""
}

# A random pause of 0..$1 ms, so the kills land at different moments.
random_pause() { sleep "$(awk -v max="$1" -v seed="$RANDOM" 'BEGIN { srand(seed); printf "%.3f", rand() * max / 1000 }')"; }

# restart NAME [options]: the kiosk starts again to the attract screen.
restart() {
	local name=$1
	shift
	printf 'expect "Tik om te beginnen"\ncheck-layout\nshot attract\n' >"$work/$name.replay"
	play "$name" 1080x1920 "$work/$name.replay" --config "$config" "$@"
	[ "$played" -eq 0 ] || fail "$name: the kiosk did not start to the attract screen after the kill"
	[ "$(integrity)" = "ok " ] || fail "$name: integrity_check after the kill: $(integrity)"
}

# ---- (a) killed while printing ----------------------------------------------

"$binary" --db "$database" --import "$sample" >/dev/null
"$binary" --db "$database" --now "$now" --match "themas=bewegen" --json >"$work/match.json"
name=$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["results"][0]["name"])' \
	"$work/match.json")
printf '[printer]\nuri = file:%s\npaper = 80mm\n' "$work/printer" >"$config"
# A whole visit first, ended normally, so there are counts stored.
journey="tap \"Tik om te beginnen\"
tap \"Nederlands\"
tap \"$(option_text themas bewegen)\"
tap \"Laat zien wat er is\"
tap \"$name\"
expect \"$name\""
printf '%s\n' "$journey" 'tap "Terug"' 'expect "Dit past bij u"' >"$work/visit.replay"
play visit 1080x1920 "$work/visit.replay" --config "$config"
[ "$played" -eq 0 ] || fail "the first visit"
counts_before=$(sqlite3 "$database" 'SELECT day, kind, key, count FROM usage_count ORDER BY 1, 2, 3;')
[ -n "$counts_before" ] || fail "no counts stored after a whole visit"

printing() { ls -l "/proc/$kiosk_pid/fd" 2>/dev/null | grep -q "$work/printer"; }
for round in $(seq 1 "$PRINT_KILLS"); do
	# A fresh, empty pipe each round, held open here so the kiosk can open
	# it, and never read.
	rm -f "$work/printer"
	mkfifo "$work/printer"
	exec 3<>"$work/printer"
	# Filled to the brim (a pipe holds 64 KiB), so the slip never fits.
	head -c 65536 /dev/zero >&3
	start_kiosk "print-$round" "$journey
tap \"Print\"
shot printing
wait 2000"
	# The print job is running while the kiosk holds the printer open: its
	# worker waits for room in the full pipe.
	if wait_for 60 printing; then
		random_pause $((round * 150))
		kill -0 "$kiosk_pid" 2>/dev/null || fail "print-$round: the kiosk ended before the kill"
		kill_kiosk
		exec 3<&-
	else
		fail "print-$round: the print job never started"
		sed 's/^/  /' "$work/print-$round.err" | head -10
		kill_kiosk
		exec 3<&-
		continue
	fi
	restart "after-print-$round"
	# Every count stored before is still there (the killed visit's may add).
	missing=$(comm -23 <(printf '%s\n' "$counts_before" | cut -d'|' -f1-3 | sort) \
		<(sqlite3 "$database" 'SELECT day, kind, key FROM usage_count;' | sort))
	[ -z "$missing" ] || fail "after-print-$round: counts lost: $missing"
	lower=$(sqlite3 "$database" "SELECT count(*) FROM usage_count;")
	[ "$lower" -ge "$(printf '%s\n' "$counts_before" | wc -l)" ] ||
		fail "after-print-$round: fewer count rows than before"
	leftovers=$(cd "$work/db" && ls -A | grep -vxE 'kiosk\.db|kiosk\.db\.laatst-goed\.csv' || true)
	[ -z "$leftovers" ] || fail "after-print-$round: left beside the database: $leftovers"
done
[ "$failures" -eq 0 ] &&
	echo "ok: killed mid-print $PRINT_KILLS times: clean restart, integrity ok, counts kept, nothing left beside the database"

# ---- (b) killed while a volunteer applies a catalogue -----------------------

# Two catalogues with the same ids, every name starting with A or with B, so
# one query tells which one (or a mix) is stored.
python3 - "$work" "$ROWS" <<'PYTHON'
import sys
work, rows = sys.argv[1], int(sys.argv[2])
themes = ["bewegen", "voeding", "slaap", "ontspanning", "roken", "alcohol", "ontmoeten"]
days = ["ma", "di", "wo", "do", "vr", "za", "zo"]
for letter, kind in (("A", "groep"), ("B", "wandelgroep")):
    with open(f"{work}/{letter}.csv", "w", encoding="utf-8", newline="") as out:
        out.write("id;naam;omschrijving;soort;themas;plaats;dagen;frequentie;tijd_van\r\n")
        for i in range(rows):
            out.write(f"aanbod-{i:06d};{letter} groep {i};"
                      f"Omschrijving {letter} {i} voor de buurt;{kind};"
                      f"{themes[i % 7]};Utrecht;{days[i % 7]};wekelijks;10:00\r\n")
PYTHON
printf '[volunteer]\n' >"$config"
"$binary" --config "$config" --set-pin 2468 >/dev/null
rm -f "$database" "$database"-* "$database".*
"$binary" --config "$config" --db "$database" --import "$work/A.csv" >/dev/null
# One start saves the matching index, so later starts are quick; that
# database is the one every round begins with.
restart first-a
mkdir -p "$work/pristine"
cp "$database" "$database.laatst-goed.csv" "$work/pristine/"
stick=$work/media/STICK
mkdir -p "$stick/buurtkiosk"
cp "$work/B.csv" "$stick/buurtkiosk/catalogus.csv"

stored() { sqlite3 -separator ' ' "$database" "SELECT count(*), group_concat(DISTINCT substr(naam, 1, 1)) FROM offer;"; }
reading() { ls -l "/proc/$kiosk_pid/fd" 2>/dev/null | grep -q 'STICK/buurtkiosk/catalogus.csv'; }
# Storing has begun once the kiosk writes the new last-good copy beside the
# database (it does while inserting the offers) or the WAL has grown.
storing() {
	[ -e "$database.laatst-goed.csv.tmp" ] ||
		[ "$(stat -c %s "$database-wal" 2>/dev/null || echo 0)" -gt 2000000 ]
}
apply_script='expect "Catalogus bijwerken"
tap "2"
tap "4"
tap "6"
tap "8"
tap "OK"
expect "Nieuwe catalogus op de stick"
tap "Bijwerken"
expect "De catalogus is bijgewerkt."'

# stick_clean ROUND: only whole files on the stick; atomic_file's temporary
# files (NAME.tmp-XXXXXX) are the only other thing a kill may leave there.
stick_clean() {
	local round=$1 file
	for file in "$stick"/buurtkiosk/*; do
		case "$(basename "$file")" in
		catalogus.csv) cmp -s "$file" "$work/B.csv" || fail "$round: the stick's catalogue changed" ;;
		verslag-*.txt)
			grep -q '^De lijst is' "$file" || fail "$round: a report without its first line: $(basename "$file")"
			grep -q 'Verwijderd:' "$file" || fail "$round: a report cut short: $(basename "$file")"
			;;
		gebruik.csv) head -c 64 "$file" | grep -q 'dag;soort;sleutel;aantal' || fail "$round: gebruik.csv cut short" ;;
		*.tmp-??????) echo "note: $round: atomic_file's temporary $(basename "$file") left on the stick" ;;
		*) fail "$round: unexpected on the stick: $(basename "$file")" ;;
		esac
	done
}

kill_during() { # kill_during PHASE ROUND DELAY_MS CONDITION
	local phase=$1 round=$2 delay=$3 condition=$4 name="$1-$2"
	cp "$work/pristine/kiosk.db" "$work/pristine/kiosk.db.laatst-goed.csv" "$work/db/"
	rm -f "$database"-wal "$database"-shm "$database".laatst-goed.csv.tmp
	rm -f "$stick"/buurtkiosk/verslag-* "$stick"/buurtkiosk/gebruik.csv "$stick"/buurtkiosk/*.tmp-*
	start_kiosk "$name" "$apply_script" --usb-root "$work/media"
	export -n BUURTKIOSK_TEST_USB_READ_DELAY_MS
	if wait_for 120 "$condition"; then
		random_pause "$delay"
		kill_kiosk
	else
		fail "$name: never saw the kiosk $phase"
		sed 's/^/  /' "$work/$name.err" | head -10
		kill_kiosk
		return
	fi
	# The stick is taken out before the restart, as a volunteer would.
	mv "$stick" "$work/stick-aside"
	restart "after-$name" --usb-root "$work/media"
	mv "$work/stick-aside" "$stick"
	local now_stored
	now_stored=$(stored)
	case "$now_stored" in
	"$ROWS A" | "$ROWS B") echo "ok: killed while $phase (round $round): the database holds exactly catalogue ${now_stored#* }" ;;
	*) fail "$name: a mix or a loss after the kill: $now_stored" ;;
	esac
	stick_clean "$name"
	# The store's last-good copy in the making (kiosk.db.laatst-goed.csv.tmp),
	# left by a kill while storing, is gone once the kiosk has started again.
	local left
	left=$(cd "$work/db" && ls -A | grep -vxE 'kiosk\.db|kiosk\.db\.laatst-goed\.csv' || true)
	[ -z "$left" ] || fail "$name: left beside the database after the restart: $(echo $left)"
}

for round in $(seq 1 "$READ_KILLS"); do
	export BUURTKIOSK_TEST_USB_READ_DELAY_MS=20
	kill_during reading "$round" $((round * 300)) reading
done
for round in $(seq 1 "$STORE_KILLS"); do
	kill_during storing "$round" $(((round - 1) * 400)) storing
done
# And once not killed: the new catalogue arrives whole, so the kills above
# hit a flow that works.
cp "$work/pristine/kiosk.db" "$work/pristine/kiosk.db.laatst-goed.csv" "$work/db/"
rm -f "$database"-wal "$database"-shm
printf '%s\n' "$apply_script" >"$work/whole.replay"
play whole 1080x1920 "$work/whole.replay" --config "$config" --usb-root "$work/media"
[ "$played" -eq 0 ] && [ "$(stored)" = "$ROWS B" ] ||
	fail "the apply without a kill: exit $played, stored $(stored)"

finish
