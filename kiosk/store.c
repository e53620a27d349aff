/* store.c — the sqlite database behind the kiosk: schema migrations, the
 * catalogue in use, import history, usage counts, the last-good backup
 * spreadsheet and recovery from damage. The only file that includes sqlite3. */
#define _POSIX_C_SOURCE 200809L
#include "store.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "atomic_file.h"
#include "csv.h"
#include "schedule.h"
#include "sha256.h"
#include "text.h"

#define UTF8_BOM      "\xEF\xBB\xBF"
#define CSV_DELIMITER ';'
#define CSV_LINE_END  "\r\n"
/* The page cache (in KiB when negative). The kiosk reads a few offers at a
 * time, so 256 KiB (the b-trees' upper pages) is plenty, and it is set
 * before the check so checking a large file does not fill more; a bigger
 * cache would creep up to its size over a day of lookups in a process that
 * has little memory to spare (an 8 MB one did). */
#define CACHE_SIZE_PRAGMA "PRAGMA cache_size = -256"
/* An import writes every page; with 8 MB it takes 1.2 s for 100,000 offers
 * instead of 2.0 s. Set for its transaction only. */
#define IMPORT_CACHE_SIZE_PRAGMA "PRAGMA cache_size = -8000"
/* Waiting this long for another connection beats failing an import. */
#define BUSY_TIMEOUT_MS 5000
/* Keeps the WAL file from staying at the size of the largest import. */
#define JOURNAL_SIZE_LIMIT_PRAGMA "PRAGMA journal_size_limit = 4194304"
#define BACKUP_BUFFER_BYTES       (1u << 16)
/* Offers parsed into one throw-away catalogue before a fresh one is taken. */
#define SCAN_BATCH_OFFERS 64u

/* The largest matching index image stored or read back. */
#define MAX_MATCH_INDEX_BYTES ((size_t)256 << 20)
/* A stoppable store looks at its stop request this often (sqlite virtual
 * machine steps): about every millisecond of a scan. */
#define STOP_CHECK_STEPS 10000
/* Bytes store_load_match_index() reads at a time. */
#define MATCH_INDEX_READ_BYTES 16384

/* How open_store() looks for damage before it hands out a store. */
typedef enum open_check {
	CHECK_NONE,     /* the caller verifies afterwards (store_open_quick()) */
	CHECK_QUICK,    /* PRAGMA quick_check: every page and b-tree, O(N) */
	CHECK_INTEGRITY /* PRAGMA integrity_check: also each index against its table */
} open_check;

/* The damage integrity_check reports: the first problem is enough to know
 * the file must be recovered, and a few more would not fit one log line. */
#define INTEGRITY_CHECK_PRAGMA "PRAGMA integrity_check(1)"
#define QUICK_CHECK_PRAGMA     "PRAGMA quick_check(1)"

struct store {
	sqlite3 *connection;
	char *path;
	int64_t schema_version;     /* after opening (and migrating) */
	int64_t scanned_generation; /* of the last complete scan; -1 before one */
	store_stop *stop;           /* NULL unless opened stoppable */
	char last_error[512];
};

/* A stop request shared between the thread using a store and the one that
 * may ask it to stop. sqlite3_interrupt() ends even a running quick_check
 * or integrity_check (which the progress handler cannot: it is one step); the lock keeps it
 * from reaching a connection being closed; the flag, read by the progress
 * handler, ends statements started after the request. */
struct store_stop {
	pthread_mutex_t lock;
	atomic_bool requested;
	sqlite3 *connection; /* of the store opened with it, while open */
};

/* Schema migrations: step i brings user_version from i to i + 1 and runs in
 * its own transaction. Steps are frozen once released; a new catalogue
 * column needs a new step (check_offer_columns() catches a forgotten one). */
static const char schema_version_1[] =
    "CREATE TABLE offer ("
    " id TEXT PRIMARY KEY NOT NULL,"
    " \"row\" INTEGER NOT NULL DEFAULT 0,"
    " content_hash INTEGER NOT NULL,"
    " \"naam\" TEXT NOT NULL DEFAULT '', \"omschrijving\" TEXT NOT NULL DEFAULT '',"
    " \"soort\" TEXT NOT NULL DEFAULT '', \"status\" TEXT NOT NULL DEFAULT '',"
    " \"themas\" TEXT NOT NULL DEFAULT '', \"aandoeningen\" TEXT NOT NULL DEFAULT '',"
    " \"vorm\" TEXT NOT NULL DEFAULT '', \"contact\" TEXT NOT NULL DEFAULT '',"
    " \"deelname\" TEXT NOT NULL DEFAULT '', \"kosten\" TEXT NOT NULL DEFAULT '',"
    " \"kosten_tekst\" TEXT NOT NULL DEFAULT '', \"steun\" TEXT NOT NULL DEFAULT '',"
    " \"fase\" TEXT NOT NULL DEFAULT '', \"doelgroep\" TEXT NOT NULL DEFAULT '',"
    " \"leeftijd_min\" TEXT NOT NULL DEFAULT '', \"leeftijd_max\" TEXT NOT NULL DEFAULT '',"
    " \"talen\" TEXT NOT NULL DEFAULT '', \"adres\" TEXT NOT NULL DEFAULT '',"
    " \"postcode\" TEXT NOT NULL DEFAULT '', \"plaats\" TEXT NOT NULL DEFAULT '',"
    " \"lat\" TEXT NOT NULL DEFAULT '', \"lon\" TEXT NOT NULL DEFAULT '',"
    " \"rolstoel\" TEXT NOT NULL DEFAULT '', \"dagen\" TEXT NOT NULL DEFAULT '',"
    " \"frequentie\" TEXT NOT NULL DEFAULT '', \"tijd_van\" TEXT NOT NULL DEFAULT '',"
    " \"tijd_tot\" TEXT NOT NULL DEFAULT '', \"vanaf\" TEXT NOT NULL DEFAULT '',"
    " \"tot\" TEXT NOT NULL DEFAULT '', \"vervalt\" TEXT NOT NULL DEFAULT '',"
    " \"wanneer_tekst\" TEXT NOT NULL DEFAULT '', \"aanmeld_url\" TEXT NOT NULL DEFAULT '',"
    " \"telefoon\" TEXT NOT NULL DEFAULT '', \"email\" TEXT NOT NULL DEFAULT '',"
    " \"contactpersoon\" TEXT NOT NULL DEFAULT '', \"moderator\" TEXT NOT NULL DEFAULT '',"
    " \"zorgverlener\" TEXT NOT NULL DEFAULT '', \"gecontroleerd\" TEXT NOT NULL DEFAULT ''"
    ");"
    "CREATE TABLE import_history ("
    " id INTEGER PRIMARY KEY,"
    " imported_on TEXT NOT NULL,"
    " source TEXT NOT NULL,"
    " sha256 TEXT NOT NULL,"
    " \"rows\" INTEGER NOT NULL,"
    " imported INTEGER NOT NULL,"
    " new_count INTEGER NOT NULL,"
    " changed_count INTEGER NOT NULL,"
    " removed_count INTEGER NOT NULL,"
    " unchanged_count INTEGER NOT NULL,"
    " error_count INTEGER NOT NULL,"
    " warning_count INTEGER NOT NULL,"
    " applied INTEGER NOT NULL"
    ");"
    "CREATE TABLE usage_count ("
    " day TEXT NOT NULL,"
    " kind TEXT NOT NULL,"
    " key TEXT NOT NULL,"
    " count INTEGER NOT NULL,"
    " PRIMARY KEY (day, kind, key)"
    ") WITHOUT ROWID;";

/* Version 2: the catalogue's generation, bumped in the same transaction as
 * every replacement of the offers, and the matching index image made from
 * that generation (NULL when there is none), so a start can use the image
 * instead of reading every offer. One row, id 1. */
static const char schema_version_2[] =
    "CREATE TABLE catalogue_state ("
    " id INTEGER PRIMARY KEY CHECK (id = 1),"
    " generation INTEGER NOT NULL,"
    " match_index BLOB"
    ");"
    "INSERT INTO catalogue_state (id, generation) VALUES (1, 1);";

/* Version 3: the optional translations of the free texts (naam_en …
 * wanneer_tekst_ar), empty in the offers stored before them. Empty
 * translations add nothing to an offer's hash, so stored hashes hold. */
static const char schema_version_3[] =
    "ALTER TABLE offer ADD COLUMN \"naam_en\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"naam_tr\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"naam_ar\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"omschrijving_en\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"omschrijving_tr\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"omschrijving_ar\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"kosten_tekst_en\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"kosten_tekst_tr\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"kosten_tekst_ar\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"doelgroep_en\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"doelgroep_tr\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"doelgroep_ar\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"wanneer_tekst_en\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"wanneer_tekst_tr\" TEXT NOT NULL DEFAULT '';"
    "ALTER TABLE offer ADD COLUMN \"wanneer_tekst_ar\" TEXT NOT NULL DEFAULT '';";

/* Version 4: the kiosk's own settings that a volunteer changes on the
 * screen (the menu's "Standaardtaal"), kept here because the settings file
 * is the administrator's and the kiosk may not write it. A few short rows,
 * never anything about a resident. */
static const char schema_version_4[] = "CREATE TABLE kiosk_setting ("
                                       " name TEXT PRIMARY KEY NOT NULL,"
                                       " value TEXT NOT NULL"
                                       ") WITHOUT ROWID;";

static const char *const schema_migrations[] = {
    schema_version_1,
    schema_version_2,
    schema_version_3,
    schema_version_4,
};

/* The first schema version with the kiosk_setting table: a read-only store
 * of an older one has no settings. */
#define SETTINGS_SCHEMA_VERSION 4

/* The first schema version with the offer column of `field`: a read-only
 * store takes an older schema as it finds it and reads what it lacks as ''. */
static int64_t schema_version_of_field(catalogue_field field)
{
	return field >= FIELD_FIRST_TRANSLATION ? 3 : 1;
}

_Static_assert(sizeof schema_migrations / sizeof schema_migrations[0] == STORE_SCHEMA_VERSION,
               "STORE_SCHEMA_VERSION must equal the number of migration steps");

/* ---- errors ---------------------------------------------------------- */

static status status_from_sqlite(int code)
{
	switch (code & 0xff) {
	case SQLITE_OK:
	case SQLITE_DONE:
	case SQLITE_ROW: return STATUS_OK;
	case SQLITE_NOMEM: return STATUS_NO_MEMORY;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB: return STATUS_CORRUPT;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
	case SQLITE_FULL: return STATUS_IO;
	case SQLITE_TOOBIG: return STATUS_TOO_LARGE;
	default: return STATUS_DATABASE;
	}
}

