/* test_service_manager.c — the notifications systemd reads, received on a
 * real datagram socket named by NOTIFY_SOCKET as systemd would set it: READY
 * with a status line, watchdog pings at half the interval and no sooner,
 * STOPPING, and the WATCHDOG_USEC values that mean no watchdog. */
#define _POSIX_C_SOURCE 200809L
#include "test_support.h"

#include <errno.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include "service_manager.h"

typedef struct listener {
	char directory[4096];
	char path[sizeof(((struct sockaddr_un *)0)->sun_path)];
	int socket_fd;
} listener;

static int open_listener(void **state)
{
	listener *ear = calloc(1, sizeof(*ear));
	assert_non_null(ear);
	test_make_temp_dir(ear->directory, sizeof(ear->directory));
	int written = snprintf(ear->path, sizeof(ear->path), "%s/notify", ear->directory);
	assert_true(written > 0 && (size_t)written < sizeof(ear->path));
	ear->socket_fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
	assert_true(ear->socket_fd >= 0);
	struct sockaddr_un address;
	memset(&address, 0, sizeof(address));
	address.sun_family = AF_UNIX;
	memcpy(address.sun_path, ear->path, strlen(ear->path) + 1);
	assert_int_equal(bind(ear->socket_fd, (struct sockaddr *)&address, sizeof(address)), 0);
	assert_int_equal(setenv("NOTIFY_SOCKET", ear->path, 1), 0);
	*state = ear;
	return 0;
}

static int close_listener(void **state)
{
	listener *ear = *state;
	close(ear->socket_fd);
	test_remove_tree(ear->directory);
	unsetenv("NOTIFY_SOCKET");
	unsetenv("WATCHDOG_USEC");
	free(ear);
	return 0;
}

/* The next message, or "" when none arrives within `wait_ms`. */
static const char *receive(listener *ear, int wait_ms, char *out, size_t size)
{
	out[0] = '\0';
	struct pollfd wanted = {.fd = ear->socket_fd, .events = POLLIN};
	if (poll(&wanted, 1, wait_ms) != 1)
		return out;
	ssize_t got = recv(ear->socket_fd, out, size - 1, 0);
	assert_true(got >= 0);
	out[got] = '\0';
	return out;
}

static void watchdog_with(const char *microseconds, service_manager_watchdog *out, status expected)
{
	assert_int_equal(setenv("WATCHDOG_USEC", microseconds, 1), 0);
	assert_int_equal(service_manager_watchdog_from_environment(out), expected);
}

static void ready_carries_the_status_line(void **state)
{
	listener *ear = *state;
	char message[512];
	assert_true(service_manager_notify_ready("52 aanbiedingen"));
	assert_string_equal(receive(ear, 2000, message, sizeof(message)),
	                    "READY=1\nSTATUS=52 aanbiedingen");
	assert_true(service_manager_notify_ready(NULL));
	assert_string_equal(receive(ear, 2000, message, sizeof(message)), "READY=1");
	service_manager_notify_stopping();
	assert_string_equal(receive(ear, 2000, message, sizeof(message)), "STOPPING=1");
}

static void pings_come_at_half_the_interval(void **state)
{
	listener *ear = *state;
	char message[512];
	service_manager_watchdog watchdog;
	watchdog_with("8000000", &watchdog, STATUS_OK); /* WatchdogSec=8 */
	assert_true(watchdog.enabled);
	assert_int_equal(watchdog.interval_ms, 8000);

	/* The first turn pings at once, whatever the clock says. */
	assert_int_equal(service_manager_sleep_limit(&watchdog, 100000, 250), 0);
	assert_true(service_manager_ping(&watchdog, 100000));
	assert_string_equal(receive(ear, 2000, message, sizeof(message)), "WATCHDOG=1");
	/* Turns before half the interval send nothing... */
	assert_false(service_manager_ping(&watchdog, 100001));
	assert_false(service_manager_ping(&watchdog, 103999));
	assert_string_equal(receive(ear, 50, message, sizeof(message)), "");
	/* ...and the loop may sleep until then, never longer than it asks. */
	assert_int_equal(service_manager_sleep_limit(&watchdog, 100000, 250), 250);
	assert_int_equal(service_manager_sleep_limit(&watchdog, 103900, 250), 100);
	/* At half the interval the next ping goes. */
	assert_true(service_manager_ping(&watchdog, 104000));
	assert_string_equal(receive(ear, 2000, message, sizeof(message)), "WATCHDOG=1");
	assert_false(service_manager_ping(&watchdog, 107999));
	assert_true(service_manager_ping(&watchdog, 120000));
	assert_string_equal(receive(ear, 2000, message, sizeof(message)), "WATCHDOG=1");
}

static void no_watchdog_means_no_pings(void **state)
{
	listener *ear = *state;
	char message[512];
	service_manager_watchdog watchdog;
	unsetenv("WATCHDOG_USEC");
	assert_int_equal(service_manager_watchdog_from_environment(&watchdog), STATUS_OK);
	assert_false(watchdog.enabled);
	assert_false(service_manager_ping(&watchdog, 5000));
	assert_int_equal(service_manager_sleep_limit(&watchdog, 5000, 250), 250);

	const char *refused[] = {"",  "abc", "-5",          "12abc",
	                         "0", "999", "86400000001", "99999999999999999999999"};
	for (size_t index = 0; index < sizeof(refused) / sizeof(refused[0]); index++) {
		watchdog_with(refused[index], &watchdog,
		              refused[index][0] ? STATUS_INVALID : STATUS_OK);
		assert_false(watchdog.enabled);
		assert_false(service_manager_ping(&watchdog, 5000));
	}
	assert_string_equal(receive(ear, 50, message, sizeof(message)), "");

	/* The bounds themselves are accepted. */
	watchdog_with("1000", &watchdog, STATUS_OK);
	assert_true(watchdog.enabled);
	assert_int_equal(watchdog.interval_ms, 1);
	watchdog_with("86400000000", &watchdog, STATUS_OK);
	assert_int_equal(watchdog.interval_ms, 86400000u);
}

static void without_a_service_manager_nothing_is_sent(void **state)
{
	(void)state;
	unsetenv("NOTIFY_SOCKET");
	service_manager_watchdog watchdog;
	watchdog_with("2000000", &watchdog, STATUS_OK);
	assert_false(service_manager_notify_ready("x"));
	assert_false(service_manager_ping(&watchdog, 0));
	service_manager_notify_stopping();
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(ready_carries_the_status_line, open_listener,
	                                    close_listener),
	    cmocka_unit_test_setup_teardown(pings_come_at_half_the_interval, open_listener,
	                                    close_listener),
	    cmocka_unit_test_setup_teardown(no_watchdog_means_no_pings, open_listener,
	                                    close_listener),
	    cmocka_unit_test_setup_teardown(without_a_service_manager_nothing_is_sent,
	                                    open_listener, close_listener),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
