/* stats.h — community totals and registration rate. */
#ifndef XL_STATS_H
#define XL_STATS_H

#include <stddef.h>
#include "xiangli/building.h"

typedef struct xl_stats {
    int buildings;
    int residents;       /* current residents in the register */
    int tenants;
    int owners;
    int sublandlords;
    int family;
    int declared;        /* declared headcount */
    double registration_rate;  /* sum(min(residents, declared) per room) / declared;
                                  XL_RATE_NONE (building.h) when nothing is declared */
    int moved_out;       /* past residencies */
    xl_building_summary *per_building;
    size_t nbuildings;
} xl_stats;

int xl_stats_compute(xl_db *db, xl_stats *st, xl_err *err);
void xl_stats_release(xl_stats *st);
struct xl_buf;
void xl_stats_json(const xl_stats *st, struct xl_buf *out);

#endif
