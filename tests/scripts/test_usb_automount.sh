#!/usr/bin/env bash
# The Debian package's USB mounting (packaging/system): buurtkiosk-usb-mount
# on ext4/ext2 loop images (nosuid,nodev,noexec, remove, a busy or detached
# stick, refusals), the vfat/exfat options by --dry-run, the udev rule
# through `udevadm test` and the tmpfiles.d lines. Without root only the
# checks that mount nothing run, and it says so.
set -euo pipefail
source_dir=${KIOSK_SOURCE_DIR:?}
mount_helper=$source_dir/packaging/system/buurtkiosk-usb-mount
rule=$source_dir/packaging/system/90-buurtkiosk-usb.rules
tmpfiles=$source_dir/packaging/system/buurtkiosk-tmpfiles.conf
mkdir -p "${KIOSK_TEST_TMP:-/tmp}" 2>/dev/null || true
work=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/usb-automount-XXXXXX" 2>/dev/null || mktemp -d)
# As /proc/self/mounts and losetup name it, which the clean-up compares with.
work=$(realpath "$work")
media=$work/media
failures=0
fail() {
	echo "FAIL: $*"
	failures=$((failures + 1))
}
pass() { echo "ok: $*"; }

loop_devices=()
cleanup() {
	exec 9<&- 2>/dev/null || true
	{ grep -F " $work/" /proc/self/mounts || true; } | awk '{print $2}' | sort -r |
		while read -r mounted; do umount -l "$mounted" 2>/dev/null || true; done
	# Only a loop device still backed by our image: a number freed here may
	# already belong to another test running beside this one.
	for loop_device in "${loop_devices[@]}"; do
		case $(losetup -n -O BACK-FILE "$loop_device" 2>/dev/null) in
		"$work"/*) losetup -d "$loop_device" 2>/dev/null || true ;;
		esac
	done
	rm -rf "$work"
}
trap cleanup EXIT

# The package's user does not exist here; nobody stands in for it.
export BUURTKIOSK_MEDIA_DIR=$media BUURTKIOSK_USB_USER=nobody
nobody_ids=uid=$(id -u nobody),gid=$(id -g nobody)

# run_helper ARGS...: runs buurtkiosk-usb-mount; sets $status, $out (stdout) and $log (stderr).
run_helper() {
	status=0
	"$mount_helper" "$@" >"$work/out" 2>"$work/log" || status=$?
	out=$(cat "$work/out")
	log=$(cat "$work/log")
}
# expect DESCRIPTION STATUS [TEXT]: the last helper call ended with STATUS and
# said TEXT (stdout or stderr).
expect() {
	if [ "$status" -ne "$2" ]; then
		fail "$1: exit $status, expected $2 (said: $out $log)"
	elif [ -n "${3:-}" ] && ! grep -qF -- "$3" <<<"$out$log"; then
		fail "$1: did not say '$3' (said: $out $log)"
	else
		pass "$1"
	fi
}
# Whether anything is mounted at or below the scratch media folder.
mounted_below_media() { grep -qF " $media/" /proc/self/mounts; }
options_at() { findmnt -n -o OPTIONS --mountpoint "$1" 2>/dev/null || true; }

# 1. Device names: only [a-z0-9]+ or /dev/NAME get through.
for name in "../sda" "sda/1" "" "sd a" "SDB1" "/dev/../dev/sda" "/etc/sdb1" "/dev/sdb1/" "-o" $'sdb1\nsdb2'; do
	run_helper add "$name"
	expect "device name '$name' refused" 2 "refused device"
done
run_helper mount sdb1
expect "an unknown command refused" 2 "unknown command"
run_helper add
expect "a missing device refused" 2 "usage"
[ ! -e "$media" ] || fail "a refused name left $media behind"

# Images stand in for sticks. A FAT12 floppy layout written by hand when
# mkfs.vfat (dosfstools) is not installed: blkid knows it as vfat.
make_vfat() {
	if command -v mkfs.vfat >/dev/null; then
		truncate -s 8M "$1"
		mkfs.vfat -n KIOSK "$1" >/dev/null
		return
	fi
	python3 - "$1" <<'PY'
import struct, sys
boot = bytearray(512)
boot[0:11] = b"\xeb\x3c\x90MSDOS5.0"
# 512-byte sectors, 1 per cluster, 1 reserved, 2 FATs, 224 root entries,
# 2880 sectors, media F0, 9 sectors per FAT, 18 per track, 2 heads.
struct.pack_into("<HBHBHHBHHHII", boot, 11, 512, 1, 1, 2, 224, 2880, 0xF0, 9, 18, 2, 0, 0)
boot[38] = 0x29
struct.pack_into("<I", boot, 39, 0x4B494F53)
boot[43:62] = b"KIOSK      FAT12   "
boot[510:512] = b"\x55\xaa"
image = bytearray(2880 * 512)
image[0:512] = boot
for fat_start in (1, 10):
	image[fat_start * 512:fat_start * 512 + 3] = b"\xf0\xff\xff"
open(sys.argv[1], "wb").write(image)
PY
}
mkdir -p "$work/dev"
make_vfat "$work/dev/sdy1"
truncate -s 1M "$work/dev/sdx1"
mkswap -q "$work/dev/sdx1" >/dev/null 2>&1 || mkswap "$work/dev/sdx1" >/dev/null
truncate -s 1M "$work/dev/sdw1"

# 2. vfat and exfat options by --dry-run (neither can be mounted here):
# the kiosk user owns everything, others get nothing, nothing runs.
check_fat_options() { # check_fat_options DESCRIPTION TYPE
	local line=$out
	if ! grep -q -- "-t $2 " <<<"$line"; then
		fail "$1: not mounted as $2: $line"
		return
	fi
	local option missing=""
	for option in nosuid nodev noexec noatime "$nobody_ids" fmask=0137 dmask=0027; do
		grep -qE -- "[ ,]${option}[, ]" <<<"$line" || missing="$missing $option"
	done
	if [ -n "$missing" ]; then
		fail "$1: missing$missing in: $line"
	else
		pass "$1: $line"
	fi
}
BUURTKIOSK_DEV_DIR=$work/dev run_helper --dry-run add sdy1
expect "--dry-run on a vfat image" 0
check_fat_options "vfat options" vfat
grep -qE -- '[ ,]utf8[, ]' <<<"$out" || fail "vfat without utf8: $out"
ID_FS_TYPE=exfat BUURTKIOSK_DEV_DIR=$work/dev run_helper --dry-run add sdy1
expect "--dry-run with udev's ID_FS_TYPE=exfat" 0
check_fat_options "exfat options" exfat
if [ -e "$media" ] || mounted_below_media; then fail "--dry-run created or mounted something"; fi
BUURTKIOSK_USB_USER=no-such-kiosk-user BUURTKIOSK_DEV_DIR=$work/dev run_helper --dry-run add sdy1
expect "vfat without the kiosk user refused" 1 "does not exist"

# 3. Refusals that need no mount: a file system we do not mount, none at all,
# an image file outside --dry-run.
BUURTKIOSK_DEV_DIR=$work/dev run_helper --dry-run add sdx1
expect "a swap image refused" 1 "file system 'swap' is not one the kiosk mounts"
BUURTKIOSK_DEV_DIR=$work/dev run_helper --dry-run add sdw1
expect "an image without a file system refused" 1 "no file system found"
BUURTKIOSK_DEV_DIR=$work/dev run_helper add sdy1
expect "an image file is no block device (without --dry-run)" 1 "not a block device"
run_helper remove sdz9
expect "remove with nothing mounted" 0
[ -z "$out$log" ] || fail "remove with nothing mounted said: $out $log"

if [ "$(id -u)" -ne 0 ]; then
	echo "NOTE: not root: the MOUNT CHECKS DID NOT RUN (loop images, udev rule, tmpfiles); CI runs as root."
	[ "$failures" -eq 0 ] || exit 1
	exit 0
fi

# attach IMAGE [losetup options]: a loop device for IMAGE; sets $device (loopN).
attach() {
	local path
	path=$(losetup --find --show "${@:2}" "$1")
	loop_devices+=("$path")
	device=${path#/dev/}
}

# 4. An ext4 stick with a setuid executable and a device node on it.
mkdir -p "$work/content/buurtkiosk"
cp "$(type -P true)" "$work/content/run-me"
chmod 4755 "$work/content/run-me"
mknod "$work/content/zero" c 1 5
echo "catalogus" >"$work/content/buurtkiosk/catalogus.csv"
truncate -s 16M "$work/ext4.img"
mkfs.ext4 -q -F -d "$work/content" "$work/ext4.img"
attach "$work/ext4.img"
stick=$media/$device
run_helper add "$device"
expect "ext4 stick added" 0 "mounted /dev/$device (ext4, read-write) at $stick"
options=$(options_at "$stick")
if [ "$(findmnt -n -o SOURCE,FSTYPE --mountpoint "$stick")" = "/dev/$device ext4" ] &&
	grep -qE '(^|,)rw,nosuid,nodev,noexec(,|$)' <<<"$options"; then
	pass "mounted at $stick with $options"
else
	fail "not mounted at $stick with nosuid,nodev,noexec: $(findmnt "$stick" || true)"
fi
[ "$(stat -c %a "$media")" = 755 ] || fail "$media is not 0755"
if [ -u "$stick/run-me" ] && ! "$stick/run-me" 2>/dev/null; then
	pass "a setuid executable on the stick does not run (noexec)"
else
	fail "the setuid executable on the stick ran or lost its bit"
fi
if [ -c "$stick/zero" ] && ! head -c 1 "$stick/zero" >/dev/null 2>&1; then
	pass "a device node on the stick cannot be opened (nodev)"
else
	fail "the device node on the stick could be opened"
fi
[ "$(cat "$stick/buurtkiosk/catalogus.csv")" = catalogus ] || fail "the stick's file cannot be read"
run_helper add "$device"
expect "adding it again refused" 1 "already mounted at $stick"
[ "$(findmnt -n --mountpoint "$stick" | wc -l)" = 1 ] || fail "mounted twice at $stick"
run_helper remove "$device"
expect "ext4 stick removed" 0 "unmounted $stick"
if [ -e "$stick" ] || mounted_below_media; then fail "$stick still there or mounted"; else pass "unmounted and its directory gone"; fi
run_helper remove "$device"
expect "removed twice" 0
[ -z "$out$log" ] || fail "the second remove said: $out $log"

# 5. A mount point that is not ours to use.
mkdir "$stick"
touch "$stick/left-behind"
run_helper add "$device"
expect "a mount point that is not empty refused" 1 "not empty"
rm -r "$stick"
ln -s /tmp "$stick"
run_helper add "$device"
expect "a mount point that is a link refused" 1 "symbolic link"
run_helper remove "$device"
expect "remove on a link refused" 1 "symbolic link"
rm "$stick"
if mounted_below_media; then fail "a refused mount point was mounted on"; fi
mv "$media" "$work/media-real"
ln -s "$work/media-real" "$media"
run_helper add "$device"
expect "a media folder that is a link refused" 1 "symbolic link"
rm "$media"
mv "$work/media-real" "$media"
chmod 0777 "$media"
run_helper add "$device"
expect "a media folder others may write to refused" 1 "writable by others"
chmod 0755 "$media"
if mounted_below_media; then fail "a refused media folder was mounted on"; fi

# 6. A write-protected stick: mounted read-only, and the log says so.
attach "$work/ext4.img" -r
run_helper add "$device"
expect "a write-protected stick mounted" 0 "read-only"
grep -qE '^ro,' <<<"$(options_at "$media/$device")" || fail "the write-protected stick is not ro: $(options_at "$media/$device")"
run_helper remove "$device"
expect "the write-protected stick removed" 0
losetup -d "/dev/$device"

# 7. An ext2 stick pulled while the kiosk still reads from it: the loop
# device is detached (it goes once unmounted) and a file stays open, so
# umount says busy and the lazy unmount takes the mount out of the tree.
truncate -s 16M "$work/ext2.img"
mkfs.ext2 -q -F -d "$work/content" "$work/ext2.img"
attach "$work/ext2.img"
stick=$media/$device
run_helper add "$device"
expect "ext2 stick added" 0 "mounted /dev/$device (ext2, read-write)"
grep -qE '(^|,)nosuid,nodev,noexec(,|$)' <<<"$(options_at "$stick")" || fail "ext2 options: $(options_at "$stick")"
exec 9<"$stick/buurtkiosk/catalogus.csv"
losetup -d "/dev/$device"
run_helper remove "$device"
expect "a busy, detached stick removed" 0 "lazily"
if [ -e "$stick" ] || mounted_below_media; then fail "$stick still there or mounted"; else pass "nothing mounted, directory gone"; fi
exec 9<&-
for _ in $(seq 50); do
	[ -n "$(losetup -j "$work/ext2.img")" ] || break
	sleep 0.1
done
[ -z "$(losetup -j "$work/ext2.img")" ] || fail "the detached loop device was never released"

# 8. A file system we do not mount, on a real device: refused, nothing mounted.
attach "$work/dev/sdx1"
run_helper add "$device"
expect "a swap stick refused" 1 "file system 'swap'"
if [ -e "$media/$device" ] || mounted_below_media; then fail "the swap stick left a mount or directory"; fi
swap_device=$device

# 9. The udev rule, through `udevadm test` in a private mount namespace with
# its own /run and /dev (udevadm test writes udev's database and /dev/disk
# links). A loop device is never on the USB bus, so besides the rule as
# shipped (no wants for a loop device) a copy whose USB check always passes
# shows what a USB stick gets.
udev_test() { # udev_test RULES_FOLDER DEVICE: udevadm test's output
	# shellcheck disable=SC2016 # the inner shell expands its own "$1" and "$2"
	unshare -m --propagation private sh -c '
		set -e
		numbers=$(cat "/sys/class/block/$2/dev")
		mount -t tmpfs tmpfs /run
		mount -t tmpfs tmpfs /dev
		mknod /dev/null c 1 3
		mknod "/dev/$2" b "${numbers%:*}" "${numbers#*:}"
		mount --bind "$1" /etc/udev/rules.d
		udevadm test --action=add "/sys/class/block/$2"' sh "$1" "$2" 2>&1
}
mkdir "$work/rules-shipped" "$work/rules-usb"
cp "$rule" "$work/rules-shipped/"
sed 's/^SUBSYSTEMS=="usb", GOTO=/GOTO=/' "$rule" >"$work/rules-usb/90-buurtkiosk-usb.rules"
cmp -s "$rule" "$work/rules-usb/90-buurtkiosk-usb.rules" && fail "the rule has no SUBSYSTEMS==\"usb\" line any more"
if ! command -v udevadm >/dev/null || ! unshare -m true 2>/dev/null; then
	echo "NOTE: no udevadm or no unshare here: the udev rule was NOT checked."
else
	attach "$work/ext4.img"
	shipped=$(udev_test "$work/rules-shipped" "$device" || true)
	as_usb=$(udev_test "$work/rules-usb" "$device" || true)
	swap=$(udev_test "$work/rules-usb" "$swap_device" || true)
	if ! grep -q 'Reading rules file: .*90-buurtkiosk-usb.rules' <<<"$shipped"; then
		fail "udevadm test did not read the rule: $(tail -5 <<<"$shipped")"
	elif grep 'rules.d/90-buurtkiosk-usb.rules:' <<<"$shipped"; then
		fail "udev reports problems in 90-buurtkiosk-usb.rules (above)"
	else
		pass "udev reads 90-buurtkiosk-usb.rules without a complaint"
	fi
	if grep -qxF "SYSTEMD_WANTS=buurtkiosk-usb@$device.service" <<<"$as_usb" &&
		grep -qx 'UDISKS_IGNORE=1' <<<"$as_usb" && grep -qx 'TAGS=.*:systemd:.*' <<<"$as_usb"; then
		pass "an ext4 stick on USB wants buurtkiosk-usb@$device.service, udisks ignores it"
	else
		fail "the rule did not want buurtkiosk-usb@$device.service: $(grep -E 'SYSTEMD_WANTS|UDISKS|TAGS' <<<"$as_usb")"
	fi
	if grep -q 'buurtkiosk-usb@' <<<"$shipped$swap"; then
		fail "a device off the USB bus, or swap, wants the mount service"
	else
		pass "a device off the USB bus and a swap stick want nothing"
	fi
fi

# 10. tmpfiles.d: the media folder made 0755 root, stale empty mount
# directories removed at boot, anything else left alone.
tmp_root=$work/tmpfiles-root
mkdir -p "$tmp_root/etc/tmpfiles.d" "$tmp_root/media/buurtkiosk/sdb1" "$tmp_root/media/buurtkiosk/sdc1"
chmod 0700 "$tmp_root/media/buurtkiosk"
touch "$tmp_root/media/buurtkiosk/sdc1/kept"
cp "$tmpfiles" "$tmp_root/etc/tmpfiles.d/"
systemd-tmpfiles --root="$tmp_root" --create --remove --boot buurtkiosk-tmpfiles.conf >/dev/null 2>&1 || true
if [ "$(stat -c '%a %U' "$tmp_root/media/buurtkiosk")" = "755 root" ] &&
	[ ! -e "$tmp_root/media/buurtkiosk/sdb1" ] && [ -e "$tmp_root/media/buurtkiosk/sdc1/kept" ]; then
	pass "tmpfiles: /media/buurtkiosk 0755 root, a stale empty directory gone, a full one kept"
else
	fail "tmpfiles: $(find "$tmp_root/media" -printf '%m %u %p\n')"
fi

if mounted_below_media; then fail "something is still mounted below $media"; fi
[ "$failures" -eq 0 ] || {
	echo "$failures check(s) failed"
	exit 1
}
echo "all USB automount checks passed"
