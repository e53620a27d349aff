/* atomic_file.h — replacing a file so that a power cut or a pulled USB stick
 * leaves either the old or the new file, never half of one: a temporary file
 * beside the target, written, synced, renamed over it, directory synced. */
#ifndef KIOSK_ATOMIC_FILE_H
#define KIOSK_ATOMIC_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdio.h>

#include "status.h"

/* PATH_MAX on Linux, spelled out so this header needs no POSIX feature macro:
 * the temporary file's name (target + ".tmp-XXXXXX") must fit in it. */
#define ATOMIC_FILE_PATH_BYTES 4096u

/* Options for atomic_file_begin() and atomic_file_write_bytes(); combine
 * with |. */
typedef enum atomic_file_flags {
	ATOMIC_FILE_DEFAULT = 0,
	/* When the target exists, its permission bits are used instead of the
	 * mode for a new file, and its owner and group where this process may
	 * set them (root may; others keep their own): a settings file holding
	 * the PIN hash stays as private as it was made, and `sudo buurtkiosk
	 * --set-pin` leaves the package's root:buurtkiosk 0640 file readable by
	 * the kiosk. */
	ATOMIC_FILE_KEEP_MODE = 1u << 0,
	/* Failing to set the permission bits is not an error (the temporary file
	 * then keeps mkstemp's 0600): sticks formatted FAT have no modes. */
	ATOMIC_FILE_MODE_BEST_EFFORT = 1u << 1
} atomic_file_flags;

/* One replacement in progress, from atomic_file_begin() until exactly one
 * atomic_file_commit() or atomic_file_abandon(), which free it. */
typedef struct atomic_file atomic_file;

/* Creates a temporary file "<path>.tmp-XXXXXX" beside `path` (same
 * directory, so the rename stays on one file system) with permission bits
 * `new_file_mode` (e.g. 0644; see the flags for an existing target), and
 * sets *out to a new handle owned by the caller. Nothing at `path` changes
 * until atomic_file_commit(). Errors leave *out NULL and no temporary file:
 * STATUS_USAGE for a NULL argument, STATUS_TOO_LARGE (errno ENAMETOOLONG)
 * when the temporary name does not fit ATOMIC_FILE_PATH_BYTES,
 * STATUS_NO_MEMORY, STATUS_IO (errno set) when the file cannot be created
 * or, without ATOMIC_FILE_MODE_BEST_EFFORT, its mode cannot be set. */
KIOSK_NODISCARD status atomic_file_begin(const char *path, unsigned int new_file_mode,
                                         unsigned int flags, atomic_file **out);

/* The stream to write the new contents into; owned by `handle` (do not
 * fclose it), valid until the commit or abandon. */
FILE *atomic_file_stream(atomic_file *handle);

/* Publishes what was written: fflush, fsync, fclose, rename over the target,
 * then fsync of the directory so the rename survives a power cut (best
 * effort: FAT cannot sync a directory, and the file is complete either way;
 * call atomic_file_sync_directory() when that must be known). Always frees
 * `handle`. STATUS_OK means the target now holds the new contents. On
 * STATUS_IO (a write error on the stream, also one the caller did not check,
 * or a failing flush, sync, close or rename) the temporary file is removed,
 * the target is untouched and errno is the first failure's.
 * STATUS_USAGE for a NULL handle. */
KIOSK_NODISCARD status atomic_file_commit(atomic_file *handle);

/* Gives up: closes and removes the temporary file, frees `handle` (NULL is
 * fine) and leaves the target untouched. errno is preserved, so a caller can
 * abandon first and report the failure that made it abandon afterwards. */
void atomic_file_abandon(atomic_file *handle);

/* Replaces `path` with the `length` bytes at `bytes` (begin, one write,
 * commit). `new_file_mode` and `flags` as for atomic_file_begin(); errors as
 * for atomic_file_begin() and atomic_file_commit(), and the target is
 * untouched whenever the result is not STATUS_OK. */
KIOSK_NODISCARD status atomic_file_write_bytes(const char *path, const void *bytes, size_t length,
                                               unsigned int new_file_mode, unsigned int flags);

/* Fsyncs the directory that holds `file_path` ("." for a bare name, "/" for
 * a file in the root), which makes a rename or creation in it durable.
 * STATUS_USAGE for NULL, STATUS_TOO_LARGE (errno ENAMETOOLONG) for a path
 * beyond ATOMIC_FILE_PATH_BYTES, STATUS_IO (errno set) when the directory
 * cannot be opened or synced. */
KIOSK_NODISCARD status atomic_file_sync_directory(const char *file_path);

#endif
