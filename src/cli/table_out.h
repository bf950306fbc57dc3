/* table_out.h — aligned plain-text columns for CLI output (display width aware). */
#ifndef XL_TABLE_OUT_H
#define XL_TABLE_OUT_H

#include <stdio.h>

/* Prints s padded/clipped to cols display columns, then a separating space. */
void cli_cell(FILE *f, const char *s, int cols);
/* Role key → translated label. */
const char *cli_role_label(const char *role_key);

#endif