/* Remembers what failed in English for store_last_error() and logs. */
static status fail_with_sqlite(store *database, int code, const char *doing)
{
	(void)text_format(database->last_error, sizeof database->last_error, "%s: %s", doing,
	                  database->connection != NULL ? sqlite3_errmsg(database->connection)
	                                               : sqlite3_errstr(code));
	return status_from_sqlite(code);
}

static status fail_with_message(store *database, status result, const char *message)
{
	(void)text_copy(database->last_error, sizeof database->last_error, message);
	return result;
}

static status fail_with_errno(store *database, const char *doing, const char *path)
{
	(void)text_format(database->last_error, sizeof database->last_error, "%s %s: %s", doing,
	                  path, strerror(errno));
	return STATUS_IO;
}

/* ---- small sqlite helpers -------------------------------------------- */

static status execute(store *database, const char *sql, const char *doing)
{
	int code = sqlite3_exec(database->connection, sql, NULL, NULL, NULL);
	if (code != SQLITE_OK)
		return fail_with_sqlite(database, code, doing);
	return STATUS_OK;
}

static status prepare(store *database, const char *sql, sqlite3_stmt **statement, const char *doing)
{
	*statement = NULL;
	int code = sqlite3_prepare_v2(database->connection, sql, -1, statement, NULL);
	if (code != SQLITE_OK)
		return fail_with_sqlite(database, code, doing);
	return STATUS_OK;
}

/* Undoes an open transaction after a failure; harmless when sqlite already
 * rolled back by itself. */
static void rollback_quietly(store *database)
{
	if (sqlite3_get_autocommit(database->connection) == 0)
		(void)sqlite3_exec(database->connection, "ROLLBACK", NULL, NULL, NULL);
}

static status query_integer(store *database, const char *sql, int64_t *out, const char *doing)
{
	sqlite3_stmt *statement = NULL;
	status result = prepare(database, sql, &statement, doing);
	if (result != STATUS_OK)
		return result;
	int code = sqlite3_step(statement);
	if (code == SQLITE_ROW)
		*out = sqlite3_column_int64(statement, 0);
	else if (code == SQLITE_DONE)
		result = fail_with_message(database, STATUS_DATABASE, "query returned no row");
	else
		result = fail_with_sqlite(database, code, doing);
	sqlite3_finalize(statement);
	return result;
}

/* First column of the first row as text into out ("" without a row). */
static status query_text(store *database, const char *sql, char *out, size_t size,
                         const char *doing)
{
	sqlite3_stmt *statement = NULL;
	status result = prepare(database, sql, &statement, doing);
	if (result != STATUS_OK)
		return result;
	out[0] = '\0';
	int code = sqlite3_step(statement);
	if (code == SQLITE_ROW) {
		const unsigned char *text = sqlite3_column_text(statement, 0);
		(void)text_copy(out, size, text != NULL ? (const char *)text : "");
	} else if (code != SQLITE_DONE) {
		result = fail_with_sqlite(database, code, doing);
	}
	sqlite3_finalize(statement);
	return result;
}

/* sqlite stores signed 64-bit integers; hashes keep their bit pattern. */
static sqlite3_int64 hash_to_column(uint64_t hash)
{
	if (hash <= (uint64_t)INT64_MAX)
		return (sqlite3_int64)hash;
	return -(sqlite3_int64)(~hash) - 1;
}

static uint64_t hash_from_column(sqlite3_int64 value)
{
	if (value >= 0)
		return (uint64_t)value;
	return ~(uint64_t)(-(value + 1));
}

static uint32_t column_uint32(sqlite3_stmt *statement, int column)
{
	sqlite3_int64 value = sqlite3_column_int64(statement, column);
	if (value < 0)
		return 0;
	if (value > (sqlite3_int64)UINT32_MAX)
		return UINT32_MAX;
	return (uint32_t)value;
}

static const char *column_string(sqlite3_stmt *statement, int column)
{
	const unsigned char *text = sqlite3_column_text(statement, column);
	return text != NULL ? (const char *)text : "";
}

/* Identifiers come from catalogue_field_name(); quoting keeps words like
 * "status" or "tot" from ever being read as SQL. */
static status append_quoted_identifier(text_buffer *sql, const char *name)
{
	status result = text_buffer_append_string(sql, "\"");
	for (const char *cursor = name; result == STATUS_OK && *cursor != '\0'; cursor++)
		result = *cursor == '"' ? text_buffer_append_string(sql, "\"\"")
		                        : text_buffer_append(sql, cursor, 1);
	return result == STATUS_OK ? text_buffer_append_string(sql, "\"") : result;
}

/* ---- dates and names -------------------------------------------------- */

static void format_day(int32_t day, char out[16])
{
	int year = 0, month = 0, day_of_month = 0;
	catalogue_civil_from_days(day, &year, &month, &day_of_month);
	if (!text_format(out, 16, "%04d-%02d-%02d", year, month, day_of_month))
		out[0] = '\0';
}

/* Reads YYYY-MM-DD back into a day number; CATALOGUE_NO_DATE otherwise. */
static int32_t parse_day(const char *text)
{
	char part[8];
	long year = 0, month = 0, day = 0;
	if (strlen(text) != 10 || text[4] != '-' || text[7] != '-')
		return CATALOGUE_NO_DATE;
	memcpy(part, text, 4);
	part[4] = '\0';
	if (!text_parse_integer(part, 1, 9999, &year))
		return CATALOGUE_NO_DATE;
	memcpy(part, text + 5, 2);
	part[2] = '\0';
	if (!text_parse_integer(part, 1, 12, &month))
		return CATALOGUE_NO_DATE;
	memcpy(part, text + 8, 2);
	part[2] = '\0';
	if (!text_parse_integer(part, 1, 31, &day))
		return CATALOGUE_NO_DATE;
	return catalogue_days_from_civil((int)year, (int)month, (int)day);
}

const char *store_source_name(store_source source)
{
	switch (source) {
	case STORE_SOURCE_FILE: return "bestand";
	case STORE_SOURCE_USB: return "usb-stick";
	case STORE_SOURCE_SAMPLE: return "voorbeeld";
	case STORE_SOURCE_BACKUP: return "reservekopie";
	case STORE_SOURCE_SAMPLE_AFTER_DAMAGE: return "noodvoorbeeld";
	case STORE_SOURCE_NOTHING_AFTER_DAMAGE: return "leeg-na-schade";
	}
	return "onbekend";
}

status store_source_from_name(const char *name, store_source *out)
{
	if (name == NULL || out == NULL)
		return STATUS_USAGE;
	static const store_source sources[] = {STORE_SOURCE_FILE,
	                                       STORE_SOURCE_USB,
	                                       STORE_SOURCE_SAMPLE,
	                                       STORE_SOURCE_BACKUP,
	                                       STORE_SOURCE_SAMPLE_AFTER_DAMAGE,
	                                       STORE_SOURCE_NOTHING_AFTER_DAMAGE};
	for (size_t i = 0; i < sizeof sources / sizeof sources[0]; i++) {
		if (strcmp(name, store_source_name(sources[i])) == 0) {
			*out = sources[i];
			return STATUS_OK;
		}
	}
	return STATUS_NOT_FOUND;
}

bool store_source_is_after_damage(store_source source)
{
	return source == STORE_SOURCE_BACKUP || source == STORE_SOURCE_SAMPLE_AFTER_DAMAGE ||
	       source == STORE_SOURCE_NOTHING_AFTER_DAMAGE;
}

static status path_with_suffix(const char *path, const char *suffix, text_buffer *out)
{
	text_buffer_clear(out);
	status result = text_buffer_append_string(out, path);
	return result == STATUS_OK ? text_buffer_append_string(out, suffix) : result;
}

/* ---- opening ---------------------------------------------------------- */

/* Where the last-good copy goes and its temporary name while it is written
 * (the name every writer locks). */
static status backup_paths(const store *database, text_buffer *final_path,
                           text_buffer *temporary_path)
{
	status result = path_with_suffix(database->path, STORE_BACKUP_SUFFIX, final_path);
	return result == STATUS_OK
	           ? path_with_suffix(text_buffer_string(final_path), ".tmp", temporary_path)
	           : result;
}

/* Whether `path` still names the file open as `descriptor` (a writer that
 * renamed it away has made the name another file's). */
static bool still_named(int descriptor, const char *path)
{
	struct stat opened, named;
	return fstat(descriptor, &opened) == 0 && lstat(path, &named) == 0 &&
	       named.st_ino == opened.st_ino && named.st_dev == opened.st_dev;
}

/* A last-good copy in the making that a killed import left behind (it was
 * never renamed into place, so it is not the last good copy): removed when
 * the store is opened for writing, so a crash leaves the next start clean.
 * Only when its lock can be taken at once and the name still holds the file
 * locked: a writer in another process holds it until its rename, and then
 * the copy is its, not ours to remove. */
static void remove_abandoned_backup(const store *database)
{
	text_buffer final_path = {0}, temporary_path = {0};
	if (backup_paths(database, &final_path, &temporary_path) == STATUS_OK) {
		const char *temporary = text_buffer_string(&temporary_path);
		int descriptor = open(temporary, O_WRONLY | O_CLOEXEC | O_NOFOLLOW);
		struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
		if (descriptor >= 0 && fcntl(descriptor, F_SETLK, &lock) == 0 &&
		    still_named(descriptor, temporary) && unlink(temporary) == 0)
			fprintf(stderr,
			        "buurtkiosk: removed %s, left by an import that was stopped\n",
			        temporary);
		if (descriptor >= 0)
			(void)close(descriptor);
	}
	text_buffer_free(&temporary_path);
	text_buffer_free(&final_path);
}

/* The directory part of `path` ("." when it has none). */
static status directory_of(const char *path, text_buffer *out)
{
	text_buffer_clear(out);
	const char *slash = strrchr(path, '/');
	if (slash == NULL)
		return text_buffer_append_string(out, ".");
	if (slash == path)
		return text_buffer_append_string(out, "/");
	return text_buffer_append(out, path, (size_t)(slash - path));
}

/* Creates the directory holding the database and any missing parents (the
 * default location under $HOME/.local/state may not exist yet). */
static status ensure_parent_directory(store *database)
{
	text_buffer directory = {0};
	status result = directory_of(database->path, &directory);
	if (result != STATUS_OK) {
		text_buffer_free(&directory);
		return result;
	}
	char *path = directory.data;
	for (char *cursor = path + 1; result == STATUS_OK; cursor++) {
		bool at_end = *cursor == '\0';
		if (*cursor != '/' && !at_end)
			continue;
		char kept = *cursor;
		*cursor = '\0';
		if (mkdir(path, 0755) != 0 && errno != EEXIST)
			result = fail_with_errno(database, "cannot create directory", path);
		*cursor = kept;
		if (at_end)
			break;
	}
	text_buffer_free(&directory);
	return result;
}

