/* test_printer.c — the printer module: the bytes each backend sends, the
 * plain-Dutch failures of devices that are missing, full, closed mid-job,
 * silent or out of paper, and the job rules (one at a time, close joins). */
#define _GNU_SOURCE /* posix_openpt and friends, cfmakeraw */
#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "test_support.h"

#include "config.h"
#include "escpos.h"
#include "printer.h"
#include "translate.h"

/* --- helpers ------------------------------------------------------------- */

static kiosk_config make_config(config_printer_kind kind, const char *target, config_paper paper)
{
	kiosk_config config;
	config_set_defaults(&config);
	config.printer_kind = kind;
	assert_true(text_copy(config.printer_target, sizeof config.printer_target, target));
	config.printer_paper = paper;
	return config;
}

/* A slip-like image with a pattern in every row, so bands and bytes differ. */
static bitmap make_image(int width, int height)
{
	bitmap image;
	assert_int_equal(bitmap_create(width, height, &image), STATUS_OK);
	for (int y = 0; y < height; y++)
		for (int x = 0; x < width; x++)
			if ((x + y) % 7 == 0 || (y / 16) % 3 == 0)
				bitmap_set(&image, x, y, true);
	return image;
}

static void expected_bytes(const bitmap *image, int paper_width, text_buffer *out)
{
	assert_int_equal(escpos_encode_slip(image, paper_width, out), STATUS_OK);
}

static int64_t now_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Opens a printer for `config`, prints `image` (a copy) and waits. */
static printer_state print_and_wait(const kiosk_config *config, int deadline_ms,
                                    const bitmap *image, printer_job_state *outcome)
{
	printer *device = NULL;
	assert_int_equal(printer_open_with_deadline(config, deadline_ms, &device), STATUS_OK);
	assert_true(printer_available(device));
	bitmap copy;
	assert_int_equal(bitmap_create(image->width, image->height, &copy), STATUS_OK);
	memcpy(copy.bits, image->bits, image->stride * (size_t)image->height);
	unsigned job = 0;
	assert_int_equal(printer_submit_bitmap(device, &copy, &job), STATUS_OK);
	assert_null(copy.bits); /* the printer took it over */
	assert_true(job > 0);
	printer_state state = printer_wait(device, outcome);
	assert_int_equal(outcome->job, job);
	/* Reported once; then the printer is idle. */
	printer_job_state again;
	assert_int_equal(printer_poll(device, &again), PRINTER_IDLE);
	printer_close(device);
	return state;
}

static void expect_failure(const printer_job_state *outcome, printer_failure failure,
                           const char *message, const char *detail_part)
{
	assert_int_equal(outcome->state, PRINTER_FAILED);
	assert_int_equal(outcome->failure, failure);
	assert_non_null(outcome->message);
	assert_string_equal(outcome->message, message);
	if (strstr(outcome->detail, detail_part) == NULL)
		fail_msg("detail '%s' does not mention '%s'", outcome->detail, detail_part);
}

/* --- the bytes --------------------------------------------------------------- */

