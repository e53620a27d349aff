/* minisign_check.c — test tool: runs the kiosk's own minisign_verify() on a
 * public key, a file and its signature, so a script can check signatures
 * made by Debian's minisign against the kiosk's verdict.
 *
 * Usage: minisign_check PUBLIC_KEY FILE [SIGNATURE]
 * PUBLIC_KEY is a minisign .pub file or a file holding only the key line;
 * a missing SIGNATURE argument or file means "unsigned". Prints "OK" and
 * exits 0, or "REFUSED: <the Dutch reason>" and exits 1; 2 for wrong use or
 * an unreadable public key or file. */
#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "minisign.h"

/* Sanity, not policy: far above any catalogue. */
#define INPUT_LIMIT (64L * 1024L * 1024L)

/* Reads a whole file into *bytes (malloc'ed, NUL-terminated); false when it
 * cannot be read. */
static bool read_whole_file(const char *path, char **bytes, size_t *length)
{
	*bytes = NULL;
	*length = 0;
	FILE *file = fopen(path, "rb");
	if (file == NULL)
		return false;
	char *data = malloc((size_t)INPUT_LIMIT + 1);
	size_t got = data != NULL ? fread(data, 1, (size_t)INPUT_LIMIT + 1, file) : 0;
	bool failed = data == NULL || ferror(file) || got > (size_t)INPUT_LIMIT;
	fclose(file);
	if (failed) {
		free(data);
		return false;
	}
	data[got] = '\0';
	*bytes = data;
	*length = got;
	return true;
}

int main(int argc, char **argv)
{
	if (argc < 3 || argc > 4) {
		fputs("usage: minisign_check PUBLIC_KEY FILE [SIGNATURE]\n", stderr);
		return 2;
	}
	char *key_text = NULL, *file = NULL, *signature = NULL;
	size_t key_length = 0, file_length = 0, signature_length = 0;
	if (!read_whole_file(argv[1], &key_text, &key_length)) {
		fprintf(stderr, "minisign_check: cannot read %s: %s\n", argv[1], strerror(errno));
		return 2;
	}
	minisign_public_key key;
	status parsed = minisign_parse_public_key(key_text, key_length, &key);
	free(key_text);
	if (parsed != STATUS_OK) {
		fprintf(stderr, "minisign_check: %s is no public key: %s\n", argv[1],
		        status_describe(parsed));
		return 2;
	}
	if (!read_whole_file(argv[2], &file, &file_length)) {
		fprintf(stderr, "minisign_check: cannot read %s: %s\n", argv[2], strerror(errno));
		return 2;
	}
	if (argc == 4 && !read_whole_file(argv[3], &signature, &signature_length) &&
	    errno != ENOENT) {
		fprintf(stderr, "minisign_check: cannot read %s: %s\n", argv[3], strerror(errno));
		free(file);
		return 2;
	}
	char reason[160];
	status verified = minisign_verify(&key, file, file_length, signature, signature_length,
	                                  reason, sizeof reason);
	free(signature);
	free(file);
	if (verified == STATUS_OK) {
		puts("OK");
		return 0;
	}
	printf("REFUSED: %s\n", verified == STATUS_REFUSED ? reason : status_describe(verified));
	return 1;
}
