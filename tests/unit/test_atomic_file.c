/* test_atomic_file.c — replacing real files in a scratch directory: modes,
 * replacement, the old contents surviving every failure, and no temporary
 * file left behind either way. */
#define _XOPEN_SOURCE 700

#include "test_support.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "atomic_file.h"

static const char old_contents[] = "[kiosk]\ncentre_name = Oud\n";
static const char new_contents[] = "[kiosk]\ncentre_name = Nieuw\n";

typedef struct scratch {
	char directory[1024];
	char target[1200];
} scratch;

static void make_scratch(scratch *place, const char *file_name)
{
	test_make_temp_dir(place->directory, sizeof place->directory);
	int written =
	    snprintf(place->target, sizeof place->target, "%s/%s", place->directory, file_name);
	assert_true(written > 0 && (size_t)written < sizeof place->target);
}

/* Entries in `directory` other than . and .. */
static size_t count_entries(const char *directory)
{
	DIR *listing = opendir(directory);
	assert_non_null(listing);
	size_t count = 0;
	struct dirent *entry;
	while ((entry = readdir(listing)) != NULL)
		if (strcmp(entry->d_name, ".") != 0 && strcmp(entry->d_name, "..") != 0)
			count++;
	closedir(listing);
	return count;
}

static unsigned int mode_of(const char *path)
{
	struct stat info;
	assert_int_equal(stat(path, &info), 0);
	return (unsigned int)(info.st_mode & 07777);
}

static void assert_file_holds(const char *path, const char *expected)
{
	size_t length = 0;
	char *bytes = test_read_file(path, &length);
	assert_int_equal(length, strlen(expected));
	assert_memory_equal(bytes, expected, length);
	free(bytes);
}

static void write_old_file(const scratch *place, unsigned int mode)
{
	test_write_file(place->target, old_contents, strlen(old_contents));
	assert_int_equal(chmod(place->target, (mode_t)mode), 0);
}

static void test_new_file_gets_the_given_mode(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place, "nieuw.csv");
	/* Not what umask 022 or mkstemp's 0600 would give, so the mode is set. */
	assert_int_equal(atomic_file_write_bytes(place.target, new_contents, strlen(new_contents),
	                                         0604, ATOMIC_FILE_DEFAULT),
	                 STATUS_OK);
	assert_int_equal(mode_of(place.target), 0604);
	assert_file_holds(place.target, new_contents);
	assert_int_equal(count_entries(place.directory), 1);

	/* Keeping the mode of a file that does not exist yet uses the given one. */
	char second[1300];
	assert_true(snprintf(second, sizeof second, "%s/ander.ini", place.directory) > 0);
	assert_int_equal(atomic_file_write_bytes(second, "x", 1, 0640, ATOMIC_FILE_KEEP_MODE),
	                 STATUS_OK);
	assert_int_equal(mode_of(second), 0640);
	test_remove_tree(place.directory);
}

static void test_existing_file_keeps_its_mode_when_asked(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place, "buurtkiosk.ini");
	write_old_file(&place, 0600);
	assert_int_equal(atomic_file_write_bytes(place.target, new_contents, strlen(new_contents),
	                                         0644, ATOMIC_FILE_KEEP_MODE),
	                 STATUS_OK);
	assert_int_equal(mode_of(place.target), 0600);
	assert_file_holds(place.target, new_contents);

	/* Without the flag the new file gets the given mode. */
	assert_int_equal(
	    atomic_file_write_bytes(place.target, old_contents, strlen(old_contents), 0644, 0),
	    STATUS_OK);
	assert_int_equal(mode_of(place.target), 0644);
	assert_file_holds(place.target, old_contents);
	assert_int_equal(count_entries(place.directory), 1);
	test_remove_tree(place.directory);
}

