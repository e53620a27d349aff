#!/usr/bin/env bash
# The command-line contract other tools build on: exit codes, the JSON of
# --import/--check/--match, the template, and that a refused import leaves
# the database exactly as it was.
set -euo pipefail
binary=${KIOSK_BINARY:?}
source_dir=${KIOSK_SOURCE_DIR:?}
work=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/cli-XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
database="$work/kiosk.db"
sample="$source_dir/data/catalogus.csv"
failures=0

check() { # check DESCRIPTION EXPECTED_EXIT COMMAND...
	local description=$1 expected=$2
	shift 2
	local actual=0
	"$@" >"$work/out" 2>"$work/err" || actual=$?
	if [ "$actual" -ne "$expected" ]; then
		echo "FAIL: $description: exit $actual, expected $expected"
		sed 's/^/  out: /' "$work/out" | head -20
		sed 's/^/  err: /' "$work/err" | head -20
		failures=$((failures + 1))
	else
		echo "ok: $description"
	fi
}

json_check() { # json_check DESCRIPTION PYTHON-EXPRESSION-ON-data
	if python3 -c "import json,sys; data=json.load(open('$work/out')); sys.exit(0 if ($2) else 1)"; then
		echo "ok: $1"
	else
		echo "FAIL: $1"
		head -c 2000 "$work/out"
		echo
		failures=$((failures + 1))
	fi
}

dump_offers() { python3 - "$database" <<'PY'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
for row in db.execute("SELECT * FROM offer ORDER BY id"):
    print(repr(row))
PY
}

check "--version" 0 "$binary" --version
grep -q '^buurtkiosk [0-9]' "$work/out" || { echo "FAIL: version text"; failures=$((failures + 1)); }
check "--help" 0 "$binary" --help
check "unknown option is a usage error" 2 "$binary" --frobnicate
check "two commands is a usage error" 2 "$binary" --version --help
check "missing value is a usage error" 2 "$binary" --import
check "bad --now is a usage error" 2 "$binary" --db "$database" --now gisteren --match ''
check "bad --location is a usage error" 2 "$binary" --db "$database" --location 40.0,3.0 --match ''
check "bad answers are a usage error" 2 "$binary" --db "$database" --match 'themas=zwemmen'

check "--check of the sample changes nothing" 0 "$binary" --db "$database" --check "$sample" --json
json_check "--check JSON: not applied, all new" \
	"data['applied'] is False and data['rows'] >= 40 and data['new'] == data['rows'] and data['errors'] == []"

check "--import of the sample applies" 0 "$binary" --db "$database" --import "$sample" --json
json_check "--import JSON contract" \
	"set(data) >= {'applied','rows','new','changed','removed','unchanged','errors','warnings'} and data['applied'] is True and data['new'] >= 40"
dump_offers >"$work/before"
[ "$(wc -l <"$work/before")" -ge 40 ] || { echo "FAIL: offers not stored"; failures=$((failures + 1)); }

check "re-import: everything unchanged" 0 "$binary" --db "$database" --import "$sample" --json
json_check "re-import counts" "data['new'] == 0 and data['changed'] == 0 and data['removed'] == 0 and data['unchanged'] >= 40"

printf 'naam;omschrijving\nWandelen;Samen lopen\n' >"$work/no-id.csv"
check "a file without an id column is refused" 1 "$binary" --db "$database" --import "$work/no-id.csv" --json
json_check "refusal JSON" "data['applied'] is False and len(data['errors']) >= 1 and data['errors'][0]['line'] in (0, 1)"
dump_offers >"$work/after"
cmp -s "$work/before" "$work/after" && echo "ok: refused import left every offer byte for byte" ||
	{ echo "FAIL: refused import changed the catalogue"; failures=$((failures + 1)); }

head -c 3000 /dev/urandom >"$work/binary.csv"
check "a binary file is refused" 1 "$binary" --db "$database" --import "$work/binary.csv"
check "a missing file is refused" 1 "$binary" --db "$database" --import "$work/missing.csv"
dump_offers >"$work/after"
cmp -s "$work/before" "$work/after" || { echo "FAIL: binary import changed the catalogue"; failures=$((failures + 1)); }

