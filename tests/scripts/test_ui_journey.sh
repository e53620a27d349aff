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

# The demonstration tour README's first command plays on a machine without a
# display keeps working.
play tour 1080x1920 "$source_dir/packaging/demo-tour.replay"
if [ "$played" -eq 0 ] && [ "$(ls "$work/tour"/*.bmp | wc -l)" -eq 11 ]; then
	echo "ok: the demonstration tour plays and writes 11 screenshots"
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
