#!/usr/bin/env bash
# Every text the kiosk can show has a finished translation in every language
# of data/po/LINGUAS: extracts the msgids now used in kiosk/*.c and
# data/questions.ini (the same way as packaging/update-translations.sh) and
# lists any that a catalogue lacks, leaves empty or marks fuzzy (Dutch needs
# none: the msgids are Dutch). Also every catalogue compiles with
# msgfmt --check, names its language with its own name, says its direction,
# and keeps each msgid's printf conversions (a lost or changed %s would make
# the kiosk read the wrong argument). To fix a failure: run
# packaging/update-translations.sh, translate, run this again.
set -euo pipefail
cd "${KIOSK_SOURCE_DIR:?}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

# The finished entries of a catalogue, one a line: msgid, a tab, msgstr, both
# still escaped as in the .po file (so a line never holds a real tab or
# newline). The header entry (msgid "") is left out.
finished_pairs() {
	msgattrib --force-po --translated --no-fuzzy --no-obsolete --no-wrap "$1" |
		awk '
		function flush() {
			if (id != "" && state != "") print id "\t" str
			id = ""; str = ""; state = ""
		}
		/^msgid "/ { flush(); id = substr($0, 8, length($0) - 8); state = "id"; next }
		/^msgstr "/ { str = substr($0, 9, length($0) - 9); state = "str"; next }
		/^"/ {
			part = substr($0, 2, length($0) - 2)
			if (state == "id") id = id part
			else if (state == "str") str = str part
			next
		}
		{ flush() }
		END { flush() }'
}

# The msgstr of one msgid in a pairs file ("" when it has none).
translation_of() {
	awk -F '\t' -v id="$2" '$1 == id { print $2; exit }' "$1"
}

# Each language's own name on its button, and its writing direction.
expected_name() {
	case "$1" in
	nl) echo "Nederlands" ;;
	en) echo "English" ;;
	tr) echo "Türkçe" ;;
	ar) echo "العربية" ;;
	*) echo "" ;;
	esac
}
expected_direction() {
	case "$1" in
	ar | fa | he | ur) echo "rtl" ;;
	*) echo "ltr" ;;
	esac
}

./packaging/update-translations.sh --extract-to "$work/current.pot"
used=$(grep -c '^msgid ' "$work/current.pot")

# LINGUAS holds words (codes), not lines: one space between them.
languages=$(sed 's/#.*//' data/po/LINGUAS |
	awk '{ for (i = 1; i <= NF; i++) printf "%s%s", (n++ ? " " : ""), $i }')