static void test_file_backend_writes_the_escpos_bytes(void **state)
{
	(void)state;
	char dir[512], path[600];
	test_make_temp_dir(dir, sizeof dir);
	assert_true(text_format(path, sizeof path, "%s/slip.bin", dir));
	bitmap image = make_image(576, 700); /* three bands */
	kiosk_config config = make_config(CONFIG_PRINTER_FILE, path, CONFIG_PAPER_80MM);
	printer_job_state outcome;
	assert_int_equal(print_and_wait(&config, 5000, &image, &outcome), PRINTER_DONE);
	assert_int_equal(outcome.failure, PRINTER_FAILURE_NONE);
	assert_null(outcome.message);

	text_buffer expected = {0};
	expected_bytes(&image, 576, &expected);
	size_t length = 0;
	char *written = test_read_file(path, &length);
	assert_int_equal(length, expected.length);
	assert_memory_equal(written, expected.data, length);
	free(written);

	/* A second slip replaces the first whole (atomic, not appended). */
	bitmap small = make_image(300, 40);
	assert_int_equal(print_and_wait(&config, 5000, &small, &outcome), PRINTER_DONE);
	text_buffer second = {0};
	expected_bytes(&small, 576, &second);
	written = test_read_file(path, &length);
	assert_int_equal(length, second.length);
	assert_memory_equal(written, second.data, length);
	free(written);

	/* A file in a folder that does not exist: no printer there. */
	char missing[700];
	assert_true(text_format(missing, sizeof missing, "%s/no/such/dir/slip.bin", dir));
	config = make_config(CONFIG_PRINTER_FILE, missing, CONFIG_PAPER_80MM);
	assert_int_equal(print_and_wait(&config, 5000, &small, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_NO_PRINTER, "Er is geen printer aangesloten.",
	               "no/such/dir");

	text_buffer_free(&expected);
	text_buffer_free(&second);
	bitmap_free(&image);
	bitmap_free(&small);
	test_remove_tree(dir);
}

static void test_escpos_backend_to_a_regular_file(void **state)
{
	(void)state;
	char dir[512], path[600];
	test_make_temp_dir(dir, sizeof dir);
	assert_true(text_format(path, sizeof path, "%s/lp0", dir));
	/* A device path must exist (the backend never creates one); old
	 * contents are replaced. */
	test_write_file(path, "old contents that are longer than nothing", 41);
	bitmap image = make_image(384, 300);
	kiosk_config config = make_config(CONFIG_PRINTER_ESCPOS, path, CONFIG_PAPER_58MM);
	printer_job_state outcome;
	assert_int_equal(print_and_wait(&config, 5000, &image, &outcome), PRINTER_DONE);
	text_buffer expected = {0};
	expected_bytes(&image, 384, &expected);
	size_t length = 0;
	char *written = test_read_file(path, &length);
	assert_int_equal(length, expected.length);
	assert_memory_equal(written, expected.data, length);
	free(written);
	text_buffer_free(&expected);
	bitmap_free(&image);
	test_remove_tree(dir);
}

/* --- failures ------------------------------------------------------------------ */

static void test_missing_device(void **state)
{
	(void)state;
	bitmap image = make_image(576, 50);
	kiosk_config config =
	    make_config(CONFIG_PRINTER_ESCPOS, "/dev/usb/no-such-lp9", CONFIG_PAPER_80MM);
	printer_job_state outcome;
	assert_int_equal(print_and_wait(&config, 5000, &image, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_NO_PRINTER, "Er is geen printer aangesloten.",
	               "No such file");
	/* A directory is no printer either. */
	config = make_config(CONFIG_PRINTER_ESCPOS, "/tmp", CONFIG_PAPER_80MM);
	assert_int_equal(print_and_wait(&config, 5000, &image, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_NO_PRINTER, "Er is geen printer aangesloten.",
	               "directory");
	bitmap_free(&image);
}

static void test_device_full(void **state)
{
	(void)state;
	bitmap image = make_image(576, 100);
	kiosk_config config = make_config(CONFIG_PRINTER_ESCPOS, "/dev/full", CONFIG_PAPER_80MM);
	printer_job_state outcome;
	int64_t started = now_ms();
	assert_int_equal(print_and_wait(&config, 5000, &image, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_WRITE, "Het printen is mislukt.",
	               strerror(ENOSPC));
	assert_true(now_ms() - started < 2000); /* an error, not a timeout */
	bitmap_free(&image);
}

/* A FIFO whose read end is open; the path is written into `path`. */
static int make_fifo_reader(char *dir, size_t dir_size, char *path, size_t path_size)
{
	test_make_temp_dir(dir, dir_size);
	assert_true(text_format(path, path_size, "%s/printer.fifo", dir));
	assert_int_equal(mkfifo(path, 0600), 0);
	int reader = open(path, O_RDONLY | O_NONBLOCK);
	assert_true(reader >= 0);
	return reader;
}

typedef struct fifo_reader {
	int descriptor;
	size_t read_before_leaving;
} fifo_reader;

/* Reads a little of the job, then goes away like an unplugged printer. */
static void *read_some_then_leave(void *argument)
{
	fifo_reader *reader = argument;
	uint8_t buffer[1024];
	size_t total = 0;
	int64_t give_up = now_ms() + 5000;
	while (total < reader->read_before_leaving && now_ms() < give_up) {
		struct pollfd ready = {.fd = reader->descriptor, .events = POLLIN, .revents = 0};
		if (poll(&ready, 1, 100) <= 0)
			continue;
		ssize_t got = read(reader->descriptor, buffer, sizeof buffer);
		if (got > 0)
			total += (size_t)got;
	}
	close(reader->descriptor);
	return NULL;
}

static void test_fifo_reader_goes_away(void **state)
{
	(void)state;
	char dir[512], path[600];
	fifo_reader reader = {.descriptor = make_fifo_reader(dir, sizeof dir, path, sizeof path),
	                      .read_before_leaving = 2000};
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, NULL, read_some_then_leave, &reader), 0);
	/* Far more than a pipe holds, so the writer is still busy when the
	 * reader leaves. SIGPIPE keeps its default action: were it raised on the
	 * worker, this test program would die. */
	bitmap image = make_image(576, 4000);
	kiosk_config config = make_config(CONFIG_PRINTER_ESCPOS, path, CONFIG_PAPER_80MM);
	printer_job_state outcome;
	int64_t started = now_ms();
	assert_int_equal(print_and_wait(&config, 5000, &image, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_WRITE, "Het printen is mislukt.", strerror(EPIPE));
	assert_true(now_ms() - started < 4000);
	assert_int_equal(pthread_join(thread, NULL), 0);
	bitmap_free(&image);

	/* Nobody has the FIFO open: nothing is connected. */
	bitmap small = make_image(576, 10);
	assert_int_equal(print_and_wait(&config, 5000, &small, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_NO_PRINTER, "Er is geen printer aangesloten.",
	               path);
	bitmap_free(&small);
	test_remove_tree(dir);
}

static void test_printer_that_never_answers(void **state)
{
	(void)state;
	char dir[512], path[600];
	int reader = make_fifo_reader(dir, sizeof dir, path, sizeof path);
	bitmap image = make_image(576, 4000); /* 288 KB: the pipe fills up */
	kiosk_config config = make_config(CONFIG_PRINTER_ESCPOS, path, CONFIG_PAPER_80MM);
	printer_job_state outcome;
	int64_t started = now_ms();
	assert_int_equal(print_and_wait(&config, 1000, &image, &outcome), PRINTER_FAILED);
	int64_t took = now_ms() - started;
	expect_failure(&outcome, PRINTER_FAILURE_NO_ANSWER, "De printer geeft geen antwoord.",
	               "1000 ms");
	assert_true(took >= 950);
	assert_true(took < 2500);
	close(reader);
	bitmap_free(&image);
	test_remove_tree(dir);
}

/* --- a printer that answers DLE EOT 4 ----------------------------------------- */

typedef struct pty_printer {
	int master;
	uint8_t reply;        /* the status byte it answers with */
	size_t expect_length; /* stop reading after this many bytes */
	text_buffer received;
} pty_printer;

/* Plays a receipt printer on the master side of a pseudo-terminal: answers
 * the paper query and collects everything else. */
static void *play_printer(void *argument)
{
	pty_printer *player = argument;
	uint8_t buffer[4096];
	int64_t give_up = now_ms() + 5000;
	bool answered = false;
	while (player->received.length < player->expect_length && now_ms() < give_up) {
		struct pollfd ready = {.fd = player->master, .events = POLLIN, .revents = 0};
		if (poll(&ready, 1, 100) <= 0)
			continue;
		ssize_t got = read(player->master, buffer, sizeof buffer);
		if (got <= 0)
			continue;
		assert_int_equal(
		    text_buffer_append(&player->received, (const char *)buffer, (size_t)got),
		    STATUS_OK);
		if (!answered && player->received.length >= ESCPOS_STATUS_QUERY_LENGTH &&
		    memcmp(player->received.data, escpos_status_query,
		           ESCPOS_STATUS_QUERY_LENGTH) == 0) {
			assert_int_equal(write(player->master, &player->reply, 1), 1);
			answered = true;
		}
	}
	return NULL;
}

/* Opens a pseudo-terminal; the slave's path is the "device". */
static int open_pty(char *slave_path, size_t size, int *slave)
{
	int master = posix_openpt(O_RDWR | O_NOCTTY);
	assert_true(master >= 0);
	assert_int_equal(grantpt(master), 0);
	assert_int_equal(unlockpt(master), 0);
	assert_true(text_copy(slave_path, size, ptsname(master)));
	/* Held open by the test, so the master never sees a hang-up between the
	 * printer's open and close; raw, as a printer line is. */
	*slave = open(slave_path, O_RDWR | O_NOCTTY);
	assert_true(*slave >= 0);
	struct termios settings;
	assert_int_equal(tcgetattr(*slave, &settings), 0);
	cfmakeraw(&settings);
	assert_int_equal(tcsetattr(*slave, TCSANOW, &settings), 0);
	return master;
}

static void test_paper_out_reply(void **state)
{
	(void)state;
	char slave_path[128];
	int slave = -1;
	pty_printer player = {.reply = 0x12 | 0x60, /* fixed bits + paper end */
	                      .expect_length = ESCPOS_STATUS_QUERY_LENGTH};
	player.master = open_pty(slave_path, sizeof slave_path, &slave);
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, NULL, play_printer, &player), 0);
	bitmap image = make_image(576, 60);
	kiosk_config config = make_config(CONFIG_PRINTER_ESCPOS, slave_path, CONFIG_PAPER_80MM);
	printer_job_state outcome;
	assert_int_equal(print_and_wait(&config, 5000, &image, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_PAPER_OUT, "De printer heeft geen papier meer.",
	               "paper out");
	assert_int_equal(pthread_join(thread, NULL), 0);
	/* Only the query was sent: no slip into an empty printer. */
	assert_int_equal(player.received.length, ESCPOS_STATUS_QUERY_LENGTH);
	text_buffer_free(&player.received);
	close(slave);
	close(player.master);
	bitmap_free(&image);
}

static void test_paper_present_reply_prints(void **state)
{
	(void)state;
	char slave_path[128];
	int slave = -1;
	bitmap image = make_image(576, 80);
	text_buffer expected = {0};
	expected_bytes(&image, 576, &expected);
	pty_printer player = {.reply = 0x12 | 0x0c, /* near end: still prints */
	                      .expect_length = ESCPOS_STATUS_QUERY_LENGTH + expected.length};
	player.master = open_pty(slave_path, sizeof slave_path, &slave);
	pthread_t thread;
	assert_int_equal(pthread_create(&thread, NULL, play_printer, &player), 0);
	kiosk_config config = make_config(CONFIG_PRINTER_ESCPOS, slave_path, CONFIG_PAPER_80MM);
	printer_job_state outcome;
	int64_t started = now_ms();
	assert_int_equal(print_and_wait(&config, 5000, &image, &outcome), PRINTER_DONE);
	assert_true(now_ms() - started < PRINTER_STATUS_WAIT_MS); /* the reply was used */
	assert_int_equal(pthread_join(thread, NULL), 0);
	assert_int_equal(player.received.length, player.expect_length);
	assert_memory_equal(player.received.data, escpos_status_query, ESCPOS_STATUS_QUERY_LENGTH);
	assert_memory_equal(player.received.data + ESCPOS_STATUS_QUERY_LENGTH, expected.data,
	                    expected.length);
	text_buffer_free(&player.received);
	text_buffer_free(&expected);
	close(slave);
	close(player.master);
	bitmap_free(&image);
}

/* --- the job rules ---------------------------------------------------------------- */

typedef struct render_counter {
	int width_seen;
	atomic_int renders;
	atomic_int releases;
	status result;
} render_counter;

static status render_test_slip(void *context, const slip_paper *paper, bitmap *out)
{
	render_counter *counter = context;
	atomic_fetch_add(&counter->renders, 1);
	counter->width_seen = paper->width_dots;
	if (counter->result != STATUS_OK)
		return counter->result;
	*out = make_image(paper->width_dots, 120);
	return STATUS_OK;
}

static void release_test_slip(void *context)
{
	render_counter *counter = context;
	atomic_fetch_add(&counter->releases, 1);
}

static void test_render_job_on_the_worker(void **state)
{
	(void)state;
	char dir[512], path[600];
	test_make_temp_dir(dir, sizeof dir);
	assert_true(text_format(path, sizeof path, "%s/slip.bin", dir));
	kiosk_config config = make_config(CONFIG_PRINTER_FILE, path, CONFIG_PAPER_58MM);
	printer *device = NULL;
	assert_int_equal(printer_open(&config, &device), STATUS_OK);
	assert_int_equal(printer_slip_paper(device).width_dots, 384);
	render_counter counter = {.result = STATUS_OK};
	atomic_init(&counter.renders, 0);
	atomic_init(&counter.releases, 0);
	assert_int_equal(
	    printer_submit_render(device, render_test_slip, &counter, release_test_slip, NULL),
	    STATUS_OK);
	printer_job_state outcome;
	assert_int_equal(printer_wait(device, &outcome), PRINTER_DONE);
	assert_int_equal(counter.width_seen, 384);
	assert_int_equal(atomic_load(&counter.renders), 1);
	assert_int_equal(atomic_load(&counter.releases), 1);
	bitmap image = make_image(384, 120);
	text_buffer expected = {0};
	expected_bytes(&image, 384, &expected);
	size_t length = 0;
	char *written = test_read_file(path, &length);
	assert_int_equal(length, expected.length);
	assert_memory_equal(written, expected.data, length);
	free(written);

	/* A renderer that fails: the job fails with the slip message. */
	counter.result = STATUS_NO_MEMORY;
	assert_int_equal(
	    printer_submit_render(device, render_test_slip, &counter, release_test_slip, NULL),
	    STATUS_OK);
	assert_int_equal(printer_wait(device, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_SLIP, "Het briefje kon niet worden gemaakt.",
	               "rendering");
	assert_int_equal(atomic_load(&counter.releases), 2);

	/* Too wide for 58 mm paper: refused at once, the caller keeps it. */
	bitmap wide = make_image(576, 10);
	assert_int_equal(printer_submit_bitmap(device, &wide, NULL), STATUS_INVALID);
	assert_non_null(wide.bits);
	bitmap_free(&wide);
	printer_close(device);
	text_buffer_free(&expected);
	bitmap_free(&image);
	test_remove_tree(dir);
}

static void test_second_submit_while_busy_is_refused(void **state)
{
	(void)state;
	char dir[512], path[600];
	int reader = make_fifo_reader(dir, sizeof dir, path, sizeof path);
	kiosk_config config = make_config(CONFIG_PRINTER_ESCPOS, path, CONFIG_PAPER_80MM);
	printer *device = NULL;
	assert_int_equal(printer_open_with_deadline(&config, 1000, &device), STATUS_OK);
	printer_job_state outcome;
	assert_int_equal(printer_poll(device, &outcome), PRINTER_IDLE);
	assert_int_equal(outcome.job, 0);
	bitmap first = make_image(576, 4000);
	unsigned first_job = 0;
	assert_int_equal(printer_submit_bitmap(device, &first, &first_job), STATUS_OK);
	assert_int_equal(printer_poll(device, &outcome), PRINTER_BUSY);
	assert_int_equal(outcome.job, first_job);

	bitmap second = make_image(576, 20);
	assert_int_equal(printer_submit_bitmap(device, &second, NULL), STATUS_REFUSED);
	assert_non_null(second.bits); /* still the caller's */
	render_counter counter = {.result = STATUS_OK};
	atomic_init(&counter.renders, 0);
	atomic_init(&counter.releases, 0);
	assert_int_equal(
	    printer_submit_render(device, render_test_slip, &counter, release_test_slip, NULL),
	    STATUS_REFUSED);
	assert_int_equal(atomic_load(&counter.releases), 0);

	/* The stuck job ends at its deadline; polling sees it once. */
	int64_t give_up = now_ms() + 5000;
	while (printer_poll(device, &outcome) == PRINTER_BUSY && now_ms() < give_up) {
		struct timespec pause = {0, 20 * 1000000L};
		nanosleep(&pause, NULL);
	}
	expect_failure(&outcome, PRINTER_FAILURE_NO_ANSWER, "De printer geeft geen antwoord.",
	               path);
	assert_int_equal(outcome.job, first_job);
	assert_int_equal(printer_poll(device, &outcome), PRINTER_IDLE);
	/* And now the next job is taken. */
	close(reader);
	unsigned second_job = 0;
	assert_int_equal(printer_submit_bitmap(device, &second, &second_job), STATUS_OK);
	assert_true(second_job != first_job);
	assert_int_equal(printer_wait(device, &outcome), PRINTER_FAILED); /* no reader now */
	assert_int_equal(outcome.failure, PRINTER_FAILURE_NO_PRINTER);
	printer_close(device);
	test_remove_tree(dir);
}

static void test_close_while_busy_joins(void **state)
{
	(void)state;
	char dir[512], path[600];
	int reader = make_fifo_reader(dir, sizeof dir, path, sizeof path);
	kiosk_config config = make_config(CONFIG_PRINTER_ESCPOS, path, CONFIG_PAPER_80MM);
	printer *device = NULL;
	assert_int_equal(printer_open(&config, &device), STATUS_OK); /* 10 s deadline */
	render_counter counter = {.result = STATUS_OK};
	atomic_init(&counter.renders, 0);
	atomic_init(&counter.releases, 0);
	/* A big render job that the silent FIFO never takes. */
	bitmap image = make_image(576, 4000);
	assert_int_equal(printer_submit_bitmap(device, &image, NULL), STATUS_OK);
	struct timespec pause = {0, 200 * 1000000L};
	nanosleep(&pause, NULL);
	printer_job_state outcome;
	assert_int_equal(printer_poll(device, &outcome), PRINTER_BUSY);
	int64_t started = now_ms();
	printer_close(device); /* cancels: well before the 10 s deadline */
	assert_true(now_ms() - started < 1000);

	/* Closing right after a submit: the context is released exactly once,
	 * whether or not the worker got to it. */
	assert_int_equal(printer_open(&config, &device), STATUS_OK);
	assert_int_equal(
	    printer_submit_render(device, render_test_slip, &counter, release_test_slip, NULL),
	    STATUS_OK);
	printer_close(device);
	assert_int_equal(atomic_load(&counter.releases), 1);
	close(reader);
	test_remove_tree(dir);
}

static void test_no_printer(void **state)
{
	(void)state;
	kiosk_config config = make_config(CONFIG_PRINTER_NONE, "", CONFIG_PAPER_80MM);
	printer *device = NULL;
	assert_int_equal(printer_open(&config, &device), STATUS_OK);
	assert_false(printer_available(device));
	assert_false(printer_available(NULL));
	bitmap image = make_image(100, 10);
	assert_int_equal(printer_submit_bitmap(device, &image, NULL), STATUS_USAGE);
	assert_non_null(image.bits);
	printer_job_state outcome;
	assert_int_equal(printer_poll(device, &outcome), PRINTER_IDLE);
	assert_int_equal(printer_wait(device, &outcome), PRINTER_IDLE);
	printer_close(device);
	printer_close(NULL);
	bitmap_free(&image);
	/* A deadline out of range is a usage error. */
	assert_int_equal(printer_open_with_deadline(&config, 0, &device), STATUS_USAGE);
	assert_null(device);
}

/* --- CUPS without a server ------------------------------------------------------- */

static void test_cups_server_down_or_silent(void **state)
{
	(void)state;
	/* A port nobody listens on: connection refused, no printer. */
	int probe = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(probe >= 0);
	struct sockaddr_in address = {.sin_family = AF_INET,
	                              .sin_addr.s_addr = htonl(INADDR_LOOPBACK)};
	socklen_t length = sizeof address;
	assert_int_equal(bind(probe, (struct sockaddr *)&address, sizeof address), 0);
	assert_int_equal(getsockname(probe, (struct sockaddr *)&address, &length), 0);
	char server[64];
	assert_true(text_format(server, sizeof server, "127.0.0.1:%d", ntohs(address.sin_port)));
	assert_int_equal(setenv("CUPS_SERVER", server, 1), 0);
	bitmap image = make_image(576, 100);
	kiosk_config config = make_config(CONFIG_PRINTER_CUPS, "kioskpdf", CONFIG_PAPER_80MM);
	printer_job_state outcome;
	int64_t started = now_ms();
	assert_int_equal(print_and_wait(&config, 2000, &image, &outcome), PRINTER_FAILED);
	expect_failure(&outcome, PRINTER_FAILURE_NO_PRINTER, "Er is geen printer aangesloten.",
	               "CUPS server");
	assert_true(now_ms() - started < 2500);

	/* Listening but never answering (the kernel accepts for it): no answer
	 * within the deadline. */
	assert_int_equal(listen(probe, 4), 0);
	started = now_ms();
	assert_int_equal(print_and_wait(&config, 1000, &image, &outcome), PRINTER_FAILED);
	int64_t took = now_ms() - started;
	expect_failure(&outcome, PRINTER_FAILURE_NO_ANSWER, "De printer geeft geen antwoord.",
	               "kioskpdf");
	assert_true(took >= 900);
	assert_true(took < 3000);
	close(probe);
	unsetenv("CUPS_SERVER");
	bitmap_free(&image);
}

/* --- settings and messages -------------------------------------------------------- */

static void test_paper_setting(void **state)
{
	(void)state;
	kiosk_config config;
	text_buffer problems = {0};
	const char *text = "[printer]\nuri = file:/tmp/slip.bin\npaper = 58mm\n";
	assert_int_equal(config_load_memory(text, strlen(text), NULL, &config, &problems),
	                 STATUS_OK);
	assert_int_equal(problems.length, 0);
	assert_int_equal(config.printer_paper, CONFIG_PAPER_58MM);
	text = "[printer]\npaper = A4\n";
	assert_int_equal(config_load_memory(text, strlen(text), NULL, &config, &problems),
	                 STATUS_OK);
	assert_int_equal(config.printer_paper, CONFIG_PAPER_A4);
	assert_int_equal(printer_paper_description(config.printer_paper).width_dots, 2480);
	text = "[printer]\npaper = a6\n";
	assert_int_equal(config_load_memory(text, strlen(text), NULL, &config, &problems),
	                 STATUS_OK);
	assert_int_equal(config.printer_paper, CONFIG_PAPER_A6);
	assert_int_equal(printer_paper_description(config.printer_paper).width_dots, 1240);
	text = "[printer]\npaper = letter\n";
	assert_int_equal(config_load_memory(text, strlen(text), NULL, &config, &problems),
	                 STATUS_OK);
	assert_int_equal(config.printer_paper, CONFIG_PAPER_80MM); /* the default stays */
	assert_non_null(strstr(text_buffer_string(&problems),
	                       "line 2: [printer] paper must be 80mm, 58mm, a6 or a4"));
	assert_int_equal(printer_paper_description(config.printer_paper).width_dots, 576);
	text_buffer_free(&problems);

	/* The shipped buurtkiosk.ini documents the default. */
	char path[1024];
	test_source_path("data/buurtkiosk.ini", path, sizeof path);
	assert_int_equal(config_load_file(path, &config, &problems), STATUS_OK);
	assert_int_equal(problems.length, 0);
	assert_int_equal(config.printer_paper, CONFIG_PAPER_80MM);
	text_buffer_free(&problems);
}

static void test_messages_in_english(void **state)
{
	(void)state;
	translation *english = NULL;
	assert_int_equal(translate_load_file(KIOSK_BUILD_LOCALE_DIR "/en.mo", &english), STATUS_OK);
	const printer_failure failures[] = {PRINTER_FAILURE_NO_PRINTER, PRINTER_FAILURE_PAPER_OUT,
	                                    PRINTER_FAILURE_NO_ANSWER,  PRINTER_FAILURE_STOPPED,
	                                    PRINTER_FAILURE_WRITE,      PRINTER_FAILURE_SLIP};
	for (size_t i = 0; i < sizeof failures / sizeof failures[0]; i++) {
		const char *dutch = printer_failure_msgid(failures[i]);
		assert_true(strlen(dutch) > 10);
		assert_string_equal(printer_failure_message(failures[i], NULL), dutch);
		const char *translated = printer_failure_message(failures[i], english);
		if (strcmp(translated, dutch) == 0)
			fail_msg("no English for '%s'", dutch);
		for (size_t j = 0; j < i; j++)
			assert_string_not_equal(dutch, printer_failure_msgid(failures[j]));
	}
	assert_string_equal(printer_failure_message(PRINTER_FAILURE_PAPER_OUT, english),
	                    "The printer is out of paper.");
	assert_string_equal(printer_failure_msgid(PRINTER_FAILURE_NONE), "");
	translate_free(english);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_file_backend_writes_the_escpos_bytes),
	    cmocka_unit_test(test_escpos_backend_to_a_regular_file),
	    cmocka_unit_test(test_missing_device),
	    cmocka_unit_test(test_device_full),
	    cmocka_unit_test(test_fifo_reader_goes_away),
	    cmocka_unit_test(test_printer_that_never_answers),
	    cmocka_unit_test(test_paper_out_reply),
	    cmocka_unit_test(test_paper_present_reply_prints),
	    cmocka_unit_test(test_render_job_on_the_worker),
	    cmocka_unit_test(test_second_submit_while_busy_is_refused),
	    cmocka_unit_test(test_close_while_busy_joins),
	    cmocka_unit_test(test_no_printer),
	    cmocka_unit_test(test_cups_server_down_or_silent),
	    cmocka_unit_test(test_paper_setting),
	    cmocka_unit_test(test_messages_in_english),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
