/* store.h — the kiosk's sqlite database: the catalogue in use, the import
 * history, the anonymous usage counts, the last-good backup spreadsheet and
 * recovery from a damaged database. The only module that knows sqlite. */
#ifndef KIOSK_STORE_H
#define KIOSK_STORE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "catalogue.h"
#include "counters.h"
#include "import.h"
#include "status.h"
#include "text.h"

/* The schema version this program creates and expects (PRAGMA user_version). */
#define STORE_SCHEMA_VERSION 4
/* Longest database path accepted, in bytes. */
#define STORE_MAX_PATH_BYTES 4000u

/* Suffixes added to the database path for the files kept beside it. */
#define STORE_BACKUP_SUFFIX  ".laatst-goed.csv" /* last applied catalogue */
#define STORE_DAMAGED_SUFFIX ".beschadigd"      /* a damaged database moved aside */

typedef struct store store;

/* Opens the database at `path`, creating it (and every missing parent
 * directory) when missing, and brings its schema to STORE_SCHEMA_VERSION; each
 * migration step commits on its own. Sets WAL journaling with synchronous
 * FULL so a committed import survives a power cut. Returns STATUS_CORRUPT
 * when the file is not a database or fails PRAGMA quick_check,
 * STATUS_DATABASE when its schema is newer than this program, STATUS_IO when
 * the file or directory cannot be created or opened. On STATUS_OK the caller
 * owns *out and closes it with store_close(); on failure *out is NULL. */
KIOSK_NODISCARD status store_open(const char *path, store **out);

/* store_open() without PRAGMA quick_check, for the kiosk screen's first
 * frame: opening a large database takes milliseconds instead of a pass over
 * every page. It creates and migrates like store_open(), and a file that is
 * not a database is still STATUS_CORRUPT, but damage inside is not looked
 * for: the caller MUST verify the database afterwards, while it already
 * shows something (store_open_read_only_stoppable() on another connection,
 * which runs PRAGMA integrity_check, then store_scan_offers(), which checks
 * every offer), and on STATUS_CORRUPT close this store and recover with
 * store_open_or_recover_scanning(), which checks the same way. Ownership as
 * for store_open(). */
KIOSK_NODISCARD status store_open_quick(const char *path, store **out);

/* Opens an existing database only to read it, for checks that must change
 * nothing: it creates no file or directory, runs no migration and never
 * recovers. STATUS_NOT_FOUND when `path` does not exist or holds no schema
 * yet (so no catalogue); STATUS_CORRUPT as store_open(); STATUS_DATABASE
 * for a schema version newer than STORE_SCHEMA_VERSION (only store_open()
 * migrates; an older one is read as it is, and version 1 has no matching
 * index image). Writing through the store fails. Ownership as for
 * store_open(). */
KIOSK_NODISCARD status store_open_read_only(const char *path, store **out);

/* A stop request for a store that works on another thread (the kiosk's
 * background check), so the kiosk can stop at once instead of waiting for
 * an integrity_check or a scan to end. Create it, open one store at a time with
 * it (store_open_read_only_stoppable()), destroy it after closing that. */
typedef struct store_stop store_stop;
/* A new stop request, not yet made. STATUS_NO_MEMORY. The caller owns it. */
KIOSK_NODISCARD status store_stop_create(store_stop **out);
/* Makes the request, from any thread and at any time: the statement running
 * on the store ends within about a millisecond and every later one at once
 * (they fail with STATUS_DATABASE, "interrupted"); a store not yet opened
 * will not open. NULL is allowed. */
void store_stop_request(store_stop *stop);
/* Frees it; the store opened with it must be closed. NULL is allowed. */
void store_stop_destroy(store_stop *stop);

/* store_open_read_only() for a store that store_stop_request() can stop
 * (also during the check), for the kiosk's background check: instead of
 * quick_check it runs PRAGMA integrity_check(1), which also compares every
 * index with its table (an offer its id index has lost, which by-id loads
 * would miss); on 100,000 offers about 25 ms more than quick_check's ~110,
 * paid off the screen's path. Damage is STATUS_CORRUPT with the first
 * problem on one line in store_last_error() and the log. After a stop
 * nothing is logged. STATUS_USAGE without `stop`. Ownership as for
 * store_open(). */
