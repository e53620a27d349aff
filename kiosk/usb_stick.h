/* usb_stick.h — volunteers' USB sticks: noticing them under the mount roots
 * (inotify plus a periodic rescan), choosing the catalogue file on a stick
 * without trusting its names, reading it into memory as one stable copy, and
 * writing the report, usage counts and template back atomically. libc + Linux. */
#ifndef KIOSK_USB_STICK_H
#define KIOSK_USB_STICK_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "schedule.h"
#include "status.h"
#include "translate.h"

#define USB_STICK_MAX_ROOTS       8u
#define USB_STICK_MAX_STICKS      16u   /* sticks the watcher keeps track of */
#define USB_STICK_PATH_BYTES      4096u /* a stick's path, with its NUL */
#define USB_STICK_NAME_BYTES      320u  /* "buurtkiosk/<name>", with its NUL */
#define USB_STICK_DETAIL_BYTES    512u  /* the English detail for the log */
#define USB_STICK_RESCAN_MS       3000  /* full rescan interval */
#define USB_STICK_QUICK_RESCAN_MS 300   /* rescans after an inotify event */
/* The importer's limit: a bigger file is not read at all. */
#define USB_STICK_MAX_CATALOGUE_BYTES (20u * 1024u * 1024u)
#define USB_STICK_MAX_SIGNATURE_BYTES 4096u
/* Bounds on what a scan looks at, so a stick with a huge folder cannot stall
 * the loop: entries read per directory, root .csv files whose first line is
 * checked, and bytes of each such file read for that check. */
#define USB_STICK_MAX_DIRECTORY_ENTRIES 4096u
#define USB_STICK_MAX_ROOT_CSV_FILES    32u
#define USB_STICK_HEADER_BYTES          (16u * 1024u)
/* Largest text usb_stick_write_report/usage writes. */
#define USB_STICK_MAX_WRITE_BYTES (32u * 1024u * 1024u)

/* The names on a stick, compared case-insensitively (ASCII) when looking. */
#define USB_STICK_FOLDER_NAME      "buurtkiosk"
#define USB_STICK_CATALOGUE_NAME   "catalogus.csv"
#define USB_STICK_TEMPLATE_NAME    "catalogus-sjabloon.csv"
#define USB_STICK_USAGE_NAME       "gebruik.csv"
#define USB_STICK_SIGNATURE_SUFFIX ".minisig"

/* What a stick holds for the kiosk. */
typedef enum usb_stick_content {
	USB_STICK_CONTENT_NOTHING = 0, /* a stick without anything for us */
	USB_STICK_CONTENT_CATALOGUE,   /* buurtkiosk/catalogus.csv, or the one root .csv
	                                  whose header the importer recognises */
	USB_STICK_CONTENT_FOLDER_ONLY, /* a buurtkiosk/ folder but no catalogue:
	                                  the template case */
	USB_STICK_CONTENT_REFUSED      /* buurtkiosk/ or buurtkiosk/catalogus.csv is
	                                  there but unsafe (a symbolic link, not a
	                                  regular file, another file system): never
	                                  read, nothing written; see the problem */
} usb_stick_content;

/* Why something on a stick did not work; each has one plain-Dutch message
 * (usb_stick_problem_message). */
typedef enum usb_stick_problem {
	USB_STICK_PROBLEM_NONE = 0,
	USB_STICK_PROBLEM_NO_CATALOGUE,    /* nothing to read */
	USB_STICK_PROBLEM_UNSAFE,          /* a link, FIFO, device, or on another file system */
	USB_STICK_PROBLEM_TOO_LARGE,       /* over USB_STICK_MAX_CATALOGUE_BYTES */
	USB_STICK_PROBLEM_REMOVED,         /* the stick went away while reading */
	USB_STICK_PROBLEM_CHANGED,         /* the file changed while it was read */
	USB_STICK_PROBLEM_UNREADABLE,      /* a read error with the stick still there */
	USB_STICK_PROBLEM_CANCELLED,       /* the progress callback asked to stop */
	USB_STICK_PROBLEM_NOT_OURS,        /* no buurtkiosk/ folder and no catalogue:
	                                      the kiosk writes nothing on it */
	USB_STICK_PROBLEM_READ_ONLY,       /* mounted read-only, or no permission */
	USB_STICK_PROBLEM_FULL,            /* no space left (ENOSPC, EDQUOT) */
	USB_STICK_PROBLEM_REMOVED_WRITING, /* the stick went away while writing */
	USB_STICK_PROBLEM_WRITE_FAILED     /* another write error */
} usb_stick_problem;

