/* atomic_file.c — write-then-rename file replacement shared by the settings
 * editor, the template writer and (its directory sync) the store. */
#define _POSIX_C_SOURCE 200809L

#include "atomic_file.h"

#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

struct atomic_file {
	FILE *file;
	char path[ATOMIC_FILE_PATH_BYTES];
	char temporary_path[ATOMIC_FILE_PATH_BYTES];
};

/* Closes and removes the temporary file and frees the handle, keeping errno:
 * the caller reports the failure that got us here, not the clean-up. */
static void discard(atomic_file *handle)
{
	int error = errno;
	if (handle->file != NULL)
		(void)fclose(handle->file);
	(void)unlink(handle->temporary_path);
	free(handle);
	errno = error;
}

status atomic_file_begin(const char *path, unsigned int new_file_mode, unsigned int flags,
                         atomic_file **out)
{
	if (out == NULL)
		return STATUS_USAGE;
	*out = NULL;
	if (path == NULL)
		return STATUS_USAGE;
	atomic_file *handle = malloc(sizeof *handle);
	if (handle == NULL)
		return STATUS_NO_MEMORY;
	handle->file = NULL;
	int length =
	    snprintf(handle->temporary_path, sizeof handle->temporary_path, "%s.tmp-XXXXXX", path);
	if (length < 0 || (size_t)length >= sizeof handle->temporary_path) {
		free(handle);
		errno = ENAMETOOLONG;
		return STATUS_TOO_LARGE;
	}
	/* Shorter than the temporary name, so it fits. */
	memcpy(handle->path, path, strlen(path) + 1);

	int descriptor = mkstemp(handle->temporary_path);
	if (descriptor < 0) {
		int error = errno;
		free(handle);
		errno = error;
		return STATUS_IO;
	}
	/* mkstemp makes the file private (0600); the caller decides who may
	 * read the new one. */
	mode_t mode = (mode_t)(new_file_mode & 07777u);
	struct stat existing;
	if ((flags & ATOMIC_FILE_KEEP_MODE) != 0 && stat(path, &existing) == 0) {
		mode = existing.st_mode & 07777;
		/* Before the mode: chown clears set-id bits. EPERM (not root, the
		 * owner someone else) leaves the file ours, which is all a
		 * non-root writer can have anyway. */
		if (fchown(descriptor, existing.st_uid, existing.st_gid) != 0 && errno != EPERM) {
			int error = errno;
			(void)close(descriptor);
			errno = error;
			discard(handle);
			return STATUS_IO;
		}
	}
	if (fchmod(descriptor, mode) != 0 && (flags & ATOMIC_FILE_MODE_BEST_EFFORT) == 0) {
		int error = errno;
		(void)close(descriptor);
		errno = error;
		discard(handle);
		return STATUS_IO;
	}
	handle->file = fdopen(descriptor, "wb");
	if (handle->file == NULL) {
		int error = errno;
		(void)close(descriptor);
		errno = error;
		discard(handle);
		return STATUS_IO;
	}
	*out = handle;
	return STATUS_OK;
}

FILE *atomic_file_stream(atomic_file *handle)
{
	return handle != NULL ? handle->file : NULL;
}

status atomic_file_commit(atomic_file *handle)
{
	if (handle == NULL)
		return STATUS_USAGE;
	/* Remember the first failure only: later steps may fail because of it. */
	int error = 0;
	if (fflush(handle->file) != 0)
		error = errno != 0 ? errno : EIO;
	else if (ferror(handle->file))
		error = EIO; /* an earlier fwrite failed; its errno is long gone */
	/* The machine may lose power at any moment: data on disk before the
	 * rename, or the rename could publish an empty file. */
	else if (fsync(fileno(handle->file)) != 0)
		error = errno;
	if (fclose(handle->file) != 0 && error == 0)
		error = errno;
	handle->file = NULL;
	if (error == 0 && rename(handle->temporary_path, handle->path) != 0)
		error = errno;
	if (error != 0) {
		errno = error;
		discard(handle);
		return STATUS_IO;
	}
	/* The rename is done and the file complete; a directory that cannot be
	 * synced (FAT) only risks the old name after a power cut. */
	status synced = atomic_file_sync_directory(handle->path);
	(void)synced;
	free(handle);
	return STATUS_OK;
}

void atomic_file_abandon(atomic_file *handle)
{
	if (handle != NULL)
		discard(handle);
}

status atomic_file_write_bytes(const char *path, const void *bytes, size_t length,
                               unsigned int new_file_mode, unsigned int flags)
{
	if (bytes == NULL && length > 0)
		return STATUS_USAGE;
	atomic_file *handle = NULL;
	status result = atomic_file_begin(path, new_file_mode, flags, &handle);
	if (result != STATUS_OK)
		return result;
	if (length > 0 && fwrite(bytes, 1, length, handle->file) != length) {
		atomic_file_abandon(handle);
		return STATUS_IO;
	}
	return atomic_file_commit(handle);
}

status atomic_file_sync_directory(const char *file_path)
{
	if (file_path == NULL)
		return STATUS_USAGE;
	char directory[ATOMIC_FILE_PATH_BYTES];
	const char *slash = strrchr(file_path, '/');
	size_t length = slash == NULL ? 0 : (size_t)(slash - file_path);
	if (slash == NULL) {
		memcpy(directory, ".", 2);
	} else if (slash == file_path) {
		memcpy(directory, "/", 2);
	} else if (length < sizeof directory) {
		memcpy(directory, file_path, length);
		directory[length] = '\0';
	} else {
		errno = ENAMETOOLONG;
		return STATUS_TOO_LARGE;
	}
	int descriptor = open(directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	if (descriptor < 0)
		return STATUS_IO;
	status result = fsync(descriptor) == 0 ? STATUS_OK : STATUS_IO;
	int error = errno;
	(void)close(descriptor);
	errno = error;
	return result;
}