/* Brings the schema up to date one step per transaction. The version is
 * re-read inside each transaction, so two processes opening a new database
 * at once do not run a step twice. A current schema is only read: taking
 * the write lock would make every open wait for a running import. */
static status migrate_schema(store *database)
{
	const int64_t latest = STORE_SCHEMA_VERSION;
	int64_t current = 0;
	status checked =
	    query_integer(database, "PRAGMA user_version", &current, "reading the schema version");
	if (checked != STATUS_OK || current == latest)
		return checked;
	for (;;) {
		status result = execute(database, "BEGIN IMMEDIATE", "starting a migration");
		if (result != STATUS_OK)
			return result;
		int64_t version = 0;
		result = query_integer(database, "PRAGMA user_version", &version,
		                       "reading the schema version");
		if (result == STATUS_OK && version > latest) {
			char message[160];
			(void)text_format(message, sizeof message,
			                  "database schema version %lld is newer than this "
			                  "program's %lld",
			                  (long long)version, (long long)latest);
			result = fail_with_message(database, STATUS_DATABASE, message);
		}
		if (result == STATUS_OK && version == latest)
			return execute(database, "COMMIT", "finishing the schema check");
		if (result == STATUS_OK)
			result =
			    execute(database, schema_migrations[version], "migrating the schema");
		if (result == STATUS_OK) {
			char set_version[64];
			(void)text_format(set_version, sizeof set_version,
			                  "PRAGMA user_version = %lld", (long long)(version + 1));
			result = execute(database, set_version, "setting the schema version");
		}
		if (result == STATUS_OK)
			result = execute(database, "COMMIT", "committing a migration");
		if (result != STATUS_OK) {
			rollback_quietly(database);
			return result;
		}
	}
}

/* Every catalogue field must have its column; a missing one means somebody
 * added a field without a migration step. */
static status check_offer_columns(store *database)
{
	sqlite3_stmt *statement = NULL;
	status result = prepare(database, "SELECT name FROM pragma_table_info('offer')", &statement,
	                        "reading the offer columns");
	if (result != STATUS_OK)
		return result;
	bool present[FIELD_COUNT] = {false};
	int code = SQLITE_DONE;
	while ((code = sqlite3_step(statement)) == SQLITE_ROW) {
		const char *name = column_string(statement, 0);
		for (int field = 0; field < FIELD_COUNT; field++)
			if (strcmp(name, catalogue_field_name((catalogue_field)field)) == 0)
				present[field] = true;
	}
	if (code != SQLITE_DONE)
		result = fail_with_sqlite(database, code, "reading the offer columns");
	sqlite3_finalize(statement);
	for (int field = 0; result == STATUS_OK && field < FIELD_COUNT; field++) {
		bool expected =
		    schema_version_of_field((catalogue_field)field) <= database->schema_version;
		if (expected && !present[field]) {
			char message[160];
			(void)text_format(message, sizeof message,
			                  "table offer has no column \"%s\": a schema migration "
			                  "is missing",
			                  catalogue_field_name((catalogue_field)field));
			result = fail_with_message(database, STATUS_DATABASE, message);
		}
	}
	return result;
}

/* A read-only store never migrates: it takes the schema as it finds it.
 * Version 1 only lacks the catalogue state, which reads as "no image";
 * versions before 4 lack the settings, which read as "none stored". */
static status check_schema_read_only(store *database, int64_t version)
{
	if (version == 0)
		return fail_with_message(database, STATUS_NOT_FOUND, "no catalogue stored yet");
	if (version < 1 || version > STORE_SCHEMA_VERSION) {
		char message[160];
		(void)text_format(message, sizeof message,
		                  "database schema version %lld is not this program's %d",
		                  (long long)version, STORE_SCHEMA_VERSION);
		return fail_with_message(database, STATUS_DATABASE, message);
	}
	return STATUS_OK;
}

/* sqlite's progress handler: a non-zero answer interrupts the statement. */
static int progress_says_stop(void *context)
{
	const store_stop *stop = context;
	return atomic_load(&stop->requested) ? 1 : 0;
}

static bool stop_requested(const store *database)
{
	return database->stop != NULL && atomic_load(&database->stop->requested);
}

status store_stop_create(store_stop **out)
{
	if (out == NULL)
		return STATUS_USAGE;
	*out = calloc(1, sizeof **out);
	if (*out == NULL)
		return STATUS_NO_MEMORY;
	if (pthread_mutex_init(&(*out)->lock, NULL) != 0) {
		free(*out);
		*out = NULL;
		return STATUS_NO_MEMORY;
	}
	atomic_init(&(*out)->requested, false);
	return STATUS_OK;
}

void store_stop_request(store_stop *stop)
{
	if (stop == NULL)
		return;
	atomic_store(&stop->requested, true);
	pthread_mutex_lock(&stop->lock);
	if (stop->connection != NULL)
		sqlite3_interrupt(stop->connection);
	pthread_mutex_unlock(&stop->lock);
}

void store_stop_destroy(store_stop *stop)
{
	if (stop == NULL)
		return;
	pthread_mutex_destroy(&stop->lock);
	free(stop);
}

/* Lets `stop` reach the store's connection (false when a stop was asked
 * for already: then the store is not worth opening). */
static bool attach_stop(store *database)
{
	store_stop *stop = database->stop;
	pthread_mutex_lock(&stop->lock);
	bool go_on = !atomic_load(&stop->requested);
	if (go_on)
		stop->connection = database->connection;
	pthread_mutex_unlock(&stop->lock);
	if (go_on)
		sqlite3_progress_handler(database->connection, STOP_CHECK_STEPS, progress_says_stop,
		                         stop);
	return go_on;
}

static void detach_stop(store *database)
{
	store_stop *stop = database->stop;
	if (stop == NULL || database->connection == NULL)
		return;
	pthread_mutex_lock(&stop->lock);
	if (stop->connection == database->connection)
		stop->connection = NULL;
	pthread_mutex_unlock(&stop->lock);
}

static status configure_and_check(store *database, bool read_only, open_check check)
{
	sqlite3_busy_timeout(database->connection, BUSY_TIMEOUT_MS);
	if (database->stop != NULL && !attach_stop(database))
		return fail_with_message(database, STATUS_DATABASE, "stopped before opening");
	/* Reading the header first turns "not a database" into STATUS_CORRUPT
	 * before anything tries to write. */
	int64_t version = 0;
	status result =
	    query_integer(database, "PRAGMA user_version", &version, "reading the database");
	/* Long enough for integrity_check's first problem ("*** in database
	 * main *** On tree page 12 cell 3: ..."), cut beyond that. */
	char answer[256];
	if (result == STATUS_OK)
		result = execute(database, CACHE_SIZE_PRAGMA, "setting the cache size");
	/* The quick open leaves the check to its caller (store_open_quick()). */
	(void)text_copy(answer, sizeof answer, "ok");
	/* A stop asked for just before would be lost on a statement not yet
	 * running (sqlite3_interrupt() resets), and the check is one long step. */
	if (result == STATUS_OK && check != CHECK_NONE && stop_requested(database))
		result = fail_with_message(database, STATUS_DATABASE, "stopped before the check");
	const char *check_name = check == CHECK_INTEGRITY ? "integrity_check" : "quick_check";
	if (result == STATUS_OK && check != CHECK_NONE)
		result = query_text(database,
		                    check == CHECK_INTEGRITY ? INTEGRITY_CHECK_PRAGMA
		                                             : QUICK_CHECK_PRAGMA,
		                    answer, sizeof answer, "checking the database");
	if (result == STATUS_OK && strcmp(answer, "ok") != 0) {
		char message[320];
		(void)text_format(message, sizeof message, "%s found damage: %s", check_name,
		                  answer);
		for (char *cursor = message; *cursor != '\0'; cursor++)
			if (*cursor == '\n')
				*cursor = ' '; /* keep the log to one line */
		result = fail_with_message(database, STATUS_CORRUPT, message);
	}
	if (read_only) {
		if (result == STATUS_OK)
			result = check_schema_read_only(database, version);
		database->schema_version = version;
		return result == STATUS_OK ? check_offer_columns(database) : result;
	}
	if (result == STATUS_OK)
		result = query_text(database, "PRAGMA journal_mode = WAL", answer, sizeof answer,
		                    "switching to WAL");
	if (result == STATUS_OK && strcmp(answer, "wal") != 0)
		fprintf(stderr, "buurtkiosk: database %s stays in journal mode %s (no WAL)\n",
		        database->path, answer);
	if (result == STATUS_OK)
		result = execute(database, "PRAGMA synchronous = FULL", "setting synchronous");
	if (result == STATUS_OK)
		result = execute(database, JOURNAL_SIZE_LIMIT_PRAGMA, "limiting the journal");
	if (result == STATUS_OK)
		result = execute(database, "PRAGMA foreign_keys = ON", "enabling foreign keys");
	if (result == STATUS_OK)
		result = migrate_schema(database);
	if (result == STATUS_OK)
		database->schema_version = STORE_SCHEMA_VERSION;
	if (result == STATUS_OK)
		result = check_offer_columns(database);
	if (result == STATUS_OK)
		remove_abandoned_backup(database);
	return result;
}

static status open_store(const char *path, bool read_only, open_check check, store_stop *stop,
                         store **out)
{
	if (out == NULL)
		return STATUS_USAGE;
	*out = NULL;
	if (path == NULL || path[0] == '\0')
		return STATUS_USAGE;
	size_t length = strlen(path);
	if (length > STORE_MAX_PATH_BYTES)
		return STATUS_TOO_LARGE;

	store *database = calloc(1, sizeof *database);
	if (database == NULL)
		return STATUS_NO_MEMORY;
	database->path = malloc(length + 1);
	if (database->path == NULL) {
		free(database);
		return STATUS_NO_MEMORY;
	}
	memcpy(database->path, path, length + 1);
	database->scanned_generation = -1;
	database->stop = stop;

	status result = STATUS_OK;
	if (!read_only)
		result = ensure_parent_directory(database);
	else if (access(path, F_OK) != 0)
		result = errno == ENOENT ? STATUS_NOT_FOUND
		                         : fail_with_errno(database, "cannot reach", path);
	if (result == STATUS_OK) {
		int flags =
		    read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
		int code = sqlite3_open_v2(path, &database->connection, flags, NULL);
		if (code != SQLITE_OK)
			result = fail_with_sqlite(database, code, "opening the database");
	}
	if (result == STATUS_OK)
		result = configure_and_check(database, read_only, check);
	if (result == STATUS_NOT_FOUND) {
		store_close(database); /* nothing stored yet: not worth a log line */
		return result;
	}
	if (result != STATUS_OK) {
		/* The handle is gone after this, so the log is the only place the
		 * sqlite message can still be seen; a stop that was asked for is
		 * not worth one. */
		if (!stop_requested(database))
			fprintf(stderr, "buurtkiosk: cannot open database %s: %s\n", path,
			        database->last_error);
		store_close(database);
		return result;
	}
	*out = database;
	return STATUS_OK;
}

