#!/usr/bin/env bash
# test_package.sh — the Debian package as a volunteer gets it: built by
# packaging/build-deb.sh, lintian clean, installed with dpkg -i on this
# machine, used from its installed paths (the command line as the kiosk
# user; the kiosk itself under cage, headless, as the kiosk user), its units
# checked by systemd-analyze, then removed (settings kept) and purged
# (nothing left). Installing needs root, as in CI; without root only the
# build, lintian and the package's contents are checked, and it says so.
set -euo pipefail
source_dir=${KIOSK_SOURCE_DIR:?}
# In /tmp, not the build tree: the kiosk user must reach the replay and
# screenshot folders, and a checkout may sit under a private home.
work=$(mktemp -d /tmp/buurtkiosk-package-XXXXXX)
chmod 0755 "$work"
failures=0
installed=false

fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
ok() { echo "ok   $*"; }
check() { # check DESCRIPTION COMMAND...: passes when the command succeeds
	local description=$1
	shift
	if "$@"; then ok "$description"; else fail "$description"; fi
}

cleanup() {
	rm -rf /etc/systemd/system/buurtkiosk.service.d
	if $installed; then
		dpkg -P buurtkiosk >/dev/null 2>&1 || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

# --- build ----------------------------------------------------------------
deb=$("$source_dir/packaging/build-deb.sh" "$work/build" 2>"$work/build.err" | tail -1) ||
	{
		cat "$work/build.err"
		fail "packaging/build-deb.sh"
		exit 1
	}
version=$(sed -n 's/^project(buurtkiosk VERSION \([0-9.]*\).*/\1/p' "$source_dir/CMakeLists.txt")
architecture=$(dpkg --print-architecture)
check "the package is buurtkiosk_${version}_${architecture}.deb" \
	test "$(basename "$deb")" = "buurtkiosk_${version}_${architecture}.deb"

# --- lintian: every remark either fixed or overridden with a reason --------
if lintian --pedantic -I --fail-on error,warning,info,pedantic "$deb" >"$work/lintian.out" 2>&1; then
	ok "lintian --pedantic: nothing left ($(grep -c '^O:' <(lintian --pedantic -I --show-overrides "$deb" 2>/dev/null) || true) overridden, each with its reason)"
else
	fail "lintian:"
	grep -v '^running with root' "$work/lintian.out" | sed 's/^/  /'
fi

# --- what is in it ----------------------------------------------------------
dpkg-deb -c "$deb" | awk '{print $6}' | sed 's|^\./|/|' >"$work/contents"
for path in /usr/bin/buurtkiosk /etc/buurtkiosk/buurtkiosk.ini /lib/systemd/system/buurtkiosk.service \
	/lib/systemd/system/buurtkiosk-usb@.service /lib/udev/rules.d/90-buurtkiosk-usb.rules \
	/usr/libexec/buurtkiosk/buurtkiosk-usb-mount /usr/lib/tmpfiles.d/buurtkiosk.conf \
	/etc/pam.d/buurtkiosk /usr/share/buurtkiosk/questions.ini /usr/share/buurtkiosk/catalogus.csv \
	/usr/share/buurtkiosk/locale/ar.mo /usr/share/buurtkiosk/fonts/AtkinsonHyperlegible-Regular.ttf \
	/usr/share/buurtkiosk/fonts/NotoSansArabic-Regular.ttf /usr/share/buurtkiosk/fonts/MaterialIcons-Regular.ttf \
	/usr/share/doc/buurtkiosk/copyright /usr/share/doc/buurtkiosk/README.nl.md \
	/usr/share/man/man1/buurtkiosk.1.gz; do
	grep -qx "$path" "$work/contents" || fail "the package lacks $path"
done
dpkg-deb --ctrl-tarfile "$deb" | tar -xO ./conffiles >"$work/conffiles"
check "the settings and the PAM file are conffiles" \
	grep -qx /etc/buurtkiosk/buurtkiosk.ini "$work/conffiles"
dpkg-deb -f "$deb" Depends >"$work/depends"
# Computed by dpkg-shlibdeps: versioned library packages, not guesses.
for library in libsdl2-2.0-0 libsdl2-ttf-2.0-0 libsqlite3-0 libqrencode4 libsystemd0 libespeak-ng1; do
	grep -qE "(^|, )$library \(>= [^)]+\)" "$work/depends" ||
		grep -qE "(^|, )$library(,|$)" "$work/depends" || fail "Depends lacks $library: $(cat "$work/depends")"
done
grep -q 'cage' "$work/depends" || fail "Depends lacks cage"
for licence in OFL-1.1 Apache-2.0 "Braille Institute" "Google" "Material Design Authors"; do
	dpkg-deb --fsys-tarfile "$deb" | tar -xO ./usr/share/doc/buurtkiosk/copyright | grep -q "$licence" ||
		fail "copyright does not mention $licence"
done
mkdir -p "$work/unpacked"
dpkg-deb -x "$deb" "$work/unpacked"
# A packaged binary never looks in the checkout it was built from.
if grep -qa "$source_dir" "$work/unpacked/usr/bin/buurtkiosk"; then
	fail "the packaged binary names the source tree $source_dir"
else
	ok "the packaged binary knows only its installed paths"
fi
check "the packaged settings look for sticks only under /media/buurtkiosk" \
	grep -qx 'roots = /media/buurtkiosk' "$work/unpacked/etc/buurtkiosk/buurtkiosk.ini"

if [ "$(id -u)" -ne 0 ]; then
	echo "NOTE: installing, using and removing the package needs root; not run."
	[ "$failures" -eq 0 ] || {
		echo "$failures failure(s)"
		exit 1
	}
	echo "all passed (without the install part)"
	exit 0
fi

# --- install ----------------------------------------------------------------
if dpkg -s buurtkiosk >/dev/null 2>&1; then
	echo "a buurtkiosk package was already installed; purging it first"
	dpkg -P buurtkiosk >/dev/null
fi
installed=true
if ! dpkg -i "$deb" >"$work/dpkg-i.out" 2>&1; then
	sed 's/^/  /' "$work/dpkg-i.out"
	fail "dpkg -i"
	exit 1
fi
ok "dpkg -i $(basename "$deb")"

check "the system user exists" getent passwd buurtkiosk
kiosk_uid=$(id -u buurtkiosk)
check "it is a system user (uid $kiosk_uid) without a login shell" \
	test "$kiosk_uid" -lt 1000 -a "$(getent passwd buurtkiosk | cut -d: -f7)" = /usr/sbin/nologin
for group in lp audio; do
	check "it is in group $group" sh -c "id -nG buurtkiosk | tr ' ' '\n' | grep -qx $group"
done
check "/etc/buurtkiosk/buurtkiosk.ini is root:buurtkiosk 0640" \
	test "$(stat -c '%U:%G %a' /etc/buurtkiosk/buurtkiosk.ini)" = "root:buurtkiosk 640"
check "/var/lib/buurtkiosk is the kiosk's, 0750" \
	test "$(stat -c '%U:%G %a' /var/lib/buurtkiosk)" = "buurtkiosk:buurtkiosk 750"
check "/media/buurtkiosk exists (tmpfiles)" test -d /media/buurtkiosk

as_kiosk() { (cd / && runuser -u buurtkiosk -- env -i PATH=/usr/bin:/bin HOME=/var/lib/buurtkiosk "$@"); }

# The command line from the installed paths, as the kiosk user.
check "buurtkiosk --version says $version" sh -c "/usr/bin/buurtkiosk --version | grep -q '$version'"
if as_kiosk buurtkiosk --import /usr/share/buurtkiosk/catalogus.csv >"$work/import.out" 2>&1; then
	ok "--import of the installed sample: $(head -1 "$work/import.out")"
else
	fail "--import of the installed sample:"
	sed 's/^/  /' "$work/import.out"
fi
check "the database is /var/lib/buurtkiosk/buurtkiosk.db, the kiosk's" \
	test "$(stat -c %U /var/lib/buurtkiosk/buurtkiosk.db 2>/dev/null)" = buurtkiosk
if as_kiosk buurtkiosk --match 'themas=bewegen;kosten=gratis' --json >"$work/match.json" 2>"$work/match.err" &&
	python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(0 if r.get("results") else 1)' "$work/match.json"; then
	ok "--match finds offers: $(python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); print(len(r["results"]), "results, first", r["results"][0].get("id"))' "$work/match.json")"
else
	fail "--match from the installed paths:"
	sed 's/^/  /' "$work/match.err" "$work/match.json" | head -20
fi

# A PIN set by root keeps the settings readable for the kiosk.
check "sudo buurtkiosk --set-pin works" sh -c "/usr/bin/buurtkiosk --set-pin 4826 >/dev/null"
check "... and leaves the settings root:buurtkiosk 0640" \
	test "$(stat -c '%U:%G %a' /etc/buurtkiosk/buurtkiosk.ini)" = "root:buurtkiosk 640"
check "... which the kiosk user can read" as_kiosk test -r /etc/buurtkiosk/buurtkiosk.ini

# --- the units --------------------------------------------------------------
if systemd-analyze verify /lib/systemd/system/buurtkiosk.service \
	/lib/systemd/system/buurtkiosk-usb@sdb1.service >"$work/verify.out" 2>&1 &&
	! grep -v -e '^$' "$work/verify.out" | grep -q .; then
	ok "systemd-analyze verify: buurtkiosk.service and buurtkiosk-usb@.service"
else
	fail "systemd-analyze verify:"
	sed 's/^/  /' "$work/verify.out"
fi
# The installation guide's way to turn the picture for an upright screen
# (a drop-in with cage -r), typed as the guide says, still gives a valid unit.
guide_line=$(grep -m1 "printf '\[Service\]" "$source_dir/packaging/README.md" | sed 's/^ *//')
mkdir -p /etc/systemd/system/buurtkiosk.service.d
if [ -n "$guide_line" ] && bash -c "${guide_line//sudo /}" >/dev/null &&
	grep -q -- '-r -- /usr/bin/buurtkiosk' /etc/systemd/system/buurtkiosk.service.d/draaien.conf &&
	systemd-analyze verify buurtkiosk.service >"$work/verify-turned.out" 2>&1 &&
	! grep -q . "$work/verify-turned.out"; then
	ok "the guide's drop-in that turns the picture verifies"
else
	fail "the guide's drop-in for an upright screen: ${guide_line:-not found in packaging/README.md}"
	sed 's/^/  /' "$work/verify-turned.out" 2>/dev/null || true
fi
rm -rf /etc/systemd/system/buurtkiosk.service.d
unit_value() { sed -n "s/^$2=//p" "/lib/systemd/system/$1"; }
check "the kiosk runs under cage on tty1 as buurtkiosk" test \
	"$(unit_value buurtkiosk.service User) $(unit_value buurtkiosk.service TTYPath)" = "buurtkiosk /dev/tty1"
unit_value buurtkiosk.service ExecStart | grep -q '^/usr/bin/cage .*-- /usr/bin/buurtkiosk$' ||
	fail "ExecStart does not run /usr/bin/buurtkiosk under /usr/bin/cage"
check "Restart=always, Type=notify, a watchdog" test \
	"$(unit_value buurtkiosk.service Restart) $(unit_value buurtkiosk.service Type) $(unit_value buurtkiosk.service WatchdogSec)" = "always notify 10"
check "enabled for the next boot" test -L /etc/systemd/system/multi-user.target.wants/buurtkiosk.service

# --- the kiosk under cage, headless, as the kiosk user ----------------------
runtime="$work/runtime"
mkdir -p "$runtime" "$work/shots"
chown buurtkiosk "$runtime" "$work/shots"
chmod 0700 "$runtime"
cat >"$work/attract.replay" <<'EOF'
wait 200
expect "Tik om te beginnen"
check-layout
shot attract
EOF
chmod 0644 "$work/attract.replay"
export SDL_AUDIODRIVER=dummy
if timeout 120 runuser -u buurtkiosk -- env -i PATH=/usr/bin:/bin HOME=/var/lib/buurtkiosk \
	XDG_RUNTIME_DIR="$runtime" WLR_BACKENDS=headless WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1 \
	SDL_VIDEODRIVER=wayland SDL_AUDIODRIVER=dummy \
	cage -- /usr/bin/buurtkiosk --now 2026-11-24T09:00 --replay "$work/attract.replay" \
	--screenshots "$work/shots" >"$work/cage.out" 2>&1 && [ -s "$work/shots/attract.bmp" ]; then
	ok "under cage (Wayland, headless) the kiosk starts and the replay sees the attract screen"
else
	fail "the kiosk under cage:"
	grep -v 'drmGetDevices2' "$work/cage.out" | sed 's/^/  /' | head -20
fi
# The same screen drawn offscreen at the same size must match what cage
# showed: the screenshot really is the attract screen, through Wayland.
if [ -s "$work/shots/attract.bmp" ]; then
	size=$(python3 -c 'import struct,sys; d=open(sys.argv[1],"rb").read(26); print("%dx%d" % (struct.unpack("<i",d[18:22])[0], abs(struct.unpack("<i",d[22:26])[0])))' "$work/shots/attract.bmp")
	mkdir -p "$work/reference"
	chown buurtkiosk "$work/reference"
	as_kiosk env SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy \
		buurtkiosk --now 2026-11-24T09:00 --windowed "$size" --replay "$work/attract.replay" \
		--screenshots "$work/reference" >/dev/null 2>&1 || fail "the offscreen reference run"
	if python3 - "$work/shots/attract.bmp" "$work/reference/attract.bmp" <<'PY'; then
import struct, sys
def pixels(path):
    data = open(path, "rb").read()
    offset, width, height, bits = struct.unpack("<I", data[10:14])[0], *struct.unpack("<ii", data[18:26]), struct.unpack("<H", data[28:30])[0]
    step = bits // 8
    stride = (width * step + 3) & ~3
    return width, abs(height), [data[offset + y * stride + x * step: offset + y * stride + x * step + 3]
                                for y in range(abs(height)) for x in range(width)]
w1, h1, a = pixels(sys.argv[1])
w2, h2, b = pixels(sys.argv[2])
if (w1, h1) != (w2, h2):
    print(f"sizes differ: {w1}x{h1} and {w2}x{h2}"); sys.exit(1)
different = sum(1 for p, q in zip(a, b) if max(abs(x - y) for x, y in zip(p, q)) > 8)
share = different / len(a)
colours = len(set(a))
print(f"  {w1}x{h1}: {share:.4%} of pixels differ from the offscreen drawing; {colours} colours")
sys.exit(0 if share < 0.01 and colours > 8 else 1)
PY
		ok "the screenshot under cage matches the attract screen drawn offscreen at $size"
	else
		fail "the screenshot under cage is not the attract screen"
	fi
fi

# --- remove: the program goes, settings, database and user stay -------------
dpkg -r buurtkiosk >"$work/dpkg-r.out" 2>&1 || {
	sed 's/^/  /' "$work/dpkg-r.out"
	fail "dpkg -r"
}
check "after dpkg -r the program is gone" test ! -e /usr/bin/buurtkiosk
check "... the service is gone" test ! -e /lib/systemd/system/buurtkiosk.service
check "... the settings (conffile) with the PIN are kept" grep -q '^pin_hash = .\+' /etc/buurtkiosk/buurtkiosk.ini
check "... dpkg keeps only its configuration" \
	test "$(dpkg-query -W -f='${db:Status-Abbrev}' buurtkiosk)" = "rc "
check "... the database is kept" test -f /var/lib/buurtkiosk/buurtkiosk.db
check "... the empty /media/buurtkiosk is gone" test ! -e /media/buurtkiosk
left=$(while read -r path; do
	case "$path" in /etc/buurtkiosk/buurtkiosk.ini | /etc/pam.d/buurtkiosk | */) continue ;; esac
	[ -e "$path" ] && echo "$path"
done <"$work/contents" || true)
check "... no other file of the package is left${left:+: $left}" test -z "$left"

# Reinstalling keeps the changed settings.
dpkg -i "$deb" >/dev/null 2>&1 || fail "dpkg -i again"
check "a reinstall keeps the PIN" grep -q '^pin_hash = .\+' /etc/buurtkiosk/buurtkiosk.ini

# --- purge: nothing left ------------------------------------------------------
dpkg -P buurtkiosk >"$work/dpkg-p.out" 2>&1 || {
	sed 's/^/  /' "$work/dpkg-p.out"
	fail "dpkg -P"
}
installed=false
check "after dpkg -P dpkg knows nothing of it" sh -c '! dpkg -s buurtkiosk >/dev/null 2>&1'
check "... /etc/buurtkiosk is gone" test ! -e /etc/buurtkiosk
check "... /var/lib/buurtkiosk is gone" test ! -e /var/lib/buurtkiosk
check "... the user is gone" sh -c '! getent passwd buurtkiosk >/dev/null'
left=$(while read -r path; do
	case "$path" in */) continue ;; esac
	[ -e "$path" ] && echo "$path"
done <"$work/contents" || true)
check "... no file of the package is left${left:+: $left}" test -z "$left"

if [ "$failures" -ne 0 ]; then
	echo "$failures failure(s)"
	exit 1
fi
echo "all passed"
