#!/usr/bin/env bash
# The quick start: the first start reads every offer and saves the matching
# index image; the next start shows its first frame from the image and
# verifies the database in the background. A database damaged behind the
# image's back is still found and recovered (in a replay and in a live
# kiosk that keeps running), and an import between starts makes the image
# stale, so the new catalogue is shown.
source "$(dirname "$0")/ui_support.sh"
command -v sqlite3 >/dev/null || {
	echo "needs sqlite3" >&2
	exit 1
}
# The start says on stderr how it got its index.
export BUURTKIOSK_DEBUG=1

image_bytes() {
	sqlite3 "$database" "SELECT coalesce(length(match_index), 0) FROM catalogue_state;"
}

# The attract screen, then a resident's results: the same screens whichever
# way the index was made.
cat >"$work/visit.txt" <<'SCRIPT'
wait 1000
expect "Tik om te beginnen"
shot attract
tap "Tik om te beginnen"
tap "Nederlands"
tap "Laat zien wat er is"
shot results
SCRIPT

# (a) Two starts on the same database (a fresh one: the first start fills it
# with the sample).
play first 1080x1920 "$work/visit.txt"
if [ "$played" -eq 0 ] && grep -q 'built by reading all' "$work/first.err" &&
	grep -q 'image of [0-9]* offers .* saved: ok' "$work/first.err" && [ "$(image_bytes)" -gt 64 ]; then
	echo "ok: the first start reads every offer and saves the index image"
else
	fail "first start: no index image saved ($(image_bytes) bytes)"
	sed 's/^/  /' "$work/first.err" | head -20
fi
play second 1080x1920 "$work/visit.txt"
if [ "$played" -eq 0 ] && grep -q 'from the stored image' "$work/second.err" &&
	! grep -q 'reading all' "$work/second.err" &&
	grep -q 'database intact, index image current' "$work/second.err"; then
	echo "ok: the second start uses the image, and the background check finds it current"
else
	fail "second start did not use a verified image"
	sed 's/^/  /' "$work/second.err" | head -20
fi
for shot in attract results; do
	if cmp -s "$work/first/$shot.bmp" "$work/second/$shot.bmp"; then
		echo "ok: $shot screen the same from the image as from the offers"
	else
		fail "$shot screen differs between the two starts"
	fi
done

# (b) Damage an offer's text behind the image's back: quick_check cannot see
# it and the image still loads, but the background check reads the offer
# back against its hash. The kiosk recovers from the last good copy.
damage() {
	rm -f "$database$1"
	sqlite3 "$database" "UPDATE offer SET naam = 'Beschadigde naam'
		WHERE id = 'wandelen-met-buren-dinsdag';"
	[ "$(sqlite3 "$database" "SELECT count(*) FROM offer WHERE naam = 'Beschadigde naam';")" = 1 ]
}
damage .beschadigd
play damaged 1080x1920 "$work/visit.txt"
if [ "$played" -eq 0 ] && grep -q 'from the stored image' "$work/damaged.err" &&
	grep -q 'hersteld' "$work/damaged.err" && [ -f "$database.beschadigd" ] &&
	[ "$(sqlite3 "$database" "SELECT count(*) FROM offer WHERE naam = 'Beschadigde naam';")" = 0 ] &&
	[ "$(image_bytes)" -gt 64 ]; then
	echo "ok: damage behind the image is found in the background and recovered"
else
	fail "damaged database not recovered after a quick start"
	sed 's/^/  /' "$work/damaged.err" | head -20
fi
if cmp -s "$work/first/results.bmp" "$work/damaged/results.bmp"; then
	echo "ok: after the recovery the results are those of the last good catalogue"
else
	fail "results after the recovery differ from the catalogue before the damage"
fi

# ... and a live kiosk recovers while it keeps running.
damage .beschadigd
"$binary" --db "$database" --now "$now" --windowed 1080x1920 >"$work/live.out" 2>"$work/live.err" &
kiosk=$!
for _ in $(seq 1 200); do
	[ -f "$database.beschadigd" ] && grep -q 'hersteld' "$work/live.err" && break
	sleep 0.1