for language in $languages; do
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
	finished_pairs "$po" >"$work/$language.pairs"

	# The button shows the language's own name; the screens mirror for rtl.
	name=$(translation_of "$work/$language.pairs" @language-name)
	want=$(expected_name "$language")
	if [ -z "$name" ]; then
		echo "FAIL: $po does not translate \"@language-name\""
		failures=$((failures + 1))
	elif [ -n "$want" ] && [ "$name" != "$want" ]; then
		echo "FAIL: $po names its language \"$name\", not \"$want\""
		failures=$((failures + 1))
	fi
	direction=$(translation_of "$work/$language.pairs" @text-direction)
	want=$(expected_direction "$language")
	if [ "$direction" != "$want" ]; then
		echo "FAIL: $po says \"@text-direction\" is \"$direction\", not \"$want\""
		failures=$((failures + 1))
	fi

	# Every translation takes the same printf arguments as its msgid: the same
	# conversions for the same argument numbers ("%s %d" may become
	# "%2$d %1$s"), whatever the order or the text around them. msgfmt checks
	# only entries xgettext marked c-format; this checks every entry.
	awk -F '\t' -v po="$po" '
	# "1:s 2:d": argument number and kind of each conversion, sorted; "!" for
	# a conversion printf would not accept.
	function signature(text,    out, i, n, c, position, digits, kind, count, list, j, k, t) {
		n = length(text); count = 0; position = 0
		for (i = 1; i <= n; i++) {
			if (substr(text, i, 1) != "%") continue
			i++
			if (substr(text, i, 1) == "%") continue
			digits = ""
			while (substr(text, i, 1) ~ /[0-9]/) { digits = digits substr(text, i, 1); i++ }
			if (digits != "" && substr(text, i, 1) == "$") { argument = digits + 0; i++ }
			else { argument = 0; i -= length(digits) }
			while (substr(text, i, 1) ~ /[-+ #0'"'"']/) i++
			if (substr(text, i, 1) == "*") { list[++count] = (++position) ":int"; i++ }
			while (substr(text, i, 1) ~ /[0-9]/) i++
			if (substr(text, i, 1) == ".") {
				i++
				if (substr(text, i, 1) == "*") { list[++count] = (++position) ":int"; i++ }
				while (substr(text, i, 1) ~ /[0-9]/) i++
			}
			kind = ""
			while (substr(text, i, 1) ~ /[hlLjztq]/) { kind = kind substr(text, i, 1); i++ }
			c = substr(text, i, 1)
			if (c ~ /[di]/) kind = kind "d"
			else if (c ~ /[ouxX]/) kind = kind "u"
			else if (c ~ /[eEfFgGaA]/) kind = kind "f"
			else if (c ~ /[cspn]/) kind = kind c
			else kind = "!" c
			if (argument == 0) argument = ++position
			list[++count] = argument ":" kind
		}
		for (j = 2; j <= count; j++) {
			t = list[j]
			for (k = j - 1; k >= 1 && list[k] > t; k--) list[k + 1] = list[k]
			list[k + 1] = t
		}
		out = ""
		for (j = 1; j <= count; j++) out = out (j > 1 ? " " : "") list[j]
		return out
	}
	{
		want = signature($1); got = signature($2)
		if (want != got) {
			printf "FAIL: %s changes the printf conversions of \"%s\": \"%s\" takes [%s], the msgid [%s]\n", po, $1, $2, got, want
			bad++
		}
	}
	END { exit bad > 0 }' "$work/$language.pairs" || failures=$((failures + 1))

	# Dutch shows the msgids themselves; every other language translates all
	# of them. The finished entries, merged onto the texts in use: whatever
	# stays untranslated there is missing, empty or fuzzy in the catalogue.
	[ "$language" = nl ] && continue
	msgattrib --force-po --translated --no-fuzzy --no-obsolete --output-file="$work/finished.po" "$po"
	msgmerge --quiet --no-fuzzy-matching --output-file="$work/merged.po" "$work/finished.po" \
		"$work/current.pot"
	msgattrib --force-po --untranslated --no-wrap --no-location --output-file="$work/missing.po" \
		"$work/merged.po"
	missing=$(grep '^msgid ' "$work/missing.po" | grep -v '^msgid ""$' || true)
	if [ -n "$missing" ]; then
		echo "FAIL: texts in use without a finished translation in $po:"
		echo "${missing//msgid /  }"
		failures=$((failures + 1))
	fi

	fuzzy=$(msgattrib --only-fuzzy --no-obsolete --no-wrap "$po" | grep '^msgid ' |
		grep -v '^msgid ""$' || true)
	if [ -n "$fuzzy" ]; then
		echo "FAIL: fuzzy (unchecked) entries in $po:"
		echo "${fuzzy//msgid /  }"
		failures=$((failures + 1))
	fi

	# gettext's own comparison agrees (it counts empty and fuzzy as missing).
	if ! msgcmp "$po" "$work/current.pot" 2>"$work/errors"; then
		echo "FAIL: msgcmp $po against the texts in use:"
		head -20 "$work/errors"
		failures=$((failures + 1))
	fi
done

# The four languages the kiosk promises are all listed.
for language in nl en tr ar; do
	if ! grep -qw "$language" <<<"$languages"; then
		echo "FAIL: data/po/LINGUAS does not list $language"
		failures=$((failures + 1))
	fi
done

echo "texts in use: $((used - 1)), languages: $languages, translation failures: $failures"
[ "$failures" -eq 0 ]
