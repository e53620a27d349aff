#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and test Buurtkiosk, only
# those that are missing. Usage: install-build-deps.sh [run|test]
set -euo pipefail

packages=(build-essential cmake pkg-config gettext libsqlite3-dev libinih-dev libsdl2-dev
	libsdl2-ttf-dev libqrencode-dev libcups2-dev libsodium-dev libespeak-ng-dev espeak-ng-data libfribidi-dev
	libsystemd-dev)
if [ "${1:-run}" = "test" ]; then
	packages+=(clang libclang-rt-14-dev libcmocka-dev sqlite3 python3 clang-format locales
		zbar-tools imagemagick cups printer-driver-cups-pdf poppler-utils minisign
		# The Debian package: building, lintian, installing it here, its units,
		# the kiosk under cage (which needs Xwayland), the USB sticks' mounts.
		dpkg-dev lintian adduser systemd udev cage xwayland e2fsprogs)
fi

sudo_command=()
if [ "$(id -u)" -ne 0 ]; then
	sudo_command=(sudo)
fi

# The tests check number handling under a decimal-comma locale.
ensure_dutch_locale() {
	if locale -a 2>/dev/null | grep -qi '^nl_NL\.utf-\?8$'; then
		return
	fi
	"${sudo_command[@]}" sed -i 's/^# *\(nl_NL.UTF-8 UTF-8\)/\1/' /etc/locale.gen
	grep -q '^nl_NL.UTF-8 UTF-8' /etc/locale.gen ||
		echo 'nl_NL.UTF-8 UTF-8' | "${sudo_command[@]}" tee -a /etc/locale.gen >/dev/null
	"${sudo_command[@]}" locale-gen >/dev/null
}

missing=()
for package in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$package")
	fi
done
if [ ${#missing[@]} -gt 0 ]; then
	echo "Installing: ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	"${sudo_command[@]}" apt-get update -q
	"${sudo_command[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
fi
if [ "${1:-run}" = "test" ]; then
	ensure_dutch_locale
fi