static void test_commit_replaces_an_existing_file(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place, "sjabloon.csv");
	write_old_file(&place, 0644);
	struct stat before;
	assert_int_equal(stat(place.target, &before), 0);

	atomic_file *handle = NULL;
	assert_int_equal(
	    atomic_file_begin(place.target, 0644, ATOMIC_FILE_MODE_BEST_EFFORT, &handle),
	    STATUS_OK);
	assert_non_null(handle);
	FILE *stream = atomic_file_stream(handle);
	assert_non_null(stream);
	assert_true(fputs(new_contents, stream) >= 0);
	assert_int_equal(fflush(stream), 0);
	/* Until the commit the target is the old file, and the new one waits
	 * beside it in the same directory. */
	assert_file_holds(place.target, old_contents);
	assert_int_equal(count_entries(place.directory), 2);

	assert_int_equal(atomic_file_commit(handle), STATUS_OK);
	assert_file_holds(place.target, new_contents);
	assert_int_equal(count_entries(place.directory), 1);
	/* A new file took the name: the old one was never written in place. */
	struct stat after;
	assert_int_equal(stat(place.target, &after), 0);
	assert_true(after.st_ino != before.st_ino);
	test_remove_tree(place.directory);
}

static void test_abandon_keeps_the_old_contents(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place, "buurtkiosk.ini");
	write_old_file(&place, 0600);
	atomic_file *handle = NULL;
	assert_int_equal(atomic_file_begin(place.target, 0644, ATOMIC_FILE_KEEP_MODE, &handle),
	                 STATUS_OK);
	assert_true(fputs("[kiosk]\ncentre_na", atomic_file_stream(handle)) >= 0);
	errno = EILSEQ;
	atomic_file_abandon(handle);
	assert_int_equal(errno, EILSEQ); /* the caller's reason survives */
	assert_file_holds(place.target, old_contents);
	assert_int_equal(mode_of(place.target), 0600);
	assert_int_equal(count_entries(place.directory), 1);

	/* Abandoning before the target ever existed leaves nothing at all. */
	char fresh[1300];
	assert_true(snprintf(fresh, sizeof fresh, "%s/nooit.csv", place.directory) > 0);
	assert_int_equal(atomic_file_begin(fresh, 0644, 0, &handle), STATUS_OK);
	atomic_file_abandon(handle);
	assert_int_equal(access(fresh, F_OK), -1);
	assert_int_equal(count_entries(place.directory), 1);
	atomic_file_abandon(NULL);
	test_remove_tree(place.directory);
}

/* What an attempt under a file size limit returned. */
typedef struct attempt_result {
	status result;
	int error;
} attempt_result;

/* Runs `attempt` with writes beyond `limit` bytes failing (EFBIG) as on a
 * full disk or stick; the limit is restored before anything is asserted. */
static attempt_result with_file_size_limit(rlim_t limit, attempt_result (*attempt)(const scratch *),
                                           const scratch *place)
{
	struct rlimit saved;
	assert_int_equal(getrlimit(RLIMIT_FSIZE, &saved), 0);
	struct rlimit lowered = saved;
	lowered.rlim_cur = limit;
	void (*previous)(int) = signal(SIGXFSZ, SIG_IGN);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &lowered), 0);
	attempt_result happened = attempt(place);
	assert_int_equal(setrlimit(RLIMIT_FSIZE, &saved), 0);
	(void)signal(SIGXFSZ, previous);
	return happened;
}

#define LARGE_BYTES (256u * 1024u)

static char *large_contents(void)
{
	char *bytes = malloc(LARGE_BYTES);
	if (bytes != NULL)
		for (size_t i = 0; i < LARGE_BYTES; i++)
			bytes[i] = (char)('a' + i % 26);
	return bytes;
}

static attempt_result write_large_in_one_shot(const scratch *place)
{
	char *bytes = large_contents();
	attempt_result happened = {STATUS_NO_MEMORY, 0};
	if (bytes != NULL) {
		errno = 0;
		happened.result = atomic_file_write_bytes(place->target, bytes, LARGE_BYTES, 0644,
		                                          ATOMIC_FILE_KEEP_MODE);
		happened.error = errno;
	}
	free(bytes);
	return happened;
}

/* The writer ignores fwrite's result; the commit must still notice. */
static attempt_result write_large_through_the_stream(const scratch *place)
{
	char *bytes = large_contents();
	atomic_file *handle = NULL;
	attempt_result happened = {STATUS_NO_MEMORY, 0};
	if (bytes != NULL)
		happened.result = atomic_file_begin(place->target, 0644, 0, &handle);
	if (happened.result == STATUS_OK) {
		(void)fwrite(bytes, 1, LARGE_BYTES, atomic_file_stream(handle));
		happened.result = atomic_file_commit(handle);
		happened.error = errno;
	}
	free(bytes);
	return happened;
}

