/* main.c — the buurtkiosk executable: everything happens in cli_run(). */
#include <stdio.h>

#include "cli.h"

int main(int argc, char **argv)
{
	return cli_run(argc, argv, stdout, stderr);
}