status store_open(const char *path, store **out)
{
	return open_store(path, false, CHECK_QUICK, NULL, out);
}

status store_open_quick(const char *path, store **out)
{
	return open_store(path, false, CHECK_NONE, NULL, out);
}

status store_open_read_only(const char *path, store **out)
{
	return open_store(path, true, CHECK_QUICK, NULL, out);
}

status store_open_read_only_stoppable(const char *path, store_stop *stop, store **out)
{
	if (stop == NULL) {
		if (out != NULL)
			*out = NULL;
		return STATUS_USAGE;
	}
	/* Off the screen's path (the kiosk already shows its first frame), so
	 * the slower, thorough check costs nothing anyone waits for. */
	return open_store(path, true, CHECK_INTEGRITY, stop, out);
}

status store_file_schema_version(const char *path, int *out)
{
	if (path == NULL || out == NULL)
		return STATUS_USAGE;
	if (access(path, F_OK) != 0)
		return errno == ENOENT ? STATUS_NOT_FOUND : STATUS_IO;
	sqlite3 *connection = NULL;
	int code = sqlite3_open_v2(path, &connection, SQLITE_OPEN_READONLY, NULL);
	sqlite3_stmt *statement = NULL;
	if (code == SQLITE_OK)
		code = sqlite3_prepare_v2(connection, "PRAGMA user_version", -1, &statement, NULL);
	if (code == SQLITE_OK)
		code = sqlite3_step(statement);
	if (code == SQLITE_ROW)
		*out = sqlite3_column_int(statement, 0);
	sqlite3_finalize(statement);
	(void)sqlite3_close(connection);
	if (code == SQLITE_ROW)
		return STATUS_OK;
	return code == SQLITE_DONE ? STATUS_DATABASE : status_from_sqlite(code);
}

void store_close(store *database)
{
	if (database == NULL)
		return;
	detach_stop(database);
	if (database->connection != NULL)
		(void)sqlite3_close(database->connection);
	free(database->path);
	free(database);
}

const char *store_last_error(const store *database)
{
	return database != NULL ? database->last_error : "";
}

status store_schema_version(store *database, int *out)
{
	if (database == NULL || out == NULL)
		return STATUS_USAGE;
	int64_t version = 0;
	status result =
	    query_integer(database, "PRAGMA user_version", &version, "reading the version");
	if (result == STATUS_OK)
		*out = (int)version;
	return result;
}

/* ---- the catalogue ---------------------------------------------------- */

/* Column list of every catalogue field in canonical order, quoted; with
 * `schema_version` below a field's version its column is read as ''. */
static status append_field_columns(text_buffer *sql, int64_t schema_version)
{
	status result = STATUS_OK;
	for (int field = 0; result == STATUS_OK && field < FIELD_COUNT; field++) {
		if (field > 0)
			result = text_buffer_append_string(sql, ",");
		if (result != STATUS_OK)
			break;
		if (schema_version_of_field((catalogue_field)field) > schema_version)
			result = text_buffer_append_string(sql, "''");
		else
			result = append_quoted_identifier(
			    sql, catalogue_field_name((catalogue_field)field));
	}
	return result;
}

/* Prepares `SELECT "row",content_hash,<every field> FROM offer<tail>`: the
 * columns read_offer_row() expects. */
static status prepare_offer_select(store *database, const char *tail, sqlite3_stmt **statement)
{
	*statement = NULL;
	text_buffer sql = {0};
	status result = text_buffer_append_string(&sql, "SELECT \"row\",content_hash,");
	if (result == STATUS_OK)
		result = append_field_columns(&sql, database->schema_version);
	if (result == STATUS_OK)
		result = text_buffer_append_string(&sql, tail);
	if (result == STATUS_OK)
		result = prepare(database, text_buffer_string(&sql), statement, "reading offers");
	text_buffer_free(&sql);
	return result;
}

/* Parses the current row of a prepare_offer_select() statement into a new
 * last offer of `into` and checks it against its stored hash: a row that no
 * longer parses or differs is STATUS_CORRUPT (nothing usable appended). */
static status read_offer_row(store *database, sqlite3_stmt *statement, catalogue *into)
{
	const char *fields[FIELD_COUNT];
	for (int field = 0; field < FIELD_COUNT; field++)
		fields[field] = column_string(statement, field + 2);
	uint32_t row = column_uint32(statement, 0);
	uint64_t stored_hash = hash_from_column(sqlite3_column_int64(statement, 1));
	status result = import_parse_fields(into, fields, row, NULL);
	const char *problem = NULL;
	if (result == STATUS_INVALID)
		problem = "no longer reads back";
	else if (result == STATUS_OK && catalogue_offer_hash(catalogue_offer(
	                                    into, catalogue_count(into) - 1)) != stored_hash)
		problem = "does not match its hash";
	if (problem == NULL)
		return result;
	char message[160];
	(void)text_format(message, sizeof message, "stored offer \"%.64s\" %s", fields[FIELD_ID],
	                  problem);
	return fail_with_message(database, STATUS_CORRUPT, message);
}

status store_load_catalogue(store *database, catalogue **out)
{
	if (database == NULL || out == NULL)
		return STATUS_USAGE;
	*out = NULL;
	sqlite3_stmt *statement = NULL;
	status result = prepare_offer_select(database, " FROM offer ORDER BY id", &statement);
	if (result != STATUS_OK)
		return result;

	catalogue *loaded = catalogue_create();
	if (loaded == NULL) {
		sqlite3_finalize(statement);
		return STATUS_NO_MEMORY;
	}
	int code = SQLITE_DONE;
	while (result == STATUS_OK && (code = sqlite3_step(statement)) == SQLITE_ROW)
		result = read_offer_row(database, statement, loaded);
	if (result == STATUS_OK && code != SQLITE_DONE)
		result = fail_with_sqlite(database, code, "reading offers");
	sqlite3_finalize(statement);
	if (result != STATUS_OK) {
		catalogue_destroy(loaded);
		return result;
	}
	catalogue_sort(loaded);
	*out = loaded;
	return STATUS_OK;
}

/* Ends the read transaction of a scan or lookup: COMMIT after success,
 * otherwise a rollback that keeps the failure's message. */
static status finish_read(store *database, status result)
{
	if (result == STATUS_OK)
		result = execute(database, "COMMIT", "finishing a read");
	if (result != STATUS_OK) {
		char message[sizeof database->last_error];
		(void)text_copy(message, sizeof message, database->last_error);
		rollback_quietly(database);
		(void)text_copy(database->last_error, sizeof database->last_error, message);
	}
	return result;
}

/* The catalogue's generation (0 in a version 1 database, which has none). */
static status read_generation(store *database, int64_t *out)
{
	*out = 0;
	if (database->schema_version < 2)
		return STATUS_OK;
	return query_integer(database,
	                     "SELECT coalesce((SELECT generation FROM catalogue_state"
	                     " WHERE id = 1), 0)",
	                     out, "reading the catalogue generation");
}

/* Visits every offer (see store_scan_offers()), calling `start` first with
 * their number, all in one read transaction so the count and the rows agree.
 * Offers are parsed into a small batch catalogue that is thrown away every
 * SCAN_BATCH_OFFERS rows; sqlite's cache stays at CACHE_SIZE_PRAGMA. */
static status scan_offers(store *database, status (*start)(void *context, size_t offer_count),
                          store_offer_visitor visit, void *context)
{
	status result = execute(database, "BEGIN", "starting a read");
	int64_t generation = 0;
	if (result == STATUS_OK)
		result = read_generation(database, &generation);
	if (result == STATUS_OK && start != NULL) {
		int64_t count = 0;
		result = query_integer(database, "SELECT count(*) FROM offer", &count,
		                       "counting offers");
		if (result == STATUS_OK)
			result = start(context, (size_t)count);
	}
	sqlite3_stmt *statement = NULL;
	if (result == STATUS_OK)
		result = prepare_offer_select(database, " FROM offer ORDER BY id", &statement);
	catalogue *batch = NULL;
	int code = SQLITE_DONE;
	while (result == STATUS_OK && (code = sqlite3_step(statement)) == SQLITE_ROW) {
		if (batch == NULL || catalogue_count(batch) >= SCAN_BATCH_OFFERS) {
			catalogue_destroy(batch);
			batch = catalogue_create();
			if (batch == NULL) {
				result = STATUS_NO_MEMORY;
				break;
			}
		}
		result = read_offer_row(database, statement, batch);
		if (result == STATUS_OK && visit != NULL)
			result = visit(context, catalogue_offer(batch, catalogue_count(batch) - 1));
	}
	if (result == STATUS_OK && code != SQLITE_DONE)
		result = fail_with_sqlite(database, code, "reading offers");
	sqlite3_finalize(statement);
	catalogue_destroy(batch);
	result = finish_read(database, result);
	if (result == STATUS_OK)
		database->scanned_generation = generation;
	return result;
}

status store_scan_offers(store *database, store_offer_visitor visit, void *context)
{
	if (database == NULL)
		return STATUS_USAGE;
	return scan_offers(database, NULL, visit, context);
}

static int compare_id_pointers(const void *left, const void *right)
{
	return strcmp(*(const char *const *)left, *(const char *const *)right);
}

/* Looks each id of `sorted` (ascending, so each distinct id once) up with
 * one prepared statement and appends the stored ones to `into`. */
static status load_sorted_ids(store *database, const char **sorted, size_t count, catalogue *into)
{
	sqlite3_stmt *statement = NULL;
	status result = prepare_offer_select(database, " FROM offer WHERE id = ?", &statement);
	for (size_t index = 0; result == STATUS_OK && index < count; index++) {
		if (index > 0 && strcmp(sorted[index], sorted[index - 1]) == 0)
			continue;
		int code = sqlite3_bind_text(statement, 1, sorted[index], -1, SQLITE_STATIC);
		if (code == SQLITE_OK)
			code = sqlite3_step(statement);
		if (code == SQLITE_ROW)
			result = read_offer_row(database, statement, into);
		else if (code != SQLITE_DONE) /* DONE: not stored, skipped */
			result = fail_with_sqlite(database, code, "reading an offer");
		sqlite3_reset(statement);
	}
	sqlite3_finalize(statement);
	return result;
}

