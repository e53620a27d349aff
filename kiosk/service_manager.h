/* service_manager.h — telling systemd that the kiosk is up and still drawing
 * (sd_notify: READY=1, WATCHDOG=1, STOPPING=1). The only user of libsystemd. */
#ifndef KIOSK_SERVICE_MANAGER_H
#define KIOSK_SERVICE_MANAGER_H

#include <stdbool.h>
#include <stdint.h>

#include "status.h"

/* The watchdog interval systemd may ask for, in microseconds (WATCHDOG_USEC):
 * anything outside this range is treated as no watchdog at all. */
#define SERVICE_MANAGER_MIN_WATCHDOG_USEC 1000ull
#define SERVICE_MANAGER_MAX_WATCHDOG_USEC (24ull * 60ull * 60ull * 1000000ull)

/* The loop's side of systemd's watchdog: how often to ping and when it last
 * did. Plain data; zero it, then service_manager_watchdog_from_environment(). */
typedef struct service_manager_watchdog {
	bool enabled;
	uint64_t interval_ms;  /* systemd's WatchdogSec= */
	uint64_t last_ping_ms; /* on the caller's monotonic clock */
	bool pinged;           /* at least once */
} service_manager_watchdog;

/* Fills *out from WATCHDOG_USEC in the environment. Disabled (and STATUS_OK)
 * when it is missing; STATUS_INVALID, disabled, when it is set but not a
 * whole number in [SERVICE_MANAGER_MIN_WATCHDOG_USEC,
 * SERVICE_MANAGER_MAX_WATCHDOG_USEC], so the caller can log it.
 * WATCHDOG_PID is deliberately not compared with our pid: under cage the
 * service's main process is the compositor and the kiosk its child, so
 * systemd's WATCHDOG_PID names cage; the unit's NotifyAccess=all is what
 * lets our pings count. */
KIOSK_NODISCARD status service_manager_watchdog_from_environment(service_manager_watchdog *out);

/* Tells the service manager the kiosk is ready (its first frame is on the
 * screen), with `status_line` as the line `systemctl status` shows (may be
 * NULL). Does nothing and returns false when not started by a service
 * manager (no NOTIFY_SOCKET); true when the message was sent. */
bool service_manager_notify_ready(const char *status_line);

/* Pings the watchdog when it is enabled and half its interval has passed
 * since the last ping (or never pinged), `now_ms` being the caller's
 * monotonic clock. Call it once per turn of the screen loop, and only
 * there, so a loop that stops turning stops the pings and systemd restarts
 * the kiosk. Returns true when a ping was sent. */
bool service_manager_ping(service_manager_watchdog *watchdog, uint64_t now_ms);

/* The longest the loop may sleep before its next ping is due, in
 * milliseconds (capped at `longest_ms`): 0 when a ping is due now. */
uint64_t service_manager_sleep_limit(const service_manager_watchdog *watchdog, uint64_t now_ms,
                                     uint64_t longest_ms);

/* Tells the service manager the kiosk is stopping on purpose. */
void service_manager_notify_stopping(void);

#endif
