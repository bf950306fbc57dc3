/* idregion.c — the region part of ID numbers, against the division list generated at build
 * time from python3-stdnum's loc.dat (src/gen/gen_regions.py). */
#include "xiangli/idcard.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "xiangli/i18n.h"

extern const uint32_t xl_region_codes[];
extern const size_t xl_region_ncodes;
extern const char *const xl_region_provinces[100];

static int digits(const char *id, int n, unsigned *v)
{
    *v = 0;
    for (int i = 0; i < n; i++) {
        if (!id || id[i] < '0' || id[i] > '9')
            return 0;
        *v = *v * 10 + (unsigned)(id[i] - '0');
    }
    return 1;
}

const char *xl_id_province(const char *id)
{
    unsigned two;
    return digits(id, 2, &two) ? xl_region_provinces[two] : NULL;
}

static int cmp_code(const void *a, const void *b)
{
    uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;
    return (x > y) - (x < y);
}

int xl_id_region_known(const char *id)
{
    unsigned six;
    if (!digits(id, 6, &six))
        return 0;
    uint32_t key = six;
    return bsearch(&key, xl_region_codes, xl_region_ncodes, sizeof key, cmp_code) != NULL;
}

void xl_id_region_warning(const char *id, char *msg, size_t size)
{
    if (size == 0)
        return;
    msg[0] = '\0';
    if (xl_id_province(id) && !xl_id_region_known(id))
        snprintf(msg, size, _(ID_W_REGION_FMT), id);
}