KIOSK_NODISCARD status store_open_read_only_stoppable(const char *path, store_stop *stop,
                                                      store **out);

/* The schema version (PRAGMA user_version) of the database file at `path`,
 * read without changing or logging anything, so a caller can explain why
 * store_open() refused it (a version above STORE_SCHEMA_VERSION comes from a
 * newer program). STATUS_NOT_FOUND when there is no such file. */
KIOSK_NODISCARD status store_file_schema_version(const char *path, int *out);

/* Closes the database; NULL is allowed. */
void store_close(store *database);

/* The English message of the last failure on this store ("" when none);
 * borrowed, valid until the next call on the store. */
const char *store_last_error(const store *database);

/* The database's PRAGMA user_version (STORE_SCHEMA_VERSION after a
 * successful open). */
KIOSK_NODISCARD status store_schema_version(store *database, int *out);

/* How store_open_or_recover() got a usable database; the UI warns volunteers
 * about everything but STORE_OPENED. */
typedef enum store_recovery {
	STORE_OPENED,               /* the database was fine */
	STORE_RESTORED_FROM_BACKUP, /* damaged; catalogue taken from the last-good copy */
	STORE_RESTORED_FROM_SAMPLE, /* damaged, no usable backup; the sample catalogue */
	STORE_EMPTY                 /* damaged, nothing to restore; the catalogue is empty */
} store_recovery;

/* Each recovery but STORE_OPENED is recorded in the fresh database's
 * import history as an applied import with its own source
 * (STORE_SOURCE_BACKUP, STORE_SOURCE_SAMPLE_AFTER_DAMAGE,
 * STORE_SOURCE_NOTHING_AFTER_DAMAGE), so the volunteers' menu can warn
 * while the catalogue in use came from one (store_last_applied_import()),
 * until a volunteer applies a new one. */

/* Opens `path` like store_open() and reads every offer back (as
 * store_load_catalogue() does, so content damage that PRAGMA quick_check
 * cannot see is found too). When either reports STATUS_CORRUPT, moves
 * the damaged file and its -wal/-shm aside to `<path>.beschadigd` (replacing
 * an older one), creates a fresh database and fills it from the last-good
 * copy `<path>.laatst-goed.csv`, or when that is missing or unusable from
 * `fallback_catalogue_path` (the bundled sample; may be NULL), recording the
 * restore, or that there was nothing to restore, in the import history (see
 * above). Writes one English line to stderr when it
 * recovered. *what_happened says which path was taken. Other failures of
 * store_open() are returned as they are (nothing is moved). Ownership of
 * *out as for store_open(). When `loaded` is not NULL, *loaded receives the
 * catalogue just read and verified (as store_load_catalogue() gives it; the
 * caller destroys it), so a caller that needs it does not read every offer
 * twice; on failure it is NULL. When `loaded` is NULL the offers are only
 * verified, one at a time (store_scan_offers()), so memory stays small. */
KIOSK_NODISCARD status store_open_or_recover(const char *path, const char *fallback_catalogue_path,
                                             store **out, store_recovery *what_happened,
                                             catalogue **loaded);

/* Loads every stored offer back into a new sorted catalogue through
 * import_parse_fields(), checking each offer's stored content hash. Returns
 * STATUS_CORRUPT when a row no longer parses or its hash differs. On
 * STATUS_OK the caller owns *out (catalogue_destroy()). */
KIOSK_NODISCARD status store_load_catalogue(store *database, catalogue **out);

/* Called once for each stored offer by store_scan_offers(). `item` is
 * borrowed and valid only during the call: copy what you keep. A status
 * other than STATUS_OK stops the scan, which then returns that status. */
typedef status (*store_offer_visitor)(void *context, const offer *item);