/* The plain-Dutch sentence for `problem` (the msgid, translated through
 * `messages`, which may be NULL for Dutch), e.g. USB_STICK_PROBLEM_REMOVED:
 * "De stick is verwijderd tijdens het lezen. Er is niets veranderd."
 * "" for USB_STICK_PROBLEM_NONE. Static or borrowed from `messages`. */
const char *usb_stick_problem_message(usb_stick_problem problem, const translation *messages);
/* A short English name for logs and test output ("removed", "read-only"). */
const char *usb_stick_problem_name(usb_stick_problem problem);
/* "nothing", "catalogue", "folder-only", "refused". */
const char *usb_stick_content_name(usb_stick_content content);

/* True when bytes[0..length) starts with a spreadsheet header the importer
 * recognises: its first record (after a BOM and an Excel "sep=" line) names
 * an id column and a naam column, by their Dutch names or the importer's
 * aliases ("identifier", "name", "titel", "naam (name)", any case and
 * accents). Only the first USB_STICK_HEADER_BYTES are looked at. Pure. */
bool usb_stick_header_is_catalogue(const char *bytes, size_t length);

/* ---------------------------------------------------------------------------
 * One stick, opened for reading and writing.
 * ------------------------------------------------------------------------- */

/* An open stick: directory descriptors on it and what it holds. While one
 * is open, the stick's file system is busy (a plain umount says EBUSY), so
 * open it for the work at hand and close it right after. One thread at a
 * time; blocking I/O on the stick, so the UI loop calls these on a worker. */
typedef struct usb_stick usb_stick;

/* Opens the stick mounted (or, for tests, kept as a plain folder) at `path`,
 * which must be a directory and not a symbolic link, and decides what it
 * holds, exactly as the watcher does. On STATUS_OK *out is a new handle
 * (usb_stick_close) — also when the stick holds nothing for us; see
 * usb_stick_content_of(). STATUS_NOT_FOUND (errno set) when `path` is not
 * an openable directory, STATUS_NO_MEMORY, STATUS_USAGE for NULLs; *out is
 * NULL then. */
KIOSK_NODISCARD status usb_stick_open(const char *path, usb_stick **out);
/* Releases the handle and its descriptors; NULL is fine. */
void usb_stick_close(usb_stick *stick);

usb_stick_content usb_stick_content_of(const usb_stick *stick);
/* For USB_STICK_CONTENT_REFUSED: why (USB_STICK_PROBLEM_UNSAFE); otherwise
 * USB_STICK_PROBLEM_NONE. */
usb_stick_problem usb_stick_refusal(const usb_stick *stick);
/* The chosen catalogue as the stick spells it, relative to the stick
 * ("buurtkiosk/Catalogus.CSV", "aanbod.csv"), for messages; "" when none. */
const char *usb_stick_catalogue_name(const usb_stick *stick);
/* The path given to usb_stick_open(). */
const char *usb_stick_path(const usb_stick *stick);
/* One English line about the last thing that failed or was written, for the
 * log ("read buurtkiosk/catalogus.csv: Input/output error"); "" at first. */
const char *usb_stick_detail(const usb_stick *stick);

/* Whether a signature file lies beside the catalogue. */
typedef enum usb_stick_signature {
	USB_STICK_SIGNATURE_NONE = 0, /* no "<catalogue>.minisig" */
	USB_STICK_SIGNATURE_PRESENT,  /* read into `signature` */
	USB_STICK_SIGNATURE_UNUSABLE  /* there, but unsafe, over
	                                 USB_STICK_MAX_SIGNATURE_BYTES or unreadable:
	                                 treat as a bad signature */
} usb_stick_signature;

