#!/usr/bin/env bash
# A resident's whole journey on the real kiosk, portrait and landscape:
# attract → language → questions → results → detail, with screenshots; the
# QR code on the detail screenshot must scan (zbarimg) to exactly that
# offer's signup URL.
source "$(dirname "$0")/ui_support.sh"

"$binary" --db "$database" --import "$sample" >/dev/null

# The first theme whose best match has a signup URL: the journey opens it.
chosen_theme="" chosen_id="" chosen_name="" chosen_url=""
for theme in bewegen voeding slaap ontspanning roken alcohol ontmoeten; do
	"$binary" --db "$database" --now "$now" --match "themas=$theme" --json >"$work/match.json"
	read -r id name < <(python3 -c '
import json, sys
results = json.load(open(sys.argv[1]))["results"]
print(results[0]["id"], results[0]["name"]) if results else print("")
' "$work/match.json")
	url=$(signup_url "$id")
	if [ -n "$url" ]; then
		chosen_theme=$theme chosen_id=$id chosen_name=$name chosen_url=$url
		break
	fi
done
[ -n "$chosen_url" ] || { echo "FAIL: no theme leads to an offer with a signup URL"; exit 1; }
echo "journey: theme $chosen_theme → $chosen_id ($chosen_url)"

cat >"$work/journey.txt" <<SCRIPT
# attract
expect "Tik om te beginnen"
check-layout
shot 01-attract
tap "Tik om te beginnen"
expect "Nederlands"
expect "English"
check-layout
shot 02-start
tap "Nederlands"
expect "Vraag 1 van 9"
check-layout
shot 03-question
tap "$(option_text themas "$chosen_theme")"
shot 04-chosen
tap "Volgende"
expect "Vraag 2 van 9"
tap "Laat zien wat er is"
check-layout
shot 05-results
expect "$chosen_name"
tap "$chosen_name"
expect "$chosen_name"
check-layout
shot 06-detail
SCRIPT

for size in 1080x1920 1920x1080; do
	play "journey-$size" "$size" "$work/journey.txt"
	[ "$played" -eq 0 ] || { fail "journey at $size"; continue; }
	for shot in 01-attract 02-start 03-question 04-chosen 05-results 06-detail; do
		[ -s "$work/journey-$size/$shot.bmp" ] || fail "$size: screenshot $shot missing"
	done
	decoded=$(zbarimg -q --raw --nodbus "$work/journey-$size/06-detail.bmp" 2>/dev/null || true)
	if [ "$decoded" = "$chosen_url" ]; then
		echo "ok: $size: the detail QR reads $decoded"
	else
		fail "$size: the detail QR reads '$decoded', expected '$chosen_url'"
	fi
	# The chosen tile looks different from before it was chosen.
	if cmp -s "$work/journey-$size/03-question.bmp" "$work/journey-$size/04-chosen.bmp"; then
		fail "$size: choosing a tile changed nothing on screen"
	fi
done

# The journey in every language of the start screen, portrait and
# landscape: each language's own name on its button, its texts on the
# question and results screens, and every screen within the layout rules
# with the real fonts (Arabic mirrored and shaped).
translated() { # translated LANG MSGID: the msgstr of MSGID in data/po/LANG.po
	python3 - "$source_dir/data/po/$1.po" "$2" <<'PY'
import sys
entries, msgid, target = {}, None, None
for line in open(sys.argv[1], encoding="utf-8"):
    line = line.rstrip("\n")
    if line.startswith("msgid "):
        msgid, target = line[7:-1], None
    elif line.startswith("msgstr ") and msgid is not None:
        entries[msgid] = line[8:-1]
print(entries.get(sys.argv[2], sys.argv[2]) or sys.argv[2])
PY
}
declare -A own_name=([nl]=Nederlands [en]=English [tr]=Türkçe [ar]=العربية)
for language in nl en tr ar; do
	option=$(option_text themas "$chosen_theme")
	if [ "$language" != nl ]; then
		option=$(translated "$language" "$option")
	fi
	next=$(translated "$language" "Volgende")
	show=$(translated "$language" "Laat zien wat er is")
	[ "$language" = nl ] && next=Volgende && show="Laat zien wat er is"
	cat >"$work/language-$language.txt" <<SCRIPT
tap "Tik om te beginnen"
tap "${own_name[$language]}"
expect "$option"
expect "$next"
check-layout
shot question
tap "$option"
tap "$next"
tap "$show"
check-layout
shot results
SCRIPT
	for size in 1080x1920 1920x1080; do
		play "language-$language-$size" "$size" "$work/language-$language.txt"
		if [ "$played" -eq 0 ] && [ -s "$work/language-$language-$size/results.bmp" ]; then
			echo "ok: $language at $size: question and results in ${own_name[$language]}"
		else
			fail "the journey in $language at $size"
		fi
	done
done
# Arabic is drawn, not boxes: its question screen differs from the
# English one where the words are.
if cmp -s "$work/language-ar-1080x1920/question.bmp" "$work/language-en-1080x1920/question.bmp"; then
	fail "the Arabic question screen looks like the English one"
fi

# The demonstration tour README's first command plays on a machine without a
# display keeps working.
play tour 1080x1920 "$source_dir/packaging/demo-tour.replay"
if [ "$played" -eq 0 ] && [ "$(ls "$work/tour"/*.bmp | wc -l)" -eq 13 ]; then
	echo "ok: the demonstration tour plays and writes 13 screenshots"
else
	fail "the demonstration tour"
fi

# A label that is not on screen fails the script with its line number.
printf 'tap "Dit staat nergens"\n' >"$work/missing.txt"
play missing 1080x1920 "$work/missing.txt"
if [ "$played" -eq 1 ] && grep -q 'line 1' "$work/missing.err"; then
	echo "ok: a missing label fails the replay"
else
	fail "a missing label should fail with exit 1 and its line"
fi
printf 'tap 10\n' >"$work/bad.txt"
play bad 1080x1920 "$work/bad.txt"
[ "$played" -eq 2 ] && echo "ok: a malformed script is refused" || fail "malformed script"
finish