/* Reads every stored offer one row at a time, in id order, parsing and
 * verifying each exactly as store_load_catalogue() does (STATUS_CORRUPT when
 * a row no longer parses or its hash differs; the offers before it were
 * already visited), and hands each to `visit` (may be NULL: then it only
 * verifies). Memory stays at a few offers whatever the catalogue's size, so
 * a large catalogue can be checked and indexed without holding its text.
 * All rows come from one consistent snapshot. */
KIOSK_NODISCARD status store_scan_offers(store *database, store_offer_visitor visit, void *context);

/* What store_open_or_recover_scanning() calls while it verifies. */
typedef struct store_offer_scanner {
	/* Called before every pass over the offers with how many the pass will
	 * visit (may be NULL). A pass can be abandoned half way (damage found,
	 * then recovery and a second pass over the restored catalogue), so it
	 * must drop everything kept from an earlier pass; it may also reserve
	 * room. A status other than STATUS_OK stops as a visitor's does. */
	status (*start)(void *context, size_t offer_count);
	store_offer_visitor visit; /* as for store_scan_offers(); may be NULL */
	void *context;
} store_offer_scanner;

/* store_open_or_recover() for a caller that builds its own index of the
 * offers (the kiosk screen: a match engine) instead of holding the
 * catalogue: the single pass that verifies the database feeds `scanner`, so
 * every offer is read once. It checks the file as found with PRAGMA
 * integrity_check(1) instead of quick_check, as the kiosk's background
 * check does (store_open_read_only_stoppable()), so what that one finds
 * this one finds and recovers; store_open_or_recover(), for the command
 * line, keeps quick_check (it reads every offer back anyway). On STATUS_OK
 * the scanner has seen, since its last start(), exactly the offers of the
 * database in *out (after recovery: the restored ones), each once, in id
 * order. On failure *out is NULL and what the scanner kept is not to be
 * used. */
KIOSK_NODISCARD status store_open_or_recover_scanning(const char *path,
                                                      const char *fallback_catalogue_path,
                                                      const store_offer_scanner *scanner,
                                                      store **out, store_recovery *what_happened);

/* ---- the matching index image ----
 * The kiosk screen's match engine saved as bytes (match_engine_save()), so a
 * start can show its first frame without reading every offer. The database
 * keeps one image with the catalogue generation it was made from. Every
 * replacement of the offers (store_replace_catalogue(), recovery) starts a
 * new generation and drops the image in the same transaction, so an image
 * that is there always belongs to the offers that are there. */

/* The current catalogue generation (>= 1; 0 in a version 1 database opened
 * read-only, which has none). */
KIOSK_NODISCARD status store_catalogue_generation(store *database, int64_t *out);

/* The generation of the offers the last complete store_scan_offers() (or
 * the scan of store_open_or_recover_scanning()) on this store read, all
 * within the same snapshot: the generation to save an index built from
 * that scan with. -1 before any complete scan. */
int64_t store_scanned_generation(const store *database);

/* Stores `image` (`size` bytes, borrowed; at most 256 MB) as the index of
 * catalogue `generation`, replacing any older one, when that is still the
 * current generation. STATUS_REFUSED (nothing saved) when the catalogue
 * was replaced since (the image describes offers that are gone);
 * STATUS_TOO_LARGE; STATUS_DATABASE for a store opened read-only;
 * STATUS_USAGE for a generation below 1. */
KIOSK_NODISCARD status store_save_match_index(store *database, int64_t generation,
                                              const void *image, size_t size);

/* Hands the next `size` bytes of the stored image to `buffer` (see
 * store_read_match_index()); the same shape as match.h's
 * match_image_reader, so the image can go straight to match_engine_load_from(). */
typedef status (*store_part_reader)(void *reader, void *buffer, size_t size);
/* Called once by store_read_match_index() with the stored image open:
 * `read(reader, ...)` pulls its `size` bytes front to back (no further).
 * Its status is what store_read_match_index() returns. */
typedef status (*store_index_consumer)(void *context, store_part_reader read, void *reader,
                                       size_t size);

