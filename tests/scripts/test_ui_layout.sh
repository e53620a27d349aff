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

# The same journey at extra large text and in high contrast, in each of the
# four languages: the "Aa" button (tapped by its label) steps the style, a
# language is chosen by its own name, every screen is checked, and the
# journey starts over for the next language. High contrast reads aloud, so
# its frames carry the speaker buttons too. One kiosk per window size.
for language in en tr ar; do
	msgfmt -o "$work/$language.mo" "$source_dir/data/po/$language.po"
done
# For each language the labels the journey taps, looked up once: the bar's
# words and the first result's name as the screens show it (the catalogue's
# naam_LANGUAGE, Dutch when empty).
first_id=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["results"][0]["id"])' "$work/all.json")
declare -A label
for language in nl en tr ar; do
	while IFS='=' read -r key value; do
		label[$language.$key]=$value
	done < <(python3 - "$work" "$language" "$sample" "$first_id" <<'PY'
import csv, gettext, sys
work, language, sample, first_id = sys.argv[1:5]
translate = (lambda text: text) if language == "nl" else \
    gettext.GNUTranslations(open(f"{work}/{language}.mo", "rb")).gettext
for key, msgid in (("skip", "Sla over"), ("back", "Terug"), ("overview", "Overzicht"),
                   ("again", "Opnieuw beginnen")):
    print(f"{key}={translate(msgid)}")
with open(sample, encoding="utf-8-sig", newline="") as source:
    for row in csv.DictReader(source, delimiter=";"):
        if row["id"] == first_id:
            print("offer=" + ((row.get("naam_" + language) or "").strip() or row["naam"]))
PY
	)
done
declare -A own_name=([nl]=Nederlands [en]=English [tr]="Türkçe" [ar]="العربية")
styles_tour() {
	local height=$1 first=true
	local low=$((height * 55 / 100)) high=$((height * 30 / 100))
	for taps in 2 3; do
		for language in nl en tr ar; do
			if $first; then
				# On the attract screen.
				for _ in $(seq "$taps"); do echo 'tap "Tekst"'; done
				echo 'check-layout'
				echo 'tap "Tik om te beginnen"'
				first=false
			else
				for _ in $(seq "$taps"); do echo 'tap "Tekst"'; done
			fi
			echo 'check-layout'
			if [ "$taps" -eq 3 ]; then
				echo 'tap "Voorlezen"'
				echo 'check-layout'
			fi
			echo "tap \"${own_name[$language]}\""
			for _ in $(seq "$question_count"); do
				echo 'check-layout'
				echo "tap \"${label[$language.skip]}\""
			done
			echo 'check-layout'
			echo "drag 400 $low 400 $high 600"
			echo 'wait 3000'
			echo 'check-layout'
			echo "drag 400 $high 400 $low 600"
			echo 'wait 3000'
			echo "tap \"${label[$language.offer]}\""
			echo 'check-layout'
			echo "shot detail-$language-$taps"
			# A detail too long for the window scrolls (a drag elsewhere
			# moves nothing): the rules hold further down it too.
			echo "drag 400 $low 400 $high 600"
			echo 'wait 3000'
			echo 'check-layout'
			echo "shot detail-$language-$taps-dragged"
			echo "tap \"${label[$language.back]}\""
			echo "tap \"${label[$language.overview]}\""
			echo 'check-layout'
			echo "drag 400 $low 400 $high 600"
			echo 'wait 3000'
			echo 'check-layout'
			echo "tap \"${label[$language.back]}\""
			echo "tap \"${label[$language.again]}\""
		done
	done
	# The idle question in high contrast, then the attract screen in it.
	echo 'tap "Tekst"'
	echo 'tap "Tekst"'
	echo 'tap "Tekst"'
	echo 'wait 61000'
	echo 'expect "Bent u er nog?"'
	echo 'check-layout'
	echo 'wait 16000'
	echo 'tap "Tekst"'
	echo 'tap "Tekst"'
	echo 'tap "Tekst"'
	echo 'check-layout'
	echo 'shot attract-high-contrast'
}
for size in 1080x1920 1920x1080 1280x800; do
	styles_tour "${size#*x}" >"$work/styles-$size.txt"
	started=$SECONDS
	play "styles-$size" "$size" "$work/styles-$size.txt"
	if [ "$played" -eq 0 ]; then
		echo "ok: extra large and high contrast keep the layout rules in nl, en, tr and ar" \
			"at $size ($((SECONDS - started)) s)"
	else
		fail "extra large and high contrast at $size"
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
