#!/usr/bin/env bash
# buurtkiosk --set-pin: the INI gets an Argon2id hash under [volunteer]
# pin_hash and never the digits; the rest of the file is kept; a new PIN
# replaces the old hash; bad PINs exit 2 and change nothing; an unwritable
# file exits 1.
set -euo pipefail
binary=${KIOSK_BINARY:?}
work=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/set-pin-XXXXXX" 2>/dev/null || mktemp -d)
trap 'chmod -R u+w "$work" 2>/dev/null; rm -rf "$work"' EXIT
failures=0

fail() {
	echo "FAIL: $1"
	sed 's/^/  /' "$work/out" "$work/err" 2>/dev/null | head -20
	failures=$((failures + 1))
}

# run EXPECTED_EXIT ARGS...: runs the kiosk, output in $work/out and $work/err.
run() {
	local expected=$1
	shift
	local actual=0
	"$binary" "$@" >"$work/out" 2>"$work/err" || actual=$?
	if [ "$actual" -ne "$expected" ]; then
		fail "buurtkiosk $*: exit $actual, expected $expected"
		return 1
	fi
}

config="$work/buurtkiosk.ini"
cat >"$config" <<'EOF'
; Buurtkiosk settings
[kiosk]
centre_name = Buurthuis De Test

[volunteer]
; the PIN hash goes here
EOF
cp "$config" "$work/before.ini"

pin=48152906
if run 0 --config "$config" --set-pin "$pin"; then
	hash_line=$(grep -E '^pin_hash *= *' "$config" || true)
	hash=${hash_line#*= }
	if [[ ! $hash =~ ^\$argon2id\$v=19\$m=[0-9]+,t=[0-9]+,p=1\$[A-Za-z0-9+/]+\$[A-Za-z0-9+/]+$ ]]; then
		fail "pin_hash is not an Argon2id hash: '$hash_line'"
	else
		echo "ok: pin_hash holds an Argon2id hash"
	fi
	if grep -q "$pin" "$config" "$work/out" "$work/err"; then
		fail "the PIN's digits appear in the file or the output"
	else
		echo "ok: the digits are nowhere"
	fi
	# Everything else is kept; the hash sits in [volunteer].
	if diff <(grep -v '^pin_hash' "$config") "$work/before.ini" >/dev/null &&
		awk '/^\[volunteer\]/{v=1} /^\[kiosk\]/{v=0} /^pin_hash/{exit !v}' "$config"; then
		echo "ok: the rest of the file is kept"
	else
		fail "the file changed beyond pin_hash in [volunteer]"
		diff "$config" "$work/before.ini" || true
	fi
	if grep -q "pincode is opgeslagen" "$work/out"; then
		echo "ok: confirmation"
	else
		fail "no plain confirmation"
	fi
	# The kiosk reads the file back without a problem line (the settings
	# reader accepts the hash); --upcoming loads the configuration.
	if run 0 --config "$config" --db "$work/kiosk.db" --upcoming &&
		! grep -q "pin_hash" "$work/err"; then
		echo "ok: the settings reader accepts the hash"
	else
		fail "the settings reader complains about pin_hash"
	fi

	# A second PIN replaces the hash: still one pin_hash line, a new value.
	first=$hash_line
	if run 0 --config "$config" --set-pin 1234; then
		if [ "$(grep -c '^pin_hash' "$config")" -eq 1 ] &&
			[ "$(grep '^pin_hash' "$config")" != "$first" ]; then
			echo "ok: a new PIN replaces the old hash"
		else
			fail "a new PIN did not replace the old hash"
		fi
	fi
fi

# Bad PINs: usage (2), file untouched, the PIN not echoed.
cp "$config" "$work/kept.ini"
for bad in 123 123456789 12a4 "12 34" "" -1234 "１２３４"; do
	if run 2 --config "$config" --set-pin "$bad"; then
		if ! cmp -s "$config" "$work/kept.ini"; then
			fail "--set-pin '$bad' changed the file"
		elif [ -n "$bad" ] && grep -qF -- "$bad" "$work/err"; then
			fail "--set-pin '$bad' echoed the PIN"
		else
			echo "ok: --set-pin '$bad' refused"
		fi
	fi
done

# A file that cannot be written: 1.
run 1 --config "$work/no-such-dir/buurtkiosk.ini" --set-pin 1234 &&
	echo "ok: missing directory -> 1"
if [ "$(id -u)" -ne 0 ]; then
	mkdir "$work/locked"
	cp "$config" "$work/locked/buurtkiosk.ini"
	chmod a-w "$work/locked"
	run 1 --config "$work/locked/buurtkiosk.ini" --set-pin 1234 &&
		echo "ok: read-only directory -> 1"
else
	# root writes anywhere; a path under a regular file fails for everyone.
	run 1 --config "$config/buurtkiosk.ini" --set-pin 1234 && echo "ok: not a directory -> 1"
fi
# A new file is created with only the hash.
if run 0 --config "$work/new.ini" --set-pin 5678 && grep -q '^\[volunteer\]' "$work/new.ini" &&
	grep -qF "pin_hash = \$argon2id\$" "$work/new.ini"; then
	echo "ok: a missing file is created"
else
	fail "a missing file was not created with the hash"
fi

echo "set-pin failures: $failures"
[ "$failures" -eq 0 ]
