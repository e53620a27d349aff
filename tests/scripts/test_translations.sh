#!/usr/bin/env bash
# Every text the kiosk can show has a finished English translation: extracts
# the msgids now used in kiosk/*.c and data/questions.ini (the same way as
# packaging/update-translations.sh) and lists any that data/po/en.po lacks,
# leaves empty or marks fuzzy. Also every catalogue compiles with
# msgfmt --check and names its language. To fix a failure: run
# packaging/update-translations.sh, translate, run this again.
set -euo pipefail
cd "${KIOSK_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# Every language in LINGUAS has a catalogue that compiles and names itself.
# LINGUAS holds words (codes), not lines.
# shellcheck disable=SC2013
for language in $(sed 's/#.*//' data/po/LINGUAS); do
	po=data/po/$language.po
	if [ ! -f "$po" ]; then
		echo "FAIL: $po is missing (listed in data/po/LINGUAS)"
		failures=$((failures + 1))
		continue
	fi
	if ! msgfmt --check --output-file="$work/$language.mo" "$po" 2>"$work/errors"; then
		echo "FAIL: $po does not compile:"
		cat "$work/errors"
		failures=$((failures + 1))
	fi
	for special in @language-name @text-direction; do
		if ! msggrep --msgid --fixed-strings --regexp="$special" "$po" |
			msgattrib --translated --no-fuzzy | grep -qF "msgid \"$special\""; then
			echo "FAIL: $po does not translate \"$special\""
			failures=$((failures + 1))
		fi
	done
done

./packaging/update-translations.sh --extract-to "$work/current.pot"
used=$(grep -c '^msgid ' "$work/current.pot")

# The finished English entries, merged onto the texts in use: whatever stays
# untranslated there is missing, empty or fuzzy in en.po.
msgattrib --force-po --translated --no-fuzzy --no-obsolete --output-file="$work/finished.po" data/po/en.po
msgmerge --quiet --no-fuzzy-matching --output-file="$work/merged.po" "$work/finished.po" \
	"$work/current.pot"
msgattrib --force-po --untranslated --no-wrap --no-location --output-file="$work/missing.po" \
	"$work/merged.po"
missing=$(grep '^msgid ' "$work/missing.po" | grep -v '^msgid ""$' || true)
if [ -n "$missing" ]; then
	echo "FAIL: texts in use without a finished English translation in data/po/en.po:"
	echo "${missing//msgid /  }"
	failures=$((failures + 1))
fi

fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap data/po/en.po | grep '^msgid ' |
	grep -v '^msgid ""$' || true)
if [ -n "$fuzzy" ]; then
	echo "FAIL: fuzzy (unchecked) entries in data/po/en.po:"
	echo "${fuzzy//msgid /  }"
	failures=$((failures + 1))
fi

# gettext's own comparison agrees (it counts empty and fuzzy as missing).
if ! msgcmp data/po/en.po "$work/current.pot" 2>"$work/errors"; then
	echo "FAIL: msgcmp data/po/en.po against the texts in use:"
	head -20 "$work/errors"
	failures=$((failures + 1))
fi

echo "texts in use: $((used - 1)), translation failures: $failures"
[ "$failures" -eq 0 ]
