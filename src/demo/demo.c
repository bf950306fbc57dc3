/* demo.c — the deterministic demo community: Du Xiang (杜巷小区), Jiulitang Street, Songjiang.
 *
 * Two phases. plan_*: draw the whole community in memory from the seed (lanes, buildings,
 * rooms, declared headcounts, how many of each room are registered) and nudge the totals to
 * the real figures (~6,000 tenants, ~80% registration). emit_*: write it in one transaction
 * with prepared statements reused across rows. Every random choice comes from xl_rng in a
 * fixed order, and no clock is read: the same seed gives the same bytes.
 *
 * This file: the generator, the shared random and statement helpers, and the build itself;
 * the plan is in demo_plan.c, the people and their stays in demo_people.c, the rows in
 * demo_emit.c, all sharing demo_internal.h. */
#include "demo/demo_internal.h"
#include "demo/lists_demo_internal.h"
#include "core/db/search_sql.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/lists.h"
#include "xiangli/mem.h"

/* ---------- the generator: splitmix64 seeding xoshiro256** ---------- */

static unsigned long long splitmix64(unsigned long long *x)
{
    unsigned long long z = (*x += 0x9E3779B97F4A7C15ULL);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
    return z ^ (z >> 31);
}

void xl_rng_seed(xl_rng *r, unsigned long long seed)
{
    unsigned long long x = seed;
    for (int i = 0; i < 4; i++)
        r->s[i] = splitmix64(&x);
}

static unsigned long long rotl64(unsigned long long x, int k)
{
    return (x << k) | (x >> (64 - k));
}

unsigned long long xl_rng_next(xl_rng *r)
{
    unsigned long long *s = r->s;
    unsigned long long result = rotl64(s[1] * 5, 7) * 9;
    unsigned long long t = s[1] << 17;
    s[2] ^= s[0];
    s[3] ^= s[1];
    s[1] ^= s[2];
    s[0] ^= s[3];
    s[2] ^= t;
    s[3] = rotl64(s[3], 45);
    return result;
}

/* Lemire's multiply-and-reject: unbiased, one multiplication in the common case. */
unsigned xl_rng_below(xl_rng *r, unsigned n)
{
    if (n <= 1)
        return 0;
    uint32_t bound = (uint32_t)n;
    uint64_t m = (xl_rng_next(r) >> 32) * (uint64_t)bound;
    if ((uint32_t)m < bound) {
        uint32_t floor = (uint32_t)(0u - bound) % bound;
        while ((uint32_t)m < floor)
            m = (xl_rng_next(r) >> 32) * (uint64_t)bound;
    }
    return (unsigned)(m >> 32);
}

/* ---------- dates as day numbers (date.h: days since 1970-01-01) ---------- */

void demo_fmt_day(int z, char out[16])
{
    xl_date_format(z, out);
}

/* ---------- random helpers ---------- */

int demo_chance(demo *d, unsigned permille)
{
    return xl_rng_below(&d->rng, 1000) < permille;
}

/* Uniform in [lo, hi]. */
int demo_between(demo *d, int lo, int hi)
{
    return hi <= lo ? lo : lo + (int)xl_rng_below(&d->rng, (unsigned)(hi - lo) + 1);
}

int demo_born_between(demo *d, int y0, int y1)
{
    return demo_between(d, xl_date_to_days(y0, 1, 1), xl_date_to_days(y1, 12, 31));
}

/* Index drawn with probability w[i] / sum(w). */
size_t demo_pick_weight(demo *d, const unsigned *w, size_t n)
{
    unsigned total = 0;
    for (size_t i = 0; i < n; i++)
        total += w[i];
    unsigned x = xl_rng_below(&d->rng, total);
    size_t i = 0;
    while (x >= w[i])
        x -= w[i++];
    return i;
}

const char *demo_pick(demo *d, const xl_demo_table *t)
{
    unsigned total = 0;
    for (size_t i = 0; i < t->n; i++)
        total += t->items[i].weight;
    unsigned x = xl_rng_below(&d->rng, total);
    size_t i = 0;
    while (x >= t->items[i].weight)
        x -= t->items[i++].weight;
    return t->items[i].text;
}

/* ---------- statements ---------- */

static const char *const demo_sql[] = {
#define XL_X(id, sql) sql,
    DEMO_SQL(XL_X)
#undef XL_X
};

static const char *const demo_sql_name[] = {
#define XL_X(id, sql) #id,
    DEMO_SQL(XL_X)
#undef XL_X
};

void demo_bind_int(demo *d, int which, int idx, int64_t v)
{
    sqlite3_bind_int64(d->st[which], idx, v);
}