# A row error does not stop the rest: the bad row is reported with its row number.
{
	printf 'id;naam;aanmeld_url;tijd_van\n'
	printf 'a;Eerste;https://example.nl/a;10:00\n'
	printf 'b;"Tweede\nover twee regels";javascript:alert(1);10:00\n'
	printf ';Zonder id;;\n'
	printf 'd;Vierde;;25:00\n'
} >"$work/rows.csv"
check "--check with row problems" 0 "$binary" --db "$database" --check "$work/rows.csv" --json
json_check "row numbers as the spreadsheet shows them" \
	"[e['line'] for e in data['errors']] == [4] and sorted(w['line'] for w in data['warnings'] if w['line'] > 1) == [3, 5] and data['removed'] >= 40"

check "--match JSON" 0 "$binary" --db "$database" --now 2026-11-24T09:00 \
	--match 'themas=bewegen,voeding;aandoeningen=diabetes;kosten=gratis;contact=fysiek;fase=beginnen' --json
json_check "--match JSON contract" \
	"set(data) == {'relaxed','results'} and len(data['results']) >= 1 and all(set(r) == {'id','name','score','next_meeting','distance_m','matched','missed'} for r in data['results'])"
json_check "--match: strict answers hold (only free, in person)" \
	"'kosten' in data['relaxed'] or all('kosten' in r['matched'] for r in data['results'])"
json_check "--match: next meetings are after now" \
	"all(r['next_meeting'] is None or r['next_meeting'] >= '2026-11-24' for r in data['results'])"
cp "$work/out" "$work/match1"
check "--match is deterministic" 0 "$binary" --db "$database" --now 2026-11-24T09:00 \
	--match 'themas=bewegen,voeding;aandoeningen=diabetes;kosten=gratis;contact=fysiek;fase=beginnen' --json
cmp -s "$work/out" "$work/match1" && echo "ok: same answers, same order" ||
	{ echo "FAIL: --match not deterministic"; failures=$((failures + 1)); }

check "--location moves the kiosk" 0 "$binary" --db "$database" --now 2026-11-24T09:00 \
	--location 52.3702,4.8952 --match 'themas=bewegen' --json
json_check "from Amsterdam everything is far away" \
	"all(r['distance_m'] is None or r['distance_m'] > 20000 for r in data['results'])"

check "--match text" 0 "$binary" --db "$database" --now 2026-11-24T09:00 --match 'themas=bewegen;dichtbij=ja'
grep -q 'minuten lopen' "$work/out" || { echo "FAIL: text match shows no walking time"; failures=$((failures + 1)); }

check "--upcoming shows what is coming up" 0 "$binary" --db "$database" --now 2026-11-24T09:00 --upcoming
grep -q 'binnenkort' "$work/out" || { echo "FAIL: upcoming list"; failures=$((failures + 1)); }

fresh="$work/fresh.db"
check "a fresh database is seeded with the sample for matching" 0 "$binary" --db "$fresh" --match '' --json
json_check "seeded results" "len(data['results']) >= 30"

check "--export-template" 0 "$binary" --export-template "$work/sjabloon.csv"
check "the template itself imports" 0 "$binary" --db "$work/template.db" --import "$work/sjabloon.csv" --json
json_check "template rows" "data['applied'] is True and data['new'] == 2 and data['errors'] == []"

printf '[location]\nlatitude = 52.0907\nlongitude = 5.1214\n[storage]\ndatabase = %s\n' "$work/from-config.db" >"$work/kiosk.ini"
check "--config names the database" 0 "$binary" --config "$work/kiosk.ini" --import "$sample"
[ -f "$work/from-config.db" ] && echo "ok: database from --config" ||
	{ echo "FAIL: --config database not used"; failures=$((failures + 1)); }
check "a missing --config file is a usage error" 2 "$binary" --config "$work/none.ini" --match ''

# --check never writes: not even a database file at a fresh path, and a
# damaged database is reported, not repaired behind the volunteer's back.
check "--check on a fresh path" 0 "$binary" --db "$work/check-only/kiosk.db" --check "$sample" --json
json_check "--check on a fresh path: all new" "data['applied'] is False and data['new'] == data['rows']"
[ ! -e "$work/check-only" ] && echo "ok: --check created no database" ||
	{ echo "FAIL: --check created $(ls -A "$work/check-only")"; failures=$((failures + 1)); }
