#!/usr/bin/env bash
# Regenerates data/po/buurtkiosk.pot from the screen texts in kiosk/*.c and the
# question texts in data/questions.ini, then merges it into every language in
# data/po/LINGUAS. Run it after changing a text; then translate what is new
# (msgattrib --untranslated --only-fuzzy data/po/en.po lists it).
#
# Usage: update-translations.sh            update data/po
#        update-translations.sh --extract-to FILE
#                                          only write the template to FILE
#                                          (used by tests/scripts/test_translations.sh)
set -euo pipefail
cd "$(dirname "$0")/.."

extract_only=""
if [ "${1:-}" = "--extract-to" ]; then
	extract_only=${2:?--extract-to needs a file name}
elif [ $# -gt 0 ]; then
	echo "usage: $0 [--extract-to FILE]" >&2
	exit 2
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# 1. The screens: every msgid passed to translate_text() or screen_translate().
#    --force-po writes a template even while no screen has a text yet.
# shellcheck disable=SC2046
xgettext --language=C --from-code=UTF-8 --force-po --sort-by-file \
	--keyword=screen_translate:2 --keyword=translate_text:2 \
	--add-comments=TRANSLATORS --add-location=file \
	--package-name=buurtkiosk --msgid-bugs-address="see README.md" \
	--output="$work/code.pot" $(find kiosk -maxdepth 1 -name '*.c' | LC_ALL=C sort)

# 2. The questions: every `text =` and `help =` value in questions.ini (the
#    questions, their help lines and the answer labels). Values follow the INI
#    reader's rules: '=' or ':' separates, a ';' after a blank starts a comment.
awk -v file=data/questions.ini '
function escape(value) {
	gsub(/\\/, "\\\\", value)
	gsub(/"/, "\\\"", value)
	gsub(/\t/, "\\t", value)
	return value
}
BEGIN {
	print "msgid \"\""
	print "msgstr \"\""
	print "\"Content-Type: text/plain; charset=UTF-8\\n\""
	print ""
}
/^[ \t]*\[/ {
	section = $0
	sub(/^[ \t]*\[/, "", section)
	sub(/\].*$/, "", section)
	next
}
/^[ \t]*(text|help)[ \t]*[=:]/ {
	key = $0
	sub(/^[ \t]*/, "", key)
	sub(/[ \t]*[=:].*$/, "", key)
	value = $0
	sub(/^[ \t]*(text|help)[ \t]*[=:][ \t]*/, "", value)
	sub(/\r$/, "", value)
	comment = match(value, /[ \t];/)
	if (comment > 0)
		value = substr(value, 1, comment - 1)
	sub(/[ \t]+$/, "", value)
	if (value == "")
		next
	kind = (key == "help") ? "help line of question" : \
		(index(section, ".") > 0 ? "answer" : "question")
	printf "#. TRANSLATORS: %s [%s] in the question list\n", kind, section
	printf "#: %s:%d\n", file, FNR
	printf "msgid \"%s\"\nmsgstr \"\"\n\n", escape(value)
}' data/questions.ini >"$work/questions.pot"

# 3. The entries a catalogue uses to describe its own language.
cat >"$work/special.pot" <<'EOF'
msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\n"

#. TRANSLATORS: the name of this language in this language, shown on the
#. language button: "Nederlands", "English", "Türkçe", "العربية".
#: kiosk/translate.h
msgid "@language-name"
msgstr ""

#. TRANSLATORS: "rtl" for a language written right to left (Arabic, Hebrew),
#. otherwise "ltr".
#: kiosk/translate.h
msgid "@text-direction"
msgstr ""
EOF

# One text may be both a question text and a screen text: msguniq merges
# repeats within a file, msgcat across files.
msguniq --use-first --output-file="$work/questions-unique.pot" "$work/questions.pot"
msgcat --use-first --to-code=UTF-8 --output-file="$work/buurtkiosk.pot" \
	"$work/code.pot" "$work/special.pot" "$work/questions-unique.pot"

if [ -n "$extract_only" ]; then
	cp "$work/buurtkiosk.pot" "$extract_only"
	exit 0
fi

# Keep the old template when only its creation date would change, so the
# checkout stays clean after a run that found nothing new.
template=data/po/buurtkiosk.pot
if [ -f "$template" ] &&
	diff -q <(grep -v '^"POT-Creation-Date:' "$template") \
		<(grep -v '^"POT-Creation-Date:' "$work/buurtkiosk.pot") >/dev/null; then
	echo "template unchanged: $template"
else
	cp "$work/buurtkiosk.pot" "$template"
	echo "template updated: $template"
fi

# shellcheck disable=SC2013
for language in $(sed 's/#.*//' data/po/LINGUAS); do
	po=data/po/$language.po
	if [ ! -f "$po" ]; then
		echo "missing $po (listed in data/po/LINGUAS)" >&2
		exit 1
	fi
	msgmerge --quiet --previous --output-file="$work/$language.po" "$po" "$template"
	if [ "$language" = nl ]; then
		# The msgids are Dutch already: nl.po keeps only what it translates
		# (the special entries), untranslated msgids show as they are.
		msgattrib --translated --no-obsolete --output-file="$work/$language.po" \
			"$work/$language.po"
	else
		msgattrib --no-obsolete --output-file="$work/$language.po" "$work/$language.po"
	fi
	if cmp -s "$po" "$work/$language.po"; then
		echo "unchanged: $po"
	else
		cp "$work/$language.po" "$po"
		echo "updated: $po"
	fi
	msgfmt --check --statistics --output-file=/dev/null "$po"
done
