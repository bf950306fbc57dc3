/* lookup_cut.h — inside the register room: the key ranges of person_key (015) that lookup.c
 * reads, and the MIXED pinyin class cut into them (lookup_cut.c). */
#ifndef XL_LOOKUP_CUT_H
#define XL_LOOKUP_CUT_H

#include <sqlite3.h>
#include <stddef.h>

#include "xiangli/db.h"
#include "xiangli/err.h"

#define KEY_END "\xf4\x8f\xbf\xbf" /* U+10FFFF: after every key that starts with the prefix */
#define XL_MIXED_ROWS 40000       /* rows of the MIXED ranges: more, and the FTS way is taken */

/* "SELECT count(*) … LIMIT ?3" over one range of the table "%s" (xl_lookup_key_stmt names it). */
extern const char xl_lookup_count_sql[];

/* sql with its table "%s" named for the key (person_key_v for a spelling with v, else
 * person_key), prepared once per table into st[2], reset and bound to the key's range. */
sqlite3_stmt *xl_lookup_key_stmt(xl_db *db, const char *sql, const char *key, sqlite3_stmt *st[2], xl_err *err);

/* The ranges of the MIXED hits of the folded query q (raw: as written, v kept); *ok 0 when
 * there are too many ways (the caller takes the FTS way). The ranges are the caller's. */
int xl_lookup_mixed_ranges(xl_db *db, xl_err *err, const char *q, int raw, char ***ranges, size_t *nranges,
                           size_t *rows, int *ok);

#endif