/* Lets `consume` read the stored image of the current catalogue straight
 * from the database, in one read transaction, without a copy of the whole
 * image in memory. STATUS_NOT_FOUND (consume is not called) when there is
 * none (never saved, or dropped by a newer catalogue: a stale image is
 * never read); STATUS_TOO_LARGE past 256 MB; else what `consume` returned.
 * The bytes are as stored, unchecked: match_engine_load_from() checks them. */
KIOSK_NODISCARD status store_read_match_index(store *database, store_index_consumer consume,
                                              void *context);

/* Replaces the contents of `out` (caller-owned) with the stored image of
 * the current catalogue. STATUS_NOT_FOUND when there is none (never saved,
 * or dropped by a newer catalogue: a stale image is never returned);
 * STATUS_TOO_LARGE past 256 MB. The bytes are as stored, unchecked:
 * match_engine_load() checks them. On failure `out` is empty. */
KIOSK_NODISCARD status store_load_match_index(store *database, text_buffer *out);

/* Loads the offers with the given ids (full text, hash-checked like
 * store_load_catalogue()) into a new sorted catalogue, for the few offers a
 * screen shows. Ids that are not stored are skipped, and an id given twice
 * is loaded once; catalogue_find() then tells which were found. `ids` is
 * borrowed; `count` may be 0. On STATUS_OK the caller owns *out
 * (catalogue_destroy()); on failure *out is NULL. */
KIOSK_NODISCARD status store_load_offers(store *database, const char *const *ids, size_t count,
                                         catalogue **out);

/* The id and content hash of every stored offer, sorted by id, for
 * import_compute_diff(). One allocation holds the array and the id strings:
 * the caller frees it with store_free_digests(). *out is NULL when there are
 * no offers. */
KIOSK_NODISCARD status store_load_digests(store *database, offer_digest **out, size_t *count);
/* Frees what store_load_digests() returned; NULL is allowed. */
void store_free_digests(offer_digest *digests);

/* Number of stored offers. */
KIOSK_NODISCARD status store_count_offers(store *database, size_t *out);

/* Where an imported catalogue came from. The history keeps only this, never
 * a file or folder name: names on a volunteer's stick can name a person. */
typedef enum store_source {
	STORE_SOURCE_FILE,   /* "bestand": a file given on the command line */
	STORE_SOURCE_USB,    /* "usb-stick": a volunteer's stick */
	STORE_SOURCE_SAMPLE, /* "voorbeeld": the bundled sample catalogue (a first start) */
	STORE_SOURCE_BACKUP, /* "reservekopie": the last-good copy, after damage */
	/* "noodvoorbeeld": the bundled sample after damage, the last-good copy
	 * missing or unusable */
	STORE_SOURCE_SAMPLE_AFTER_DAMAGE,
	/* "leeg-na-schade": nothing to restore after damage; no offers */
	STORE_SOURCE_NOTHING_AFTER_DAMAGE
} store_source;

/* The word stored for `source` (above, at most 15 bytes); "onbekend"
 * outside the enum. */
const char *store_source_name(store_source source);

/* The source whose store_source_name() is `name` (a history row's
 * `source`). STATUS_NOT_FOUND for any other word (*out unchanged). */
KIOSK_NODISCARD status store_source_from_name(const char *name, store_source *out);

/* True for the sources a recovery after damage records (reservekopie,
 * noodvoorbeeld, leeg-na-schade). */
bool store_source_is_after_damage(store_source source);

/* Replaces the stored catalogue with `incoming` and adds an applied history
 * row (`report` supplies the counts and file fingerprint and may be NULL;
 * `source` says where it came from; `today` is a day number), all
 * in one transaction: on any failure nothing changes and the previous
 * catalogue stays byte for byte. After the commit it writes the last-good
 * copy `<path>.laatst-goed.csv` atomically; a failure there is logged to
 * stderr and store_last_error() but does not undo the applied import, so the
 * result is still STATUS_OK. Borrowed arguments only. */
KIOSK_NODISCARD status store_replace_catalogue(store *database, const catalogue *incoming,
                                               const import_report *report, store_source source,
                                               int32_t today);