/* A complete, stable copy of the catalogue file, in memory. */
typedef struct usb_stick_catalogue {
	char *bytes; /* `length` bytes plus a NUL; owned, usb_stick_catalogue_free() */
	size_t length;
	usb_stick_signature signature_state;
	char *signature; /* PRESENT: `signature_length` bytes plus a NUL; else NULL */
	size_t signature_length;
	char name[USB_STICK_NAME_BYTES]; /* as usb_stick_catalogue_name() */
} usb_stick_catalogue;

/* Called after each chunk read (for a progress bar); return false to stop
 * reading (USB_STICK_PROBLEM_CANCELLED). `total_bytes` is the size the file
 * had when reading began. */
typedef bool (*usb_stick_progress)(void *context, uint64_t bytes_read, uint64_t total_bytes);

/* Reads the chosen catalogue into out->bytes through a descriptor opened
 * relative to the stick's directory (O_NOFOLLOW on every component, regular
 * files on the stick's own file system only), and its "<name>.minisig"
 * beside it when present. The copy is handed out only when it is complete
 * and stable: the size, modification and change times before and after
 * reading agree, exactly that many bytes were read, the name still leads to
 * the same file and the stick is still mounted at its path. Import it with
 * import_read_memory(). `progress` may be NULL.
 * Returns STATUS_OK with *out filled (caller frees), or, with *out zeroed and
 * *problem (may be NULL) saying why:
 *   STATUS_NOT_FOUND  NO_CATALOGUE (content is not CATALOGUE)
 *   STATUS_REFUSED    UNSAFE (also for a REFUSED stick)
 *   STATUS_TOO_LARGE  TOO_LARGE
 *   STATUS_IO         REMOVED, CHANGED, UNREADABLE, CANCELLED
 *   STATUS_NO_MEMORY, STATUS_USAGE (NULL stick or out). */
KIOSK_NODISCARD status usb_stick_read_catalogue(usb_stick *stick, usb_stick_progress progress,
                                                void *context, usb_stick_catalogue *out,
                                                usb_stick_problem *problem);
/* Frees what usb_stick_read_catalogue() gave and zeroes *copy. */
void usb_stick_catalogue_free(usb_stick_catalogue *copy);

/* Writing back. Only to a stick that had a buurtkiosk/ folder or a catalogue
 * (others: STATUS_REFUSED, NOT_OURS — random sticks are never littered).
 * buurtkiosk/ is created when missing (a stick with a root catalogue). Each
 * file is written whole or not at all: a temporary file in buurtkiosk/
 * (openat O_CREAT|O_EXCL|O_NOFOLLOW), write, fsync, renameat over the
 * target, fsync of the folder; on any failure the temporary file is removed
 * and the old target, if any, is untouched. Results, *problem (may be NULL):
 *   STATUS_OK         written (see usb_stick_detail() for the name)
 *   STATUS_REFUSED    NOT_OURS; READ_ONLY (mounted read-only: nothing is
 *                     tried; or EROFS/EACCES/EPERM on the attempt)
 *   STATUS_IO         FULL, REMOVED_WRITING, WRITE_FAILED
 *   STATUS_TOO_LARGE  text over USB_STICK_MAX_WRITE_BYTES
 *   STATUS_NO_MEMORY, STATUS_USAGE (NULL arguments). */

/* Writes `text` (NUL-terminated, plain Dutch: import_report_text()) to
 * buurtkiosk/verslag-JJJJMMDD-UUMM.txt for local time `now`; when that
 * name exists already (two imports in one minute) "-2", "-3"… is added. */
KIOSK_NODISCARD status usb_stick_write_report(usb_stick *stick, local_time now, const char *text,
                                              usb_stick_problem *problem);
/* Replaces buurtkiosk/gebruik.csv with `csv` (NUL-terminated; what
 * store_write_usage_csv() writes). */