done
sleep 0.5
if [ -f "$database.beschadigd" ] && kill -0 "$kiosk" 2>/dev/null; then
	echo "ok: a live kiosk recovers the damaged database and keeps running"
else
	fail "live kiosk: no recovery, or it stopped"
	sed 's/^/  /' "$work/live.err" | head -20
fi
kill -TERM "$kiosk" 2>/dev/null || true
stopped=0
wait "$kiosk" || stopped=$?
[ "$stopped" -eq 0 ] || fail "live kiosk exited $stopped after SIGTERM"
[ "$(sqlite3 "$database" "SELECT count(*) FROM offer WHERE naam = 'Beschadigde naam';")" = 0 ] ||
	fail "live kiosk left the damaged offer"

printf '%s\n' 'id;naam;soort;themas;dagen;frequentie;tijd_van;tijd_tot' \
	'nieuw-01;Zwerftocht langs de Vecht;wandelgroep;bewegen;di;wekelijks;10:00;11:00' \
	>"$work/nieuw.csv"

# (d) An image that does not describe the stored offers (here another
# kiosk's, copied in by hand): the first frame comes from it, the
# background check builds the right engine, the kiosk switches to it and
# stores its image.
other="$work/other.db"
"$binary" --db "$other" --now "$now" --import "$work/nieuw.csv" >/dev/null 2>&1 ||
	fail "import into the other database"
"$binary" --db "$other" --now "$now" --windowed 1080x1920 --replay "$work/visit.txt" \
	--screenshots "$work/other" >/dev/null 2>&1 || fail "first start of the other database"
good_image=$(sqlite3 "$database" "SELECT hex(match_index) FROM catalogue_state;")
sqlite3 "$database" "ATTACH '$other' AS other;
	UPDATE catalogue_state SET match_index =
		(SELECT match_index FROM other.catalogue_state WHERE id = 1) WHERE id = 1;"
[ "$(sqlite3 "$database" "SELECT hex(match_index) FROM catalogue_state;")" != "$good_image" ] ||
	fail "the foreign image was not copied in"
play stale 1080x1920 "$work/visit.txt"
if [ "$played" -eq 0 ] && grep -q 'index of 1 offers from the stored image' "$work/stale.err" &&
	grep -q 'index image was stale' "$work/stale.err" &&
	[ "$(sqlite3 "$database" "SELECT hex(match_index) FROM catalogue_state;")" = "$good_image" ] &&
	cmp -s "$work/first/results.bmp" "$work/stale/results.bmp"; then
	echo "ok: a stale image is replaced by the offers' own before the first step"
else
	fail "a stale image was not replaced"
	sed 's/^/  /' "$work/stale.err" | head -20
fi

# (c) An import between starts: the image of the old catalogue is dropped
# with it, and the kiosk shows the new offers.
"$binary" --db "$database" --now "$now" --import "$work/nieuw.csv" >"$work/import.out" 2>&1 ||
	fail "import of the new catalogue: $(cat "$work/import.out")"
[ "$(image_bytes)" -eq 0 ] || fail "the import left the old index image"
cat >"$work/new.txt" <<'SCRIPT'
wait 1000
expect "Zwerftocht langs de Vecht"
tap "Tik om te beginnen"
tap "Nederlands"
tap "Laat zien wat er is"
expect "Zwerftocht langs de Vecht"
expect-not "Wandelen met buren"
SCRIPT
play imported 1080x1920 "$work/new.txt"
if [ "$played" -eq 0 ] && grep -q 'no usable index image' "$work/imported.err"; then
	echo "ok: after an import the kiosk reads the new offers and shows them"
else
	fail "the kiosk did not show the imported catalogue"
fi
play imported-again 1080x1920 "$work/new.txt"
if [ "$played" -eq 0 ] && grep -q 'index of 1 offers from the stored image' \
	"$work/imported-again.err"; then
	echo "ok: the next start uses the new catalogue's image"
else
	fail "no image of the new catalogue"
	sed 's/^/  /' "$work/imported-again.err" | head -20
fi

finish
