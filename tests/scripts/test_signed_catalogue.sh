#!/usr/bin/env bash
# Signed catalogues: a fresh key pair and signatures made by Debian's minisign
# (as the coordinator makes them) checked by the kiosk's own minisign_verify()
# through tests/tools/minisign_check: signed (prehashed and legacy -l) OK;
# unsigned, tampered, wrong-key, swapped-comment and damaged refused with
# their plain-Dutch reason. Fails (never skips) without minisign.
set -euo pipefail
source_dir=${KIOSK_SOURCE_DIR:?}
check_tool=${KIOSK_MINISIGN_CHECK:?}
work=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/signed-XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
failures=0

if ! command -v minisign >/dev/null; then
	echo "FAIL: minisign is not installed (apt-get install minisign)"
	exit 1
fi

# expect DESCRIPTION EXPECTED_OUTPUT ARGS...: runs minisign_check ARGS.
expect() {
	local description=$1 expected=$2
	shift 2
	local actual
	actual=$("$check_tool" "$@" 2>&1) || true
	if [ "$actual" = "$expected" ]; then
		echo "ok: $description"
	else
		echo "FAIL: $description: got '$actual', expected '$expected'"
		failures=$((failures + 1))
	fi
}

unsigned="REFUSED: De catalogus is niet ondertekend."
changed="REFUSED: De handtekening past niet bij de catalogus: het bestand is veranderd."
other="REFUSED: De catalogus is ondertekend met een andere sleutel."
damaged="REFUSED: De handtekening bij de catalogus is beschadigd."

# The coordinator's key pair (no password: -W) and a second, unrelated one.
minisign -G -W -p "$work/coordinator.pub" -s "$work/coordinator.key" >/dev/null
minisign -G -W -p "$work/stranger.pub" -s "$work/stranger.key" >/dev/null
cp "$source_dir/data/catalogus.csv" "$work/catalogus.csv"
minisign -S -s "$work/coordinator.key" -m "$work/catalogus.csv" >/dev/null
minisign -S -l -s "$work/coordinator.key" -m "$work/catalogus.csv" \
	-x "$work/catalogus.csv.legacy.minisig" -t "legacy" >/dev/null
minisign -S -s "$work/stranger.key" -m "$work/catalogus.csv" \
	-x "$work/catalogus.csv.stranger.minisig" >/dev/null
# minisign itself agrees the signature is good (so a refusal below is ours).
minisign -V -q -p "$work/coordinator.pub" -m "$work/catalogus.csv" >/dev/null

catalogue="$work/catalogus.csv"
signature="$work/catalogus.csv.minisig"
expect "signed (prehashed, minisign's default)" OK "$work/coordinator.pub" "$catalogue" "$signature"
expect "signed (legacy, minisign -l)" OK "$work/coordinator.pub" "$catalogue" \
	"$work/catalogus.csv.legacy.minisig"
# The key as the configuration holds it: the key line alone.
sed -n 2p "$work/coordinator.pub" >"$work/key-line"
expect "key line alone" OK "$work/key-line" "$catalogue" "$signature"
expect "unsigned (no .minisig)" "$unsigned" "$work/coordinator.pub" "$catalogue" \
	"$work/missing.minisig"
: >"$work/empty.minisig"
expect "unsigned (empty .minisig)" "$unsigned" "$work/coordinator.pub" "$catalogue" \
	"$work/empty.minisig"

# Tampered: one changed character, one added row, the file cut short.
sed '2s/Diabetes/Diabetis/' "$catalogue" >"$work/tampered.csv"
cmp -s "$catalogue" "$work/tampered.csv" && {
	echo "FAIL: the tampered copy is not different"
	failures=$((failures + 1))
}
expect "tampered (one character)" "$changed" "$work/coordinator.pub" "$work/tampered.csv" \
	"$signature"
expect "tampered (legacy signature)" "$changed" "$work/coordinator.pub" "$work/tampered.csv" \
	"$work/catalogus.csv.legacy.minisig"
{ cat "$catalogue"; echo "nep-groep;Nep groep"; } >"$work/added.csv"
expect "tampered (a row added)" "$changed" "$work/coordinator.pub" "$work/added.csv" "$signature"
head -c 1000 "$catalogue" >"$work/cut.csv"
expect "tampered (cut short)" "$changed" "$work/coordinator.pub" "$work/cut.csv" "$signature"

# Wrong key: signed by a stranger; or the kiosk holds the stranger's key.
expect "signed with another key" "$other" "$work/coordinator.pub" "$catalogue" \
	"$work/catalogus.csv.stranger.minisig"
expect "kiosk holds another key" "$other" "$work/stranger.pub" "$catalogue" "$signature"

# A trusted comment swapped in from another signature by the same key.
minisign -S -s "$work/coordinator.key" -m "$work/tampered.csv" -t "another comment" >/dev/null
{
	sed -n 1,2p "$signature"
	sed -n 3,4p "$work/tampered.csv.minisig"
} >"$work/swapped-comment.minisig"
expect "trusted comment swapped" "$damaged" "$work/coordinator.pub" "$catalogue" \
	"$work/swapped-comment.minisig"
# The signature of the tampered file (a valid one) does not fit the original.
expect "another file's signature" "$changed" "$work/coordinator.pub" "$catalogue" \
	"$work/tampered.csv.minisig"
# Damaged: a line missing, junk, an oversize file.
sed 3d "$signature" >"$work/short.minisig"
expect "a line missing" "$damaged" "$work/coordinator.pub" "$catalogue" "$work/short.minisig"
head -c 300 /dev/urandom >"$work/junk.minisig"
expect "random bytes" "$damaged" "$work/coordinator.pub" "$catalogue" "$work/junk.minisig"
{ cat "$signature"; head -c 5000 /dev/zero | tr '\0' '\n'; } >"$work/huge.minisig"
expect "over 4 KB" "$damaged" "$work/coordinator.pub" "$catalogue" "$work/huge.minisig"
# Windows line ends (a signature copied through a Windows PC) still verify.
sed 's/$/\r/' "$signature" >"$work/crlf.minisig"
expect "CRLF line ends" OK "$work/coordinator.pub" "$catalogue" "$work/crlf.minisig"

echo "signed catalogue failures: $failures"
[ "$failures" -eq 0 ]
