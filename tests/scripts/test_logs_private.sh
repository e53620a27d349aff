#!/usr/bin/env bash
# test_logs_private.sh — what the kiosk writes to its log (stderr and stdout,
# which systemd sends to the journal) never holds a resident's answers: a
# visit that answers several questions, opens an offer, prints it and is
# reset, played with every debug line switched on (BUURTKIOSK_DEBUG=1), in
# Dutch and in Arabic, leaves no answer's label or key, no offer the
# resident looked at, and no "question=answer" pair in the log.
source "$(dirname "$0")/ui_support.sh"

"$binary" --db "$database" --import "$sample" >/dev/null
"$binary" --db "$database" --now "$now" --match "themas=bewegen,ontmoeten;aandoeningen=geen" --json >"$work/match.json"
read -r id name < <(python3 -c '
import json, sys
first = json.load(open(sys.argv[1]))["results"][0]
print(first["id"], first["name"])' "$work/match.json")
printf '[printer]\nuri = file:%s\npaper = 80mm\n' "$work/slip.bin" >"$work/kiosk.ini"

# Dutch: two themes, the next question answered, results, the offer, Print,
# back, then the idle reset (which stores the day's anonymous counts).
cat >"$work/visit.txt" <<SCRIPT
tap "Tik om te beginnen"
tap "Nederlands"
tap "$(option_text themas bewegen)"
tap "$(option_text themas ontmoeten)"
tap "Volgende"
tap "$(option_text aandoeningen geen)"
tap "Laat zien wat er is"
tap "$name"
expect "$name"
tap "Print"
expect "Neem uw briefje mee."
wait 61000
wait 16000
expect "Tik om te beginnen"
SCRIPT
export BUURTKIOSK_DEBUG=1
play visit 1080x1920 "$work/visit.txt" --config "$work/kiosk.ini"
[ "$played" -eq 0 ] || fail "the Dutch visit did not play through"
[ -s "$work/slip.bin" ] || fail "the Dutch visit printed nothing"
cat "$work/visit.out" "$work/visit.err" >"$work/log"

python3 - "$source_dir/data/questions.ini" "$work/log" "$id" "$name" <<'PY' || failures=$((failures + 1))
import configparser, re, sys
questions_path, log_path, offer_id, offer_name = sys.argv[1:5]
log = open(log_path, encoding="utf-8", errors="replace").read()
print(f"log: {len(log.splitlines())} lines")
parser = configparser.ConfigParser(interpolation=None, inline_comment_prefixes=(" ;",))
parser.read(questions_path, encoding="utf-8")
answered = {"themas": ["bewegen", "ontmoeten"], "aandoeningen": ["geen"]}
found = []
for question, keys in answered.items():
    for key in keys:
        label = parser[f"{question}.{key}"]["text"]
        if label in log:
            found.append(f"the label {label!r}")
        if re.search(rf"\b{re.escape(key)}\b", log):
            found.append(f"the answer key {key!r}")
    if re.search(rf"\b{re.escape(question)}\s*[=:]", log):
        found.append(f"a '{question}=' pair")
for what in (offer_id, offer_name):
    if what in log:
        found.append(f"the offer looked at ({what!r})")
for item in found:
    print(f"FAIL: the log holds {item}")
sys.exit(1 if found else 0)
PY

# Arabic: the same visit in the other script (answers as the screen shows them).
arabic_label=$(python3 - "$source_dir/data/po/ar.po" "$(option_text themas bewegen)" <<'PY'
import sys
po, wanted = open(sys.argv[1], encoding="utf-8").read(), sys.argv[2]
import re
for block in po.split("\n\n"):
    msgid = "".join(re.findall(r'msgid "(.*)"', block))
    if msgid == wanted:
        print("".join(re.findall(r'msgstr "(.*)"', block)))
        break
PY
)
cat >"$work/visit-ar.txt" <<SCRIPT
tap "Tik om te beginnen"
tap "العربية"
tap "$arabic_label"
wait 61000
wait 16000
SCRIPT
play visit-ar 1080x1920 "$work/visit-ar.txt" --config "$work/kiosk.ini"
[ "$played" -eq 0 ] || fail "the Arabic visit did not play through"
if [ -n "$arabic_label" ] && grep -qF "$arabic_label" "$work/visit-ar.out" "$work/visit-ar.err"; then
	fail "the log holds the Arabic answer '$arabic_label'"
fi
[ -n "$arabic_label" ] || fail "no Arabic label for '$(option_text themas bewegen)'"

finish
