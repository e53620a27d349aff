/* usb_stick.c — finding, reading and writing volunteers' USB sticks without
 * trusting anything on them: every name is looked up relative to a directory
 * descriptor with O_NOFOLLOW, and only regular files on the stick's own file
 * system are ever opened. */
#define _POSIX_C_SOURCE 200809L

#include "usb_stick.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/inotify.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <time.h>
#include <unistd.h>

#include "catalogue.h"
#include "csv.h"
#include "import.h"
#include "text.h"

#define ENTRY_NAME_BYTES 256u /* NAME_MAX + 1 */
#define READ_CHUNK_BYTES (256u * 1024u)
/* import_write_template()'s file is a few kilobytes. */
#define MAX_TEMPLATE_BYTES (1024u * 1024u)
#define QUICK_RESCANS      3

/* ---------------------------------------------------------------------------
 * Messages.
 * ------------------------------------------------------------------------- */

const char *usb_stick_problem_message(usb_stick_problem problem, const translation *messages)
{
	switch (problem) {
	case USB_STICK_PROBLEM_NONE: return "";
	case USB_STICK_PROBLEM_NO_CATALOGUE:
		return translate_text(messages, "Er staat geen catalogus op de stick.");
	case USB_STICK_PROBLEM_UNSAFE:
		return translate_text(
		    messages, "Het bestand op de stick is geen gewoon bestand (bijvoorbeeld "
		              "een snelkoppeling). De kiosk gebruikt het niet. Er is niets "
		              "veranderd.");
	case USB_STICK_PROBLEM_TOO_LARGE:
		return translate_text(messages, "Het bestand is te groot. De kiosk leest bestanden "
		                                "tot 20 MB. Er is niets veranderd.");
	case USB_STICK_PROBLEM_REMOVED:
		return translate_text(
		    messages, "De stick is verwijderd tijdens het lezen. Er is niets veranderd.");
	case USB_STICK_PROBLEM_CHANGED:
		return translate_text(messages, "Het bestand veranderde tijdens het lezen. Er is "
		                                "niets veranderd. Probeer het opnieuw.");
	case USB_STICK_PROBLEM_UNREADABLE:
		return translate_text(messages,
		                      "Het bestand is niet te lezen. Misschien is de stick eruit "
		                      "gehaald of kapot. Er is niets veranderd.");
	case USB_STICK_PROBLEM_CANCELLED:
		return translate_text(messages, "Het lezen is gestopt. Er is niets veranderd.");
	case USB_STICK_PROBLEM_NOT_OURS:
		return translate_text(messages, "Op deze stick staat geen map buurtkiosk. De kiosk "
		                                "zet er niets op.");
	case USB_STICK_PROBLEM_READ_ONLY:
		return translate_text(messages,
		                      "De stick is alleen-lezen. Er is niets op de stick gezet.");
	case USB_STICK_PROBLEM_FULL:
		return translate_text(messages, "De stick is vol. Dit bestand is niet op de stick "
		                                "gezet.");
	case USB_STICK_PROBLEM_REMOVED_WRITING:
		return translate_text(messages, "De stick is verwijderd tijdens het schrijven. Dit "
		                                "bestand is niet op de stick gezet.");
	case USB_STICK_PROBLEM_WRITE_FAILED:
		return translate_text(messages,
		                      "Schrijven naar de stick is mislukt. Dit bestand is "
		                      "niet op de stick gezet.");
	}
	return translate_text(messages, "Schrijven naar de stick is mislukt. Dit bestand is "
	                                "niet op de stick gezet.");
}

const char *usb_stick_problem_name(usb_stick_problem problem)
{
	switch (problem) {
	case USB_STICK_PROBLEM_NONE: return "none";
	case USB_STICK_PROBLEM_NO_CATALOGUE: return "no-catalogue";
	case USB_STICK_PROBLEM_UNSAFE: return "unsafe";
	case USB_STICK_PROBLEM_TOO_LARGE: return "too-large";
	case USB_STICK_PROBLEM_REMOVED: return "removed";
	case USB_STICK_PROBLEM_CHANGED: return "changed";
	case USB_STICK_PROBLEM_UNREADABLE: return "unreadable";
	case USB_STICK_PROBLEM_CANCELLED: return "cancelled";
	case USB_STICK_PROBLEM_NOT_OURS: return "not-ours";
	case USB_STICK_PROBLEM_READ_ONLY: return "read-only";
	case USB_STICK_PROBLEM_FULL: return "full";
	case USB_STICK_PROBLEM_REMOVED_WRITING: return "removed-writing";
	case USB_STICK_PROBLEM_WRITE_FAILED: return "write-failed";
	}
	return "unknown";
}

const char *usb_stick_content_name(usb_stick_content content)
{
	switch (content) {
	case USB_STICK_CONTENT_NOTHING: return "nothing";
	case USB_STICK_CONTENT_CATALOGUE: return "catalogue";
	case USB_STICK_CONTENT_FOLDER_ONLY: return "folder-only";
	case USB_STICK_CONTENT_REFUSED: return "refused";
	}
	return "unknown";
}

/* ---------------------------------------------------------------------------
 * Recognising a catalogue's header: by the importer's own rules.
 * ------------------------------------------------------------------------- */

bool usb_stick_header_is_catalogue(const char *bytes, size_t length)
{
	if (bytes == NULL)
		return false;
	if (length > USB_STICK_HEADER_BYTES)
		length = USB_STICK_HEADER_BYTES;
	csv_reader *reader = NULL;
	if (csv_reader_open_memory(bytes, length, &reader) != STATUS_OK)
		return false;
	csv_record record;
	status next = csv_reader_next(reader, &record);
	/* An Excel "sep=;" line comes before the header. */
	if (next == STATUS_OK && import_record_is_separator_line(&record))
		next = csv_reader_next(reader, &record);
	bool recognised = next == STATUS_OK && import_header_names_required_columns(&record);
	csv_reader_close(reader);
	return recognised;
}

/* ---------------------------------------------------------------------------
 * Names and descriptors on a stick.
 * ------------------------------------------------------------------------- */

static char ascii_lower(char byte)
{
	return byte >= 'A' && byte <= 'Z' ? (char)(byte - 'A' + 'a') : byte;
}

static bool name_equals_ignoring_case(const char *name, const char *wanted)
{
	for (; *name != '\0' && *wanted != '\0'; name++, wanted++) {
		if (ascii_lower(*name) != ascii_lower(*wanted))
			return false;
	}
	return *name == *wanted;
}

static bool name_is_csv(const char *name)
{
	size_t length = strlen(name);
	/* "._x.csv" are macOS resource forks, never spreadsheets. */
	return length > 4 && !(name[0] == '.' && name[1] == '_') &&
	       name_equals_ignoring_case(name + length - 4, ".csv");
}

