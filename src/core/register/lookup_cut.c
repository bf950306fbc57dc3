/* lookup_cut.c — MIXED pinyin queries ("zsan", "wangxm") as ranges of person_key: the ways of
 * cutting the query into syllable prefixes (lookup_cut.h); and the statements over one range
 * of keys that lookup.c shares with it. */
#include "core/register/lookup_cut.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "core/db/search_sql.h"
#include "xiangli/mem.h"
#include "xiangli/pinyin.h"

static void bind_range(sqlite3_stmt *st, const char *key)
{
    char end[600];
    snprintf(end, sizeof end, "%s" KEY_END, key);
    sqlite3_bind_text(st, 1, key, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, end, -1, SQLITE_TRANSIENT);
}

/* A spelling with v is in person_key_v (the unfolded ü spellings), every other key in
 * person_key. */
static int key_in_v(const char *key)
{
    return key[0] == '|' && strchr(key, 'v') != NULL;
}

/* sql with its table "%s" named for the key, prepared once for each table into st[2]. */
sqlite3_stmt *xl_lookup_key_stmt(xl_db *db, const char *sql, const char *key, sqlite3_stmt *st[2], xl_err *err)
{
    int v = key_in_v(key);
    if (!st[v]) {
        char *text = xl_asprintf(sql, v ? "person_key_v" : "person_key");
        st[v] = xl_db_prepare(db, text, err);
        free(text);
    }
    if (st[v]) {
        sqlite3_reset(st[v]);
        bind_range(st[v], key);
    }
    return st[v];
}

const char xl_lookup_count_sql[] = "SELECT count(*) FROM (SELECT 1 FROM %s WHERE k >= ?1 AND k < ?2 LIMIT ?3)";

/* A MIXED hit cuts q into pieces p1..pm (m >= 2), each a prefix of a reading of the next
 * unit, some piece longer than a letter and some piece before the last cut short of its
 * syllable (else the hit is FULL or INITIALS). Each such cut that the register can hold (the
 * initials of its pieces begin a "!" key) names a few ranges of person_key:
 *   "|" + c1 + ... + c(m-1) + pm for every choice of syllables ci that begin with pi
 *   (when they are few), else "!" + the pieces' first letters;
 * and "#" (names with Latin words, whose pieces the syllables do not bound). Their people,
 * confirmed in building order, are the class's hits: every MIXED hit is in one of them. */
extern const size_t xl_py_nsyl;      /* the generated Unihan table (src/core/base/pinyin.c) */
extern const char xl_py_pool[];
extern const uint16_t xl_py_syl_off[];

#define SYL_MAX 8
#define PIECE_MAX 6       /* the longest syllable: zhuang */
#define MIXED_NODES 4000  /* cuts tried (each a seek); more, and the FTS way is taken */
#define MIXED_RANGES 4000
#define COMPLETIONS_MAX 1024  /* more than that: its initials' range */
#define PIECE_COMPLETIONS 64  /* the syllables that begin with one letter: fewer than 40 */

static char (*syllables)[SYL_MAX], (*syllables_raw)[SYL_MAX]; /* v folded to u; as written */
static size_t nsyllables, nsyllables_raw;

static int syl_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

/* Every syllable, sorted, once: v folded to u (fold), or as written. */
static void syllables_load_one(int fold, char (**out)[SYL_MAX], size_t *count)
{
    char (*t)[SYL_MAX] = xl_calloc(xl_py_nsyl, sizeof *t);
    size_t n = 0;
    for (size_t i = 0; i < xl_py_nsyl; i++) {
        size_t len = (size_t)(xl_py_syl_off[i + 1] - xl_py_syl_off[i]) - 1;
        if (len == 0 || len >= SYL_MAX)
            continue;
        memcpy(t[n], xl_py_pool + xl_py_syl_off[i], len);
        t[n][len] = '\0';
        if (fold)
            xl_search_fold_v(t[n]);
        n++;
    }
    xl_qsort(t, n, sizeof *t, syl_cmp);
    size_t m = 0;
    for (size_t i = 0; i < n; i++)
        if (m == 0 || strcmp(t[i], t[m - 1]) != 0)
            memmove(t[m++], t[i], SYL_MAX);
    *count = m;
    *out = t;
}

