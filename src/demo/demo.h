/* demo.h — the deterministic demo community (Du Xiang: 326 buildings, ~7,200 residents). */
#ifndef XL_DEMO_H
#define XL_DEMO_H

#include "xiangli/db.h"

typedef struct xl_demo_opts {
    unsigned long seed;  /* same seed, same database */
    int scale;           /* multiplies the community (benchmarks); 1 = the real size */
} xl_demo_opts;

/* Fills an empty database (XL_EFAIL if not empty). One transaction, one audit row. */
int xl_demo_build(xl_db *db, const xl_demo_opts *opts, xl_err *err);

/* Deterministic PRNG used by the demo (splitmix64 seeded xoshiro-ish); exposed for tests. */
typedef struct xl_rng { unsigned long long s[4]; } xl_rng;
void xl_rng_seed(xl_rng *r, unsigned long long seed);
unsigned long long xl_rng_next(xl_rng *r);
/* uniform in [0, n) */
unsigned xl_rng_below(xl_rng *r, unsigned n);

#endif
