/* usb_probe.c — test tool: prints what the usb_stick module sees, so a shell
 * test can check it against real mounts (tmpfs, ext4 loop images).
 *
 * Usage:
 *   usb_probe scan ROOT...              one rescan: "appeared PATH CONTENT CATALOGUE"
 *   usb_probe watch SECONDS ROOT...     events as they come: "+MS appeared|gone PATH …"
 *   usb_probe read STICK [--slow-ms N] [--save FILE]
 *                                       "read ok bytes=N signature=STATE" or
 *                                       "read failed status=S problem=P detail=…"
 *                                       ("reading started" once the first chunk is in)
 *   usb_probe write STICK report|usage|template
 *                                       "write ok detail=…" or "write failed problem=P …"
 * Exit 0 when the operation worked, 1 when it reported a problem, 2 on misuse. */
#define _POSIX_C_SOURCE 200809L

#include <errno.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "schedule.h"
#include "text.h"
#include "usb_stick.h"

static int64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

static void print_found(const usb_stick_found *found, int64_t elapsed, bool timed)
{
	if (timed)
		printf("+%lld ", (long long)elapsed);
	if (found->event == USB_STICK_EVENT_GONE) {
		printf("gone %s\n", found->path);
	} else {
		printf("appeared %s %s %s%s%s\n", found->path,
		       usb_stick_content_name(found->content),
		       found->catalogue[0] != '\0' ? found->catalogue : "-",
		       found->content == USB_STICK_CONTENT_REFUSED ? " " : "",
		       found->content == USB_STICK_CONTENT_REFUSED
		           ? usb_stick_problem_name(found->refusal)
		           : "");
	}
	fflush(stdout);
}

static int scan(const char *const *roots, size_t count, double seconds)
{
	usb_stick_watch *watch = NULL;
	if (usb_stick_watch_open(roots, count, &watch) != STATUS_OK) {
		fprintf(stderr, "usb_probe: cannot watch: %s\n", strerror(errno));
		return 2;
	}
	int64_t start = now_ms();
	int64_t end = start + (int64_t)(seconds * 1000.0);
	bool timed = seconds > 0;
	for (;;) {
		usb_stick_found found;
		int64_t now = now_ms();
		if (usb_stick_watch_poll(watch, now, &found) != STATUS_OK) {
			usb_stick_watch_close(watch);
			return 2;
		}
		if (found.event != USB_STICK_EVENT_NONE) {
			print_found(&found, now - start, timed);
			continue;
		}
		if (!timed || now >= end)
			break;
		/* Sleep until inotify says something or the next rescan is due. */
		int64_t wake = usb_stick_watch_next_rescan_ms(watch);
		if (wake > end)
			wake = end;
		int64_t wait = wake - now_ms();
		struct pollfd ready = {.fd = usb_stick_watch_fd(watch), .events = POLLIN};
		(void)poll(&ready, 1, wait > 0 ? (int)wait : 0);
	}
	usb_stick_watch_close(watch);
	return 0;
}

typedef struct slow_read {
	long delay_ms;
	bool started;
} slow_read;

static bool on_progress(void *context, uint64_t bytes_read, uint64_t total_bytes)
{
	slow_read *slow = context;
	(void)total_bytes;
	if (!slow->started) {
		slow->started = true;
		printf("reading started bytes=%llu\n", (unsigned long long)bytes_read);
		fflush(stdout);
	}
	if (slow->delay_ms > 0) {
		struct timespec pause = {slow->delay_ms / 1000, (slow->delay_ms % 1000) * 1000000};
		nanosleep(&pause, NULL);
	}
	return true;
}

static const char *signature_name(usb_stick_signature state)
{
	switch (state) {
	case USB_STICK_SIGNATURE_NONE: return "none";
	case USB_STICK_SIGNATURE_PRESENT: return "present";
	case USB_STICK_SIGNATURE_UNUSABLE: return "unusable";
	}
	return "unknown";
}