static void syllables_load(void)
{
    if (!syllables) {
        syllables_load_one(0, &syllables_raw, &nsyllables_raw);
        syllables_load_one(1, &syllables, &nsyllables);
    }
}

typedef struct cutter {
    xl_db *db;
    xl_err *err;
    const char *q; /* folded, or as written with v and no u (raw) */
    char (*syl)[SYL_MAX];
    size_t nsyl;
    size_t n;
    unsigned char ok[XL_PINYIN_MAX_QUERY + 1][PIECE_MAX + 1];   /* a syllable starts with it */
    unsigned char part[XL_PINYIN_MAX_QUERY + 1][PIECE_MAX + 1]; /* a longer one does too */
    size_t start[XL_PINYIN_MAX_QUERY], len[XL_PINYIN_MAX_QUERY], m;
    sqlite3_stmt *exists, *count[2];
    char **ranges;
    size_t nranges, nodes, rows; /* rows: of the ranges, as counted */
    int overflow;
} cutter;

static void cut_range(cutter *c, const char *key)
{
    for (size_t i = 0; i < c->nranges; i++)
        if (strcmp(c->ranges[i], key) == 0)
            return;
    if (c->nranges == MIXED_RANGES) {
        c->overflow = 1;
        return;
    }
    c->ranges = xl_reallocarray(c->ranges, c->nranges + 1, sizeof *c->ranges);
    c->ranges[c->nranges++] = xl_strdup(key);
}

/* The syllables that begin with q[pos..pos+l). */
static size_t completions(const cutter *c, size_t pos, size_t l, const char **out, size_t max)
{
    size_t k = 0;
    for (size_t i = 0; i < c->nsyl; i++)
        if (strncmp(c->syl[i], c->q + pos, l) == 0) {
            if (k < max)
                out[k] = c->syl[i];
            k++;
        }
    return k;
}

static void emit_full(cutter *c, size_t j, char *key, size_t klen)
{
    if (c->overflow)
        return;
    if (j + 1 == c->m) {
        snprintf(key + klen, XL_PINYIN_MAX_QUERY * SYL_MAX - klen, "%.*s", (int)c->len[j], c->q + c->start[j]);
        cut_range(c, key);
        return;
    }
    const char *comp[PIECE_COMPLETIONS];
    size_t nc = completions(c, c->start[j], c->len[j], comp, PIECE_COMPLETIONS);
    for (size_t i = 0; i < nc && i < PIECE_COMPLETIONS; i++) {
        size_t l = strlen(comp[i]);
        if (klen + l + 1 >= XL_PINYIN_MAX_QUERY * SYL_MAX)
            continue;
        memcpy(key + klen, comp[i], l + 1);
        emit_full(c, j + 1, key, klen + l);
    }
}

/* The rows of the range key, counted up to cap + 1. */
static size_t cut_count(cutter *c, const char *key, size_t cap)
{
    sqlite3_stmt *st = xl_lookup_key_stmt(c->db, xl_lookup_count_sql, key, c->count, c->err);
    if (!st)
        return cap + 1;
    sqlite3_bind_int64(st, 3, (int64_t)cap + 1);
    size_t n = sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : cap + 1;
    sqlite3_reset(st);
    return n;
}

/* A cut's people: its full ranges ("|" + syllables + the last piece), or its initials' range,
 * whichever holds fewer rows ("z|san": 37 ranges |zasan, |zaisan, ... rather than the 16,000
 * people of !ZS at a million; "l|ng": !LN rather than |lang..., |ling..., |long...). */
