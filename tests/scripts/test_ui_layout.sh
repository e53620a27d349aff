#!/usr/bin/env bash
# Every screen, at the three window sizes the kiosk must handle, keeps the
# layout rules with the real fonts (replay `check-layout`): text inside its
# box, touch targets of at least 15 mm that do not overlap, contrast of at
# least 4.5:1 for every text and pictogram.
source "$(dirname "$0")/ui_support.sh"

"$binary" --db "$database" --import "$sample" >/dev/null
"$binary" --db "$database" --now "$now" --match '' --json >"$work/all.json"
first_name=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["name"])' "$work/all.json")
question_count=$(grep -c '^\[[a-z_]*\]$' "$source_dir/data/questions.ini")

{
	echo 'check-layout'
	echo 'tap "Tik om te beginnen"'
	echo 'check-layout'
	echo 'tap "English"'
	echo 'check-layout'
	echo 'tap "Back"'
	echo 'tap "Nederlands"'
	for question in $(seq 1 "$question_count"); do
		echo "expect \"Vraag $question van $question_count\""
		echo 'check-layout'
		# Choose the first tile, see it chosen, and go on without it.
		echo "shot question-$question"
		echo 'tap "Sla over"'
	done
	echo 'check-layout'
	echo 'shot results'
	echo 'drag 400 600 400 200 600'
	echo 'wait 3000'
	echo 'check-layout'
	echo 'drag 400 200 400 700 600'
	echo 'wait 3000'
	echo "tap \"$first_name\""
	echo 'check-layout'
	echo 'shot detail'
	echo 'tap "Terug"'
	echo 'tap "Overzicht"'
	echo 'check-layout'
	echo 'shot overview'
	echo 'drag 400 600 400 200 600'
	echo 'wait 3000'
	echo 'check-layout'
	echo 'wait 61000'
	echo 'expect "Bent u er nog?"'
	echo 'check-layout'
	echo 'shot idle'
} >"$work/tour.txt"

for size in 1080x1920 1920x1080 1280x800; do
	play "tour-$size" "$size" "$work/tour.txt"
	if [ "$played" -eq 0 ]; then
		echo "ok: every screen keeps the layout rules at $size"
	else
		fail "layout at $size"
	fi
done

# The check itself can fail: on a screen that claims to be 10 cm wide, 15 mm
# targets and arm's-length text do not fit 1280x800 pixels, and
# check-layout says so.
cat >"$work/huge.ini" <<INI
[screen]
width_mm = 100
height_mm = 62
INI
printf 'tap "Tik om te beginnen"\ncheck-layout\n' >"$work/check.txt"
play huge 1280x800 "$work/check.txt" --config "$work/huge.ini"
if [ "$played" -eq 1 ] && grep -q 'layout at 1280x800' "$work/huge.err"; then
	echo "ok: check-layout fails a frame that breaks the rules"
else
	fail "check-layout should fail on a 10 cm wide screen of 1280x800 pixels"
	cat "$work/huge.err"
fi
finish
