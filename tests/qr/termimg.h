/* termimg.h — test helper: turns terminal text (as printed, or as `tmux capture-pane -e`
 * captures it, SGR colours included) into a bilevel image a QR decoder can read.
 * Each character cell becomes px pixels wide and 2*px tall; its top and bottom halves are
 * dark or light as a terminal would show them: ▀ ▄ █ '#' and other glyphs are ink in the
 * foreground colour, spaces are the background colour, SGR 7 swaps them. Colours without an
 * SGR ("default") are taken from the terminal's theme: light text on a dark background when
 * dark_terminal != 0, else dark text on light. */
#ifndef XL_TEST_TERMIMG_H
#define XL_TEST_TERMIMG_H

#include <stddef.h>
#include "xiangli/qr.h"

typedef struct ti_opts {
    int dark_terminal;
    int px;
} ti_opts;

/* Fills out (caller releases). Returns 0, or -1 for empty input. */
int ti_convert(const char *text, size_t len, const ti_opts *o, xl_bitmap *out);

#endif
