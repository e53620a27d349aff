/* service_manager.c — READY, WATCHDOG and STOPPING for systemd through
 * sd_notify(); the only file that includes libsystemd. */
#include "service_manager.h"

#include <stdlib.h>
#include <string.h>
#include <systemd/sd-daemon.h>

#include "text.h"

status service_manager_watchdog_from_environment(service_manager_watchdog *out)
{
	memset(out, 0, sizeof(*out));
	const char *value = getenv("WATCHDOG_USEC");
	if (value == NULL || value[0] == '\0')
		return STATUS_OK;
	long microseconds = 0;
	if (!text_parse_integer(value, (long)SERVICE_MANAGER_MIN_WATCHDOG_USEC,
	                        (long)SERVICE_MANAGER_MAX_WATCHDOG_USEC, &microseconds))
		return STATUS_INVALID;
	out->enabled = true;
	out->interval_ms = (uint64_t)microseconds / 1000u;
	if (out->interval_ms == 0)
		out->interval_ms = 1;
	return STATUS_OK;
}

/* Sends one notification. sd_notify() returns 0 when there is no
 * NOTIFY_SOCKET (not started by systemd), > 0 when sent, < 0 on error; the
 * environment is kept (unset_environment 0) so later pings find the socket. */
static bool notify(const char *message)
{
	return sd_notify(0, message) > 0;
}

bool service_manager_notify_ready(const char *status_line)
{
	char message[256];
	if (status_line == NULL ||
	    !text_format(message, sizeof(message), "READY=1\nSTATUS=%s", status_line))
		(void)text_copy(message, sizeof(message), "READY=1");
	return notify(message);
}

/* Half the interval: systemd's advice, so one late turn of the loop (a slow
 * frame, a busy machine) never costs a restart. */
static uint64_t ping_every_ms(const service_manager_watchdog *watchdog)
{
	uint64_t half = watchdog->interval_ms / 2u;
	return half > 0 ? half : 1u;
}

uint64_t service_manager_sleep_limit(const service_manager_watchdog *watchdog, uint64_t now_ms,
                                     uint64_t longest_ms)
{
	if (!watchdog->enabled)
		return longest_ms;
	if (!watchdog->pinged)
		return 0;
	uint64_t due = watchdog->last_ping_ms + ping_every_ms(watchdog);
	if (due <= now_ms)
		return 0;
	return due - now_ms < longest_ms ? due - now_ms : longest_ms;
}

bool service_manager_ping(service_manager_watchdog *watchdog, uint64_t now_ms)
{
	if (!watchdog->enabled || service_manager_sleep_limit(watchdog, now_ms, 1) > 0)
		return false;
	/* The time is taken as "pinged" even when sending failed: retrying on
	 * every turn would not help a socket that is gone, and systemd restarts
	 * the kiosk if the pings really stop arriving. */
	watchdog->last_ping_ms = now_ms;
	watchdog->pinged = true;
	return notify("WATCHDOG=1");
}

void service_manager_notify_stopping(void)
{
	(void)notify("STOPPING=1");
}
