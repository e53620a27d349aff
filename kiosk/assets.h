/* assets.h — where the kiosk's fonts and compiled message catalogues are:
 * beside the configured data, in the build tree for a developer's run, or
 * where the package installed them. One answer for the screen, the printed
 * slip and the command line. */
#ifndef KIOSK_ASSETS_H
#define KIOSK_ASSETS_H

#include <stddef.h>

#include "config.h"
#include "draw.h"
#include "status.h"

#define ASSETS_PATH_BYTES 4200u

/* Arabic faces: [0] for DRAW_FONT_TEXT, [1] for DRAW_FONT_BOLD. */
#define ASSETS_ARABIC_FONT_COUNT 2u

/* The font files, indexed by draw_font, and the Arabic faces (Noto Sans
 * Arabic Regular and Bold) that draw Arabic runs in their place. */
typedef struct assets_fonts {
	char files[DRAW_FONT_COUNT][ASSETS_PATH_BYTES];
	char arabic_files[ASSETS_ARABIC_FONT_COUNT][ASSETS_PATH_BYTES];
} assets_fonts;

/* Fills `out` with the font files, Arabic ones included, all from one
 * folder: the checkout's fonts/ when the program runs from a build of it,
 * else the installed ones. STATUS_NOT_FOUND (with the paths still filled,
 * for the message) when the reading face is missing in both. */
KIOSK_NODISCARD status assets_font_files(assets_fonts *out);

/* Writes the folder holding LINGUAS and the .mo files into `out`: the data
 * directory's locale/ (an installed kiosk, or a configured one), the build
 * tree's (a developer's run), or the installed one. STATUS_NOT_FOUND when
 * none has a LINGUAS file. */
KIOSK_NODISCARD status assets_locale_directory(const kiosk_config *config, char *out, size_t size);

#endif
