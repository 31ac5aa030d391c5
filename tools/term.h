/* SPDX-License-Identifier: GPL-2.0 */
/* The live views' screen: its size, and one frame drawn at a time. */
#ifndef PKTSTAT_TERM_H
#define PKTSTAT_TERM_H

#include <stdio.h>

/* Columns and rows of the terminal on standard output; 80x24 if none. */
void pk_term_size(int *w, int *h);
/* Writes what draw(out, ctx) prints to standard output in one write, so
 * that a terminal never shows half a frame; on a terminal (tty), over
 * the previous frame. */
void pk_term_frame(int tty, void (*draw)(FILE *out, void *ctx), void *ctx);
/* On a terminal, hides the cursor while frames are redrawn (hidden), or
 * shows it again. */
void pk_term_cursor(int tty, int hidden);

#endif
