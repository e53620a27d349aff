/* assets.c — finding fonts and message catalogues. */
#define _POSIX_C_SOURCE 200809L
#include "assets.h"

#include <sys/stat.h>

#include "text.h"

static const char *const font_names[DRAW_FONT_COUNT] = {"AtkinsonHyperlegible-Regular.ttf",
                                                        "AtkinsonHyperlegible-Bold.ttf",
                                                        "MaterialIcons-Regular.ttf"};
static const char *const arabic_font_names[ASSETS_ARABIC_FONT_COUNT] = {
    "NotoSansArabic-Regular.ttf", "NotoSansArabic-Bold.ttf"};

static bool directory_has(const char *directory, const char *name)
{
	char path[ASSETS_PATH_BYTES];
	struct stat info;
	return text_format(path, sizeof(path), "%s/%s", directory, name) &&
	       stat(path, &info) == 0 && S_ISREG(info.st_mode);
}

static bool fill_fonts(const char *directory, assets_fonts *out)
{
	for (size_t index = 0; index < DRAW_FONT_COUNT; index++) {
		if (!text_format(out->files[index], sizeof(out->files[index]), "%s/%s", directory,
		                 font_names[index])) {
			return false;
		}
	}
	for (size_t index = 0; index < ASSETS_ARABIC_FONT_COUNT; index++) {
		if (!text_format(out->arabic_files[index], sizeof(out->arabic_files[index]),
		                 "%s/%s", directory, arabic_font_names[index])) {
			return false;
		}
	}
	return true;
}

status assets_font_files(assets_fonts *out)
{
#ifdef KIOSK_SOURCE_FONTS_DIR
	if (directory_has(KIOSK_SOURCE_FONTS_DIR, font_names[DRAW_FONT_TEXT]) &&
	    fill_fonts(KIOSK_SOURCE_FONTS_DIR, out)) {
		return STATUS_OK;
	}
#endif
#ifdef KIOSK_INSTALLED_FONTS_DIR
	const char *installed = KIOSK_INSTALLED_FONTS_DIR;
#else
	const char *installed = "/usr/share/buurtkiosk/fonts";
#endif
	if (!fill_fonts(installed, out)) {
		return STATUS_TOO_LARGE;
	}
	return directory_has(installed, font_names[DRAW_FONT_TEXT]) ? STATUS_OK : STATUS_NOT_FOUND;
}

status assets_locale_directory(const kiosk_config *config, char *out, size_t size)
{
	if (config_data_path(config, "locale", out, size) && directory_has(out, "LINGUAS")) {
		return STATUS_OK;
	}
#ifdef KIOSK_BUILD_LOCALE_DIR
	if (directory_has(KIOSK_BUILD_LOCALE_DIR, "LINGUAS") &&
	    text_copy(out, size, KIOSK_BUILD_LOCALE_DIR)) {
		return STATUS_OK;
	}
#endif
#ifdef KIOSK_INSTALLED_LOCALE_DIR
	if (directory_has(KIOSK_INSTALLED_LOCALE_DIR, "LINGUAS") &&
	    text_copy(out, size, KIOSK_INSTALLED_LOCALE_DIR)) {
		return STATUS_OK;
	}
#endif
	return STATUS_NOT_FOUND;
}
