/* status.c — descriptions for the shared error values. */
#include "status.h"

const char *status_describe(status code)
{
	switch (code) {
	case STATUS_OK: return "ok";
	case STATUS_NO_MEMORY: return "out of memory";
	case STATUS_IO: return "input/output error";
	case STATUS_TOO_LARGE: return "input too large";
	case STATUS_INVALID: return "invalid input";
	case STATUS_NOT_FOUND: return "not found";
	case STATUS_DATABASE: return "database error";
	case STATUS_CORRUPT: return "damaged data";
	case STATUS_REFUSED: return "refused";
	case STATUS_USAGE: return "usage error";
	}
	return "unknown status";
}
