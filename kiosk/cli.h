/* cli.h — the buurtkiosk command line: importing and checking spreadsheets,
 * matching answers, the template, and (until the touch UI) a text view of
 * what is coming up. Other tools and tests build on its exact contract. */
#ifndef KIOSK_CLI_H
#define KIOSK_CLI_H

#include <stdio.h>

/* Exit codes of the command line. */
enum cli_exit {
	CLI_EXIT_OK = 0,      /* done; for --import: applied */
	CLI_EXIT_REFUSED = 1, /* --import/--check refused, or an operation failed */
	CLI_EXIT_USAGE = 2    /* the command line itself is wrong */
};

/* Runs the command line `argv[0..argc)`, writing results to `out` and
 * messages to `err`; returns an enum cli_exit value. Touches no global state
 * except getopt's. */
int cli_run(int argc, char **argv, FILE *out, FILE *err);

#endif