KIOSK_NODISCARD status usb_stick_write_usage(usb_stick *stick, const char *csv,
                                             usb_stick_problem *problem);
/* Writes buurtkiosk/catalogus-sjabloon.csv exactly as import_write_template()
 * makes it (header, an explanation row of allowed values, two example rows).
 * A template already on the stick (any case) is left alone — the volunteer
 * may be filling it in — and that is STATUS_OK too. */
KIOSK_NODISCARD status usb_stick_write_template(usb_stick *stick, usb_stick_problem *problem);

/* ---------------------------------------------------------------------------
 * The watcher: which sticks are mounted under the roots.
 * ------------------------------------------------------------------------- */

/* A stick is a directory directly under a root (/media/<label>) or one level
 * deeper (/media/<user>/<label>, /run/media/<user>/<label>) that is a mount
 * point (another file system than its parent) or holds something for us (so
 * plain folders work in tests and with --usb-root). Symbolic links are not
 * followed. A mount point holding nothing for us is reported too, as
 * USB_STICK_CONTENT_NOTHING. */
typedef struct usb_stick_watch usb_stick_watch;

typedef enum usb_stick_event {
	USB_STICK_EVENT_NONE = 0, /* nothing changed */
	USB_STICK_EVENT_APPEARED, /* a new stick, or a known one whose content changed */
	USB_STICK_EVENT_GONE      /* a stick that was reported is no longer there */
} usb_stick_event;

/* One change, as usb_stick_watch_poll() reports it. */
typedef struct usb_stick_found {
	usb_stick_event event;
	char path[USB_STICK_PATH_BYTES];      /* give this to usb_stick_open() */
	usb_stick_content content;            /* APPEARED: what it holds */
	char catalogue[USB_STICK_NAME_BYTES]; /* CATALOGUE: as usb_stick_catalogue_name() */
	usb_stick_problem refusal;            /* REFUSED: why */
} usb_stick_found;

/* Starts watching `count` (1..USB_STICK_MAX_ROOTS) root directories (copied).
 * A root that does not exist is fine: rescans look again. Nothing is
 * scanned yet: the first usb_stick_watch_poll() scans and reports every
 * stick already mounted as APPEARED. STATUS_USAGE for no roots, too many,
 * NULL or a root path over USB_STICK_PATH_BYTES; STATUS_IO (errno) when
 * inotify cannot start; STATUS_NO_MEMORY. *out is NULL on failure. */
KIOSK_NODISCARD status usb_stick_watch_open(const char *const *roots, size_t count,
                                            usb_stick_watch **out);
/* Stops watching and frees; NULL is fine. */
void usb_stick_watch_close(usb_stick_watch *watch);

/* The inotify descriptor, readable when something changed under a root (a
 * loop may poll() it); owned by the watcher. */
int usb_stick_watch_fd(const usb_stick_watch *watch);
/* When (in the caller's now_ms clock) the next rescan is due; a loop that
 * sleeps should wake by then and call usb_stick_watch_poll(). 0 before the
 * first poll. */
int64_t usb_stick_watch_next_rescan_ms(const usb_stick_watch *watch);

/* Never blocks on the inotify descriptor: reads the pending events; rescans
 * when one came (and a few times quickly after it, since a mount follows
 * the mkdir of its mount point), or when the rescan is due; and sets *out to
 * the next change (out->event NONE when there is none). Call it each turn of
 * the UI loop and again while it reports changes. `now_ms` is a monotonic
 * clock in milliseconds. A rescan lists the roots and the directories in
 * them, and on each stick its root and buurtkiosk/ folder, and reads at most
 * USB_STICK_HEADER_BYTES of each root .csv (it opens each stick briefly).
 * STATUS_USAGE for NULL; STATUS_OK otherwise (a root or stick that cannot be
 * read is simply not there). */
KIOSK_NODISCARD status usb_stick_watch_poll(usb_stick_watch *watch, int64_t now_ms,
                                            usb_stick_found *out);

#endif