cp "$database" "$work/before.db"
check "--check against a stored catalogue" 0 "$binary" --db "$database" --check "$work/rows.csv" --json
cmp -s "$database" "$work/before.db" && echo "ok: --check left the database file byte for byte" ||
	{ echo "FAIL: --check changed the database file"; failures=$((failures + 1)); }
cp "$database" "$work/damaged.db"
printf 'dit is geen database%.0s' $(seq 10) | dd of="$work/damaged.db" conv=notrunc status=none
check "--check on a damaged database refuses" 1 "$binary" --db "$work/damaged.db" --check "$sample"
[ -e "$work/damaged.db" ] && [ ! -e "$work/damaged.db.beschadigd" ] &&
	echo "ok: --check left the damaged database where it was" ||
	{ echo "FAIL: --check repaired the database"; failures=$((failures + 1)); }

# Answers given to --match are never written to disk.
check "--match with telling answers" 0 "$binary" --db "$database" \
	--match 'themas=slaap,alcohol;aandoeningen=longziekte;kosten=vergoed' --json
if grep -qa -e 'aandoeningen=longziekte' -e 'themas=slaap' -e 'kosten=vergoed' "$database" "$database-wal" 2>/dev/null; then
	echo "FAIL: --match answers found on disk"
	failures=$((failures + 1))
else
	echo "ok: --match answers not on disk"
fi

# Another process holding the write lock: reading goes on, an import waits
# and then fails clearly with its JSON report, and nothing is lost.
dump_offers >"$work/before"
python3 - "$database" 9 >"$work/lock.log" <<'PY' &
import sqlite3, sys, time
db = sqlite3.connect(sys.argv[1], isolation_level=None)
db.execute("BEGIN IMMEDIATE")
print("locked", flush=True)
time.sleep(float(sys.argv[2]))
db.execute("ROLLBACK")
PY
locker=$!
for _ in $(seq 100); do grep -q locked "$work/lock.log" && break; sleep 0.1; done
started=$(date +%s)
check "--match while another process writes" 0 "$binary" --db "$database" --match 'themas=bewegen' --json
(($(date +%s) - started < 4)) && echo "ok: --match did not wait for the writer" ||
	{ echo "FAIL: --match waited for the writer"; failures=$((failures + 1)); }
check "--import while another process writes is refused" 1 "$binary" --db "$database" --import "$work/rows.csv" --json
json_check "busy import JSON says not applied" "data['applied'] is False"
grep -q 'vorige catalogus blijft' "$work/err" && echo "ok: busy import explained" ||
	{ echo "FAIL: busy import not explained"; failures=$((failures + 1)); }
wait "$locker"
dump_offers >"$work/after"
cmp -s "$work/before" "$work/after" && echo "ok: busy import changed nothing" ||
	{ echo "FAIL: busy import changed the catalogue"; failures=$((failures + 1)); }

# A database that cannot be used gives a clear message and exit 1.
mkdir "$work/a-directory"
check "--db naming a directory" 1 "$binary" --db "$work/a-directory" --import "$sample"
grep -q 'is een map' "$work/err" && echo "ok: directory explained" ||
	{ echo "FAIL: directory not explained"; failures=$((failures + 1)); }
cp "$database" "$work/newer.db"
python3 -c "import sqlite3,sys; sqlite3.connect(sys.argv[1]).execute('PRAGMA user_version = 99')" "$work/newer.db"
check "a database from a newer version is refused" 1 "$binary" --db "$work/newer.db" --import "$sample"
grep -q 'nieuwere versie' "$work/err" && echo "ok: newer database explained" ||
	{ echo "FAIL: newer database not explained"; failures=$((failures + 1)); }
unprivileged=()
if [ "$(id -u)" -eq 0 ]; then
	unprivileged=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
	chmod 755 "$work"
fi
mkdir "$work/read-only"
chmod 555 "$work/read-only"
check "--db in a read-only directory" 1 "${unprivileged[@]}" "$binary" --db "$work/read-only/kiosk.db" --import "$sample"
grep -q 'niet beschrijfbaar' "$work/err" && echo "ok: read-only directory explained" ||
	{ echo "FAIL: read-only directory not explained"; failures=$((failures + 1)); }

echo "cli checks failed: $failures"
[ "$failures" -eq 0 ]