static void test_write_failing_midway_keeps_the_old_contents(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place, "catalogus.csv");
	write_old_file(&place, 0640);
	attempt_result happened = with_file_size_limit(64 * 1024, write_large_in_one_shot, &place);
	assert_int_equal(happened.result, STATUS_IO);
	assert_int_equal(happened.error, EFBIG);
	assert_file_holds(place.target, old_contents);
	assert_int_equal(mode_of(place.target), 0640);
	assert_int_equal(count_entries(place.directory), 1);

	happened = with_file_size_limit(64 * 1024, write_large_through_the_stream, &place);
	assert_int_equal(happened.result, STATUS_IO);
	assert_true(happened.error != 0);
	assert_file_holds(place.target, old_contents);
	assert_int_equal(count_entries(place.directory), 1);
	test_remove_tree(place.directory);
}

static void test_failing_rename_keeps_the_target_and_errno(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place, "bezet");
	/* A non-empty directory cannot be replaced by a file, even by root. */
	assert_int_equal(mkdir(place.target, 0755), 0);
	char inside[1300];
	assert_true(snprintf(inside, sizeof inside, "%s/binnen.txt", place.target) > 0);
	test_write_file(inside, old_contents, strlen(old_contents));

	errno = 0;
	assert_int_equal(
	    atomic_file_write_bytes(place.target, new_contents, strlen(new_contents), 0644, 0),
	    STATUS_IO);
	assert_int_equal(errno, EISDIR);
	assert_file_holds(inside, old_contents);
	assert_int_equal(count_entries(place.directory), 1);
	test_remove_tree(place.directory);
}

/* Tries to begin a file in a directory the caller may not write to; returns
 * 0 when it was refused with EACCES and nothing was handed out. */
static int begin_in_read_only_directory(const scratch *place)
{
	if (chmod(place->directory, 0555) != 0)
		return 10;
	atomic_file *handle = NULL;
	errno = 0;
	status result = atomic_file_begin(place->target, 0644, 0, &handle);
	int error = errno;
	if (chmod(place->directory, 0755) != 0)
		return 11;
	if (result != STATUS_IO)
		return 12;
	if (error != EACCES)
		return 13;
	return handle == NULL ? 0 : 14;
}

/* A directory the kiosk may not write to is refused and keeps its file. The
 * tests run as root, who may write anywhere, so the attempt is made by a
 * child that has become the unprivileged user "nobody" (uid 65534), in a
 * directory under /tmp that it owns. */
static void test_read_only_directory_is_refused(void **state)
{
	(void)state;
	scratch place;
	if (geteuid() == 0) {
		int written =
		    snprintf(place.directory, sizeof place.directory, "/tmp/kiosk-atomic-XXXXXX");
		assert_true(written > 0);
		assert_non_null(mkdtemp(place.directory));
		written =
		    snprintf(place.target, sizeof place.target, "%s/sjabloon.csv", place.directory);
		assert_true(written > 0 && (size_t)written < sizeof place.target);
	} else {
		make_scratch(&place, "sjabloon.csv");
	}
	write_old_file(&place, 0644);
	int child_result;
	if (geteuid() == 0) {
		const uid_t nobody = 65534;
		assert_int_equal(chown(place.directory, nobody, nobody), 0);
		assert_int_equal(chown(place.target, nobody, nobody), 0);
		pid_t child = fork();
		assert_true(child >= 0);
		if (child == 0) {
			if (setgid(nobody) != 0 || setuid(nobody) != 0)
				_exit(20);
			_exit(begin_in_read_only_directory(&place));
		}
		int child_status = 0;
		assert_int_equal(waitpid(child, &child_status, 0), child);
		assert_true(WIFEXITED(child_status));
		child_result = WEXITSTATUS(child_status);
	} else {
		child_result = begin_in_read_only_directory(&place);
	}
	assert_int_equal(child_result, 0);
	assert_file_holds(place.target, old_contents);
	assert_int_equal(count_entries(place.directory), 1);
	test_remove_tree(place.directory);
}

