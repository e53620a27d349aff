/* fuzz_usb_header.c — libFuzzer target for usb_stick_header_is_catalogue():
 * any bytes are looked at without crashing, only the first
 * USB_STICK_HEADER_BYTES count, and whatever the importer can import from is
 * recognised (so a stick's root .csv is never passed over wrongly). */
#include <stdint.h>
#include <stdlib.h>

#include "catalogue.h"
#include "import.h"
#include "usb_stick.h"

/* Stops the fuzzer with a crash report when an invariant is broken. */
static void require(int condition)
{
	if (!condition)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *bytes = (const char *)data;
	bool recognised = usb_stick_header_is_catalogue(bytes, size);
	size_t prefix = size < USB_STICK_HEADER_BYTES ? size : USB_STICK_HEADER_BYTES;
	require(recognised == usb_stick_header_is_catalogue(bytes, prefix));
	if (size > USB_STICK_HEADER_BYTES)
		return 0;
	catalogue *items = NULL;
	import_report report;
	if (import_read_memory(bytes, size, &items, &report) == STATUS_OK) {
		if (import_report_can_apply(&report))
			require(recognised);
		catalogue_destroy(items);
		import_report_free(&report);
	}
	return 0;
}