static void emit_cut(cutter *c)
{
    size_t product = 1;
    for (size_t j = 0; j + 1 < c->m && product <= COMPLETIONS_MAX; j++)
        product *= completions(c, c->start[j], c->len[j], NULL, 0);
    char key[XL_PINYIN_MAX_QUERY * SYL_MAX], ini[XL_PINYIN_MAX_QUERY + 2];
    ini[0] = '!';
    for (size_t j = 0; j < c->m; j++)
        ini[j + 1] = (char)(c->q[c->start[j]] - 'a' + 'A');
    ini[c->m + 1] = '\0';
    size_t mark = c->nranges, rows = XL_MIXED_ROWS + 1;
    if (product <= COMPLETIONS_MAX) {
        key[0] = '|';
        emit_full(c, 0, key, 1);
        if (c->overflow)
            return;
        /* counted up to a cap that grows, so that the smaller of the two costs about its size */
        for (size_t cap = 1000; cap <= XL_MIXED_ROWS; cap *= 4) {
            size_t full = 0;
            for (size_t i = mark; i < c->nranges && full <= cap; i++)
                full += cut_count(c, c->ranges[i], cap - full);
            if (full <= cap) {
                c->rows += full;
                return;
            }
            if ((rows = cut_count(c, ini, cap)) <= cap)
                break;
        }
        while (c->nranges > mark) /* fewer rows in the initials' range */
            free(c->ranges[--c->nranges]);
    } else {
        rows = cut_count(c, ini, XL_MIXED_ROWS);
    }
    for (size_t i = 0; i < c->nranges; i++)
        if (strcmp(c->ranges[i], ini) == 0)
            return; /* counted already */
    c->rows += rows;
    cut_range(c, ini);
}

/* 1 when some "!" key begins with the first letters of the pieces so far. */
static int initials_exist(cutter *c)
{
    char key[XL_PINYIN_MAX_QUERY + 2];
    key[0] = '!';
    for (size_t j = 0; j < c->m; j++)
        key[j + 1] = (char)(c->q[c->start[j]] - 'a' + 'A');
    key[c->m + 1] = '\0';
    bind_range(c->exists, key);
    int found = sqlite3_step(c->exists) == SQLITE_ROW;
    sqlite3_reset(c->exists);
    return found;
}

static void cut_from(cutter *c, size_t pos, int any_long, int any_short)
{
    if (c->overflow)
        return;
    if (pos == c->n) {
        if (c->m >= 2 && any_long && any_short)
            emit_cut(c);
        return;
    }
    if (++c->nodes > MIXED_NODES) {
        c->overflow = 1;
        return;
    }
    for (size_t l = 1; l <= PIECE_MAX && pos + l <= c->n; l++) {
        if (!c->ok[pos][l])
            continue;
        int last = pos + l == c->n;
        c->start[c->m] = pos;
        c->len[c->m] = l;
        c->m++;
        if (initials_exist(c))
            cut_from(c, pos + l, any_long || l >= 2, any_short || (!last && c->part[pos][l]));
        c->m--;
    }
}

/* The ranges of the MIXED hits of the folded query q; 0 when there are too many ways (the
 * caller takes the FTS way). */
int xl_lookup_mixed_ranges(xl_db *db, xl_err *err, const char *q, int raw, char ***ranges, size_t *nranges,
                           size_t *rows, int *ok)
{
    syllables_load();
    cutter *c = xl_calloc(1, sizeof *c);
    c->db = db;
    c->err = err;
    c->q = q;
    c->n = strlen(q);
    c->syl = raw ? syllables_raw : syllables;
    c->nsyl = raw ? nsyllables_raw : nsyllables;
    for (size_t pos = 0; pos < c->n; pos++)
        for (size_t l = 1; l <= PIECE_MAX && pos + l <= c->n; l++)
            for (size_t i = 0; i < c->nsyl; i++)
                if (strncmp(c->syl[i], q + pos, l) == 0) {
                    c->ok[pos][l] = 1;
                    if (c->syl[i][l])
                        c->part[pos][l] = 1;
                }
    c->exists = xl_db_prepare(db, "SELECT 1 FROM person_key WHERE k >= ?1 AND k < ?2 LIMIT 1", err);
    int rc = c->exists ? XL_OK : XL_EFAIL;
    if (rc == XL_OK) {
        cut_from(c, 0, 0, 0);
        c->rows += cut_count(c, "#", XL_MIXED_ROWS);
        cut_range(c, "#");
    }
    sqlite3_finalize(c->exists);
    sqlite3_finalize(c->count[0]);
    sqlite3_finalize(c->count[1]);
    if (rc != XL_OK || c->overflow) {
        for (size_t i = 0; i < c->nranges; i++)
            free(c->ranges[i]);
        free(c->ranges);
        c->ranges = NULL;
        c->nranges = 0;
    }
    *ranges = c->ranges;
    *nranges = c->nranges;
    *rows = c->rows;
    *ok = rc == XL_OK && !c->overflow;
    free(c);
    return rc;
}
