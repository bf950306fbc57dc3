/* lookup_tune.h — for tests only: the thresholds by which a paged search chooses how to read
 * (lookup.c), so that every way is tried on a small register. Defaults 3000, 600, 16. */
#ifndef XL_LOOKUP_TUNE_H
#define XL_LOOKUP_TUNE_H

#include <stddef.h>

/* sparse: candidates confirmed at once; few: hits put in order from them; share: the walk
 * keeps candidates up to one person in share of the register. */
void xl_lookup_tune(size_t sparse, size_t few, size_t share);

#endif
