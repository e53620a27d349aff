#!/usr/bin/env bash
# Walking away: after 60 s "Bent u er nog?", after 15 s more the attract
# screen with every answer gone. In kiosk mode no key or window close ends
# the kiosk; in developer mode (--windowed) they do; SIGTERM always stops it.
source "$(dirname "$0")/ui_support.sh"

"$binary" --db "$database" --import "$sample" >/dev/null
first_tile=$(option_text themas bewegen)
second_tile=$(option_text themas ontmoeten)

cat >"$work/idle.txt" <<SCRIPT
tap "Tik om te beginnen"
tap "English"
expect "Question 1 of 9"
tap "Back"
expect "Welcome"
tap "Nederlands"
tap "$first_tile"
tap "$second_tile"
expect "check_circle"
wait 59000
expect-not "Bent u er nog?"
wait 1500
expect "Bent u er nog?"
shot asked
tap "Ja, ik ben er nog"
expect-not "Bent u er nog?"
expect "check_circle"
wait 76000
expect "Tik om te beginnen"
shot attract-again
tap "Tik om te beginnen"
expect "Welkom"
tap "Nederlands"
expect "Vraag 1 van 9"
expect-not "check_circle"
SCRIPT
# The English detour shows the start screen follows the chosen language; after
# the reset it is Dutch again ("Welkom") and no tile is chosen.
play idle 1080x1920 "$work/idle.txt"
[ "$played" -eq 0 ] && echo "ok: idle question, then a reset that forgets every answer" ||
	fail "idle reset"

# Kiosk mode: Escape, Ctrl+Q, Alt+F4 and the close button change nothing.
cat >"$work/keys.txt" <<SCRIPT
key escape
key ctrl-q
key alt-f4
close
tap "Tik om te beginnen"
key escape
close
expect "Nederlands"
SCRIPT
play keys kiosk "$work/keys.txt"
if [ "$played" -eq 0 ] && ! grep -q 'quit' "$work/keys.err"; then
	echo "ok: kiosk mode ignores quit keys and window close"
else
	fail "kiosk mode must not quit on keys or close"
fi
for key in "key escape" "key ctrl-q" "key alt-f4" "close"; do
	printf '%s\nexpect "dit wordt nooit bereikt"\n' "$key" >"$work/quit.txt"
	play quit 1280x800 "$work/quit.txt"
	if [ "$played" -eq 0 ] && grep -q 'the kiosk quit' "$work/quit.err"; then
		echo "ok: developer mode quits on '$key'"
	else
		fail "developer mode should quit on '$key'"
	fi
done

# SIGTERM (how systemd stops it) ends even a kiosk-mode kiosk, promptly.
"$binary" --db "$database" --now "$now" >"$work/live.out" 2>"$work/live.err" &
kiosk=$!
sleep 2
kill -TERM "$kiosk"
stopped=0
for _ in $(seq 1 50); do
	if ! kill -0 "$kiosk" 2>/dev/null; then
		stopped=1
		break
	fi
	sleep 0.1
done
if [ "$stopped" -eq 1 ] && wait "$kiosk"; then
	echo "ok: SIGTERM stops the kiosk within 5 s, exit 0"
else
	kill -KILL "$kiosk" 2>/dev/null || true
	fail "SIGTERM did not stop the kiosk cleanly"
	cat "$work/live.err"
fi
finish