/* Adds a history row for an import that was checked and not applied
 * (applied = false); the catalogue is untouched. */
KIOSK_NODISCARD status store_record_refused_import(store *database, const import_report *report,
                                                   store_source source, int32_t today);

/* One row of the import history. */
typedef struct store_import_record {
	int64_t id;
	int32_t imported_on; /* day number; only the date is ever stored */
	char source[16];     /* store_source_name() of where it came from */
	char sha256_hex[65]; /* of the spreadsheet's bytes; "" when unknown */
	uint32_t rows;
	uint32_t imported;
	uint32_t new_count;
	uint32_t changed_count;
	uint32_t removed_count;
	uint32_t unchanged_count;
	uint32_t error_count;
	uint32_t warning_count;
	bool applied;
} store_import_record;

/* Copies up to `capacity` history rows into out[], newest first, and sets
 * *count to how many were copied. */
KIOSK_NODISCARD status store_history(store *database, store_import_record *out, size_t capacity,
                                     size_t *count);

/* The newest applied history row, the one that put the catalogue in use
 * there (refused imports change nothing, so they are skipped), into *out;
 * *found is false (and *out zeroed) when there is none. */
KIOSK_NODISCARD status store_last_applied_import(store *database, store_import_record *out,
                                                 bool *found);

/* ---- the kiosk's own settings ----
 * A few named texts the kiosk changes itself (the volunteer menu's
 * "Standaardtaal"): the settings file is the administrator's and the kiosk
 * may not write it. Kiosk settings only, never anything about a resident.
 * A database recovered after damage starts without them. */

/* Buffer sizes, terminator included: a name is 1 to 63 bytes, a value 0 to
 * 255 bytes, both UTF-8. */
#define STORE_SETTING_NAME_BYTES  64u
#define STORE_SETTING_VALUE_BYTES 256u

/* One setting to write; `value` NULL removes it. Both borrowed. */
typedef struct store_setting {
	const char *name;
	const char *value;
} store_setting;

/* Writes settings[0..count) in one transaction (all or none), each
 * replacing the value stored under its name, or removing it when its value
 * is NULL (removing one that is not there is fine). Every name and value
 * is checked first: STATUS_TOO_LARGE past the limits above, STATUS_USAGE
 * for an empty name or text that is not UTF-8, and nothing is written.
 * STATUS_DATABASE for a store opened read-only, a file the kiosk may not
 * write, or a schema from before the settings (read-only stores only);
 * the reason is in store_last_error(). Waits (fsync) like an import: not
 * for the UI thread. */
KIOSK_NODISCARD status store_write_settings(store *database, const store_setting *settings,
                                            size_t count);

/* store_write_settings() for one setting; `value` must not be NULL. */
KIOSK_NODISCARD status store_write_setting(store *database, const char *name, const char *value);

/* Copies the value stored under `name` into out[0..size) and sets *found;
 * *found is false (and out "") when none is stored, also in a read-only
 * store whose schema predates the settings. STATUS_TOO_LARGE (out "") when
 * the stored value does not fit `size` (STORE_SETTING_VALUE_BYTES always
 * fits what store_write_settings() stored), STATUS_DATABASE when the stored
 * value is not UTF-8 text, STATUS_USAGE for a bad name or buffer. One
 * indexed row: cheap enough for the start. */
KIOSK_NODISCARD status store_read_setting(store *database, const char *name, char *out, size_t size,
                                          bool *found);

/* Adds every pending count to the stored per-day totals in one transaction
 * (all or nothing). The caller clears `pending` after STATUS_OK. */
KIOSK_NODISCARD status store_add_counters(store *database, const counters *pending);

/* Writes the stored usage counts to `out` as a ';'-separated spreadsheet
 * with a BOM: header `dag;soort;sleutel;aantal`, one row per (day, kind,
 * key) ordered by day, kind and key, days as YYYY-MM-DD. STATUS_IO when
 * writing fails. */
KIOSK_NODISCARD status store_write_usage_csv(store *database, FILE *out);

#endif