status store_load_offers(store *database, const char *const *ids, size_t count, catalogue **out)
{
	if (out != NULL)
		*out = NULL;
	if (database == NULL || out == NULL || (ids == NULL && count > 0))
		return STATUS_USAGE;
	for (size_t index = 0; index < count; index++)
		if (ids[index] == NULL)
			return STATUS_USAGE;
	if (count > SIZE_MAX / sizeof(const char *))
		return STATUS_TOO_LARGE;
	/* Sorted, each id is asked once and the rows arrive in catalogue order. */
	const char **sorted = NULL;
	if (count > 0) {
		sorted = malloc(count * sizeof *sorted);
		if (sorted == NULL)
			return STATUS_NO_MEMORY;
		memcpy(sorted, ids, count * sizeof *sorted);
		qsort(sorted, count, sizeof *sorted, compare_id_pointers);
	}
	catalogue *loaded = catalogue_create();
	status result = loaded != NULL ? STATUS_OK : STATUS_NO_MEMORY;
	if (result == STATUS_OK)
		result = execute(database, "BEGIN", "starting a read");
	if (result == STATUS_OK)
		result = finish_read(database, load_sorted_ids(database, sorted, count, loaded));
	free(sorted);
	if (result != STATUS_OK) {
		catalogue_destroy(loaded);
		return result;
	}
	catalogue_sort(loaded);
	*out = loaded;
	return STATUS_OK;
}

status store_count_offers(store *database, size_t *out)
{
	if (database == NULL || out == NULL)
		return STATUS_USAGE;
	int64_t count = 0;
	status result =
	    query_integer(database, "SELECT count(*) FROM offer", &count, "counting offers");
	if (result == STATUS_OK)
		*out = (size_t)count;
	return result;
}

/* ---- the matching index image ----------------------------------------- */

status store_catalogue_generation(store *database, int64_t *out)
{
	if (database == NULL || out == NULL)
		return STATUS_USAGE;
	return read_generation(database, out);
}

int64_t store_scanned_generation(const store *database)
{
	return database != NULL ? database->scanned_generation : -1;
}

status store_save_match_index(store *database, int64_t generation, const void *image, size_t size)
{
	if (database == NULL || (image == NULL && size > 0) || generation < 1)
		return STATUS_USAGE;
	if (size > MAX_MATCH_INDEX_BYTES || size > (size_t)INT_MAX)
		return fail_with_message(database, STATUS_TOO_LARGE, "index image too large");
	if (database->schema_version < 2)
		return fail_with_message(database, STATUS_DATABASE, "no catalogue state table");
	/* The row is only changed while the generation is still the one the
	 * image was made from; an import in between makes it not match. */
	sqlite3_stmt *statement = NULL;
	status result = execute(database, "BEGIN IMMEDIATE", "starting to save the index");
	if (result == STATUS_OK)
		result = prepare(database,
		                 "UPDATE catalogue_state SET match_index = ?"
		                 " WHERE id = 1 AND generation = ?",
		                 &statement, "preparing to save the index");
	if (result == STATUS_OK) {
		int code = sqlite3_bind_blob(statement, 1, size > 0 ? image : "", (int)size,
		                             SQLITE_STATIC);
		if (code == SQLITE_OK)
			code = sqlite3_bind_int64(statement, 2, generation);
		if (code == SQLITE_OK)
			code = sqlite3_step(statement);
		if (code != SQLITE_DONE)
			result = fail_with_sqlite(database, code, "saving the index");
		else if (sqlite3_changes(database->connection) == 0)
			result =
			    fail_with_message(database, STATUS_REFUSED,
			                      "the catalogue changed since the index was made");
	}
	sqlite3_finalize(statement);
	if (result == STATUS_OK)
		result = execute(database, "COMMIT", "committing the index");
	if (result != STATUS_OK)
		return finish_read(database, result); /* rolls back, keeps the message */
	return STATUS_OK;
}

/* The stored image, read front to back in parts through sqlite's
 * incremental blob reads: nothing but the reader's buffer holds it. */
typedef struct index_reader {
	store *database;
	sqlite3_blob *blob;
	size_t size, at;
} index_reader;

static status read_index_part(void *context, void *buffer, size_t size)
{
	index_reader *reader = context;
	if (size > reader->size - reader->at)
		return STATUS_USAGE;
	if (size == 0)
		return STATUS_OK;
	int code = sqlite3_blob_read(reader->blob, buffer, (int)size, (int)reader->at);
	if (code != SQLITE_OK)
		return fail_with_sqlite(reader->database, code, "reading the index");
	reader->at += size;
	return STATUS_OK;
}

status store_read_match_index(store *database, store_index_consumer consume, void *context)
{
	if (database == NULL || consume == NULL)
		return STATUS_USAGE;
	if (database->schema_version < 2)
		return STATUS_NOT_FOUND;
	/* One read transaction: the image cannot change under the reader. */
	status result = execute(database, "BEGIN", "starting a read");
	int64_t size = -1;
	if (result == STATUS_OK)
		result = query_integer(database,
		                       "SELECT coalesce((SELECT length(match_index) FROM"
		                       " catalogue_state WHERE id = 1), -1)",
		                       &size, "measuring the index");
	if (result == STATUS_OK && size < 0)
		result = STATUS_NOT_FOUND;
	if (result == STATUS_OK && (uint64_t)size > MAX_MATCH_INDEX_BYTES)
		result = fail_with_message(database, STATUS_TOO_LARGE, "index image too large");
	index_reader reader = {database, NULL, (size_t)(size > 0 ? size : 0), 0};
	if (result == STATUS_OK) {
		int code = sqlite3_blob_open(database->connection, "main", "catalogue_state",
		                             "match_index", 1, 0, &reader.blob);
		if (code != SQLITE_OK)
			result = fail_with_sqlite(database, code, "opening the index");
	}
	if (result == STATUS_OK)
		result = consume(context, read_index_part, &reader, reader.size);
	(void)sqlite3_blob_close(reader.blob);
	if (result == STATUS_NOT_FOUND) {
		rollback_quietly(database);
		return result;
	}
	return finish_read(database, result);
}

static status append_index(void *context, store_part_reader read, void *reader, size_t size)
{
	text_buffer *out = context;
	char part[MATCH_INDEX_READ_BYTES];
	status result = STATUS_OK;
	for (size_t at = 0; result == STATUS_OK && at < size; at += sizeof part) {
		size_t length = size - at < sizeof part ? size - at : sizeof part;
		result = read(reader, part, length);
		if (result == STATUS_OK)
			result = text_buffer_append(out, part, length);
	}
	return result;
}

status store_load_match_index(store *database, text_buffer *out)
{
	if (database == NULL || out == NULL)
		return STATUS_USAGE;
	text_buffer_clear(out);
	status result = store_read_match_index(database, append_index, out);
	if (result != STATUS_OK)
		text_buffer_clear(out);
	return result;
}

/* Copies ids and hashes into `digests` (room for `capacity`) followed by
 * the id bytes (room for `text_capacity`). */
static status copy_digests(store *database, offer_digest *digests, size_t capacity,
                           size_t text_capacity, size_t *count)
{
	sqlite3_stmt *statement = NULL;
	status result = prepare(database, "SELECT id, content_hash FROM offer ORDER BY id",
	                        &statement, "reading offer digests");
	if (result != STATUS_OK)
		return result;
	char *text = (char *)(digests + capacity);
	size_t used = 0, copied = 0;
	int code = SQLITE_DONE;
	while (result == STATUS_OK && (code = sqlite3_step(statement)) == SQLITE_ROW) {
		const char *id = column_string(statement, 0);
		size_t length = (size_t)sqlite3_column_bytes(statement, 0);
		if (copied == capacity || length + 1 > text_capacity - used) {
			result = fail_with_message(database, STATUS_DATABASE,
			                           "offers changed while reading digests");
			break;
		}
		memcpy(text + used, id, length + 1);
		digests[copied].id = text + used;
		digests[copied].content_hash = hash_from_column(sqlite3_column_int64(statement, 1));
		used += length + 1;
		copied++;
	}
	if (result == STATUS_OK && code != SQLITE_DONE)
		result = fail_with_sqlite(database, code, "reading offer digests");
	sqlite3_finalize(statement);
	*count = copied;
	return result;
}

status store_load_digests(store *database, offer_digest **out, size_t *count)
{
	if (database == NULL || out == NULL || count == NULL)
		return STATUS_USAGE;
	*out = NULL;
	*count = 0;
	/* One read transaction so the sizing query and the copy see the same rows. */
	status result = execute(database, "BEGIN", "starting a read");
	if (result != STATUS_OK)
		return result;
	int64_t rows = 0, id_bytes = 0;
	result = query_integer(database, "SELECT count(*) FROM offer", &rows, "counting offers");
	if (result == STATUS_OK)
		result = query_integer(
		    database, "SELECT coalesce(sum(length(CAST(id AS BLOB))), 0) FROM offer",
		    &id_bytes, "measuring offer ids");
	offer_digest *digests = NULL;
	if (result == STATUS_OK && rows > 0) {
		size_t capacity = (size_t)rows;
		size_t text_capacity = (size_t)id_bytes + capacity;
		if (capacity > (SIZE_MAX - text_capacity) / sizeof(offer_digest))
			result = STATUS_TOO_LARGE;
		else if ((digests = malloc(capacity * sizeof(offer_digest) + text_capacity)) ==
		         NULL)
			result = STATUS_NO_MEMORY;
		else
			result = copy_digests(database, digests, capacity, text_capacity, count);
	}
	if (result == STATUS_OK)
		result = execute(database, "COMMIT", "finishing a read");
	if (result != STATUS_OK) {
		rollback_quietly(database);
		free(digests);
		*count = 0;
		return result;
	}
	*out = digests;
	return STATUS_OK;
}

void store_free_digests(offer_digest *digests)
{
	free(digests);
}

