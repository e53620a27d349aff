#!/usr/bin/env bash
# Installs what is missing, builds Buurtkiosk and starts the touch kiosk on the
# bundled sample catalogue, with a database in build/ so nothing outside the
# checkout changes. Extra arguments go to buurtkiosk (try --help; for a window
# instead of the full screen: --windowed 1080x1920).
#
# On a machine without a display (no DISPLAY or WAYLAND_DISPLAY, and no
# SDL_VIDEODRIVER chosen) it plays the demonstration tour headless instead and
# leaves its screenshots in build/screenshots/.
set -euo pipefail
cd "$(dirname "$0")/.."
./packaging/install-build-deps.sh run
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKIOSK_TESTS=OFF >/dev/null
cmake --build build -j2
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${SDL_VIDEODRIVER:-}" ] &&
	[ $# -eq 0 ]; then
	echo "No display here: playing the demonstration tour headless."
	export SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0
	./build/buurtkiosk --db build/buurtkiosk.db --windowed 1080x1920 \
		--replay packaging/demo-tour.replay --screenshots build/screenshots
	echo "Screenshots of every screen: build/screenshots/*.bmp"
	exit 0
fi
echo "Starting the kiosk full screen; Ctrl+C in this terminal stops it."
exec ./build/buurtkiosk --db build/buurtkiosk.db "$@"
