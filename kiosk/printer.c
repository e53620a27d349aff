/* printer.c — the printer backends (ESC/POS device, CUPS queue, file) behind
 * one job interface, run on a worker thread with a deadline for every job. */
#define _POSIX_C_SOURCE 200809L
#include "printer.h"

#include <cups/cups.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <signal.h>
#include <stdarg.h>
#include <stdatomic.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "atomic_file.h"
#include "escpos.h"
#include "text.h"

#ifndef KIOSK_VERSION
#define KIOSK_VERSION "onbekend" /* set by the build */
#endif

/* Blocking waits are cut into slices this long, so a cancelled job (the
 * printer is being closed) stops soon. */
#define SLICE_MS 100
/* The most bytes handed to one write(): a receipt printer's buffer is small,
 * and a smaller write returns sooner when the device stalls. */
#define WRITE_CHUNK_BYTES 4096u
/* How often a CUPS job's state is asked while waiting for it to complete. */
#define CUPS_POLL_MS 200
/* A configured deadline outside this range is a mistake. */
#define MAX_DEADLINE_MS 600000

/* One job while it runs on the worker: what the backend needs, and where it
 * writes the English detail of a failure. */
typedef struct printer_run {
	const char *target;
	const slip_paper *paper;
	const bitmap *image;
	int64_t deadline; /* CLOCK_MONOTONIC milliseconds */
	int deadline_ms;  /* the length of the deadline, for messages */
	atomic_bool *cancel;
	char detail[PRINTER_DETAIL_BYTES];
} printer_run;

/* A backend prints one image and says why it could not (NONE on success);
 * like Redis's ae backends, the rest of the printer does not know which one
 * it talks to. */
typedef struct printer_backend {
	const char *scheme;
	printer_failure (*print)(printer_run *run);
} printer_backend;

/* A job waiting for the worker: a bitmap, or a renderer and its context. */
typedef struct printer_request {
	bitmap image;
	printer_render_function render;
	void *context;
	printer_release_function release;
	unsigned number;
} printer_request;

struct printer {
	config_printer_kind kind;
	char target[CONFIG_PATH_BYTES];
	config_paper paper;
	int deadline_ms;
	const printer_backend *backend; /* NULL for none */

	pthread_mutex_t lock;
	pthread_cond_t wake;     /* the worker waits here for a request or stopping */
	pthread_cond_t finished; /* printer_wait() waits here for an outcome */
	pthread_t worker;
	bool worker_started;

	/* Guarded by lock. */
	bool stopping;
	bool pending; /* request holds a job the worker has not taken yet */
	printer_request request;
	printer_state state;
	unsigned job;         /* the number of the current or last job */
	unsigned next_number; /* the number the next job gets */
	printer_failure failure;
	char detail[PRINTER_DETAIL_BYTES];

	atomic_bool cancel; /* set by printer_close(): stop the job in progress */
};

/* --- time and messages --------------------------------------------------- */

