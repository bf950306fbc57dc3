/* lookup_tune.h — for tests only: the thresholds by which a paged search chooses how to read
 * (lookup.c), so that every way is tried on a small register. Defaults 3000, 600, 16. */
#ifndef XL_LOOKUP_TUNE_H
#define XL_LOOKUP_TUNE_H

#include <stddef.h>

/* sparse: candidates confirmed at once; few: hits put in order from them; share: the walk
 * keeps candidates up to one person in share of the register. */
void xl_lookup_tune(size_t sparse, size_t few, size_t share);

/* FULL, INITIALS and names (person_key): a range of more than dense rows is walked in place
 * order; a page first reads the rows of the buildings that hold about pages pages of them.
 * Defaults 60000, 4. */
void xl_lookup_tune_keys(size_t dense, size_t pages);

#endif