static status insert_history(store *database, const import_report *report, store_source source,
                             int32_t today, bool applied)
{
	sqlite3_stmt *statement = NULL;
	status result = prepare(database,
	                        "INSERT INTO import_history (imported_on, source, sha256,"
	                        " \"rows\", imported, new_count, changed_count, removed_count,"
	                        " unchanged_count, error_count, warning_count, applied)"
	                        " VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
	                        &statement, "preparing the history row");
	if (result != STATUS_OK)
		return result;
	char day[16], digest[65] = "";
	format_day(today, day);
	const char *name = store_source_name(source);
	import_report empty = {0};
	if (report != NULL)
		sha256_to_hex(report->sha256, digest);
	else
		report = &empty;
	const uint32_t counts[] = {report->rows,          report->imported,
	                           report->new_count,     report->changed_count,
	                           report->removed_count, report->unchanged_count,
	                           report->error_count,   report->warning_count};
	int code = sqlite3_bind_text(statement, 1, day, -1, SQLITE_TRANSIENT);
	if (code == SQLITE_OK)
		code = sqlite3_bind_text(statement, 2, name, -1, SQLITE_STATIC);
	if (code == SQLITE_OK)
		code = sqlite3_bind_text(statement, 3, digest, -1, SQLITE_TRANSIENT);
	for (int i = 0; code == SQLITE_OK && i < 8; i++)
		code = sqlite3_bind_int64(statement, 4 + i, counts[i]);
	if (code == SQLITE_OK)
		code = sqlite3_bind_int(statement, 12, applied ? 1 : 0);
	if (code == SQLITE_OK)
		code = sqlite3_step(statement);
	if (code != SQLITE_DONE)
		result = fail_with_sqlite(database, code, "writing the history row");
	sqlite3_finalize(statement);
	return result;
}

/* The last-good copy is written while the offers are inserted, reusing their
 * canonical texts, under a temporary name; it is synced before the commit
 * and renamed over the old copy after it, so a power cut leaves either the
 * old or the new copy, never half of one. The temporary file stays locked
 * from creation to rename: another kiosk process that committed just before
 * may still be renaming its copy, and truncating that file under it would
 * publish half a copy. A backup that fails never stops an import: `ok`
 * turns false and the reason is logged. atomic_file's begin/commit does not
 * fit: its name is random, not one every writer locks, and its commit closes
 * the file (dropping the lock) before the rename; only the directory sync is
 * shared. */
typedef struct backup_writer {
	FILE *file;
	char *buffer;
	text_buffer temporary_path;
	text_buffer final_path;
	text_buffer row;
	bool ok;
} backup_writer;

/* Writes one row of `cells` (or of `texts`) with a single fwrite, built in
 * `row` (reused between rows, so a big backup makes no per-row allocation). */
static status write_csv_row(FILE *out, const char *const *cells, const text_buffer *texts,
                            text_buffer *row)
{
	text_buffer_clear(row);
	status result = STATUS_OK;
	for (int field = 0; result == STATUS_OK && field < FIELD_COUNT; field++) {
		if (field > 0)
			result = text_buffer_append(row, (const char[]){CSV_DELIMITER}, 1);
		const char *cell = cells != NULL ? cells[field] : text_buffer_string(&texts[field]);
		if (result == STATUS_OK)
			result = csv_append_field(row, cell, CSV_DELIMITER);
	}
	if (result == STATUS_OK)
		result = text_buffer_append_string(row, CSV_LINE_END);
	if (result == STATUS_OK && fwrite(row->data, 1, row->length, out) != row->length)
		result = STATUS_IO;
	return result;
}

static void backup_failed(store *database, backup_writer *writer, const char *doing)
{
	if (!writer->ok)
		return;
	writer->ok = false;
	fprintf(stderr, "buurtkiosk: cannot write the backup copy %s (%s): %s\n",
	        text_buffer_string(&writer->temporary_path), doing, strerror(errno));
	(void)text_format(database->last_error, sizeof database->last_error,
	                  "backup copy not written (%s)", doing);
}

/* Opens `path` for writing under an exclusive lock, waiting while another
 * process holds it, and only then empties it. A file renamed away while we
 * waited is no longer the temporary copy, so we start over. A link at the
 * name is not followed: the copy is never written elsewhere. */
static FILE *open_locked_temporary(const char *path)
{
	for (;;) {
		int descriptor = open(path, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0644);
		if (descriptor < 0)
			return NULL;
		struct flock lock = {.l_type = F_WRLCK, .l_whence = SEEK_SET};
		int locked;
		do
			locked = fcntl(descriptor, F_SETLKW, &lock);
		while (locked != 0 && errno == EINTR);
		if (locked != 0) {
			close(descriptor);
			return NULL;
		}
		if (!still_named(descriptor, path)) {
			close(descriptor);
			continue;
		}
		FILE *file = ftruncate(descriptor, 0) == 0 ? fdopen(descriptor, "wb") : NULL;
		if (file == NULL)
			close(descriptor);
		return file;
	}
}

static void backup_begin(store *database, backup_writer *writer)
{
	memset(writer, 0, sizeof *writer);
	writer->ok = true;
	if (backup_paths(database, &writer->final_path, &writer->temporary_path) != STATUS_OK) {
		backup_failed(database, writer, "out of memory");
		return;
	}
	writer->file = open_locked_temporary(text_buffer_string(&writer->temporary_path));
	if (writer->file == NULL) {
		backup_failed(database, writer, "create");
		return;
	}
	/* A large buffer keeps 100,000 offers to a few hundred writes. */
	writer->buffer = malloc(BACKUP_BUFFER_BYTES);
	if (writer->buffer != NULL)
		(void)setvbuf(writer->file, writer->buffer, _IOFBF, BACKUP_BUFFER_BYTES);
	const char *header[FIELD_COUNT];
	for (int field = 0; field < FIELD_COUNT; field++)
		header[field] = catalogue_field_name((catalogue_field)field);
	if (fputs(UTF8_BOM, writer->file) < 0 ||
	    write_csv_row(writer->file, header, NULL, &writer->row) != STATUS_OK)
		backup_failed(database, writer, "write");
}

static void backup_add_offer(store *database, backup_writer *writer, const text_buffer *texts)
{
	if (writer->ok && write_csv_row(writer->file, NULL, texts, &writer->row) != STATUS_OK)
		backup_failed(database, writer, "write");
}

/* Makes the temporary copy durable; called before the database commits.
 * The file stays open, and so locked, until backup_end(). */
static void backup_sync(store *database, backup_writer *writer)
{
	if (writer->file != NULL && writer->ok &&
	    (fflush(writer->file) != 0 || fsync(fileno(writer->file)) != 0))
		backup_failed(database, writer, "sync");
}

/* After the commit: the new copy replaces the old one. With `publish`
 * false (the import failed) the temporary copy is dropped instead. */
static void backup_end(store *database, backup_writer *writer, bool publish)
{
	const char *temporary = text_buffer_string(&writer->temporary_path);
	bool renamed = false;
	if (publish && writer->ok && writer->file != NULL) {
		/* fsync on the directory makes the rename itself durable. */
		renamed = rename(temporary, text_buffer_string(&writer->final_path)) == 0;
		if (!renamed)
			backup_failed(database, writer, "rename");
		else if (atomic_file_sync_directory(text_buffer_string(&writer->final_path)) !=
		         STATUS_OK)
			backup_failed(database, writer, "sync directory");
	}
	/* Still under our lock, a copy we did not publish is ours to remove.
	 * After a rename the name may already be the next writer's. */
	if (writer->file != NULL && !renamed)
		(void)remove(temporary);
	if (writer->file != NULL)
		(void)fclose(writer->file); /* synced already; this drops the lock */
	writer->file = NULL;
	free(writer->buffer);
	writer->buffer = NULL;
	text_buffer_free(&writer->temporary_path);
	text_buffer_free(&writer->final_path);
	text_buffer_free(&writer->row);
}

/* Inserts every offer with one prepared statement; each field's canonical
 * text goes into its own reused buffer, so no row allocates, and the same
 * texts feed the backup copy. */
static status insert_offers(store *database, const catalogue *incoming, text_buffer *texts,
                            backup_writer *backup)
{
	text_buffer sql = {0};
	status result = text_buffer_append_string(&sql, "INSERT INTO offer (\"row\",content_hash,");
	if (result == STATUS_OK)
		result = append_field_columns(&sql, STORE_SCHEMA_VERSION);
	if (result == STATUS_OK)
		result = text_buffer_append_string(&sql, ") VALUES (?,?");
	for (int field = 0; result == STATUS_OK && field < FIELD_COUNT; field++)
		result = text_buffer_append_string(&sql, ",?");
	if (result == STATUS_OK)
		result = text_buffer_append_string(&sql, ")");
	sqlite3_stmt *statement = NULL;
	if (result == STATUS_OK)
		result =
		    prepare(database, text_buffer_string(&sql), &statement, "preparing offers");
	text_buffer_free(&sql);
	if (result != STATUS_OK)
		return result;

	size_t count = catalogue_count(incoming);
	for (size_t index = 0; result == STATUS_OK && index < count; index++) {
		const offer *item = catalogue_offer(incoming, index);
		int code = sqlite3_bind_int64(statement, 1, item->row);
		for (int field = 0; code == SQLITE_OK && field < FIELD_COUNT; field++) {
			result =
			    catalogue_offer_field_text(item, (catalogue_field)field, &texts[field]);
			if (result != STATUS_OK)
				break;
			if (texts[field].length > (size_t)INT_MAX) {
				result = STATUS_TOO_LARGE;
				break;
			}
			/* SQLITE_STATIC: the buffer outlives the step that reads it. */
			code = sqlite3_bind_text(statement, field + 3,
			                         text_buffer_string(&texts[field]),
			                         (int)texts[field].length, SQLITE_STATIC);
		}
		if (result != STATUS_OK) {
			(void)fail_with_message(database, result, "cannot write an offer's text");
			break;
		}
		/* The fingerprint from the texts just made, not a second pass. */
		if (code == SQLITE_OK)
			code = sqlite3_bind_int64(
			    statement, 2, hash_to_column(catalogue_hash_field_texts(texts)));
		if (code == SQLITE_OK)
			code = sqlite3_step(statement);
		if (code != SQLITE_DONE) {
			char doing[160];
			(void)text_format(doing, sizeof doing, "storing offer \"%.64s\"", item->id);
			result = fail_with_sqlite(database, code, doing);
		}
		sqlite3_reset(statement);
		if (result == STATUS_OK)
			backup_add_offer(database, backup, texts);
	}
	sqlite3_finalize(statement);
	return result;
}

