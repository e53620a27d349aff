#!/usr/bin/env bash
# test_kill_during_import.sh — kills `buurtkiosk --import` with SIGKILL at
# random moments and checks that the database always holds exactly the old
# catalogue or exactly the new one, never a mix, and never a damaged file.
set -euo pipefail

KILLS=${KILLS:-24}
ROWS=${ROWS:-50000}

binary=${KIOSK_BINARY:?KIOSK_BINARY must name the built buurtkiosk}
for tool in sqlite3 python3; do
	command -v "$tool" >/dev/null || { echo "needs $tool" >&2; exit 1; }
done

if [[ -n ${KIOSK_TEST_TMP:-} ]]; then
	mkdir -p "$KIOSK_TEST_TMP"
	work=$(mktemp -d "$KIOSK_TEST_TMP/kill-import-XXXXXX")
else
	work=$(mktemp -d)
fi
cleanup() { rm -rf "$work"; }
trap cleanup EXIT

database="$work/kiosk.db"

# Two valid catalogues with the same ids but every name starting with "A"
# or with "B", so one query tells which catalogue (or a mix) is stored.
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

# Prints "<count> <first letters>" of the stored names, after checking that
# sqlite itself finds the file intact.
inspect() {
	local integrity
	integrity=$(sqlite3 "$database" "PRAGMA integrity_check;")
	if [[ $integrity != "ok" ]]; then
		echo "integrity_check failed: $integrity" >&2
		return 1
	fi
	sqlite3 -separator ' ' "$database" \
		"SELECT count(*), group_concat(DISTINCT substr(naam, 1, 1)) FROM offer;"
}

milliseconds() { date +%s%3N; }

"$binary" --db "$database" --import "$work/A.csv" >/dev/null 2>"$work/first.log" || {
	echo "importing A failed:" >&2
	cat "$work/first.log" >&2
	exit 1
}
read -r count letters <<<"$(inspect)"
if [[ $count != "$ROWS" || $letters != "A" ]]; then
	echo "after importing A: $count offers, letters $letters" >&2
	exit 1
fi

# One uninterrupted import (A -> B) sets the range the kills are spread over.
started=$(milliseconds)
"$binary" --db "$database" --import "$work/B.csv" >/dev/null 2>&1
duration=$(($(milliseconds) - started))
read -r count letters <<<"$(inspect)"
if [[ $count != "$ROWS" || $letters != "B" ]]; then
	echo "after importing B: $count offers, letters $letters" >&2
	exit 1
fi
echo "one import takes ${duration} ms"

current=B
kills=0
old_kept=0
new_applied=0
finished_first=0
round=0
# Rounds go on until KILLS imports were really killed mid-way; a round whose
# import finished before its kill still checks the result.
while ((kills < KILLS)); do
	round=$((round + 1))
	if ((round > 3 * KILLS)); then
		echo "only $kills of $round imports could be killed" >&2
		exit 1
	fi
	if [[ $current == A ]]; then target=B; else target=A; fi
	# Uniform in 0 .. 1.2 x the measured duration.
	delay_ms=$((RANDOM * 32768 + RANDOM))
	delay_ms=$((delay_ms % (duration * 12 / 10 + 1)))
	"$binary" --db "$database" --import "$work/$target.csv" >/dev/null 2>&1 &
	pid=$!
	sleep "$(printf '%d.%03d' $((delay_ms / 1000)) $((delay_ms % 1000)))"
	if kill -9 "$pid" 2>/dev/null; then
		kills=$((kills + 1))
	else
		finished_first=$((finished_first + 1))
	fi
	exit_status=0
	# The braces keep bash's "Killed" job notice out of the log.
	{ wait "$pid"; } 2>/dev/null || exit_status=$?
	if [[ $exit_status != 0 && $exit_status != 137 ]]; then
		echo "round $round: import exited with $exit_status" >&2
		exit 1
	fi

	if ! result=$(inspect); then
		echo "round $round: database damaged after kill at ${delay_ms} ms" >&2
		exit 1
	fi
	read -r count letters <<<"$result"
	if [[ $count != "$ROWS" ]]; then
		echo "round $round: $count offers after kill at ${delay_ms} ms (want $ROWS)" >&2
		exit 1
	fi
	if [[ $letters == "$target" ]]; then
		new_applied=$((new_applied + 1))
		current=$target
	elif [[ $letters == "$current" ]]; then
		old_kept=$((old_kept + 1))
	else
		echo "round $round: mixed catalogue (letters $letters) after kill at ${delay_ms} ms" >&2
		exit 1
	fi
	if [[ -n ${VERBOSE:-} ]]; then
		echo "round $round: kill at ${delay_ms} ms, exit $exit_status, stored $letters"
	fi
	if [[ $exit_status == 0 && $letters != "$target" ]]; then
		echo "round $round: import reported success but the old catalogue is stored" >&2
		exit 1
	fi
done

# The program itself must never have found the database damaged.
if [[ -e "$database.beschadigd" ]]; then
	echo "the program moved the database aside as damaged" >&2
	exit 1
fi
# And it still imports normally afterwards.
"$binary" --db "$database" --import "$work/A.csv" >/dev/null 2>&1
read -r count letters <<<"$(inspect)"
if [[ $count != "$ROWS" || $letters != "A" ]]; then
	echo "final import: $count offers, letters $letters" >&2
	exit 1
fi

echo "kills: $kills, old kept: $old_kept, new applied: $new_applied" \
	"(rounds: $round, finished before the kill: $finished_first)"
