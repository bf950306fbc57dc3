/* outfile.h — writing a whole file that may hold personal data: a temporary file beside it
 * (mkstemp, mode 0600), flushed to disk, renamed over path. A reader never sees half a
 * file; on failure any earlier file at path is untouched. */
#ifndef XL_OUTFILE_H
#define XL_OUTFILE_H

#include <stddef.h>

#include "xiangli/err.h"

int xl_outfile_write(const char *path, const void *data, size_t len, xl_err *err);

#endif
