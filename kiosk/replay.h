/* replay.h — the headless replay script: a list of taps, drags, waits,
 * screenshots and expectations that tests (and volunteers checking a new
 * screen) play against the kiosk. Parsing only; ui_loop.c plays it. */
#ifndef KIOSK_REPLAY_H
#define KIOSK_REPLAY_H

#include <stddef.h>

#include "status.h"

#define REPLAY_MAX_FILE_BYTES (4u * 1024u * 1024u)
#define REPLAY_MAX_STEPS      200000u
#define REPLAY_MAX_TEXT_BYTES 255u
#define REPLAY_MAX_WAIT_MS    (24 * 60 * 60 * 1000)

typedef enum replay_kind {
	REPLAY_TAP_POINT,   /* tap X Y */
	REPLAY_TAP_LABEL,   /* tap "Label text" */
	REPLAY_DRAG,        /* drag X1 Y1 X2 Y2 MS */
	REPLAY_WAIT,        /* wait MS: advances the kiosk's clock */
	REPLAY_SHOT,        /* shot NAME: DIR/NAME.bmp */
	REPLAY_EXPECT,      /* expect "text": some text on screen contains it */
	REPLAY_EXPECT_NOT,  /* expect-not "text": no text or icon name on screen contains it */
	REPLAY_KEY,         /* key escape | key quit (Ctrl+Q) | key alt-f4 */
	REPLAY_CLOSE,       /* close: the window manager asks the window to close */
	REPLAY_CHECK_LAYOUT /* check-layout: the frame keeps the layout rules (layout_check.h) */
} replay_kind;

typedef enum replay_key { REPLAY_KEY_ESCAPE, REPLAY_KEY_CTRL_Q, REPLAY_KEY_ALT_F4 } replay_key;

typedef struct replay_step {
	replay_kind kind;
	unsigned line; /* in the script, for messages */
	int x1, y1, x2, y2;
	int milliseconds;
	replay_key key;
	char text[REPLAY_MAX_TEXT_BYTES + 1]; /* label, expected text, or shot name */
} replay_step;

typedef struct replay_script replay_script;

/* Parses a script. Lines: the commands above, arguments separated by
 * spaces; text in double quotes (\" and \\ escape); '#' starts a comment
 * line; blank lines are ignored. A shot NAME is [A-Za-z0-9_-]{1,64} so it
 * cannot leave the screenshot folder. On failure returns STATUS_INVALID (or
 * STATUS_TOO_LARGE beyond REPLAY_MAX_FILE_BYTES or REPLAY_MAX_STEPS) and
 * writes "line N: reason" into `error`; *out is NULL. On STATUS_OK the caller
 * owns *out (replay_free()). */
KIOSK_NODISCARD status replay_parse(const char *bytes, size_t length, replay_script **out,
                                    char *error, size_t error_size);
/* Reads and parses the file at `path` (same limits). STATUS_NOT_FOUND or
 * STATUS_IO when it cannot be read. */
KIOSK_NODISCARD status replay_load_file(const char *path, replay_script **out, char *error,
                                        size_t error_size);
void replay_free(replay_script *script);

size_t replay_count(const replay_script *script);
/* The step at `index` (< replay_count()); borrowed. */
const replay_step *replay_at(const replay_script *script, size_t index);

#endif
