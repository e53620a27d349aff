/* config.h — the kiosk's settings: built-in defaults that let it run with no
 * file at all, buurtkiosk.ini read over them, and one-key edits of that file. */
#ifndef KIOSK_CONFIG_H
#define KIOSK_CONFIG_H

#include <stdbool.h>
#include <stddef.h>

#include "status.h"
#include "text.h"

#define CONFIG_MAX_FILE_BYTES (64u * 1024u)
/* PATH_MAX on Linux; spelled out so this header needs no POSIX feature macro. */
#define CONFIG_PATH_BYTES     4096u
#define CONFIG_MAX_USB_ROOTS  8u
#define CONFIG_NAME_BYTES     128u
#define CONFIG_LANGUAGE_BYTES 8u
#define CONFIG_SECRET_BYTES   256u

/* Where receipts go, from [printer] uri. */
typedef enum config_printer_kind {
	CONFIG_PRINTER_NONE = 0, /* "none": the Print button is hidden */
	CONFIG_PRINTER_ESCPOS,   /* "escpos:/dev/usb/lp0": raw ESC/POS to a device */
	CONFIG_PRINTER_CUPS,     /* "cups:QUEUE": a CUPS queue */
	CONFIG_PRINTER_FILE      /* "file:PATH": write the slip to a file (tests) */
} config_printer_kind;

/* The paper the printer takes, from [printer] paper: a receipt roll (the
 * slip is as long as it needs) or a page for an office printer (a CUPS
 * queue). Widths and resolutions: printer.h. */
typedef enum config_paper {
	CONFIG_PAPER_80MM = 0, /* "80mm" (the default): 576 dots at 203 dpi */
	CONFIG_PAPER_58MM,     /* "58mm": 384 dots at 203 dpi */
	CONFIG_PAPER_A6,       /* "a6": 105 x 148 mm at 300 dpi */
	CONFIG_PAPER_A4        /* "a4": 210 x 297 mm at 300 dpi */
} config_paper;

/* Every setting, with fixed-size fields so the struct can be copied and needs
 * no freeing. Strings are always NUL-terminated. */
typedef struct kiosk_config {
	/* [kiosk] */
	char centre_name[CONFIG_NAME_BYTES];
	char default_language[CONFIG_LANGUAGE_BYTES]; /* ISO 639-1, "nl" */
	char data_directory[CONFIG_PATH_BYTES];       /* holds questions.ini, catalogus.csv */
	/* [location]: the buurthuis, where distances are measured from */
	double latitude;
	double longitude;
	int nearby_metres;
	/* [storage] */
	char database[CONFIG_PATH_BYTES];
	/* [idle] */
	int idle_ask_after_seconds;
	int idle_reset_after_seconds;
	/* [printer] */
	char printer_uri[CONFIG_PATH_BYTES];
	config_printer_kind printer_kind;
	char printer_target[CONFIG_PATH_BYTES]; /* the part after the scheme; "" for none */
	config_paper printer_paper;
	/* [usb] where sticks are mounted */
	size_t usb_root_count;
	char usb_roots[CONFIG_MAX_USB_ROOTS][CONFIG_PATH_BYTES];
	/* [volunteer] "" = PIN not set (volunteer functions locked) / unsigned
	 * catalogues accepted */
	char pin_hash[CONFIG_SECRET_BYTES];
	char signing_public_key[CONFIG_SECRET_BYTES];
	/* [screen] physical size; 0 = ask SDL, or assume a 24" screen */
	int screen_width_mm;
	int screen_height_mm;
} kiosk_config;

/* Fills `config` with the built-in defaults: the sample buurthuis in Utrecht
 * Overvecht, 1500 m "nearby", idle 60 s + 15 s, no printer (80 mm paper),
 * USB roots /media,
 * /run/media and /mnt, database $XDG_STATE_HOME/buurtkiosk/buurtkiosk.db,
 * else $HOME/.local/state/buurtkiosk/buurtkiosk.db, else
 * /var/lib/buurtkiosk/buurtkiosk.db (relative or oversize variables are
 * ignored), data directory the source tree's data/ when it holds
 * questions.ini (a build run from the checkout), else the installed one. */
void config_set_defaults(kiosk_config *config);

/* Sets the defaults, then reads the INI file at `path` over them. Each value
 * is checked (numbers and ranges, coordinates inside the Netherlands, known
 * printer schemes, absolute paths); a bad value, unknown section or key, or
 * a repeated key keeps the default and appends one English line naming the
 * line number to `problems` (may be NULL), and the rest of the file is still
 * used: STATUS_OK then, so a typo never stops the kiosk — log `problems` when
 * it is not empty. Errors mean the file as a whole was not used and `config`
 * holds the defaults: STATUS_NOT_FOUND when it does not exist (not a problem
 * line), STATUS_TOO_LARGE over CONFIG_MAX_FILE_BYTES, STATUS_INVALID when it
 * is not UTF-8 text, STATUS_IO when unreadable, STATUS_NO_MEMORY. */
KIOSK_NODISCARD status config_load_file(const char *path, kiosk_config *config,
                                        text_buffer *problems);

/* The same for INI text in memory: bytes[0..length) is borrowed (need not
 * end in a NUL; may be NULL when length is 0) and `name` (borrowed, NULL =
 * "buurtkiosk.ini") prefixes the problem lines instead of the file name.
 * Same checks, limits and results, except that there is no file to miss or
 * fail to read: STATUS_OK (problems may hold lines), STATUS_TOO_LARGE over
 * CONFIG_MAX_FILE_BYTES, STATUS_INVALID when not UTF-8 text, STATUS_NO_MEMORY;
 * on an error `config` holds the defaults. config_load_file() reads the file
 * and calls this. */
KIOSK_NODISCARD status config_load_memory(const char *bytes, size_t length, const char *name,
                                          kiosk_config *config, text_buffer *problems);

/* Writes data_directory + "/" + file_name into out (size bytes) and returns
 * out; NULL when it does not fit. */
const char *config_data_path(const kiosk_config *config, const char *file_name, char *out,
                             size_t size);

/* Sets `key` in `section` of the INI file at `path` to `value`, keeping every
 * other line, comment and the order as they are: replaces the key's line, or
 * adds it at the end of the section, or adds the section at the end of the
 * file. Creates the file when missing. Writes a temporary file beside it,
 * fsyncs it and renames it over the original, so a power cut leaves either
 * the old or the new file. `section` and `key` must be identifiers
 * (a-z, 0-9, _); `value` one line without " ;" (that would start a comment);
 * otherwise STATUS_USAGE. STATUS_TOO_LARGE for a file over
 * CONFIG_MAX_FILE_BYTES; STATUS_IO (errno set) when writing fails. */
KIOSK_NODISCARD status config_set_value(const char *path, const char *section, const char *key,
                                        const char *value);

#endif
