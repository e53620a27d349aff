/* status.h — error values shared by every module: functions return a status,
 * callers check it (the compiler insists), and status_describe() explains it. */
#ifndef KIOSK_STATUS_H
#define KIOSK_STATUS_H

#if defined(__GNUC__)
#define KIOSK_NODISCARD __attribute__((warn_unused_result))
#define KIOSK_PRINTF(format_index, first_argument)                                                 \
	__attribute__((format(printf, format_index, first_argument)))
#else
#define KIOSK_NODISCARD
#define KIOSK_PRINTF(format_index, first_argument)
#endif

typedef enum status {
	STATUS_OK = 0,
	STATUS_NO_MEMORY, /* an allocation failed */
	STATUS_IO,        /* reading or writing a file failed; errno says more */
	STATUS_TOO_LARGE, /* input beyond a documented size limit */
	STATUS_INVALID,   /* input that does not follow its format */
	STATUS_NOT_FOUND, /* a file, key or record that does not exist */
	STATUS_DATABASE,  /* the database refused an operation */
	STATUS_CORRUPT,   /* the database or a stored copy is damaged */
	STATUS_REFUSED,   /* an import that was checked and not applied */
	STATUS_USAGE      /* a command line or call that is wrong */
} status;

/* Returns a short, static, plain-English description of `code`; never NULL. */
const char *status_describe(status code);

#endif