/* NULL binds SQL NULL. The text must live until demo_run(): callers bind and run in one scope. */
void demo_bind_text(demo *d, int which, int idx, const char *s)
{
    if (s)
        sqlite3_bind_text(d->st[which], idx, s, -1, SQLITE_STATIC);
    else
        sqlite3_bind_null(d->st[which], idx);
}

void demo_run(demo *d, int which)
{
    sqlite3_stmt *st = d->st[which];
    if (!d->rc && sqlite3_step(st) != SQLITE_DONE) {
        char what[64];
        snprintf(what, sizeof what, "demo: %s", demo_sql_name[which]);
        d->rc = xl_db_fail(d->db, what, d->err);
    }
    sqlite3_reset(st);
}

static int prepare_all(demo *d)
{
    for (int i = 0; i < ST_COUNT; i++) {
        d->st[i] = xl_db_prepare(d->db, demo_sql[i], d->err);
        if (!d->st[i])
            return XL_EFAIL;
    }
    return XL_OK;
}

/* ---------- the whole build ---------- */

static void demo_init(demo *d, xl_db *db, const xl_demo_opts *o, xl_err *err)
{
    memset(d, 0, sizeof *d);
    d->db = db;
    d->err = err;
    d->scale = o->scale;
    d->nlanes = DEMO_LANES * o->scale;
    d->ngrids = DEMO_GRIDS * o->scale;
    xl_rng_seed(&d->rng, (unsigned long long)o->seed);
    d->phone_base = xl_rng_next(&d->rng) % 100000000u;
    d->day_start = xl_date_to_days(2018, 1, 1);
    d->day_end = xl_date_to_days(2026, 10, 31);
    d->grids = xl_calloc((size_t)d->ngrids, sizeof *d->grids);
}

static void demo_release(demo *d)
{
    for (int i = 0; i < ST_COUNT; i++)
        sqlite3_finalize(d->st[i]);
    free(d->b);
    free(d->r);
    free(d->grids);
    free(d->lane_group);
    free(d->movers);
    free(d->ids);
}

static int cache_size(xl_db *db)
{
    sqlite3_stmt *st = xl_db_prepare(db, "PRAGMA cache_size", NULL);
    int v = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : -2000;
    sqlite3_finalize(st);
    return v;
}

static void set_cache_size(xl_db *db, int v)
{
    char sql[64];
    snprintf(sql, sizeof sql, "PRAGMA cache_size=%d", v);
    xl_db_exec(db, sql, NULL);
}

/* Inside the open transaction: refuse a non-empty database, then write everything. */
static int build_in_tx(demo *d, const xl_demo_opts *o)
{
    if (!xl_db_is_empty(d->db))
        return xl_err_set(d->err, XL_EFAIL, _(DEMO_E_NOT_EMPTY_FMT), xl_db_path(d->db));
    /* People come with their search keys (ST_PERSON); the search index takes them all in one
     * statement afterwards instead of one FTS5 write-out per person (011_operators.sql). */
    xl_db_defer_search_index(d->db, 1);
    int rc = prepare_all(d) || demo_emit_all(d);
    xl_db_defer_search_index(d->db, 0);
    if (rc || xl_search_index_people(d->db, 0, INT64_MAX, d->err))
        return XL_EFAIL;
    /* the four lists and the meeting history stand on the buildings and people above */
    if (xl_lists_demo_build(d->db, o->seed, d->err))
        return XL_EFAIL;
    char detail[64];
    snprintf(detail, sizeof detail, "seed=%lu scale=%d", o->seed, o->scale);
    return xl_db_audit(d->db, "demo.init", "community", NULL, detail, d->err);
}

typedef struct demo_ctx {
    const xl_demo_opts *o;
} demo_ctx;

static int demo_body(xl_db *db, void *ctx, xl_err *err)
{
    const xl_demo_opts *o = ((demo_ctx *)ctx)->o;
    demo d;
    demo_init(&d, db, o, err);
    demo_plan_buildings(&d);
    demo_plan_totals(&d);
    int rc = build_in_tx(&d, o);
    demo_release(&d);
    return rc;
}

int xl_demo_build(xl_db *db, const xl_demo_opts *opts, xl_err *err)
{
    xl_demo_opts o = opts ? *opts : (xl_demo_opts){.seed = 1, .scale = 1};
    if (o.scale < 1 || o.scale > DEMO_MAX_SCALE)
        return xl_err_set(err, XL_EUSAGE, _(DEMO_E_SCALE_FMT), o.scale, DEMO_MAX_SCALE);
    int old_cache = cache_size(db);
    set_cache_size(db, -DEMO_CACHE_KIB);
    demo_ctx c = {&o};
    int rc = xl_db_tx(db, demo_body, &c, err);
    set_cache_size(db, old_cache);
    return rc;
}
