/* datadir.h — where Xiangli's shipped data files are (documents, assessment criteria), and
 * the office's own copies next to the database, which win over the shipped ones.
 *
 * Shipped files are looked up under, in order: $XIANGLI_DATA_DIR; the install directory
 * (PREFIX/share/xiangli, set at build time); the source tree's data/ (a build that is run
 * without being installed). The office's copies live in the data directory: the directory
 * of the database file (~/.local/share/xiangli/ by default), e.g. .../xiangli/docs/. */
#ifndef XL_DATADIR_H
#define XL_DATADIR_H

#include <stddef.h>

#include "xiangli/db.h"

/* The shipped file rel ("docs/convention.md"): XL_OK and its path, or XL_ENOTFOUND (out
 * names the first place looked). */
int xl_datadir_shipped(const char *rel, char *out, size_t size);
/* Where the office's own copy of rel lives (whether or not it exists). */
void xl_datadir_local(xl_db *db, const char *rel, char *out, size_t size);
/* The office's copy when it exists (*local = 1), else the shipped one (*local = 0). */
int xl_datadir_find(xl_db *db, const char *rel, char *out, size_t size, int *local);

#endif