static int read_stick(const char *path, long delay_ms, const char *save)
{
	usb_stick *stick = NULL;
	if (usb_stick_open(path, &stick) != STATUS_OK) {
		printf("open failed %s: %s\n", path, strerror(errno));
		return 1;
	}
	printf("content %s %s\n", usb_stick_content_name(usb_stick_content_of(stick)),
	       usb_stick_catalogue_name(stick)[0] != '\0' ? usb_stick_catalogue_name(stick) : "-");
	fflush(stdout);
	slow_read slow = {delay_ms, false};
	usb_stick_catalogue copy;
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	status result = usb_stick_read_catalogue(stick, on_progress, &slow, &copy, &problem);
	int exit_code = 0;
	if (result == STATUS_OK) {
		printf("read ok bytes=%zu signature=%s\n", copy.length,
		       signature_name(copy.signature_state));
		if (save != NULL) {
			FILE *file = fopen(save, "wb");
			if (file == NULL ||
			    fwrite(copy.bytes, 1, copy.length, file) != copy.length ||
			    fclose(file) != 0) {
				fprintf(stderr, "usb_probe: cannot save %s\n", save);
				exit_code = 2;
			}
		}
		usb_stick_catalogue_free(&copy);
	} else {
		printf("read failed status=%s problem=%s detail=%s\nmessage=%s\n",
		       status_describe(result), usb_stick_problem_name(problem),
		       usb_stick_detail(stick), usb_stick_problem_message(problem, NULL));
		exit_code = 1;
	}
	usb_stick_close(stick);
	return exit_code;
}

static int write_stick(const char *path, const char *what)
{
	usb_stick *stick = NULL;
	if (usb_stick_open(path, &stick) != STATUS_OK) {
		printf("open failed %s: %s\n", path, strerror(errno));
		return 1;
	}
	usb_stick_problem problem = USB_STICK_PROBLEM_NONE;
	status result;
	if (strcmp(what, "report") == 0) {
		local_time now = schedule_local_from_utc(time(NULL));
		result = usb_stick_write_report(stick, now, "Verslag van de proef.\n", &problem);
	} else if (strcmp(what, "usage") == 0) {
		result =
		    usb_stick_write_usage(stick,
		                          "\xEF\xBB\xBF"
		                          "dag;soort;sleutel;aantal\r\n2026-11-24;start;;1\r\n",
		                          &problem);
	} else if (strcmp(what, "template") == 0) {
		result = usb_stick_write_template(stick, &problem);
	} else {
		usb_stick_close(stick);
		fprintf(stderr, "usb_probe: write report|usage|template\n");
		return 2;
	}
	int exit_code = 0;
	if (result == STATUS_OK) {
		printf("write ok detail=%s\n", usb_stick_detail(stick));
	} else {
		printf("write failed status=%s problem=%s detail=%s\nmessage=%s\n",
		       status_describe(result), usb_stick_problem_name(problem),
		       usb_stick_detail(stick), usb_stick_problem_message(problem, NULL));
		exit_code = 1;
	}
	usb_stick_close(stick);
	return exit_code;
}

int main(int argc, char **argv)
{
	if (argc >= 3 && strcmp(argv[1], "scan") == 0)
		return scan((const char *const *)argv + 2, (size_t)(argc - 2), 0);
	if (argc >= 4 && strcmp(argv[1], "watch") == 0) {
		long seconds;
		if (!text_parse_integer(argv[2], 1, 600, &seconds))
			return 2;
		return scan((const char *const *)argv + 3, (size_t)(argc - 3), (double)seconds);
	}
	if (argc >= 3 && strcmp(argv[1], "read") == 0) {
		long delay_ms = 0;
		const char *save = NULL;
		for (int i = 3; i < argc; i++) {
			if (strcmp(argv[i], "--slow-ms") == 0 && i + 1 < argc &&
			    text_parse_integer(argv[i + 1], 0, 10000, &delay_ms)) {
				i++;
			} else if (strcmp(argv[i], "--save") == 0 && i + 1 < argc) {
				save = argv[++i];
			} else {
				fprintf(stderr, "usb_probe: unknown argument %s\n", argv[i]);
				return 2;
			}
		}
		return read_stick(argv[2], delay_ms, save);
	}
	if (argc == 4 && strcmp(argv[1], "write") == 0)
		return write_stick(argv[2], argv[3]);
	fprintf(stderr, "usage: usb_probe scan ROOT... | watch SECONDS ROOT... | read STICK "
	                "[--slow-ms N] [--save FILE] | write STICK report|usage|template\n");
	return 2;
}