static bool same_file(const struct stat *a, const struct stat *b)
{
	return a->st_dev == b->st_dev && a->st_ino == b->st_ino;
}

static bool same_contents_state(const struct stat *a, const struct stat *b)
{
	return same_file(a, b) && a->st_size == b->st_size &&
	       a->st_mtim.tv_sec == b->st_mtim.tv_sec && a->st_mtim.tv_nsec == b->st_mtim.tv_nsec &&
	       a->st_ctim.tv_sec == b->st_ctim.tv_sec && a->st_ctim.tv_nsec == b->st_ctim.tv_nsec;
}

/* A listing of the directory `directory_fd` refers to, through a descriptor
 * of its own (fdopendir takes it over); NULL when it cannot be listed. */
static DIR *open_listing(int directory_fd)
{
	int listing_fd = openat(directory_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (listing_fd < 0)
		return NULL;
	DIR *listing = fdopendir(listing_fd);
	if (listing == NULL)
		close(listing_fd);
	return listing;
}

static bool is_dot_or_dot_dot(const char *name)
{
	return name[0] == '.' && (name[1] == '\0' || (name[1] == '.' && name[2] == '\0'));
}

/* Finds the entry called `wanted` in any case (the spelling written exactly
 * wins over others) and copies its name into out. */
static bool find_entry(int directory_fd, const char *wanted, char out[ENTRY_NAME_BYTES])
{
	DIR *listing = open_listing(directory_fd);
	if (listing == NULL)
		return false;
	bool found = false;
	struct dirent *entry;
	for (unsigned seen = 0;
	     seen < USB_STICK_MAX_DIRECTORY_ENTRIES && (entry = readdir(listing)) != NULL; seen++) {
		if (!name_equals_ignoring_case(entry->d_name, wanted))
			continue;
		if (!found || strcmp(entry->d_name, wanted) == 0)
			found = text_copy(out, ENTRY_NAME_BYTES, entry->d_name);
		if (strcmp(entry->d_name, wanted) == 0)
			break;
	}
	closedir(listing);
	return found;
}

/* Why an entry may not be used; "" when it is a safe regular file (or
 * directory, with `want_directory`) on `device`. */
static const char *entry_unsafe_reason(const struct stat *info, dev_t device, bool want_directory)
{
	if (S_ISLNK(info->st_mode))
		return "is a symbolic link";
	if (want_directory ? !S_ISDIR(info->st_mode) : !S_ISREG(info->st_mode))
		return want_directory ? "is not a directory" : "is not a regular file";
	if (info->st_dev != device)
		return "is on another file system";
	return "";
}

typedef enum open_result {
	OPENED,
	OPEN_UNSAFE,  /* a link, not a regular file, another file system */
	OPEN_MISSING, /* ENOENT */
	OPEN_FAILED   /* errno says why */
} open_result;

/* Opens the regular file `name` in `directory_fd` for reading, refusing
 * anything that is not a regular file on `device`: checked before opening
 * (so a FIFO or device is never opened at all), opened with O_NOFOLLOW and
 * O_NONBLOCK (a FIFO swapped in meanwhile cannot block us), and checked again
 * on the descriptor. `reason` receives an English line. */
static open_result open_file_safely(int directory_fd, const char *name, dev_t device, int *fd_out,
                                    struct stat *info, char *reason, size_t reason_size)
{
	*fd_out = -1;
	struct stat before;
	if (fstatat(directory_fd, name, &before, AT_SYMLINK_NOFOLLOW) != 0) {
		int error = errno;
		(void)text_format(reason, reason_size, "%s: %s", name, strerror(error));
		errno = error;
		return error == ENOENT ? OPEN_MISSING : OPEN_FAILED;
	}
	const char *why = entry_unsafe_reason(&before, device, false);
	if (why[0] != '\0') {
		(void)text_format(reason, reason_size, "%s %s", name, why);
		return OPEN_UNSAFE;
	}
	int fd =
	    openat(directory_fd, name, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_NOCTTY | O_CLOEXEC);
	if (fd < 0) {
		int error = errno;
		(void)text_format(reason, reason_size, "open %s: %s", name, strerror(error));
		errno = error;
		if (error == ELOOP)
			return OPEN_UNSAFE;
		return error == ENOENT ? OPEN_MISSING : OPEN_FAILED;
	}
	if (fstat(fd, info) != 0) {
		int error = errno;
		(void)text_format(reason, reason_size, "fstat %s: %s", name, strerror(error));
		close(fd);
		errno = error;
		return OPEN_FAILED;
	}
	why = entry_unsafe_reason(info, device, false);
	if (why[0] == '\0' && !same_file(info, &before))
		why = "was replaced while it was opened";
	if (why[0] != '\0') {
		(void)text_format(reason, reason_size, "%s %s", name, why);
		close(fd);
		return OPEN_UNSAFE;
	}
	int flags = fcntl(fd, F_GETFL);
	if (flags >= 0)
		(void)fcntl(fd, F_SETFL, flags & ~O_NONBLOCK);
	*fd_out = fd;
	return OPENED;
}

/* Opens the directory `name` in `directory_fd` when it is a real directory
 * (not a link) on `device`; -1 otherwise. */
static int open_directory_safely(int directory_fd, const char *name, dev_t device)
{
	int fd = openat(directory_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return -1;
	struct stat info;
	if (fstat(fd, &info) != 0 || entry_unsafe_reason(&info, device, true)[0] != '\0') {
		close(fd);
		return -1;
	}
	return fd;
}

/* Reads at most `size` bytes from the start of `fd`; the count read. */
static size_t read_prefix(int fd, char *buffer, size_t size)
{
	size_t total = 0;
	while (total < size) {
		ssize_t got = read(fd, buffer + total, size - total);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			break;
		total += (size_t)got;
	}
	return total;
}

/* ---------------------------------------------------------------------------
 * What a stick holds.
 * ------------------------------------------------------------------------- */

typedef struct inspection {
	usb_stick_content content;
	usb_stick_problem refusal; /* for USB_STICK_CONTENT_REFUSED */
	bool has_folder;           /* a safe buurtkiosk/ directory */
	char folder_name[ENTRY_NAME_BYTES];
	bool catalogue_in_folder;
	char catalogue_entry[ENTRY_NAME_BYTES]; /* name in its directory */
	char detail[USB_STICK_DETAIL_BYTES];
} inspection;

/* True when the root .csv `name` is a safe regular file whose first line the
 * importer would recognise. */
static bool root_csv_is_catalogue(int stick_fd, dev_t device, const char *name, char *header)
{
	int fd;
	struct stat info;
	char reason[USB_STICK_DETAIL_BYTES];
	if (open_file_safely(stick_fd, name, device, &fd, &info, reason, sizeof reason) != OPENED)
		return false;
	size_t length = read_prefix(fd, header, USB_STICK_HEADER_BYTES);
	close(fd);
	return usb_stick_header_is_catalogue(header, length);
}

/* The one root .csv whose header is recognised; none when there are none or
 * several (the volunteer must say which, by naming it catalogus.csv). */
static void choose_root_csv(int stick_fd, dev_t device, char (*names)[ENTRY_NAME_BYTES],
                            size_t count, inspection *out)
{
	char *header = malloc(USB_STICK_HEADER_BYTES);
	if (header == NULL)
		return;
	size_t recognised = 0;
	size_t chosen = 0;
	for (size_t i = 0; i < count; i++) {
		if (root_csv_is_catalogue(stick_fd, device, names[i], header)) {
			recognised++;
			chosen = i;
		}
	}
	free(header);
	if (recognised != 1)
		return;
	out->content = USB_STICK_CONTENT_CATALOGUE;
	out->catalogue_in_folder = false;
	(void)text_copy(out->catalogue_entry, sizeof out->catalogue_entry, names[chosen]);
}

static void refuse(inspection *out, const char *format, ...) KIOSK_PRINTF(2, 3);
static void refuse(inspection *out, const char *format, ...)
{
	out->content = USB_STICK_CONTENT_REFUSED;
	out->refusal = USB_STICK_PROBLEM_UNSAFE;
	va_list arguments;
	va_start(arguments, format);
	int written = vsnprintf(out->detail, sizeof out->detail, format, arguments);
	va_end(arguments);
	if (written < 0)
		out->detail[0] = '\0';
}

/* Decides what the stick whose root is `stick_fd` holds. */
static void inspect(int stick_fd, dev_t device, inspection *out)
{
	memset(out, 0, sizeof *out);
	out->content = USB_STICK_CONTENT_NOTHING;
	DIR *listing = open_listing(stick_fd);
	if (listing == NULL)
		return;
	char(*root_csv)[ENTRY_NAME_BYTES] = malloc(USB_STICK_MAX_ROOT_CSV_FILES * ENTRY_NAME_BYTES);
	if (root_csv == NULL) {
		closedir(listing);
		return;
	}
	size_t root_csv_count = 0;
	bool folder_seen = false;
	char folder_name[ENTRY_NAME_BYTES] = "";
	struct dirent *entry;
	for (unsigned seen = 0;
	     seen < USB_STICK_MAX_DIRECTORY_ENTRIES && (entry = readdir(listing)) != NULL; seen++) {
		const char *name = entry->d_name;
		if (is_dot_or_dot_dot(name))
			continue;
		if (name_equals_ignoring_case(name, USB_STICK_FOLDER_NAME)) {
			if (!folder_seen || strcmp(name, USB_STICK_FOLDER_NAME) == 0)
				folder_seen = text_copy(folder_name, sizeof folder_name, name);
		} else if (name_is_csv(name) && root_csv_count < USB_STICK_MAX_ROOT_CSV_FILES) {
			if (text_copy(root_csv[root_csv_count], ENTRY_NAME_BYTES, name))
				root_csv_count++;
		}
	}
	closedir(listing);

	if (folder_seen) {
		struct stat info;
		if (fstatat(stick_fd, folder_name, &info, AT_SYMLINK_NOFOLLOW) != 0) {
			folder_seen = false;
		} else if (S_ISLNK(info.st_mode) ||
		           (S_ISDIR(info.st_mode) && info.st_dev != device)) {
			refuse(out, "%s/ %s", folder_name,
			       entry_unsafe_reason(&info, device, true));
			free(root_csv);
			return;
		} else if (!S_ISDIR(info.st_mode)) {
			folder_seen = false; /* a file called buurtkiosk: not our folder */
		}
	}
	if (folder_seen) {
		int folder_fd = open_directory_safely(stick_fd, folder_name, device);
		if (folder_fd < 0) {
			refuse(out, "%s/ cannot be opened safely", folder_name);
			free(root_csv);
			return;
		}
		out->has_folder = true;
		(void)text_copy(out->folder_name, sizeof out->folder_name, folder_name);
		out->content = USB_STICK_CONTENT_FOLDER_ONLY;
		char catalogue_entry[ENTRY_NAME_BYTES];
		if (find_entry(folder_fd, USB_STICK_CATALOGUE_NAME, catalogue_entry)) {
			struct stat info;
			const char *why = "cannot be examined";
			if (fstatat(folder_fd, catalogue_entry, &info, AT_SYMLINK_NOFOLLOW) == 0)
				why = entry_unsafe_reason(&info, device, false);
			if (why[0] != '\0') {
				refuse(out, "%s/%s %s", folder_name, catalogue_entry, why);
			} else {
				out->content = USB_STICK_CONTENT_CATALOGUE;
				out->catalogue_in_folder = true;
				(void)text_copy(out->catalogue_entry, sizeof out->catalogue_entry,
				                catalogue_entry);
			}
			close(folder_fd);
			free(root_csv);
			return;
		}
		close(folder_fd);
	}
	choose_root_csv(stick_fd, device, root_csv, root_csv_count, out);
	free(root_csv);
}

/* "buurtkiosk/Catalogus.CSV" or "aanbod.csv". */
static void catalogue_display_name(const inspection *found, char *out, size_t size)
{
	if (found->content != USB_STICK_CONTENT_CATALOGUE)
		out[0] = '\0';
	else if (found->catalogue_in_folder)
		(void)text_format(out, size, "%s/%s", found->folder_name, found->catalogue_entry);
	else
		(void)text_copy(out, size, found->catalogue_entry);
}

/* ---------------------------------------------------------------------------
 * One stick.
 * ------------------------------------------------------------------------- */

struct usb_stick {
	int stick_fd;
	int folder_fd; /* -1 until there is a safe buurtkiosk/ */
	struct stat identity;
	inspection found;
	char path[USB_STICK_PATH_BYTES];
	char catalogue_name[USB_STICK_NAME_BYTES];
	char detail[USB_STICK_DETAIL_BYTES];
};

static void set_detail(usb_stick *stick, const char *format, ...) KIOSK_PRINTF(2, 3);
static void set_detail(usb_stick *stick, const char *format, ...)
{
	va_list arguments;
	va_start(arguments, format);
	int written = vsnprintf(stick->detail, sizeof stick->detail, format, arguments);
	va_end(arguments);
	if (written < 0)
		stick->detail[0] = '\0';
}

status usb_stick_open(const char *path, usb_stick **out)
{
	if (out == NULL)
		return STATUS_USAGE;
	*out = NULL;
	if (path == NULL || strlen(path) >= USB_STICK_PATH_BYTES)
		return STATUS_USAGE;
	usb_stick *stick = calloc(1, sizeof *stick);
	if (stick == NULL)
		return STATUS_NO_MEMORY;
	stick->folder_fd = -1;
	(void)text_copy(stick->path, sizeof stick->path, path);
	stick->stick_fd = open(path, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (stick->stick_fd < 0 || fstat(stick->stick_fd, &stick->identity) != 0) {
		int error = errno;
		if (stick->stick_fd >= 0)
			close(stick->stick_fd);
		free(stick);
		errno = error;
		return STATUS_NOT_FOUND;
	}
	inspect(stick->stick_fd, stick->identity.st_dev, &stick->found);
	if (stick->found.has_folder) {
		stick->folder_fd = open_directory_safely(stick->stick_fd, stick->found.folder_name,
		                                         stick->identity.st_dev);
		if (stick->folder_fd < 0) {
			/* It was there a moment ago: treat it as gone. */
			stick->found.has_folder = false;
			if (stick->found.content == USB_STICK_CONTENT_FOLDER_ONLY)
				stick->found.content = USB_STICK_CONTENT_NOTHING;
			if (stick->found.catalogue_in_folder)
				stick->found.content = USB_STICK_CONTENT_NOTHING;
		}
	}
	catalogue_display_name(&stick->found, stick->catalogue_name, sizeof stick->catalogue_name);
	(void)text_copy(stick->detail, sizeof stick->detail, stick->found.detail);
	*out = stick;
	return STATUS_OK;
}

void usb_stick_close(usb_stick *stick)
{
	if (stick == NULL)
		return;
	if (stick->folder_fd >= 0)
		close(stick->folder_fd);
	close(stick->stick_fd);
	free(stick);
}

usb_stick_content usb_stick_content_of(const usb_stick *stick)
{
	return stick != NULL ? stick->found.content : USB_STICK_CONTENT_NOTHING;
}

usb_stick_problem usb_stick_refusal(const usb_stick *stick)
{
	return stick != NULL && stick->found.content == USB_STICK_CONTENT_REFUSED
	           ? stick->found.refusal
	           : USB_STICK_PROBLEM_NONE;
}

const char *usb_stick_catalogue_name(const usb_stick *stick)
{
	return stick != NULL ? stick->catalogue_name : "";
}

const char *usb_stick_path(const usb_stick *stick)
{
	return stick != NULL ? stick->path : "";
}

const char *usb_stick_detail(const usb_stick *stick)
{
	return stick != NULL ? stick->detail : "";
}

/* Whether the stick is still mounted where it was opened: after a pull or a
 * lazy unmount the path leads to the empty mount point (or nowhere), while
 * our descriptors may still read the detached file system. */
static bool stick_still_there(const usb_stick *stick)
{
	struct stat now;
	if (fstatat(AT_FDCWD, stick->path, &now, AT_SYMLINK_NOFOLLOW) != 0)
		return false;
	return same_file(&now, &stick->identity);
}

/* ---------------------------------------------------------------------------
 * Reading.
 * ------------------------------------------------------------------------- */

static status read_failure(usb_stick *stick, usb_stick_problem which, usb_stick_problem *problem)
{
	if (problem != NULL)
		*problem = which;
	switch (which) {
	case USB_STICK_PROBLEM_NO_CATALOGUE: return STATUS_NOT_FOUND;
	case USB_STICK_PROBLEM_UNSAFE: return STATUS_REFUSED;
	case USB_STICK_PROBLEM_TOO_LARGE: return STATUS_TOO_LARGE;
	default: break;
	}
	(void)stick;
	return STATUS_IO;
}

/* A read error: a stick that is gone was pulled; a device that vanished
 * too; anything else is a file we cannot read. */
static usb_stick_problem read_error_problem(const usb_stick *stick, int error)
{
	if (!stick_still_there(stick))
		return USB_STICK_PROBLEM_REMOVED;
	if (error == ENODEV || error == ENXIO || error == ESTALE || error == ENOTCONN)
		return USB_STICK_PROBLEM_REMOVED;
	return USB_STICK_PROBLEM_UNREADABLE;
}

/* Reads the signature beside the catalogue, if any. */
static void read_signature(usb_stick *stick, int directory_fd, usb_stick_catalogue *out)
{
	char wanted[ENTRY_NAME_BYTES];
	char name[ENTRY_NAME_BYTES];
	if (!text_format(wanted, sizeof wanted, "%s%s", stick->found.catalogue_entry,
	                 USB_STICK_SIGNATURE_SUFFIX) ||
	    !find_entry(directory_fd, wanted, name))
		return;
	out->signature_state = USB_STICK_SIGNATURE_UNUSABLE;
	int fd;
	struct stat before;
	char reason[USB_STICK_DETAIL_BYTES];
	if (open_file_safely(directory_fd, name, stick->identity.st_dev, &fd, &before, reason,
	                     sizeof reason) != OPENED)
		return;
	if (before.st_size < 0 || (uint64_t)before.st_size > USB_STICK_MAX_SIGNATURE_BYTES) {
		close(fd);
		return;
	}
	char *bytes = malloc(USB_STICK_MAX_SIGNATURE_BYTES + 2);
	if (bytes == NULL) {
		close(fd);
		return;
	}
	size_t length = read_prefix(fd, bytes, USB_STICK_MAX_SIGNATURE_BYTES + 1);
	struct stat after;
	bool stable = fstat(fd, &after) == 0 && same_contents_state(&before, &after) &&
	              length == (size_t)before.st_size;
	close(fd);
	if (!stable) {
		free(bytes);
		return;
	}
	bytes[length] = '\0';
	out->signature = bytes;
	out->signature_length = length;
	out->signature_state = USB_STICK_SIGNATURE_PRESENT;
}

status usb_stick_read_catalogue(usb_stick *stick, usb_stick_progress progress, void *context,
                                usb_stick_catalogue *out, usb_stick_problem *problem)
{
	if (problem != NULL)
		*problem = USB_STICK_PROBLEM_NONE;
	if (out != NULL)
		memset(out, 0, sizeof *out);
	if (stick == NULL || out == NULL)
		return STATUS_USAGE;
	if (stick->found.content == USB_STICK_CONTENT_REFUSED)
		return read_failure(stick, USB_STICK_PROBLEM_UNSAFE, problem);
	if (stick->found.content != USB_STICK_CONTENT_CATALOGUE)
		return read_failure(stick, USB_STICK_PROBLEM_NO_CATALOGUE, problem);
	int directory_fd = stick->found.catalogue_in_folder ? stick->folder_fd : stick->stick_fd;
	const char *entry = stick->found.catalogue_entry;
	const char *shown = stick->catalogue_name;

	int fd;
	struct stat before;
	char reason[USB_STICK_DETAIL_BYTES];
	open_result opened = open_file_safely(directory_fd, entry, stick->identity.st_dev, &fd,
	                                      &before, reason, sizeof reason);
	if (opened != OPENED) {
		int error = errno;
		set_detail(stick, "%s", reason);
		if (opened == OPEN_UNSAFE)
			return read_failure(stick, USB_STICK_PROBLEM_UNSAFE, problem);
		if (!stick_still_there(stick))
			return read_failure(stick, USB_STICK_PROBLEM_REMOVED, problem);
		if (opened == OPEN_MISSING)
			return read_failure(stick, USB_STICK_PROBLEM_CHANGED, problem);
		return read_failure(stick, read_error_problem(stick, error), problem);
	}
	if (before.st_size < 0 || (uint64_t)before.st_size > USB_STICK_MAX_CATALOGUE_BYTES) {
		close(fd);
		set_detail(stick, "%s: %lld bytes, over the limit of %u", shown,
		           (long long)before.st_size, USB_STICK_MAX_CATALOGUE_BYTES);
		return read_failure(stick, USB_STICK_PROBLEM_TOO_LARGE, problem);
	}
	size_t expected = (size_t)before.st_size;
	/* One byte more than expected is asked for, to notice a file that grows. */
	char *bytes = malloc(expected + 1);
	if (bytes == NULL) {
		close(fd);
		return STATUS_NO_MEMORY;
	}
	usb_stick_problem failure = USB_STICK_PROBLEM_NONE;
	size_t total = 0;
	for (;;) {
		size_t wanted = expected + 1 - total;
		if (wanted > READ_CHUNK_BYTES)
			wanted = READ_CHUNK_BYTES;
		ssize_t got = read(fd, bytes + total, wanted);
		if (got < 0 && errno == EINTR)
			continue;
		if (got < 0) {
			int error = errno;
			set_detail(stick, "read %s at byte %zu: %s", shown, total, strerror(error));
			failure = read_error_problem(stick, error);
			break;
		}
		if (got == 0)
			break;
		total += (size_t)got;
		if (total > expected) {
			set_detail(stick, "%s grew while it was read (more than %zu bytes)", shown,
			           expected);
			failure = USB_STICK_PROBLEM_CHANGED;
			break;
		}
		if (progress != NULL && !progress(context, total, expected)) {
			set_detail(stick, "reading %s stopped at byte %zu of %zu", shown, total,
			           expected);
			failure = USB_STICK_PROBLEM_CANCELLED;
			break;
		}
	}
	if (failure == USB_STICK_PROBLEM_NONE && total < expected) {
		set_detail(stick, "%s: only %zu of %zu bytes could be read", shown, total,
		           expected);
		failure = stick_still_there(stick) ? USB_STICK_PROBLEM_CHANGED
		                                   : USB_STICK_PROBLEM_REMOVED;
	}
	struct stat after;
	if (failure == USB_STICK_PROBLEM_NONE && fstat(fd, &after) != 0) {
		int error = errno;
		set_detail(stick, "fstat %s: %s", shown, strerror(error));
		failure = read_error_problem(stick, error);
	}
	if (failure == USB_STICK_PROBLEM_NONE && !same_contents_state(&before, &after)) {
		set_detail(stick, "%s changed while it was read (size, times)", shown);
		failure = USB_STICK_PROBLEM_CHANGED;
	}
	close(fd);
	struct stat by_name;
	if (failure == USB_STICK_PROBLEM_NONE &&
	    (fstatat(directory_fd, entry, &by_name, AT_SYMLINK_NOFOLLOW) != 0 ||
	     !same_file(&by_name, &before))) {
		set_detail(stick, "%s was replaced or removed while it was read", shown);
		failure = USB_STICK_PROBLEM_CHANGED;
	}
	if (failure == USB_STICK_PROBLEM_NONE) {
		bytes[total] = '\0';
		out->bytes = bytes;
		out->length = total;
		(void)text_copy(out->name, sizeof out->name, shown);
		read_signature(stick, directory_fd, out);
	}
	/* Last: a copy from a stick that was pulled or lazily unmounted meanwhile
	 * may be whole, but the volunteer took it away; say so and change nothing. */
	if (failure == USB_STICK_PROBLEM_NONE && !stick_still_there(stick)) {
		set_detail(stick,
		           "the stick left %s while %s was read (all %zu bytes came from the "
		           "detached file system; not used)",
		           stick->path, shown, total);
		failure = USB_STICK_PROBLEM_REMOVED;
	}
	if (failure != USB_STICK_PROBLEM_NONE) {
		if (out->bytes == NULL)
			free(bytes);
		usb_stick_catalogue_free(out);
		return read_failure(stick, failure, problem);
	}
	set_detail(stick, "read %s: %zu bytes%s", shown, total,
	           out->signature_state == USB_STICK_SIGNATURE_PRESENT ? ", with signature" : "");
	return STATUS_OK;
}

void usb_stick_catalogue_free(usb_stick_catalogue *copy)
{
	if (copy == NULL)
		return;
	free(copy->bytes);
	free(copy->signature);
	memset(copy, 0, sizeof *copy);
}

/* ---------------------------------------------------------------------------
 * Writing.
 * ------------------------------------------------------------------------- */

static status write_failure(usb_stick_problem which, usb_stick_problem *problem)
{
	if (problem != NULL)
		*problem = which;
	switch (which) {
	case USB_STICK_PROBLEM_NOT_OURS:
	case USB_STICK_PROBLEM_UNSAFE:
	case USB_STICK_PROBLEM_READ_ONLY: return STATUS_REFUSED;
	default: return STATUS_IO;
	}
}

static usb_stick_problem write_error_problem(const usb_stick *stick, int error)
{
	if (error == ENOSPC || error == EDQUOT)
		return USB_STICK_PROBLEM_FULL;
	if (error == EROFS || error == EACCES || error == EPERM)
		return USB_STICK_PROBLEM_READ_ONLY;
	if (!stick_still_there(stick) || error == ENODEV || error == ENXIO || error == ESTALE)
		return USB_STICK_PROBLEM_REMOVED_WRITING;
	return USB_STICK_PROBLEM_WRITE_FAILED;
}

/* Checks that the kiosk may write on this stick and sets up buurtkiosk/. */
static status prepare_writing(usb_stick *stick, usb_stick_problem *problem)
{
	if (stick->found.content == USB_STICK_CONTENT_REFUSED) {
		set_detail(stick, "not writing: %s", stick->found.detail);
		return write_failure(USB_STICK_PROBLEM_UNSAFE, problem);
	}
	if (stick->found.content != USB_STICK_CONTENT_CATALOGUE &&
	    stick->found.content != USB_STICK_CONTENT_FOLDER_ONLY) {
		set_detail(stick, "not writing: %s has no %s/ folder and no catalogue", stick->path,
		           USB_STICK_FOLDER_NAME);
		return write_failure(USB_STICK_PROBLEM_NOT_OURS, problem);
	}
	if (!stick_still_there(stick)) {
		set_detail(stick, "not writing: the stick left %s", stick->path);
		return write_failure(USB_STICK_PROBLEM_REMOVED_WRITING, problem);
	}
	struct statvfs file_system;
	if (fstatvfs(stick->stick_fd, &file_system) == 0 && (file_system.f_flag & ST_RDONLY)) {
		set_detail(stick, "not writing: %s is mounted read-only", stick->path);
		return write_failure(USB_STICK_PROBLEM_READ_ONLY, problem);
	}
	if (stick->folder_fd >= 0)
		return STATUS_OK;
	if (mkdirat(stick->stick_fd, USB_STICK_FOLDER_NAME, 0755) != 0 && errno != EEXIST) {
		int error = errno;
		set_detail(stick, "mkdir %s/%s: %s", stick->path, USB_STICK_FOLDER_NAME,
		           strerror(error));
		return write_failure(write_error_problem(stick, error), problem);
	}
	stick->folder_fd =
	    open_directory_safely(stick->stick_fd, USB_STICK_FOLDER_NAME, stick->identity.st_dev);
	if (stick->folder_fd < 0) {
		set_detail(stick, "%s/%s/ is not a safe directory", stick->path,
		           USB_STICK_FOLDER_NAME);
		return write_failure(USB_STICK_PROBLEM_UNSAFE, problem);
	}
	stick->found.has_folder = true;
	(void)text_copy(stick->found.folder_name, sizeof stick->found.folder_name,
	                USB_STICK_FOLDER_NAME);
	return STATUS_OK;
}

/* A name for the temporary file no other writer picks: the clock, the
 * process and a counter, with O_EXCL as the judge. */
static void temporary_name(const char *target, unsigned attempt, char *out, size_t size)
{
	static unsigned counter;
	struct timespec now;
	(void)clock_gettime(CLOCK_MONOTONIC, &now);
	unsigned long mixed = (unsigned long)now.tv_nsec ^ ((unsigned long)getpid() << 12) ^
	                      ((unsigned long)(counter++) << 20) ^ attempt;
	(void)text_format(out, size, "%s.tmp-%06lx", target, mixed & 0xFFFFFFul);
}

static bool write_all(int fd, const char *bytes, size_t length)
{
	size_t done = 0;
	while (done < length) {
		ssize_t wrote = write(fd, bytes + done, length - done);
		if (wrote < 0 && errno == EINTR)
			continue;
		if (wrote <= 0) {
			if (wrote == 0)
				errno = EIO;
			return false;
		}
		done += (size_t)wrote;
	}
	return true;
}

/* Replaces buurtkiosk/<target> with the bytes: temporary file, write, fsync,
 * renameat, fsync of the folder. The temporary file never survives a failure. */
static status write_atomically(usb_stick *stick, const char *target, const char *bytes,
                               size_t length, usb_stick_problem *problem)
{
	char temporary[ENTRY_NAME_BYTES];
	int fd = -1;
	for (unsigned attempt = 0; attempt < 32 && fd < 0; attempt++) {
		temporary_name(target, attempt, temporary, sizeof temporary);
		fd = openat(stick->folder_fd, temporary,
		            O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_NOCTTY | O_CLOEXEC, 0644);
		if (fd < 0 && errno != EEXIST)
			break;
	}
	if (fd < 0) {
		int error = errno;
		set_detail(stick, "create %s/%s: %s", stick->found.folder_name, temporary,
		           strerror(error));
		return write_failure(write_error_problem(stick, error), problem);
	}
	const char *step = "write";
	bool written = write_all(fd, bytes, length);
	if (written) {
		step = "fsync";
		written = fsync(fd) == 0;
	}
	int error = errno;
	if (close(fd) != 0 && written) {
		error = errno;
		step = "close";
		written = false;
	}
	if (written) {
		step = "rename";
		written = renameat(stick->folder_fd, temporary, stick->folder_fd, target) == 0;
		error = errno;
	}
	if (!written) {
		(void)unlinkat(stick->folder_fd, temporary, 0);
		set_detail(stick, "%s %s/%s: %s", step, stick->found.folder_name, target,
		           strerror(error));
		return write_failure(write_error_problem(stick, error), problem);
	}
	/* Makes the rename durable; FAT cannot sync a directory, and the file is
	 * whole either way. */
	(void)fsync(stick->folder_fd);
	set_detail(stick, "wrote %s/%s (%zu bytes)", stick->found.folder_name, target, length);
	return STATUS_OK;
}

static status write_text(usb_stick *stick, const char *target, const char *text,
                         usb_stick_problem *problem)
{
	size_t length = strlen(text);
	if (length > USB_STICK_MAX_WRITE_BYTES) {
		set_detail(stick, "%s: %zu bytes is over the limit", target, length);
		if (problem != NULL)
			*problem = USB_STICK_PROBLEM_NONE;
		return STATUS_TOO_LARGE;
	}
	status ready = prepare_writing(stick, problem);
	if (ready != STATUS_OK)
		return ready;
	return write_atomically(stick, target, text, length, problem);
}

status usb_stick_write_report(usb_stick *stick, local_time now, const char *text,
                              usb_stick_problem *problem)
{
	if (problem != NULL)
		*problem = USB_STICK_PROBLEM_NONE;
	if (stick == NULL || text == NULL)
		return STATUS_USAGE;
	int year, month, day;
	catalogue_civil_from_days(now.day, &year, &month, &day);
	int minute = now.minute >= 0 && now.minute < 1440 ? now.minute : 0;
	char base[64];
	(void)text_format(base, sizeof base, "verslag-%04d%02d%02d-%02d%02d", year, month, day,
	                  minute / 60, minute % 60);
	status ready = prepare_writing(stick, problem);
	if (ready != STATUS_OK)
		return ready;
	char name[80];
	(void)text_format(name, sizeof name, "%s.txt", base);
	struct stat existing;
	for (int suffix = 2;
	     suffix < 100 && fstatat(stick->folder_fd, name, &existing, AT_SYMLINK_NOFOLLOW) == 0;
	     suffix++)
		(void)text_format(name, sizeof name, "%s-%d.txt", base, suffix);
	return write_text(stick, name, text, problem);
}

status usb_stick_write_usage(usb_stick *stick, const char *csv, usb_stick_problem *problem)
{
	if (problem != NULL)
		*problem = USB_STICK_PROBLEM_NONE;
	if (stick == NULL || csv == NULL)
		return STATUS_USAGE;
	return write_text(stick, USB_STICK_USAGE_NAME, csv, problem);
}

/* import_write_template() writes to a path; it is made in a private
 * directory of our own and read back, so that on the stick only our own
 * descriptor-relative, no-follow writing is used. */
static status make_template(char **bytes_out, size_t *length_out)
{
	*bytes_out = NULL;
	*length_out = 0;
	const char *temporary_root = getenv("TMPDIR");
	if (temporary_root == NULL || temporary_root[0] != '/')
		temporary_root = "/tmp";
	char directory[USB_STICK_PATH_BYTES];
	char file[USB_STICK_PATH_BYTES];
	if (!text_format(directory, sizeof directory, "%s/buurtkiosk-sjabloon-XXXXXX",
	                 temporary_root) ||
	    mkdtemp(directory) == NULL)
		return STATUS_IO;
	(void)text_format(file, sizeof file, "%s/sjabloon.csv", directory);
	status result = import_write_template(file);
	if (result == STATUS_OK) {
		result = STATUS_IO;
		int fd = open(file, O_RDONLY | O_NOFOLLOW | O_CLOEXEC);
		struct stat info;
		if (fd >= 0 && fstat(fd, &info) == 0 && S_ISREG(info.st_mode) && info.st_size > 0 &&
		    (uint64_t)info.st_size <= MAX_TEMPLATE_BYTES) {
			size_t size = (size_t)info.st_size;
			char *bytes = malloc(size + 1);
			if (bytes == NULL) {
				result = STATUS_NO_MEMORY;
			} else if (read_prefix(fd, bytes, size) == size) {
				bytes[size] = '\0';
				*bytes_out = bytes;
				*length_out = size;
				result = STATUS_OK;
			} else {
				free(bytes);
			}
		}
		if (fd >= 0)
			close(fd);
	}
	(void)unlink(file);
	(void)rmdir(directory);
	return result;
}

status usb_stick_write_template(usb_stick *stick, usb_stick_problem *problem)
{
	if (problem != NULL)
		*problem = USB_STICK_PROBLEM_NONE;
	if (stick == NULL)
		return STATUS_USAGE;
	status ready = prepare_writing(stick, problem);
	if (ready != STATUS_OK)
		return ready;
	char existing[ENTRY_NAME_BYTES];
	if (find_entry(stick->folder_fd, USB_STICK_TEMPLATE_NAME, existing)) {
		set_detail(stick, "kept %s/%s: a template is there already",
		           stick->found.folder_name, existing);
		return STATUS_OK;
	}
	char *bytes;
	size_t length;
	status made = make_template(&bytes, &length);
	if (made != STATUS_OK) {
		set_detail(stick, "the template could not be made: %s", status_describe(made));
		return made;
	}
	status result = write_atomically(stick, USB_STICK_TEMPLATE_NAME, bytes, length, problem);
	free(bytes);
	return result;
}

/* ---------------------------------------------------------------------------
 * The watcher.
 * ------------------------------------------------------------------------- */

typedef struct known_stick {
	char path[USB_STICK_PATH_BYTES];
	dev_t device;
	ino_t inode;
	usb_stick_content content;
	usb_stick_problem refusal;
	char catalogue[USB_STICK_NAME_BYTES];
} known_stick;

struct usb_stick_watch {
	int inotify_fd;
	size_t root_count;
	char roots[USB_STICK_MAX_ROOTS][USB_STICK_PATH_BYTES];
	known_stick known[USB_STICK_MAX_STICKS];
	size_t known_count;
	known_stick scanned[USB_STICK_MAX_STICKS]; /* the rescan in progress */
	size_t scanned_count;
	usb_stick_found pending[2 * USB_STICK_MAX_STICKS];
	size_t pending_count;
	size_t pending_next;
	bool has_scanned;
	bool rescan_now;
	int quick_rescans;
	int64_t next_rescan_ms;
};

/* What makes a directory worth a rescan: entries coming and going, the
 * directory itself going, its file system being unmounted. */
#define WATCH_MASK                                                                                 \
	(IN_CREATE | IN_DELETE | IN_MOVED_FROM | IN_MOVED_TO | IN_DELETE_SELF | IN_MOVE_SELF |     \
	 IN_UNMOUNT | IN_ONLYDIR)

status usb_stick_watch_open(const char *const *roots, size_t count, usb_stick_watch **out)
{
	if (out == NULL)
		return STATUS_USAGE;
	*out = NULL;
	if (roots == NULL || count == 0 || count > USB_STICK_MAX_ROOTS)
		return STATUS_USAGE;
	for (size_t i = 0; i < count; i++) {
		if (roots[i] == NULL || roots[i][0] == '\0' ||
		    strlen(roots[i]) >= USB_STICK_PATH_BYTES)
			return STATUS_USAGE;
	}
	usb_stick_watch *watch = calloc(1, sizeof *watch);
	if (watch == NULL)
		return STATUS_NO_MEMORY;
	watch->inotify_fd = inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
	if (watch->inotify_fd < 0) {
		int error = errno;
		free(watch);
		errno = error;
		return STATUS_IO;
	}
	watch->root_count = count;
	for (size_t i = 0; i < count; i++)
		(void)text_copy(watch->roots[i], sizeof watch->roots[i], roots[i]);
	*out = watch;
	return STATUS_OK;
}

void usb_stick_watch_close(usb_stick_watch *watch)
{
	if (watch == NULL)
		return;
	close(watch->inotify_fd);
	free(watch);
}

int usb_stick_watch_fd(const usb_stick_watch *watch)
{
	return watch != NULL ? watch->inotify_fd : -1;
}

int64_t usb_stick_watch_next_rescan_ms(const usb_stick_watch *watch)
{
	return watch != NULL && watch->has_scanned ? watch->next_rescan_ms : 0;
}

/* Watches `path`; the kernel keeps one watch per directory however often it
 * is added, and drops it when the directory goes or its stick is unmounted. */
static void add_watch(usb_stick_watch *watch, const char *path, bool follow)
{
	(void)inotify_add_watch(watch->inotify_fd, path,
	                        WATCH_MASK | (follow ? 0u : (uint32_t)IN_DONT_FOLLOW));
}

/* Reads every pending event; true when there was any. */
static bool drain_events(usb_stick_watch *watch)
{
	_Alignas(struct inotify_event) char buffer[4096];
	bool any = false;
	for (;;) {
		ssize_t got = read(watch->inotify_fd, buffer, sizeof buffer);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return any;
		any = true;
	}
}

static void remember_stick(usb_stick_watch *watch, const char *path, const struct stat *info,
                           const inspection *found)
{
	if (watch->scanned_count == USB_STICK_MAX_STICKS)
		return;
	known_stick *stick = &watch->scanned[watch->scanned_count++];
	(void)text_copy(stick->path, sizeof stick->path, path);
	stick->device = info->st_dev;
	stick->inode = info->st_ino;
	stick->content = found->content;
	stick->refusal = found->refusal;
	catalogue_display_name(found, stick->catalogue, sizeof stick->catalogue);
}

/* Looks at the directory `name` in `parent_fd` (at `path`, depth 1 or 2
 * below a root): a stick when it is a mount point or holds something for
 * us; at depth 1 otherwise a folder of sticks (/media/<user>). */
static void consider_directory(usb_stick_watch *watch, int parent_fd, dev_t parent_device,
                               const char *name, const char *path, int depth)
{
	int fd = openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC);
	if (fd < 0)
		return;
	struct stat info;
	if (fstat(fd, &info) != 0) {
		close(fd);
		return;
	}
	inspection found;
	inspect(fd, info.st_dev, &found);
	if (info.st_dev != parent_device || found.content != USB_STICK_CONTENT_NOTHING) {
		remember_stick(watch, path, &info, &found);
		add_watch(watch, path, false);
		char folder[USB_STICK_PATH_BYTES];
		if (found.has_folder &&
		    text_format(folder, sizeof folder, "%s/%s", path, found.folder_name))
			add_watch(watch, folder, false);
		close(fd);
		return;
	}
	if (depth > 1) {
		close(fd);
		return;
	}
	add_watch(watch, path, false);
	DIR *listing = open_listing(fd);
	if (listing != NULL) {
		struct dirent *entry;
		for (unsigned seen = 0;
		     seen < USB_STICK_MAX_DIRECTORY_ENTRIES && (entry = readdir(listing)) != NULL;
		     seen++) {
			char child[USB_STICK_PATH_BYTES];
			struct stat child_info;
			if (entry->d_name[0] == '.' ||
			    fstatat(fd, entry->d_name, &child_info, AT_SYMLINK_NOFOLLOW) != 0 ||
			    !S_ISDIR(child_info.st_mode) ||
			    !text_format(child, sizeof child, "%s/%s", path, entry->d_name))
				continue;
			consider_directory(watch, fd, info.st_dev, entry->d_name, child, depth + 1);
		}
		closedir(listing);
	}
	close(fd);
}

static void scan_root(usb_stick_watch *watch, const char *root)
{
	int root_fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (root_fd < 0)
		return;
	struct stat info;
	DIR *listing = fstat(root_fd, &info) == 0 ? open_listing(root_fd) : NULL;
	if (listing == NULL) {
		close(root_fd);
		return;
	}
	add_watch(watch, root, true);
	struct dirent *entry;
	for (unsigned seen = 0;
	     seen < USB_STICK_MAX_DIRECTORY_ENTRIES && (entry = readdir(listing)) != NULL; seen++) {
		char path[USB_STICK_PATH_BYTES];
		struct stat entry_info;
		/* Hidden entries are never sticks; links are not followed. */
		if (entry->d_name[0] == '.' ||
		    fstatat(root_fd, entry->d_name, &entry_info, AT_SYMLINK_NOFOLLOW) != 0 ||
		    !S_ISDIR(entry_info.st_mode) ||
		    !text_format(path, sizeof path, "%s%s%s", root,
		                 root[strlen(root) - 1] == '/' ? "" : "/", entry->d_name))
			continue;
		consider_directory(watch, root_fd, info.st_dev, entry->d_name, path, 1);
	}
	closedir(listing);
	close(root_fd);
}

static const known_stick *find_known(const known_stick *list, size_t count,
                                     const known_stick *wanted)
{
	for (size_t i = 0; i < count; i++) {
		if (list[i].device == wanted->device && list[i].inode == wanted->inode &&
		    strcmp(list[i].path, wanted->path) == 0)
			return &list[i];
	}
	return NULL;
}

static void queue_event(usb_stick_watch *watch, usb_stick_event event, const known_stick *stick)
{
	if (watch->pending_count == sizeof watch->pending / sizeof watch->pending[0])
		return;
	usb_stick_found *found = &watch->pending[watch->pending_count++];
	memset(found, 0, sizeof *found);
	found->event = event;
	(void)text_copy(found->path, sizeof found->path, stick->path);
	if (event == USB_STICK_EVENT_APPEARED) {
		found->content = stick->content;
		found->refusal = stick->refusal;
		(void)text_copy(found->catalogue, sizeof found->catalogue, stick->catalogue);
	}
}

static void rescan(usb_stick_watch *watch)
{
	watch->scanned_count = 0;
	for (size_t i = 0; i < watch->root_count; i++)
		scan_root(watch, watch->roots[i]);
	watch->pending_count = 0;
	watch->pending_next = 0;
	for (size_t i = 0; i < watch->known_count; i++) {
		if (find_known(watch->scanned, watch->scanned_count, &watch->known[i]) == NULL)
			queue_event(watch, USB_STICK_EVENT_GONE, &watch->known[i]);
	}
	for (size_t i = 0; i < watch->scanned_count; i++) {
		const known_stick *before =
		    find_known(watch->known, watch->known_count, &watch->scanned[i]);
		if (before == NULL || before->content != watch->scanned[i].content ||
		    strcmp(before->catalogue, watch->scanned[i].catalogue) != 0)
			queue_event(watch, USB_STICK_EVENT_APPEARED, &watch->scanned[i]);
	}
	memcpy(watch->known, watch->scanned, watch->scanned_count * sizeof watch->scanned[0]);
	watch->known_count = watch->scanned_count;
}

status usb_stick_watch_poll(usb_stick_watch *watch, int64_t now_ms, usb_stick_found *out)
{
	if (watch == NULL || out == NULL)
		return STATUS_USAGE;
	memset(out, 0, sizeof *out);
	out->event = USB_STICK_EVENT_NONE;
	if (watch->pending_next == watch->pending_count) {
		if (drain_events(watch)) {
			watch->rescan_now = true;
			watch->quick_rescans = QUICK_RESCANS;
		}
		if (!watch->has_scanned || watch->rescan_now || now_ms >= watch->next_rescan_ms) {
			rescan(watch);
			watch->has_scanned = true;
			watch->rescan_now = false;
			if (watch->quick_rescans > 0) {
				watch->quick_rescans--;
				watch->next_rescan_ms = now_ms + USB_STICK_QUICK_RESCAN_MS;
			} else {
				watch->next_rescan_ms = now_ms + USB_STICK_RESCAN_MS;
			}
		}
	}
	if (watch->pending_next < watch->pending_count)
		*out = watch->pending[watch->pending_next++];
	return STATUS_OK;
}