/* store_replace_catalogue() within its larger cache. */
static status replace_catalogue(store *database, const catalogue *incoming,
                                const import_report *report, store_source source, int32_t today)
{
	text_buffer texts[FIELD_COUNT];
	memset(texts, 0, sizeof texts);
	backup_writer backup;
	status result = execute(database, "BEGIN IMMEDIATE", "starting the import");
	if (result != STATUS_OK)
		return result;
	backup_begin(database, &backup);
	result = execute(database, "DELETE FROM offer", "removing the old offers");
	/* A new generation, and the index image of the old one is gone: from
	 * this commit on no start can take it for the new offers. */
	if (result == STATUS_OK)
		result = execute(database,
		                 "INSERT INTO catalogue_state (id, generation) VALUES (1, 1)"
		                 " ON CONFLICT (id) DO UPDATE"
		                 " SET generation = generation + 1, match_index = NULL",
		                 "starting a new catalogue generation");
	if (result == STATUS_OK)
		result = insert_offers(database, incoming, texts, &backup);
	if (result == STATUS_OK)
		result = insert_history(database, report, source, today, true);
	for (int field = 0; field < FIELD_COUNT; field++)
		text_buffer_free(&texts[field]);
	if (result == STATUS_OK) {
		backup_sync(database, &backup);
		result = execute(database, "COMMIT", "committing the import");
	}
	if (result != STATUS_OK) {
		/* Keep the failure's message, not one from cleaning up. */
		char message[sizeof database->last_error];
		(void)text_copy(message, sizeof message, database->last_error);
		rollback_quietly(database);
		backup_end(database, &backup, false);
		(void)text_copy(database->last_error, sizeof database->last_error, message);
		return result;
	}
	backup_end(database, &backup, true);
	return STATUS_OK;
}

status store_replace_catalogue(store *database, const catalogue *incoming,
                               const import_report *report, store_source source, int32_t today)
{
	if (database == NULL || incoming == NULL)
		return STATUS_USAGE;
	status result = execute(database, IMPORT_CACHE_SIZE_PRAGMA, "growing the cache");
	if (result == STATUS_OK)
		result = replace_catalogue(database, incoming, report, source, today);
	/* Back to the small cache, keeping the import's own message. */
	char message[sizeof database->last_error];
	(void)text_copy(message, sizeof message, database->last_error);
	(void)execute(database, CACHE_SIZE_PRAGMA, "setting the cache size");
	(void)text_copy(database->last_error, sizeof database->last_error, message);
	return result;
}

status store_record_refused_import(store *database, const import_report *report,
                                   store_source source, int32_t today)
{
	if (database == NULL)
		return STATUS_USAGE;
	return insert_history(database, report, source, today, false);
}

#define HISTORY_SELECT                                                                             \
	"SELECT id, imported_on, source, sha256, \"rows\", imported,"                              \
	" new_count, changed_count, removed_count, unchanged_count,"                               \
	" error_count, warning_count, applied FROM import_history"

/* Up to `capacity` rows of `sql` (HISTORY_SELECT, then a condition, an
 * order and "LIMIT ?") into out[]. */
static status read_history(store *database, const char *sql, store_import_record *out,
                           size_t capacity, size_t *count)
{
	sqlite3_stmt *statement = NULL;
	status result = prepare(database, sql, &statement, "reading the history");
	if (result != STATUS_OK)
		return result;
	int code = sqlite3_bind_int64(
	    statement, 1, capacity > (size_t)INT64_MAX ? INT64_MAX : (sqlite3_int64)capacity);
	while (code == SQLITE_OK || code == SQLITE_ROW) {
		code = sqlite3_step(statement);
		if (code != SQLITE_ROW || *count >= capacity)
			break;
		store_import_record *record = &out[*count];
		memset(record, 0, sizeof *record);
		record->id = sqlite3_column_int64(statement, 0);
		record->imported_on = parse_day(column_string(statement, 1));
		(void)text_copy(record->source, sizeof record->source, column_string(statement, 2));
		(void)text_copy(record->sha256_hex, sizeof record->sha256_hex,
		                column_string(statement, 3));
		record->rows = column_uint32(statement, 4);
		record->imported = column_uint32(statement, 5);
		record->new_count = column_uint32(statement, 6);
		record->changed_count = column_uint32(statement, 7);
		record->removed_count = column_uint32(statement, 8);
		record->unchanged_count = column_uint32(statement, 9);
		record->error_count = column_uint32(statement, 10);
		record->warning_count = column_uint32(statement, 11);
		record->applied = sqlite3_column_int(statement, 12) != 0;
		(*count)++;
	}
	if (code != SQLITE_DONE && code != SQLITE_ROW)
		result = fail_with_sqlite(database, code, "reading the history");
	sqlite3_finalize(statement);
	return result;
}

status store_history(store *database, store_import_record *out, size_t capacity, size_t *count)
{
	if (database == NULL || count == NULL || (out == NULL && capacity > 0))
		return STATUS_USAGE;
	*count = 0;
	if (capacity == 0)
		return STATUS_OK;
	return read_history(database, HISTORY_SELECT " ORDER BY id DESC LIMIT ?", out, capacity,
	                    count);
}

status store_last_applied_import(store *database, store_import_record *out, bool *found)
{
	if (database == NULL || out == NULL || found == NULL)
		return STATUS_USAGE;
	*found = false;
	memset(out, 0, sizeof *out);
	size_t count = 0;
	status result =
	    read_history(database, HISTORY_SELECT " WHERE applied <> 0 ORDER BY id DESC LIMIT ?",
	                 out, 1, &count);
	*found = result == STATUS_OK && count == 1;
	return result;
}

/* ---- the kiosk's settings ----------------------------------------------- */

/* A setting's name and value must fit the limits (store.h) and be UTF-8,
 * so what is read back always fits a caller's STORE_SETTING_*_BYTES. */
static status check_setting_text(store *database, const char *text, size_t limit, bool may_be_empty,
                                 const char *what)
{
	if (text == NULL || (!may_be_empty && text[0] == '\0'))
		return STATUS_USAGE;
	size_t length = strlen(text);
	char message[96];
	if (length >= limit) {
		(void)text_format(message, sizeof message, "setting %s longer than %zu bytes", what,
		                  limit - 1);
		return fail_with_message(database, STATUS_TOO_LARGE, message);
	}
	if (!text_is_valid_utf8(text, length)) {
		(void)text_format(message, sizeof message, "setting %s is not UTF-8", what);
		return fail_with_message(database, STATUS_USAGE, message);
	}
	return STATUS_OK;
}

/* Writes (value) or removes (NULL) one setting with the prepared upsert or
 * delete; the caller's transaction keeps it. */
static status write_one_setting(store *database, sqlite3_stmt *upsert, sqlite3_stmt *remove,
                                const store_setting *setting)
{
	sqlite3_stmt *statement = setting->value != NULL ? upsert : remove;
	int code = sqlite3_bind_text(statement, 1, setting->name, -1, SQLITE_STATIC);
	if (code == SQLITE_OK && setting->value != NULL)
		code = sqlite3_bind_text(statement, 2, setting->value, -1, SQLITE_STATIC);
	if (code == SQLITE_OK)
		code = sqlite3_step(statement);
	status result =
	    code == SQLITE_DONE ? STATUS_OK : fail_with_sqlite(database, code, "saving a setting");
	sqlite3_reset(statement);
	sqlite3_clear_bindings(statement);
	return result;
}

status store_write_settings(store *database, const store_setting *settings, size_t count)
{
	if (database == NULL || (settings == NULL && count > 0))
		return STATUS_USAGE;
	/* Every name and value is checked before anything is written: a bad
	 * one leaves all of them as they were. */
	for (size_t index = 0; index < count; index++) {
		status checked = check_setting_text(database, settings[index].name,
		                                    STORE_SETTING_NAME_BYTES, false, "name");
		if (checked == STATUS_OK && settings[index].value != NULL)
			checked = check_setting_text(database, settings[index].value,
			                             STORE_SETTING_VALUE_BYTES, true, "value");
		if (checked != STATUS_OK)
			return checked;
	}
	if (count == 0)
		return STATUS_OK;
	if (database->schema_version < SETTINGS_SCHEMA_VERSION)
		return fail_with_message(database, STATUS_DATABASE, "no settings table");
	sqlite3_stmt *upsert = NULL, *remove = NULL;
	status result = execute(database, "BEGIN IMMEDIATE", "starting to save settings");
	if (result == STATUS_OK)
		result = prepare(database,
		                 "INSERT INTO kiosk_setting (name, value) VALUES (?, ?)"
		                 " ON CONFLICT (name) DO UPDATE SET value = excluded.value",
		                 &upsert, "preparing to save a setting");
	if (result == STATUS_OK)
		result = prepare(database, "DELETE FROM kiosk_setting WHERE name = ?", &remove,
		                 "preparing to remove a setting");
	for (size_t index = 0; result == STATUS_OK && index < count; index++)
		result = write_one_setting(database, upsert, remove, &settings[index]);
	sqlite3_finalize(upsert);
	sqlite3_finalize(remove);
	if (result == STATUS_OK)
		result = execute(database, "COMMIT", "committing settings");
	if (result != STATUS_OK)
		return finish_read(database, result); /* rolls back, keeps the message */
	return STATUS_OK;
}

status store_write_setting(store *database, const char *name, const char *value)
{
	if (value == NULL)
		return STATUS_USAGE; /* removing is store_write_settings() with NULL */
	store_setting setting = {name, value};
	return store_write_settings(database, &setting, 1);
}

status store_read_setting(store *database, const char *name, char *out, size_t size, bool *found)
{
	if (found != NULL)
		*found = false;
	if (out != NULL && size > 0)
		out[0] = '\0';
	if (database == NULL || out == NULL || size == 0 || found == NULL)
		return STATUS_USAGE;
	status result = check_setting_text(database, name, STORE_SETTING_NAME_BYTES, false, "name");
	if (result != STATUS_OK || database->schema_version < SETTINGS_SCHEMA_VERSION)
		return result; /* an older schema, read as it is, has none */
	sqlite3_stmt *statement = NULL;
	result = prepare(database, "SELECT value FROM kiosk_setting WHERE name = ?", &statement,
	                 "preparing to read a setting");
	if (result != STATUS_OK)
		return result;
	int code = sqlite3_bind_text(statement, 1, name, -1, SQLITE_STATIC);
	if (code == SQLITE_OK)
		code = sqlite3_step(statement);
	if (code == SQLITE_ROW) {
		/* Written through store_write_settings() it always fits; a row
		 * put there some other way may not, and is never cut short. */
		const char *value = column_string(statement, 0);
		size_t length = (size_t)sqlite3_column_bytes(statement, 0);
		if (length >= size || length >= STORE_SETTING_VALUE_BYTES)
			result = fail_with_message(database, STATUS_TOO_LARGE,
			                           "stored setting longer than the buffer");
		else if (!text_is_valid_utf8(value, length) || strlen(value) != length)
			result = fail_with_message(database, STATUS_DATABASE,
			                           "stored setting is not UTF-8 text");
		else {
			memcpy(out, value, length + 1);
			*found = true;
		}
	} else if (code != SQLITE_DONE) {
		result = fail_with_sqlite(database, code, "reading a setting");
	}
	sqlite3_finalize(statement);
	return result;
}

