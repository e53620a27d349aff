#!/usr/bin/env bash
# test_watchdog.sh — the real kiosk, started as systemd starts it (a notify
# socket and WATCHDOG_USEC in its environment), says READY once its first
# frame is up, pings the watchdog at half the interval while idle, stops
# pinging when its loop stops turning (SIGSTOP stands in for a hang), pings
# again when it turns, and says STOPPING on SIGTERM.
set -euo pipefail
binary=${KIOSK_BINARY:?}
source_dir=${KIOSK_SOURCE_DIR:?}
work=$(mktemp -d "${KIOSK_TEST_TMP:-/tmp}/watchdog-XXXXXX" 2>/dev/null || mktemp -d)
trap 'rm -rf "$work"' EXIT
export SDL_VIDEODRIVER=offscreen SDL_FRAMEBUFFER_ACCELERATION=0 SDL_AUDIODRIVER=dummy

python3 - "$binary" "$work" "$source_dir" <<'PY'
import os, signal, socket, subprocess, sys, time

binary, work, source = sys.argv[1:4]
path = os.path.join(work, "notify")
ear = socket.socket(socket.AF_UNIX, socket.SOCK_DGRAM)
ear.bind(path)
failures = []

def listen(seconds):
    """Every message within `seconds`, with its arrival time."""
    got, end = [], time.monotonic() + seconds
    while (left := end - time.monotonic()) > 0:
        ear.settimeout(left)
        try:
            got.append((time.monotonic(), ear.recv(4096).decode()))
        except socket.timeout:
            break
    return got

def next_message(seconds):
    """The first message within `seconds`, or None."""
    ear.settimeout(seconds)
    try:
        return ear.recv(4096).decode()
    except socket.timeout:
        return None

def check(condition, message):
    print(("ok   " if condition else "FAIL ") + message)
    if not condition:
        failures.append(message)

environment = dict(os.environ, NOTIFY_SOCKET=path, WATCHDOG_USEC="1000000")
kiosk = subprocess.Popen(
    [binary, "--db", os.path.join(work, "kiosk.db"), "--windowed", "800x600",
     "--now", "2026-11-24T09:00"], env=environment,
    stdout=subprocess.DEVNULL, stderr=open(os.path.join(work, "kiosk.err"), "w"))
try:
    first = next_message(20) or ""
    check(first.startswith("READY=1\nSTATUS=") and "aanbiedingen" in first,
          f"READY with a status line first: {first!r}")
    # Timed from a ping received as it was sent, not one left waiting.
    check(next_message(5) == "WATCHDOG=1", "the first ping follows READY")
    pings = [t for t, m in listen(3.2) if m == "WATCHDOG=1"]
    gaps = [b - a for a, b in zip(pings, pings[1:])]
    print("ping gaps (s):", ", ".join(f"{gap:.2f}" for gap in gaps))
    check(len(pings) >= 5, f"{len(pings)} pings in 3.2 s with WatchdogSec=1 (>= 5)")
    check(all(gap > 0.3 for gap in gaps), "no ping sooner than about half the interval")
    check(all(gap < 0.9 for gap in gaps), "no gap as long as the interval while idle")

    kiosk.send_signal(signal.SIGSTOP)
    silent = listen(2.5)
    check(not silent, f"a loop that does not turn sends nothing ({len(silent)} messages in 2.5 s)")
    kiosk.send_signal(signal.SIGCONT)
    resumed = [m for _, m in listen(1.5)]
    check("WATCHDOG=1" in resumed, "pings resume when the loop turns again")

    kiosk.send_signal(signal.SIGTERM)
    code = kiosk.wait(timeout=20)
    last = [m for _, m in listen(1)]
    check(code == 0, f"SIGTERM ends the kiosk with 0 (got {code})")
    check("STOPPING=1" in last, "STOPPING said on the way out")
finally:
    if kiosk.poll() is None:
        kiosk.kill()
        kiosk.wait()

# A WATCHDOG_USEC that is not a time: said in the log, the kiosk runs without one.
environment["WATCHDOG_USEC"] = "soms"
kiosk = subprocess.Popen(
    [binary, "--db", os.path.join(work, "kiosk.db"), "--windowed", "800x600"],
    env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
got = [next_message(20) or ""] + [m for _, m in listen(1.5)]
kiosk.send_signal(signal.SIGTERM)
_, errors = kiosk.communicate(timeout=20)
check(any(m.startswith("READY=1") for m in got) and "WATCHDOG=1" not in got,
      "a bad WATCHDOG_USEC: READY, no pings")
check("WATCHDOG_USEC 'soms'" in errors, "a bad WATCHDOG_USEC is logged")

if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("all passed")
PY
