/* lookup_tune.h — for tests only: the thresholds by which a paged search chooses how to read
 * (lookup.c), so that every way is tried on a small register. Defaults 3000, 600, 16. */
#ifndef XL_LOOKUP_TUNE_H
#define XL_LOOKUP_TUNE_H

#include <stddef.h>

/* sparse: candidates confirmed at once; few: hits put in order from them; share: the walk
 * keeps candidates up to one person in share of the register. */
void xl_lookup_tune(size_t sparse, size_t few, size_t share);

/* FULL, INITIALS and names (person_key): a range of at most small rows is read at once, its
 * rows of the buildings that hold about pages pages of them first; more, and a short walk in
 * place order goes on while it needs at most walk rows more (and is likely cheaper than
 * reading the range). Defaults 6000, 4, 30000. */
void xl_lookup_tune_keys(size_t small, size_t pages, size_t walk);

#endif