static int64_t monotonic_ms(void)
{
	struct timespec now;
	clock_gettime(CLOCK_MONOTONIC, &now);
	return (int64_t)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Milliseconds left before the job's deadline (0 when it has passed). */
static int remaining_ms(const printer_run *run)
{
	int64_t left = run->deadline - monotonic_ms();
	if (left <= 0)
		return 0;
	return left > INT32_MAX ? INT32_MAX : (int)left;
}

static int slice_ms(const printer_run *run, int limit)
{
	int left = remaining_ms(run);
	if (left > limit)
		left = limit;
	return left;
}

/* Records the English detail of a failure and returns the failure. */
static printer_failure fail(printer_run *run, printer_failure failure, const char *format, ...)
    KIOSK_PRINTF(3, 4);
static printer_failure fail(printer_run *run, printer_failure failure, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	int written = vsnprintf(run->detail, sizeof run->detail, format, arguments);
	va_end(arguments);
	if (written < 0)
		run->detail[0] = '\0';
	return failure;
}

static printer_failure no_answer(printer_run *run, const char *what)
{
	if (atomic_load(run->cancel))
		return fail(run, PRINTER_FAILURE_NO_ANSWER, "%s %s: cancelled (printer closed)",
		            what, run->target);
	return fail(run, PRINTER_FAILURE_NO_ANSWER, "%s %s: no answer within %d ms", what,
	            run->target, run->deadline_ms);
}

const char *printer_failure_message(printer_failure failure, const translation *messages)
{
	switch (failure) {
	case PRINTER_FAILURE_NONE: return "";
	case PRINTER_FAILURE_NO_PRINTER:
		return translate_text(messages, "Er is geen printer aangesloten.");
	case PRINTER_FAILURE_PAPER_OUT:
		return translate_text(messages, "De printer heeft geen papier meer.");
	case PRINTER_FAILURE_NO_ANSWER:
		return translate_text(messages, "De printer geeft geen antwoord.");
	case PRINTER_FAILURE_STOPPED: return translate_text(messages, "De printer staat uit.");
	case PRINTER_FAILURE_WRITE: return translate_text(messages, "Het printen is mislukt.");
	case PRINTER_FAILURE_SLIP:
		return translate_text(messages, "Het briefje kon niet worden gemaakt.");
	}
	return translate_text(messages, "Het printen is mislukt.");
}

const char *printer_failure_msgid(printer_failure failure)
{
	return printer_failure_message(failure, NULL);
}

/* --- paper ----------------------------------------------------------------- */

slip_paper printer_paper_description(config_paper paper)
{
	switch (paper) {
	case CONFIG_PAPER_58MM: return slip_paper_receipt_58();
	case CONFIG_PAPER_A6: return slip_paper_a6();
	case CONFIG_PAPER_A4: return slip_paper_a4();
	case CONFIG_PAPER_80MM: break;
	}
	return slip_paper_receipt_80();
}

slip_paper printer_slip_paper(const printer *device)
{
	return printer_paper_description(device != NULL ? device->paper : CONFIG_PAPER_80MM);
}

/* --- ESC/POS bytes, shared by the escpos and file backends ------------------ */

static printer_failure encode_escpos(printer_run *run, text_buffer *bytes)
{
	status encoded = escpos_encode_slip(run->image, run->paper->width_dots, bytes);
	if (encoded != STATUS_OK)
		return fail(run, PRINTER_FAILURE_SLIP, "ESC/POS encoding of a %dx%d slip: %s",
		            run->image->width, run->image->height, status_describe(encoded));
	return PRINTER_FAILURE_NONE;
}

/* --- file:PATH ---------------------------------------------------------------- */

static printer_failure file_print(printer_run *run)
{
	text_buffer bytes = {0};
	printer_failure failure = encode_escpos(run, &bytes);
	if (failure == PRINTER_FAILURE_NONE) {
		status written = atomic_file_write_bytes(run->target, bytes.data, bytes.length,
		                                         0644, ATOMIC_FILE_MODE_BEST_EFFORT);
		if (written != STATUS_OK) {
			int error = errno;
			failure =
			    fail(run,
			         error == ENOENT || error == ENOTDIR ? PRINTER_FAILURE_NO_PRINTER
			                                             : PRINTER_FAILURE_WRITE,
			         "write %s: %s (%s)", run->target, status_describe(written),
			         strerror(error));
		}
	}
	text_buffer_free(&bytes);
	return failure;
}

/* --- escpos:PATH ---------------------------------------------------------------- */

/* A serial receipt printer (or a test's pseudo-terminal) is a terminal: raw
 * mode, so the terminal layer neither changes the ESC/POS bytes nor holds
 * the status reply back waiting for a newline. */
static void make_terminal_raw(int descriptor)
{
	struct termios settings;
	if (tcgetattr(descriptor, &settings) != 0)
		return;
	settings.c_iflag &=
	    ~(tcflag_t)(IGNBRK | BRKINT | PARMRK | ISTRIP | INLCR | IGNCR | ICRNL | IXON | IXOFF);
	settings.c_oflag &= ~(tcflag_t)OPOST;
	settings.c_lflag &= ~(tcflag_t)(ECHO | ECHONL | ICANON | ISIG | IEXTEN);
	settings.c_cflag &= ~(tcflag_t)(CSIZE | PARENB);
	settings.c_cflag |= CS8;
	settings.c_cc[VMIN] = 1;
	settings.c_cc[VTIME] = 0;
	(void)tcsetattr(descriptor, TCSANOW, &settings);
}

/* The worker blocks SIGPIPE, so a reader that goes away gives EPIPE instead
 * of killing the kiosk; the signal is then pending on this thread: take it. */
static void discard_pending_sigpipe(void)
{
	sigset_t pipe_signal;
	sigemptyset(&pipe_signal);
	sigaddset(&pipe_signal, SIGPIPE);
	sigset_t pending;
	if (sigpending(&pending) == 0 && sigismember(&pending, SIGPIPE) == 1) {
		struct timespec no_wait = {0, 0};
		(void)sigtimedwait(&pipe_signal, NULL, &no_wait);
	}
}

static printer_failure write_failure(printer_run *run, const char *what, int error)
{
	if (error == EPIPE)
		discard_pending_sigpipe();
	printer_failure failure =
	    error == ENODEV || error == ENXIO ? PRINTER_FAILURE_NO_PRINTER : PRINTER_FAILURE_WRITE;
	return fail(run, failure, "%s %s: %s", what, run->target, strerror(error));
}

/* Writes all `length` bytes before the deadline, never blocking longer than
 * a slice: the device is non-blocking and poll() says when it takes more. */
static printer_failure write_all(printer_run *run, int descriptor, const uint8_t *bytes,
                                 size_t length, const char *what)
{
	size_t written = 0;
	while (written < length) {
		if (atomic_load(run->cancel))
			return no_answer(run, what);
		int wait = slice_ms(run, SLICE_MS);
		if (wait == 0)
			return no_answer(run, what);
		struct pollfd ready = {.fd = descriptor, .events = POLLOUT, .revents = 0};
		int polled = poll(&ready, 1, wait);
		if (polled < 0 && errno != EINTR)
			return write_failure(run, what, errno);
		if (polled <= 0)
			continue;
		/* POLLERR or POLLHUP too: the write says what went wrong. */
		size_t chunk = length - written;
		if (chunk > WRITE_CHUNK_BYTES)
			chunk = WRITE_CHUNK_BYTES;
		ssize_t sent = write(descriptor, bytes + written, chunk);
		if (sent < 0) {
			if (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR)
				continue;
			return write_failure(run, what, errno);
		}
		written += (size_t)sent;
	}
	return PRINTER_FAILURE_NONE;
}

/* Asks a printer that can be read back for its paper (DLE EOT 4) and waits
 * up to PRINTER_STATUS_WAIT_MS for the one-byte answer. No answer, or one
 * that is not a status byte, means "unknown": print anyway, as a printer
 * without a return channel would. */
static printer_failure check_paper(printer_run *run, int descriptor)
{
	uint8_t stale[64];
	for (int round = 0; round < 16 && read(descriptor, stale, sizeof stale) > 0; round++) {
		/* Old replies from an earlier job must not be taken for this one. */
	}
	printer_failure failure = write_all(run, descriptor, escpos_status_query,
	                                    ESCPOS_STATUS_QUERY_LENGTH, "status query to");
	if (failure != PRINTER_FAILURE_NONE)
		return failure;
	int64_t until = monotonic_ms() + PRINTER_STATUS_WAIT_MS;
	if (until > run->deadline)
		until = run->deadline;
	for (;;) {
		if (atomic_load(run->cancel))
			return no_answer(run, "status query to");
		int64_t left = until - monotonic_ms();
		if (left <= 0)
			return PRINTER_FAILURE_NONE;
		struct pollfd ready = {.fd = descriptor, .events = POLLIN, .revents = 0};
		int polled = poll(&ready, 1, left < SLICE_MS ? (int)left : SLICE_MS);
		if (polled <= 0)
			continue;
		if (!(ready.revents & POLLIN))
			return PRINTER_FAILURE_NONE; /* hung up or error: no return channel */
		uint8_t reply = 0;
		ssize_t got = read(descriptor, &reply, 1);
		if (got < 0 && (errno == EAGAIN || errno == EINTR))
			continue;
		if (got != 1)
			return PRINTER_FAILURE_NONE;
		escpos_paper paper = ESCPOS_PAPER_PRESENT;
		if (escpos_parse_paper_status(reply, &paper) != STATUS_OK)
			continue; /* noise: wait for the real answer */
		if (paper == ESCPOS_PAPER_OUT)
			return fail(run, PRINTER_FAILURE_PAPER_OUT,
			            "%s: paper out (status byte 0x%02x)", run->target, reply);
		return PRINTER_FAILURE_NONE;
	}
}

static printer_failure escpos_print(printer_run *run)
{
	text_buffer bytes = {0};
	printer_failure failure = encode_escpos(run, &bytes);
	if (failure != PRINTER_FAILURE_NONE)
		return failure;
	struct stat info;
	int descriptor = -1;
	bool read_back = false;
	if (stat(run->target, &info) != 0) {
		failure = fail(run, PRINTER_FAILURE_NO_PRINTER, "open %s: %s", run->target,
		               strerror(errno));
		goto done;
	}
	if (S_ISDIR(info.st_mode)) {
		failure =
		    fail(run, PRINTER_FAILURE_NO_PRINTER, "open %s: is a directory", run->target);
		goto done;
	}
	/* Only a character device can answer (a USB printer, a serial line): a
	 * FIFO opened for reading too would be its own reader and never notice
	 * that the real one went away. */
	int flags = O_NONBLOCK | O_NOCTTY | O_CLOEXEC;
	if (S_ISCHR(info.st_mode)) {
		descriptor = open(run->target, O_RDWR | flags);
		read_back = descriptor >= 0;
	}
	if (descriptor < 0)
		descriptor =
		    open(run->target, O_WRONLY | flags | (S_ISREG(info.st_mode) ? O_TRUNC : 0));
	if (descriptor < 0) {
		/* ENXIO: a FIFO that nobody reads, a device without its printer. */
		failure = fail(run, PRINTER_FAILURE_NO_PRINTER, "open %s: %s", run->target,
		               strerror(errno));
		goto done;
	}
	make_terminal_raw(descriptor);
	if (read_back)
		failure = check_paper(run, descriptor);
	if (failure == PRINTER_FAILURE_NONE)
		failure = write_all(run, descriptor, (const uint8_t *)bytes.data, bytes.length,
		                    "write to");
done:
	if (descriptor >= 0)
		close(descriptor);
	text_buffer_free(&bytes);
	return failure;
}

/* --- cups:QUEUE ------------------------------------------------------------------ */

/* Lengths in PDF points (1/72 inch) written with two decimals by integer
 * arithmetic: the C locale's decimal point whatever setlocale() said. */
static status append_points(text_buffer *out, long hundredths)
{
	return text_buffer_append_format(out, "%ld.%02ld", hundredths / 100, hundredths % 100);
}

static long dots_to_hundredth_points(int dots, double dots_per_mm)
{
	return (long)((double)dots / dots_per_mm / 25.4 * 7200.0 + 0.5);
}

/* PDF's RunLengthDecode: a length byte 0..127 copies the next 1..128 bytes,
 * 257 - n (129..255) repeats the next byte 2..128 times, 128 ends. A slip is
 * mostly white, so this shrinks it to a few kilobytes. */
static status append_run_length(text_buffer *out, const uint8_t *bytes, size_t length)
{
	status result = STATUS_OK;
	size_t position = 0;
	while (position < length && result == STATUS_OK) {
		size_t run = 1;
		while (position + run < length && run < 128 &&
		       bytes[position + run] == bytes[position])
			run++;
		if (run >= 2) {
			char repeat[2] = {(char)(257 - run), (char)bytes[position]};
			result = text_buffer_append(out, repeat, 2);
			position += run;
			continue;
		}
		/* A literal stretch up to the next pair of equal bytes. */
		size_t literal = 1;
		while (position + literal < length && literal < 128 &&
		       !(position + literal + 1 < length &&
		         bytes[position + literal] == bytes[position + literal + 1]))
			literal++;
		char count = (char)(literal - 1);
		result = text_buffer_append(out, &count, 1);
		if (result == STATUS_OK)
			result = text_buffer_append(out, (const char *)bytes + position, literal);
		position += literal;
	}
	if (result == STATUS_OK)
		result = text_buffer_append(out, "\x80", 1);
	return result;
}

/* A one-page PDF that shows `image` at the paper's resolution: every CUPS
 * queue takes PDF (cups-filters turn it into what a receipt printer's driver
 * or an office printer wants), and its page has the slip's real size. */
static status build_pdf(const bitmap *image, const slip_paper *paper, text_buffer *out)
{
	long image_width = dots_to_hundredth_points(image->width, paper->dots_per_mm);
	long image_height = dots_to_hundredth_points(image->height, paper->dots_per_mm);
	long page_width = image_width, page_height = image_height;
	if (paper->page) {
		page_width = dots_to_hundredth_points(paper->width_dots, paper->dots_per_mm);
		page_height = dots_to_hundredth_points(paper->height_dots, paper->dots_per_mm);
		if (page_height < image_height)
			page_height = image_height;
	}
	text_buffer stream = {0};
	status result =
	    append_run_length(&stream, image->bits, image->stride * (size_t)image->height);
	size_t offsets[6] = {0};
	if (result == STATUS_OK)
		result = text_buffer_append_string(out, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
	if (result == STATUS_OK) {
		offsets[1] = out->length;
		result = text_buffer_append_string(
		    out, "1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	}
	if (result == STATUS_OK) {
		offsets[2] = out->length;
		result = text_buffer_append_string(
		    out, "2 0 obj\n<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	}
	if (result == STATUS_OK) {
		offsets[3] = out->length;
		result = text_buffer_append_string(
		    out, "3 0 obj\n<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ");
	}
	if (result == STATUS_OK)
		result = append_points(out, page_width);
	if (result == STATUS_OK)
		result = text_buffer_append_string(out, " ");
	if (result == STATUS_OK)
		result = append_points(out, page_height);
	if (result == STATUS_OK)
		result = text_buffer_append_string(
		    out, "] /Resources << /XObject << /Slip 4 0 R >> >> /Contents 5 0 R >>\n"
		         "endobj\n");
	if (result == STATUS_OK) {
		offsets[4] = out->length;
		result = text_buffer_append_format(
		    out,
		    "4 0 obj\n<< /Type /XObject /Subtype /Image /Width %d /Height %d "
		    "/ColorSpace /DeviceGray /BitsPerComponent 1 /Decode [1 0] "
		    "/Filter /RunLengthDecode /Length %zu >>\nstream\n",
		    image->width, image->height, stream.length);
	}
	if (result == STATUS_OK)
		result = text_buffer_append(out, stream.data, stream.length);
	if (result == STATUS_OK)
		result = text_buffer_append_string(out, "\nendstream\nendobj\n");
	/* The image at the top left of the page: its own size, not scaled. */
	text_buffer contents = {0};
	if (result == STATUS_OK)
		result = text_buffer_append_string(&contents, "q ");
	if (result == STATUS_OK)
		result = append_points(&contents, image_width);
	if (result == STATUS_OK)
		result = text_buffer_append_string(&contents, " 0 0 ");
	if (result == STATUS_OK)
		result = append_points(&contents, image_height);
	if (result == STATUS_OK)
		result = text_buffer_append_string(&contents, " 0 ");
	if (result == STATUS_OK)
		result = append_points(&contents, page_height - image_height);
	if (result == STATUS_OK)
		result = text_buffer_append_string(&contents, " cm /Slip Do Q\n");
	if (result == STATUS_OK) {
		offsets[5] = out->length;
		result = text_buffer_append_format(out, "5 0 obj\n<< /Length %zu >>\nstream\n",
		                                   contents.length);
	}
	if (result == STATUS_OK)
		result = text_buffer_append(out, contents.data, contents.length);
	if (result == STATUS_OK)
		result = text_buffer_append_string(out, "endstream\nendobj\n");
	size_t xref = out->length;
	if (result == STATUS_OK)
		result = text_buffer_append_string(out, "xref\n0 6\n0000000000 65535 f \n");
	for (size_t object = 1; object < 6 && result == STATUS_OK; object++)
		result = text_buffer_append_format(out, "%010zu 00000 n \n", offsets[object]);
	if (result == STATUS_OK)
		result = text_buffer_append_format(
		    out, "trailer\n<< /Size 6 /Root 1 0 R >>\nstartxref\n%zu\n%%%%EOF\n", xref);
	text_buffer_free(&contents);
	text_buffer_free(&stream);
	return result;
}

/* libcups calls this whenever the server has been silent for a slice:
 * 1 = keep waiting, 0 = give up (deadline passed, or the printer closes). */
static int keep_waiting(http_t *connection, void *context)
{
	(void)connection;
	const printer_run *run = context;
	return !atomic_load(run->cancel) && remaining_ms(run) > 0;
}

typedef struct queue_status {
	bool found;
	bool stopped;   /* printer-state stopped, or not accepting jobs */
	bool paper_out; /* printer-state-reasons media-empty / media-needed */
	char reasons[128];
} queue_status;

static bool has_reason(ipp_attribute_t *reasons, const char *prefix)
{
	for (int index = 0; index < ippGetCount(reasons); index++) {
		const char *reason = ippGetString(reasons, index, NULL);
		if (reason != NULL && strncmp(reason, prefix, strlen(prefix)) == 0)
			return true;
	}
	return false;
}

/* Asks the server how the queue is. False when the request itself failed
 * (no answer): cupsLastError() says more. */
static bool ask_queue_status(http_t *connection, const char *queue_uri, queue_status *out)
{
	static const char *const wanted[] = {"printer-state", "printer-is-accepting-jobs",
	                                     "printer-state-reasons"};
	memset(out, 0, sizeof *out);
	ipp_t *request = ippNewRequest(IPP_OP_GET_PRINTER_ATTRIBUTES);
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, queue_uri);
	ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes",
	              (int)(sizeof wanted / sizeof wanted[0]), NULL, wanted);
	ipp_t *response = cupsDoRequest(connection, request, "/");
	ipp_status_t answer = cupsLastError();
	if (response == NULL) {
		return answer == IPP_STATUS_ERROR_NOT_FOUND; /* found stays false */
	}
	if (answer == IPP_STATUS_ERROR_NOT_FOUND) {
		ippDelete(response);
		return true;
	}
	out->found = answer <= IPP_STATUS_OK_EVENTS_COMPLETE;
	ipp_attribute_t *state = ippFindAttribute(response, "printer-state", IPP_TAG_ENUM);
	ipp_attribute_t *accepting =
	    ippFindAttribute(response, "printer-is-accepting-jobs", IPP_TAG_BOOLEAN);
	ipp_attribute_t *reasons =
	    ippFindAttribute(response, "printer-state-reasons", IPP_TAG_KEYWORD);
	out->stopped = (state != NULL && ippGetInteger(state, 0) == IPP_PSTATE_STOPPED) ||
	               (accepting != NULL && !ippGetBoolean(accepting, 0));
	out->paper_out = reasons != NULL && (has_reason(reasons, "media-empty") ||
	                                     has_reason(reasons, "media-needed"));
	if (reasons != NULL)
		(void)text_copy(
		    out->reasons, sizeof out->reasons,
		    ippGetString(reasons, 0, NULL) != NULL ? ippGetString(reasons, 0, NULL) : "");
	ippDelete(response);
	return true;
}

/* The failure a queue's state explains, or NONE when it looks ready. */
static printer_failure queue_failure(printer_run *run, const queue_status *queue)
{
	if (!queue->found)
		return fail(run, PRINTER_FAILURE_NO_PRINTER, "CUPS queue %s does not exist",
		            run->target);
	if (queue->paper_out)
		return fail(run, PRINTER_FAILURE_PAPER_OUT, "CUPS queue %s: %s", run->target,
		            queue->reasons);
	if (queue->stopped)
		return fail(run, PRINTER_FAILURE_STOPPED, "CUPS queue %s is stopped (%s)",
		            run->target, queue->reasons);
	return PRINTER_FAILURE_NONE;
}

/* The state of job `job_id`, or 0 when it cannot be asked; `reason` gets
 * its first job-state-reasons keyword ("" when none). */
static ipp_jstate_t ask_job_state(http_t *connection, const char *queue_uri, int job_id,
                                  char *reason, size_t reason_size)
{
	static const char *const wanted[] = {"job-state", "job-state-reasons"};
	reason[0] = '\0';
	ipp_t *request = ippNewRequest(IPP_OP_GET_JOB_ATTRIBUTES);
	ippAddString(request, IPP_TAG_OPERATION, IPP_TAG_URI, "printer-uri", NULL, queue_uri);
	ippAddInteger(request, IPP_TAG_OPERATION, IPP_TAG_INTEGER, "job-id", job_id);
	ippAddStrings(request, IPP_TAG_OPERATION, IPP_TAG_KEYWORD, "requested-attributes", 2, NULL,
	              wanted);
	ipp_t *response = cupsDoRequest(connection, request, "/");
	ipp_jstate_t state = (ipp_jstate_t)0;
	if (response != NULL) {
		ipp_attribute_t *attribute = ippFindAttribute(response, "job-state", IPP_TAG_ENUM);
		if (attribute != NULL)
			state = (ipp_jstate_t)ippGetInteger(attribute, 0);
		ipp_attribute_t *reasons =
		    ippFindAttribute(response, "job-state-reasons", IPP_TAG_KEYWORD);
		const char *first = reasons != NULL ? ippGetString(reasons, 0, NULL) : NULL;
		(void)text_copy(reason, reason_size, first != NULL ? first : "");
		ippDelete(response);
	}
	return state;
}

/* Sends the PDF as one job; returns its id, or 0 with *failure set. */
static int send_job(printer_run *run, http_t *connection, const text_buffer *document,
                    printer_failure *failure)
{
	cups_option_t *options = NULL;
	int option_count = 0;
	if (run->paper->page)
		option_count =
		    cupsAddOption("media", strcasecmp(run->paper->name, "a6") == 0 ? "A6" : "A4",
		                  option_count, &options);
	/* The title shows in the queue: no offer or person, only the program. */
	int job_id = cupsCreateJob(connection, run->target, "Buurtkiosk", option_count, options);
	cupsFreeOptions(option_count, options);
	if (job_id <= 0) {
		*failure = fail(run, PRINTER_FAILURE_WRITE, "CUPS queue %s refused the job: %s",
		                run->target, cupsLastErrorString());
		return 0;
	}
	bool sent = cupsStartDocument(connection, run->target, job_id, "slip", CUPS_FORMAT_PDF,
	                              1) == HTTP_STATUS_CONTINUE;
	for (size_t position = 0; sent && position < document->length;) {
		size_t chunk = document->length - position;
		if (chunk > 65536)
			chunk = 65536;
		sent = cupsWriteRequestData(connection, document->data + position, chunk) ==
		       HTTP_STATUS_CONTINUE;
		position += chunk;
	}
	/* Finishing reads the server's answer, also after a failed write. */
	ipp_status_t finished = cupsFinishDocument(connection, run->target);
	if (!sent || finished > IPP_STATUS_OK_EVENTS_COMPLETE) {
		if (!keep_waiting(connection, run))
			*failure = no_answer(run, "CUPS queue");
		else
			*failure =
			    fail(run, PRINTER_FAILURE_WRITE, "CUPS queue %s: sending failed: %s",
			         run->target, cupsLastErrorString());
		(void)cupsCancelJob2(connection, run->target, job_id, 0);
		return 0;
	}
	*failure = PRINTER_FAILURE_NONE;
	return job_id;
}

/* Waits for the job to complete. A job that cannot complete (queue stopped,
 * deadline passed) is cancelled: a slip that comes out minutes later, for
 * nobody, is worse than none. */
static printer_failure wait_for_job(printer_run *run, http_t *connection, const char *queue_uri,
                                    int job_id)
{
	for (;;) {
		char reason[64];
		ipp_jstate_t state =
		    ask_job_state(connection, queue_uri, job_id, reason, sizeof reason);
		if (state == IPP_JSTATE_COMPLETED)
			return PRINTER_FAILURE_NONE;
		queue_status queue;
		bool asked = ask_queue_status(connection, queue_uri, &queue);
		printer_failure failure = PRINTER_FAILURE_NONE;
		/* Cancelled or aborted; or held or stopped, which is what CUPS does
		 * with a job whose filter failed: it waits for someone to release it,
		 * so it will not print now. */
		if (state == IPP_JSTATE_CANCELED || state == IPP_JSTATE_ABORTED ||
		    state == IPP_JSTATE_HELD || state == IPP_JSTATE_STOPPED) {
			failure = asked ? queue_failure(run, &queue) : PRINTER_FAILURE_NONE;
			if (failure == PRINTER_FAILURE_NONE)
				failure =
				    fail(run, PRINTER_FAILURE_WRITE,
				         "CUPS queue %s: job %d is %s (%s)", run->target, job_id,
				         ippEnumString("job-state", (int)state), reason);
			if (state == IPP_JSTATE_HELD || state == IPP_JSTATE_STOPPED)
				(void)cupsCancelJob2(connection, run->target, job_id, 0);
			return failure;
		}
		if (asked)
			failure = queue_failure(run, &queue);
		if (failure == PRINTER_FAILURE_NONE && remaining_ms(run) == 0)
			failure = no_answer(run, "CUPS queue");
		if (failure == PRINTER_FAILURE_NONE && atomic_load(run->cancel))
			failure = no_answer(run, "CUPS queue");
		if (failure != PRINTER_FAILURE_NONE) {
			(void)cupsCancelJob2(connection, run->target, job_id, 0);
			return failure;
		}
		struct timespec pause = {0, (long)slice_ms(run, CUPS_POLL_MS) * 1000000L};
		nanosleep(&pause, NULL);
	}
}

static printer_failure cups_print(printer_run *run)
{
	text_buffer document = {0};
	status built = build_pdf(run->image, run->paper, &document);
	if (built != STATUS_OK) {
		text_buffer_free(&document);
		return fail(run, PRINTER_FAILURE_SLIP, "PDF of the slip: %s",
		            status_describe(built));
	}
	/* cupsServer() and ippPort() follow CUPS_SERVER and client.conf. */
	const char *server = cupsServer();
	int connect_ms = slice_ms(run, run->deadline_ms);
	http_t *connection =
	    httpConnect2(server, ippPort(), NULL, AF_UNSPEC, cupsEncryption(), 1, connect_ms, NULL);
	printer_failure failure = PRINTER_FAILURE_NONE;
	if (connection == NULL) {
		failure = fail(run, PRINTER_FAILURE_NO_PRINTER, "CUPS server %s:%d: %s", server,
		               ippPort(), cupsLastErrorString());
		goto done;
	}
	httpSetTimeout(connection, SLICE_MS / 1000.0, keep_waiting, run);
	char queue_uri[HTTP_MAX_URI];
	httpAssembleURIf(HTTP_URI_CODING_ALL, queue_uri, sizeof queue_uri, "ipp", NULL, "localhost",
	                 ippPort(), "/printers/%s", run->target);
	queue_status queue;
	if (!ask_queue_status(connection, queue_uri, &queue)) {
		failure = keep_waiting(connection, run)
		              ? fail(run, PRINTER_FAILURE_NO_PRINTER, "CUPS queue %s: %s",
		                     run->target, cupsLastErrorString())
		              : no_answer(run, "CUPS queue");
		goto done;
	}
	failure = queue_failure(run, &queue);
	if (failure != PRINTER_FAILURE_NONE)
		goto done;
	int job_id = send_job(run, connection, &document, &failure);
	if (job_id > 0)
		failure = wait_for_job(run, connection, queue_uri, job_id);
done:
	httpClose(connection);
	text_buffer_free(&document);
	return failure;
}

/* --- the worker and the job interface -------------------------------------- */

static const printer_backend escpos_backend = {"escpos", escpos_print};
static const printer_backend file_backend = {"file", file_print};
static const printer_backend cups_backend = {"cups", cups_print};

/* Runs one job: the slip rendered (when the job brought a renderer), then
 * handed to the backend. Frees the image and releases the context. */
static printer_failure run_job(printer *device, printer_request *request, char *detail,
                               size_t detail_size)
{
	slip_paper paper = printer_slip_paper(device);
	printer_run run = {.target = device->target,
	                   .paper = &paper,
	                   .image = &request->image,
	                   .deadline = monotonic_ms() + device->deadline_ms,
	                   .deadline_ms = device->deadline_ms,
	                   .cancel = &device->cancel,
	                   .detail = ""};
	printer_failure failure = PRINTER_FAILURE_NONE;
	if (request->render != NULL) {
		status rendered = request->render(request->context, &paper, &request->image);
		if (request->release != NULL)
			request->release(request->context);
		if (rendered != STATUS_OK)
			failure = fail(&run, PRINTER_FAILURE_SLIP, "rendering the slip: %s",
			               status_describe(rendered));
		else if (request->image.bits == NULL || request->image.width < 1 ||
		         request->image.width > paper.width_dots)
			failure = fail(&run, PRINTER_FAILURE_SLIP,
			               "the renderer made a %d dots wide slip for %d dots paper",
			               request->image.width, paper.width_dots);
	}
	if (failure == PRINTER_FAILURE_NONE)
		failure = device->backend->print(&run);
	bitmap_free(&request->image);
	(void)text_copy(detail, detail_size, run.detail);
	return failure;
}

static void *worker_main(void *argument)
{
	printer *device = argument;
	/* A printer FIFO or socket whose reader went away must give EPIPE on this
	 * thread, not kill the kiosk with SIGPIPE. */
	sigset_t pipe_signal;
	sigemptyset(&pipe_signal);
	sigaddset(&pipe_signal, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &pipe_signal, NULL);

	pthread_mutex_lock(&device->lock);
	for (;;) {
		while (!device->stopping && !device->pending)
			pthread_cond_wait(&device->wake, &device->lock);
		if (device->stopping)
			break;
		printer_request request = device->request;
		memset(&device->request, 0, sizeof device->request);
		device->pending = false;
		pthread_mutex_unlock(&device->lock);

		char detail[PRINTER_DETAIL_BYTES] = "";
		printer_failure failure = run_job(device, &request, detail, sizeof detail);

		pthread_mutex_lock(&device->lock);
		device->failure = failure;
		(void)text_copy(device->detail, sizeof device->detail, detail);
		device->state = failure == PRINTER_FAILURE_NONE ? PRINTER_DONE : PRINTER_FAILED;
		pthread_cond_broadcast(&device->finished);
	}
	pthread_mutex_unlock(&device->lock);
	return NULL;
}

status printer_open_with_deadline(const kiosk_config *config, int deadline_ms, printer **out)
{
	if (out != NULL)
		*out = NULL;
	if (config == NULL || out == NULL || deadline_ms < 1 || deadline_ms > MAX_DEADLINE_MS)
		return STATUS_USAGE;
	printer *device = calloc(1, sizeof *device);
	if (device == NULL)
		return STATUS_NO_MEMORY;
	device->kind = config->printer_kind;
	device->paper = config->printer_paper;
	device->deadline_ms = deadline_ms;
	device->next_number = 1;
	atomic_init(&device->cancel, false);
	if (!text_copy(device->target, sizeof device->target, config->printer_target)) {
		free(device);
		return STATUS_USAGE;
	}
	switch (config->printer_kind) {
	case CONFIG_PRINTER_ESCPOS: device->backend = &escpos_backend; break;
	case CONFIG_PRINTER_FILE: device->backend = &file_backend; break;
	case CONFIG_PRINTER_CUPS: device->backend = &cups_backend; break;
	case CONFIG_PRINTER_NONE: device->backend = NULL; break;
	}
	if (device->backend != NULL && device->target[0] == '\0') {
		free(device);
		return STATUS_USAGE;
	}
	if (pthread_mutex_init(&device->lock, NULL) != 0) {
		free(device);
		return STATUS_NO_MEMORY;
	}
	if (pthread_cond_init(&device->wake, NULL) != 0) {
		pthread_mutex_destroy(&device->lock);
		free(device);
		return STATUS_NO_MEMORY;
	}
	if (pthread_cond_init(&device->finished, NULL) != 0) {
		pthread_cond_destroy(&device->wake);
		pthread_mutex_destroy(&device->lock);
		free(device);
		return STATUS_NO_MEMORY;
	}
	if (device->backend != NULL) {
		if (pthread_create(&device->worker, NULL, worker_main, device) != 0) {
			pthread_cond_destroy(&device->finished);
			pthread_cond_destroy(&device->wake);
			pthread_mutex_destroy(&device->lock);
			free(device);
			return STATUS_IO;
		}
		device->worker_started = true;
	}
	*out = device;
	return STATUS_OK;
}

status printer_open(const kiosk_config *config, printer **out)
{
	return printer_open_with_deadline(config, PRINTER_DEADLINE_MS, out);
}

void printer_close(printer *device)
{
	if (device == NULL)
		return;
	if (device->worker_started) {
		atomic_store(&device->cancel, true);
		pthread_mutex_lock(&device->lock);
		device->stopping = true;
		pthread_cond_broadcast(&device->wake);
		pthread_mutex_unlock(&device->lock);
		pthread_join(device->worker, NULL);
	}
	/* A job submitted but never taken by the worker. */
	if (device->pending) {
		if (device->request.render != NULL && device->request.release != NULL)
			device->request.release(device->request.context);
		bitmap_free(&device->request.image);
	}
	pthread_cond_destroy(&device->finished);
	pthread_cond_destroy(&device->wake);
	pthread_mutex_destroy(&device->lock);
	free(device);
}

bool printer_available(const printer *device)
{
	return device != NULL && device->backend != NULL;
}

/* Queues `request` for the worker unless a job is BUSY. */
static status submit(printer *device, const printer_request *request, unsigned *job)
{
	pthread_mutex_lock(&device->lock);
	if (device->state == PRINTER_BUSY) {
		pthread_mutex_unlock(&device->lock);
		return STATUS_REFUSED;
	}
	unsigned number = device->next_number++;
	if (device->next_number == 0)
		device->next_number = 1;
	device->request = *request;
	device->request.number = number;
	device->pending = true;
	device->state = PRINTER_BUSY;
	device->job = number;
	device->failure = PRINTER_FAILURE_NONE;
	device->detail[0] = '\0';
	pthread_cond_signal(&device->wake);
	pthread_mutex_unlock(&device->lock);
	if (job != NULL)
		*job = number;
	return STATUS_OK;
}

status printer_submit_bitmap(printer *device, bitmap *image, unsigned *job)
{
	if (!printer_available(device) || image == NULL)
		return STATUS_USAGE;
	slip_paper paper = printer_slip_paper(device);
	if (image->bits == NULL || image->width < 1 || image->height < 1 ||
	    image->width > paper.width_dots)
		return STATUS_INVALID;
	printer_request request = {.image = *image};
	status result = submit(device, &request, job);
	if (result == STATUS_OK)
		memset(image, 0, sizeof *image);
	return result;
}

status printer_submit_render(printer *device, printer_render_function render, void *context,
                             printer_release_function release, unsigned *job)
{
	if (!printer_available(device) || render == NULL)
		return STATUS_USAGE;
	printer_request request = {.render = render, .context = context, .release = release};
	return submit(device, &request, job);
}

/* Copies the state out; a reported outcome makes the printer IDLE. Called
 * with the lock held. */
static printer_state report(printer *device, printer_job_state *out)
{
	memset(out, 0, sizeof *out);
	out->state = device->state;
	if (device->state == PRINTER_IDLE)
		return out->state;
	out->job = device->job;
	if (device->state == PRINTER_FAILED) {
		out->failure = device->failure;
		out->message = printer_failure_msgid(device->failure);
		(void)text_copy(out->detail, sizeof out->detail, device->detail);
	}
	if (device->state == PRINTER_DONE || device->state == PRINTER_FAILED)
		device->state = PRINTER_IDLE;
	return out->state;
}

printer_state printer_poll(printer *device, printer_job_state *out)
{
	printer_job_state ignored;
	if (out == NULL)
		out = &ignored;
	if (device == NULL) {
		memset(out, 0, sizeof *out);
		return PRINTER_IDLE;
	}
	pthread_mutex_lock(&device->lock);
	printer_state state = report(device, out);
	pthread_mutex_unlock(&device->lock);
	return state;
}

printer_state printer_wait(printer *device, printer_job_state *out)
{
	printer_job_state ignored;
	if (out == NULL)
		out = &ignored;
	if (device == NULL) {
		memset(out, 0, sizeof *out);
		return PRINTER_IDLE;
	}
	pthread_mutex_lock(&device->lock);
	while (device->state == PRINTER_BUSY)
		pthread_cond_wait(&device->finished, &device->lock);
	printer_state state = report(device, out);
	pthread_mutex_unlock(&device->lock);
	return state;
}

status printer_test_text(const kiosk_config *config, bool catalogue_known, size_t offer_count,
                         local_time now, text_buffer *out)
{
	slip_paper paper = printer_paper_description(config->printer_paper);
	char today[17] = "";
	schedule_format_local(now, today);
	status result = text_buffer_append_format(
	    out, "%s\nPlaats: %.5f, %.5f\nPrinter: %s\nPapier: %s (%d punten breed)\n",
	    config->centre_name, config->latitude, config->longitude, config->printer_uri,
	    paper.name, paper.width_dots);
	if (result == STATUS_OK) {
		result = catalogue_known
		             ? text_buffer_append_format(out, "Catalogus: %zu aanbiedingen\n",
		                                         offer_count)
		             : text_buffer_append_string(out, "Catalogus: niet te lezen\n");
	}
	if (result == STATUS_OK) {
		result = text_buffer_append_format(out, "Versie: buurtkiosk %s\nGeprint: %s\n",
		                                   KIOSK_VERSION, today);
	}
	return result;
}
