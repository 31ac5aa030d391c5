// SPDX-License-Identifier: GPL-2.0
/* The live views' screen (see term.h). */
#include <stdlib.h>
#include <sys/ioctl.h>
#include <unistd.h>
#include "term.h"

void pk_term_size(int *w, int *h)
{
	struct winsize ws;

	*w = 80;
	*h = 24;
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col && ws.ws_row) {
		*w = ws.ws_col;
		*h = ws.ws_row;
	}
}

void pk_term_frame(int tty, void (*draw)(FILE *out, void *ctx), void *ctx)
{
	char *buf = NULL;
	size_t len = 0;
	FILE *out = open_memstream(&buf, &len);

	if (!out)
		abort();
	if (tty)
		fputs("\033[H\033[J", out);	/* home, clear below */
	draw(out, ctx);
	fclose(out);
	fwrite(buf, 1, len, stdout);
	free(buf);
}

void pk_term_cursor(int tty, int hidden)
{
	if (tty)
		fputs(hidden ? "\033[?25l" : "\033[?25h", stdout);
}