static void test_refuses_bad_arguments(void **state)
{
	(void)state;
	atomic_file *handle = (atomic_file *)&handle;
	assert_int_equal(atomic_file_begin(NULL, 0644, 0, &handle), STATUS_USAGE);
	assert_null(handle);
	assert_int_equal(atomic_file_begin("/tmp/x", 0644, 0, NULL), STATUS_USAGE);
	assert_int_equal(atomic_file_commit(NULL), STATUS_USAGE);
	assert_null(atomic_file_stream(NULL));
	assert_int_equal(atomic_file_write_bytes("/tmp/x", NULL, 3, 0644, 0), STATUS_USAGE);
	assert_int_equal(atomic_file_sync_directory(NULL), STATUS_USAGE);

	/* The temporary name must fit, and the attempt_result creates nothing. */
	char *long_path = malloc(ATOMIC_FILE_PATH_BYTES);
	assert_non_null(long_path);
	memset(long_path, 'a', ATOMIC_FILE_PATH_BYTES - 8);
	long_path[0] = '/';
	long_path[ATOMIC_FILE_PATH_BYTES - 8] = '\0';
	errno = 0;
	assert_int_equal(atomic_file_begin(long_path, 0644, 0, &handle), STATUS_TOO_LARGE);
	assert_int_equal(errno, ENAMETOOLONG);
	assert_null(handle);
	free(long_path);

	assert_int_equal(atomic_file_write_bytes("/nonexistent-dir/x.csv", "x", 1, 0644, 0),
	                 STATUS_IO);
}

static void test_sync_directory(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place, "buurtkiosk.db.laatst-goed.csv");
	assert_int_equal(atomic_file_sync_directory(place.target), STATUS_OK);
	assert_int_equal(atomic_file_sync_directory("bare-name.csv"), STATUS_OK); /* "." */
	assert_int_equal(atomic_file_sync_directory("/in-the-root"), STATUS_OK);  /* "/" */
	errno = 0;
	assert_int_equal(atomic_file_sync_directory("/nonexistent-dir/x.csv"), STATUS_IO);
	assert_int_equal(errno, ENOENT);
	/* The directory of a file directly inside a file is not a directory. */
	write_old_file(&place, 0644);
	char below_file[1300];
	assert_true(snprintf(below_file, sizeof below_file, "%s/x", place.target) > 0);
	assert_int_equal(atomic_file_sync_directory(below_file), STATUS_IO);
	assert_int_equal(errno, ENOTDIR);
	test_remove_tree(place.directory);
}

/* As root (CI, and `sudo buurtkiosk --set-pin`), the owner and group stay
 * too; as anyone else the file can only be the writer's, and writing works. */
static void test_existing_file_keeps_its_owner_when_asked(void **state)
{
	(void)state;
	scratch place;
	make_scratch(&place, "buurtkiosk.ini");
	write_old_file(&place, 0640);
	uid_t owner = geteuid() == 0 ? 65534 : geteuid();
	gid_t group = geteuid() == 0 ? 65534 : getegid();
	assert_int_equal(chown(place.target, owner, group), 0);
	assert_int_equal(atomic_file_write_bytes(place.target, new_contents, strlen(new_contents),
	                                         0644, ATOMIC_FILE_KEEP_MODE),
	                 STATUS_OK);
	struct stat written;
	assert_int_equal(stat(place.target, &written), 0);
	assert_int_equal(written.st_uid, owner);
	assert_int_equal(written.st_gid, group);
	assert_int_equal(written.st_mode & 07777, 0640);
	assert_file_holds(place.target, new_contents);

	/* Without the flag the file is the writer's. */
	assert_int_equal(
	    atomic_file_write_bytes(place.target, old_contents, strlen(old_contents), 0644, 0),
	    STATUS_OK);
	assert_int_equal(stat(place.target, &written), 0);
	assert_int_equal(written.st_uid, geteuid());
	assert_int_equal(count_entries(place.directory), 1);
	test_remove_tree(place.directory);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_new_file_gets_the_given_mode),
	    cmocka_unit_test(test_existing_file_keeps_its_mode_when_asked),
	    cmocka_unit_test(test_existing_file_keeps_its_owner_when_asked),
	    cmocka_unit_test(test_commit_replaces_an_existing_file),
	    cmocka_unit_test(test_abandon_keeps_the_old_contents),
	    cmocka_unit_test(test_write_failing_midway_keeps_the_old_contents),
	    cmocka_unit_test(test_failing_rename_keeps_the_target_and_errno),
	    cmocka_unit_test(test_read_only_directory_is_refused),
	    cmocka_unit_test(test_refuses_bad_arguments),
	    cmocka_unit_test(test_sync_directory),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