/* ---- usage counts ----------------------------------------------------- */

status store_add_counters(store *database, const counters *pending)
{
	if (database == NULL || pending == NULL)
		return STATUS_USAGE;
	size_t count = counters_size(pending);
	if (count == 0)
		return STATUS_OK;
	status result = execute(database, "BEGIN IMMEDIATE", "starting to save counts");
	sqlite3_stmt *statement = NULL;
	if (result == STATUS_OK)
		result = prepare(database,
		                 "INSERT INTO usage_count (day, kind, key, count) VALUES (?,?,?,?)"
		                 " ON CONFLICT (day, kind, key) DO UPDATE"
		                 " SET count = count + excluded.count",
		                 &statement, "preparing counts");
	for (size_t index = 0; result == STATUS_OK && index < count; index++) {
		counter_entry entry = counters_entry(pending, index);
		char day[16];
		format_day(entry.day, day);
		int code = sqlite3_bind_text(statement, 1, day, -1, SQLITE_TRANSIENT);
		if (code == SQLITE_OK)
			code = sqlite3_bind_text(statement, 2, counters_kind_name(entry.kind), -1,
			                         SQLITE_STATIC);
		if (code == SQLITE_OK)
			code = sqlite3_bind_text(statement, 3, entry.key, -1, SQLITE_STATIC);
		if (code == SQLITE_OK)
			code = sqlite3_bind_int64(statement, 4, entry.count);
		if (code == SQLITE_OK)
			code = sqlite3_step(statement);
		if (code != SQLITE_DONE)
			result = fail_with_sqlite(database, code, "saving a count");
		sqlite3_reset(statement);
	}
	sqlite3_finalize(statement);
	if (result == STATUS_OK)
		result = execute(database, "COMMIT", "committing counts");
	if (result != STATUS_OK)
		rollback_quietly(database);
	return result;
}

status store_write_usage_csv(store *database, FILE *out)
{
	if (database == NULL || out == NULL)
		return STATUS_USAGE;
	sqlite3_stmt *statement = NULL;
	status result = prepare(database,
	                        "SELECT day, kind, key, count FROM usage_count"
	                        " ORDER BY day, kind, key",
	                        &statement, "reading counts");
	if (result != STATUS_OK)
		return result;
	if (fputs(UTF8_BOM "dag;soort;sleutel;aantal" CSV_LINE_END, out) < 0)
		result = STATUS_IO;
	int code = SQLITE_ROW;
	while (result == STATUS_OK && (code = sqlite3_step(statement)) == SQLITE_ROW) {
		for (int column = 0; result == STATUS_OK && column < 3; column++) {
			result =
			    csv_write_field(out, column_string(statement, column), CSV_DELIMITER);
			if (result == STATUS_OK && fputc(CSV_DELIMITER, out) == EOF)
				result = STATUS_IO;
		}
		if (result == STATUS_OK &&
		    fprintf(out, "%lld" CSV_LINE_END,
		            (long long)sqlite3_column_int64(statement, 3)) < 0)
			result = STATUS_IO;
	}
	if (result == STATUS_OK && code != SQLITE_DONE)
		result = fail_with_sqlite(database, code, "reading counts");
	sqlite3_finalize(statement);
	if (result == STATUS_IO)
		(void)fail_with_message(database, result, "cannot write the usage spreadsheet");
	return result;
}

/* ---- recovery ---------------------------------------------------------- */

/* Moves `<path>` and its -wal/-shm to `<path>.beschadigd…`, replacing an
 * older damaged copy whole so no stale -wal of it survives. */
static status move_damaged_aside(const char *path)
{
	static const char *const suffixes[] = {"", "-wal", "-shm"};
	text_buffer source = {0}, target = {0}, damaged = {0};
	status result = path_with_suffix(path, STORE_DAMAGED_SUFFIX, &damaged);
	for (size_t i = 0; result == STATUS_OK && i < sizeof suffixes / sizeof suffixes[0]; i++) {
		result = path_with_suffix(path, suffixes[i], &source);
		if (result == STATUS_OK)
			result =
			    path_with_suffix(text_buffer_string(&damaged), suffixes[i], &target);
		if (result != STATUS_OK)
			break;
		if (remove(text_buffer_string(&target)) != 0 && errno != ENOENT) {
			result = STATUS_IO;
			break;
		}
		if (rename(text_buffer_string(&source), text_buffer_string(&target)) != 0 &&
		    errno != ENOENT)
			result = STATUS_IO;
	}
	if (result == STATUS_IO)
		fprintf(stderr, "buurtkiosk: cannot move damaged database %s aside: %s\n", path,
		        strerror(errno));
	text_buffer_free(&source);
	text_buffer_free(&target);
	text_buffer_free(&damaged);
	return result;
}

/* Imports the spreadsheet at `csv_path` into the (fresh) store; *imported
 * says how many offers. Anything that keeps it from applying is a failure. */
static status restore_from_spreadsheet(store *database, const char *csv_path, store_source source,
                                       size_t *imported)
{
	catalogue *items = NULL;
	import_report report;
	memset(&report, 0, sizeof report);
	/* The last-good copy is the kiosk's own, possibly longer than 20 MB. */
	status result = source == STORE_SOURCE_BACKUP
	                    ? import_read_own_copy(csv_path, &items, &report)
	                    : import_read_file(csv_path, &items, &report);
	if (result == STATUS_OK && (items == NULL || !import_report_can_apply(&report)))
		result = STATUS_INVALID;
	if (result == STATUS_OK)
		result = import_compute_diff(&report, NULL, 0, items);
	if (result == STATUS_OK)
		result = store_replace_catalogue(database, items, &report, source,
		                                 schedule_local_from_utc(time(NULL)).day);
	if (result == STATUS_OK)
		*imported = catalogue_count(items);
	catalogue_destroy(items);
	import_report_free(&report);
	return result;
}

/* How the open below verifies a database: reads every offer back (into a
 * catalogue, or through a scanner) and returns what that found. */
typedef status (*verify_function)(store *database, void *argument);

static status verify_by_scanning(store *database, void *argument)
{
	const store_offer_scanner *scanner = argument;
	if (scanner == NULL)
		return scan_offers(database, NULL, NULL, NULL);
	return scan_offers(database, scanner->start, scanner->visit, scanner->context);
}

static status verify_by_loading(store *database, void *argument)
{
	return store_load_catalogue(database, argument);
}

/* The recovery of store_open_or_recover(), with the database as found
 * opened with `check` and `verify` run on it and, when `verify_restored`,
 * again on a restored one (the caller needs what the verification built
 * from the offers now in use). */
static status open_verified(const char *path, const char *fallback_catalogue_path, store **out,
                            store_recovery *what_happened, open_check check, verify_function verify,
                            void *argument, bool verify_restored)
{
	if (out == NULL || what_happened == NULL)
		return STATUS_USAGE;
	*what_happened = STORE_OPENED;
	status result = open_store(path, false, check, NULL, out);
	if (result == STATUS_OK) {
		/* The pragma only sees the file's structure; reading every offer
		 * back against its hash also catches damaged contents. */
		result = verify(*out, argument);
		if (result == STATUS_CORRUPT)
			fprintf(stderr, "buurtkiosk: database %s: %s\n", path, (*out)->last_error);
		if (result != STATUS_OK) {
			store_close(*out);
			*out = NULL;
		}
	}
	if (result != STATUS_CORRUPT)
		return result;

	result = move_damaged_aside(path);
	if (result == STATUS_OK)
		result = store_open(path, out);
	if (result != STATUS_OK)
		return result;

	text_buffer backup_path = {0};
	size_t imported = 0;
	const char *source = "nowhere; the catalogue is empty";
	*what_happened = STORE_EMPTY;
	if (path_with_suffix(path, STORE_BACKUP_SUFFIX, &backup_path) == STATUS_OK &&
	    access(text_buffer_string(&backup_path), R_OK) == 0 &&
	    restore_from_spreadsheet(*out, text_buffer_string(&backup_path), STORE_SOURCE_BACKUP,
	                             &imported) == STATUS_OK) {
		*what_happened = STORE_RESTORED_FROM_BACKUP;
		source = "the last good copy";
	} else if (fallback_catalogue_path != NULL &&
	           restore_from_spreadsheet(*out, fallback_catalogue_path,
	                                    STORE_SOURCE_SAMPLE_AFTER_DAMAGE,
	                                    &imported) == STATUS_OK) {
		*what_happened = STORE_RESTORED_FROM_SAMPLE;
		source = "the sample catalogue";
	} else if (insert_history(*out, NULL, STORE_SOURCE_NOTHING_AFTER_DAMAGE,
	                          schedule_local_from_utc(time(NULL)).day, true) != STATUS_OK) {
		/* The kiosk still starts, empty; only the volunteers' warning is
		 * lost, so this is logged and not a failure. */
		fprintf(stderr,
		        "buurtkiosk: database %s: the empty restore is not in the history: %s\n",
		        path, (*out)->last_error);
	}
	fprintf(stderr,
	        "buurtkiosk: database %s was damaged and moved to %s%s; restored %zu offers "
	        "from %s\n",
	        path, path, STORE_DAMAGED_SUFFIX, imported, source);
	text_buffer_free(&backup_path);
	if (!verify_restored)
		return STATUS_OK;
	result = verify(*out, argument);
	if (result != STATUS_OK) {
		store_close(*out);
		*out = NULL;
	}
	return result;
}

status store_open_or_recover(const char *path, const char *fallback_catalogue_path, store **out,
                             store_recovery *what_happened, catalogue **loaded)
{
	if (loaded != NULL)
		*loaded = NULL;
	if (loaded == NULL)
		return open_verified(path, fallback_catalogue_path, out, what_happened, CHECK_QUICK,
		                     verify_by_scanning, NULL, false);
	return open_verified(path, fallback_catalogue_path, out, what_happened, CHECK_QUICK,
	                     verify_by_loading, loaded, true);
}

status store_open_or_recover_scanning(const char *path, const char *fallback_catalogue_path,
                                      const store_offer_scanner *scanner, store **out,
                                      store_recovery *what_happened)
{
	if (scanner == NULL)
		return STATUS_USAGE;
	/* A scanner cannot be handed a const argument through verify_function. */
	store_offer_scanner copy = *scanner;
	/* The kiosk's start: the same check as its background check
	 * (store_open_read_only_stoppable()), so damage that one finds is found
	 * here too and recovered, not opened again as if it were fine. */
	return open_verified(path, fallback_catalogue_path, out, what_happened, CHECK_INTEGRITY,
	                     verify_by_scanning, &copy, true);
}
