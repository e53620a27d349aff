#!/usr/bin/env bash
# Installs the Debian 12 packages needed to build and test Buurtkiosk, only
# those that are missing. Usage: install-build-deps.sh [run|test]
set -euo pipefail

packages=(build-essential cmake pkg-config libsqlite3-dev libinih-dev)
if [ "${1:-run}" = "test" ]; then
	packages+=(clang libclang-rt-14-dev libcmocka-dev sqlite3 python3 clang-format)
fi

missing=()
for package in "${packages[@]}"; do
	if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
		missing+=("$package")
	fi
done
[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing: ${missing[*]}"
sudo_command=()
if [ "$(id -u)" -ne 0 ]; then
	sudo_command=(sudo)
fi
export DEBIAN_FRONTEND=noninteractive
"${sudo_command[@]}" apt-get update -q
"${sudo_command[@]}" apt-get install -y -q --no-install-recommends "${missing[@]}"
