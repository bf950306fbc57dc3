/* lookup.c — the one search behind `xiangli lookup` and the TUI (rules in lookup.h).
 *
 * Names and pinyin on a large register (--scale 140: 1,270,000 people). A scan of every
 * name costs 50–100 ms there, too slow for a keystroke, so each rank class (pinyin: FULL,
 * INITIALS, MIXED; names: one) is read from person_key (migration 015, keys in
 * src/core/db/search_sql.h), a B-tree of every search key with the building its person lives
 * in now:
 *  - FULL, INITIALS and names are one range of keys each ("|" / "!" / "~" + the query),
 *    exact but for v/u and rank (the hits are confirmed by xl_pinyin_match / instr in the
 *    statement that reads them). With a limit (key_class), a range of few rows is read at
 *    once, only the rows of its first buildings (b, index only), and its first people to
 *    the end of a building confirmed and put in order by one statement (place_current:
 *    their current residency; then, short of the page, the people living nowhere now). A
 *    range of many rows (a letter, a common syllable or surname: hits one resident in ten
 *    or more) is met by a short walk over the current residents in place order (the index
 *    residency_walk of 013) that keeps the hits' ids and stops at the end of the room where
 *    the page fills; a walk that would run long gives way to the range.
 *  - MIXED ("zsan", "wangxm") is the ways of cutting the query into syllable prefixes: each
 *    names a few ranges (mixed_ranges), whose people are confirmed in building order.
 *    Only a query with too many ways falls back to the FTS5 trigram index person_search
 *    of 004 (search_class: candidates confirmed at once, or kept by a walk in place order).
 * Every way gives the first hits of the unlimited search (tests/unit/test_lookup.c tries
 * each and compares a few hundred random queries with a scan). Names and pinyin run in one
 * read transaction. Phone and ID tails use the expression indexes on their last four
 * characters. */
#include "xiangli/lookup.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/register/complete_sql.h"
#include "core/db/db_internal.h"
#include "core/db/search_sql.h"
#include "core/register/lookup_cut.h"
#include "core/register/lookup_tune.h"
#include "xiangli/idcard.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/pinyin.h"
#include "xiangli/text.h"

/* The walk costs ~2 us a row (the residency, the person, the match) and needs about
 * limit * residents / hits rows: the probe (WALK_PROBE rows) finishes a page of 50 when
 * one resident in 20 is a hit. */
#define WALK_PROBE 1000
#define WALK_BUDGET 40000
/* After the probe (WALK_PROBE rows), with a limit: a class with at most sparse_candidates
 * candidates and at most few_hits_max hits is put in order from them (confirming a candidate
 * costs ~2 us at a million residents, putting a hit in order ~7 us); up to one person in
 * cand_share of the register (CAND_MAX at most: the walk holds them as one list, ~0.2 us
 * each), the walk keeps only candidates (WALK_MEMBERS of them at most, then every hit is put
 * in order after all); more, and the plain walk goes on. */
static size_t sparse_candidates = 3000, few_hits_max = 600, cand_share = 16; /* lookup_tune.h */
#define CAND_MAX 60000
#define SMALL_REGISTER 20000

void xl_lookup_tune(size_t sparse, size_t few, size_t share)
{
    sparse_candidates = sparse;
    few_hits_max = few;
    cand_share = share ? share : 1;
}
#define WALK_MEMBERS 4000

static int all_digits(const char *s, size_t n)
{
    if (n == 0)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isdigit((unsigned char)s[i]))
            return 0;
    return 1;
}

static int valid_room(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 8)
        return 0;
    for (size_t i = 0; i < n; i++)
        if (!isalnum((unsigned char)s[i]))
            return 0;
    return 1;
}

int xl_lookup_classify(const char *query, xl_query_kind *kind, int *building, char room[9], xl_err *err)
{
    char q[128];
    xl_strlcpy_utf8(q, query ? query : "", sizeof q);
    char *s = q;
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n > 0 && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    *building = 0;
    room[0] = '\0';
    if (n == 0)
        return xl_err_set(err, XL_EUSAGE, "%s", _(E_LOOKUP_EMPTY));
    const char *dash = strchr(s, '-');
    if (dash && all_digits(s, (size_t)(dash - s)) && dash - s <= 5) {
        if (!valid_room(dash + 1))
            return xl_err_set(err, XL_EUSAGE, _(E_LOOKUP_ROOM_FMT), s);
        *kind = XL_Q_ROOM;
        *building = atoi(s);
        snprintf(room, 9, "%s", dash + 1);
        return XL_OK;
    }
    if (all_digits(s, n) && n <= 3) {
        *kind = XL_Q_BUILDING;
        *building = atoi(s);
        return XL_OK;
    }
    int id_tail = n >= 4 && (s[n - 1] == 'x' || s[n - 1] == 'X') && all_digits(s, n - 1);
    if ((all_digits(s, n) && n >= 4) || id_tail) {
        *kind = XL_Q_TAIL;
        return XL_OK;
    }
    char py[XL_PINYIN_MAX_QUERY + 1];
    *kind = xl_pinyin_query(s, py, sizeof py) && py[0] ? XL_Q_PINYIN : XL_Q_NAME;
    return XL_OK;
}

/* Columns shared by every query: person, then its chosen residency, the registration state
 * (the register's own expression, complete_sql.h, its cutoff in ?9: see prepare_hits), then
 * the rank. */
#define MINOR_PARAM 9
#define HIT_COLUMNS \
    "p.id, p.name, r.building, r.room, r.role, r.moved_in, coalesce(r.moved_out, ''), p.phone," \
    " p.id_number, " XL_COMPLETE_SQL_AT("?9")

static const char building_sql[] =
    "SELECT " HIT_COLUMNS ", 0 FROM residency r JOIN person p ON p.id = r.person_id"
    " JOIN room rm ON rm.building = r.building AND rm.room = r.room"
    " WHERE r.building = ?1 AND r.moved_out IS NULL AND (?2 IS NULL OR r.room = ?2)"
    " ORDER BY rm.floor, length(r.room), r.room,"
    "   CASE r.role WHEN 'owner' THEN 0 WHEN 'sublandlord' THEN 1 WHEN 'family' THEN 2 ELSE 3 END,"
    "   r.moved_in, p.name";

/* A person with the current residency, else the latest one, else none (an owner who lives
 * elsewhere is still someone the office looks up). */
#define LAST_RESIDENCY \
    " LEFT JOIN residency r ON r.id = coalesce(" \
    "   (SELECT id FROM residency x WHERE x.person_id = p.id AND x.moved_out IS NULL)," \
    "   (SELECT id FROM residency x WHERE x.person_id = p.id ORDER BY x.moved_in DESC, x.id DESC LIMIT 1))"

#define PLACE_ORDER \
    " ORDER BY CASE WHEN r.id IS NULL THEN 2 WHEN r.moved_out IS NULL THEN 0 ELSE 1 END," \
    "   r.building, r.room, p.name, p.id"

/* A tail matches only what the mask already shows (the last 4) or the whole number: longer
 * partial tails would let anyone rebuild a masked number a digit at a time (issue 9). */
static const char tail_sql[] =
    "SELECT " HIT_COLUMNS ", 0 FROM person p" LAST_RESIDENCY
    " WHERE (p.phone IS NOT NULL AND substr(p.phone, -4) = ?2 AND (length(?1) = 4 OR p.phone = ?1))"
    "    OR (p.id_number IS NOT NULL AND substr(p.id_number, -4) = upper(?2)"
    "        AND (length(?1) = 4 OR p.id_number = upper(?1)))"
    PLACE_ORDER;

static void hit_from_row(sqlite3_stmt *st, xl_hit *h)
{
    memset(h, 0, sizeof *h);
    h->person_id = sqlite3_column_int64(st, 0);
    xl_strlcpy_utf8(h->name, xl_col_text(st, 1), sizeof h->name);
    h->building = sqlite3_column_int(st, 2);
    xl_strlcpy_utf8(h->room, xl_col_text(st, 3), sizeof h->room);
    xl_strlcpy_utf8(h->role, xl_col_text(st, 4), sizeof h->role);
    xl_strlcpy_utf8(h->moved_in, xl_col_text(st, 5), sizeof h->moved_in);
    xl_strlcpy_utf8(h->moved_out, xl_col_text(st, 6), sizeof h->moved_out);
    xl_mask_phone(xl_col_text(st, 7), h->phone_masked, sizeof h->phone_masked);
    xl_mask_id(xl_col_text(st, 8), h->id_masked, sizeof h->id_masked);
    h->complete = sqlite3_column_int(st, 9);
    h->rank = sqlite3_column_int(st, 10);
}

/* A statement selecting HIT_COLUMNS, with the registration state's cutoff bound. */
static sqlite3_stmt *prepare_hits(xl_db *db, const char *sql, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (st) {
        char minor[16];
        xl_reg_minor_cutoff(minor);
        sqlite3_bind_text(st, MINOR_PARAM, minor, -1, SQLITE_TRANSIENT);
    }
    return st;
}

static xl_hit *hit_push(xl_lookup_result *res)
{
    if (res->n == res->cap) {
        res->cap = res->cap ? res->cap * 2 : 32;
        res->hits = xl_reallocarray(res->hits, res->cap, sizeof *res->hits);
    }
    return &res->hits[res->n++];
}

/* Appends every row of st (up to limit hits in res, 0 = no limit) and finalizes it. */
static int collect(xl_db *db, sqlite3_stmt *st, size_t limit, xl_lookup_result *res, xl_err *err)
{
    int rc;
    while ((limit == 0 || res->n < limit) && (rc = sqlite3_step(st)) == SQLITE_ROW)
        hit_from_row(st, hit_push(res));
    if (limit && res->n >= limit)
        rc = SQLITE_DONE;
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return xl_db_fail(db, "lookup", err);
    return XL_OK;
}

static int responsible(xl_db *db, xl_lookup_result *res, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT coalesce(p.name, ''), b.responsible_role, p.phone FROM building b"
        " LEFT JOIN person p ON p.id = b.responsible_id WHERE b.number = ?", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, res->building);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        xl_strlcpy_utf8(res->resp_name, xl_col_text(st, 0), sizeof res->resp_name);
        xl_strlcpy_utf8(res->resp_role, xl_col_text(st, 1), sizeof res->resp_role);
        xl_mask_phone(xl_col_text(st, 2), res->resp_phone_masked, sizeof res->resp_phone_masked);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_no_building(err, NULL, res->building);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "lookup", err);
}

static int lookup_place(xl_db *db, const char *room, size_t limit, xl_lookup_result *res, xl_err *err)
{
    int rc = responsible(db, res, err);
    if (rc)
        return rc;
    if (room[0]) {
        sqlite3_stmt *chk = xl_db_prepare(db, "SELECT 1 FROM room WHERE building = ? AND room = ?", err);
        if (!chk)
            return XL_EFAIL;
        sqlite3_bind_int(chk, 1, res->building);
        sqlite3_bind_text(chk, 2, room, -1, SQLITE_TRANSIENT);
        int found = sqlite3_step(chk) == SQLITE_ROW;
        sqlite3_finalize(chk);
        if (!found)
            return xl_err_set(err, XL_ENOTFOUND, _(E_NO_ROOM_FMT), res->building, room);
    }
    sqlite3_stmt *st = prepare_hits(db, building_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, res->building);
    if (room[0])
        sqlite3_bind_text(st, 2, room, -1, SQLITE_TRANSIENT);
    return collect(db, st, limit, res, err);
}

static int lookup_tail(xl_db *db, const char *q, size_t limit, xl_lookup_result *res, xl_err *err)
{
    sqlite3_stmt *st = prepare_hits(db, tail_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, q + strlen(q) - 4, -1, SQLITE_TRANSIENT);
    return collect(db, st, limit, res, err);
}

/* ---------- names and pinyin: one class of hits at a time ---------- */

/* A search over names: pinyin (rank classes, confirmed by xl_pinyin_match) or a Chinese
 * substring (one class, confirmed by instr). Statements bind ?1 an FTS5 expression or a
 * JSON array of person ids, ?2 the query, ?3 the rank, ?4 a limit. */
typedef struct name_search {
    xl_db *db;
    const char *q;
    int pinyin;
    size_t limit;          /* 0 = every hit */
    int short_q;           /* 1-2 letters or one character on a large register (more than
                              SMALL_REGISTER people): many hits likely, the walk first */
    xl_lookup_result *res;
    xl_err *err;
    char *const *keys;     /* the class's ranges in person_key: [key, key + U+10FFFF) each, */
    size_t nkeys;          /* or none (FTS) */
    size_t rows;           /* their rows when counted already, else SIZE_MAX */
} name_search;

static const char *value_sql(const name_search *s)
{
    return s->pinyin ? "xl_pinyin_match(p.name, ?2)" : "instr(p.name, ?2)";
}

static int value_ok(const name_search *s, int value, int rank)
{
    return s->pinyin ? value == rank : value > 0;
}

static void bind_all(sqlite3_stmt *st, const name_search *s, const char *arg1, int rank, int64_t limit)
{
    int n = sqlite3_bind_parameter_count(st);
    if (arg1 && n >= 1)
        sqlite3_bind_text(st, 1, arg1, -1, SQLITE_TRANSIENT);
    if (n >= 2)
        sqlite3_bind_text(st, 2, s->q, -1, SQLITE_TRANSIENT);
    if (n >= 3)
        sqlite3_bind_int(st, 3, rank);
    if (n >= 4)
        sqlite3_bind_int64(st, 4, limit);
}

/* Step 1: the ids of the class's hits among fts's candidates (NULL: everyone), as a JSON
 * array in ids; at most cap + 1 of them (cap 0: all). others_only: people not living
 * anywhere now. */
static int class_ids(const name_search *s, const char *fts, int rank, size_t cap, int others_only,
                     xl_buf *ids, size_t *n)
{
    xl_buf sql;
    xl_buf_init(&sql);
    xl_buf_puts(&sql, fts ? "SELECT p.id FROM person_search c JOIN person p ON p.id = c.rowid"
                            " WHERE person_search MATCH ?1 AND "
                          : "SELECT p.id FROM person p WHERE ");
    xl_buf_printf(&sql, s->pinyin ? "%s = ?3" : "%s > 0", value_sql(s));
    if (others_only)
        xl_buf_puts(&sql, " AND NOT EXISTS (SELECT 1 FROM residency x"
                          " WHERE x.person_id = p.id AND x.moved_out IS NULL)");
    xl_buf_puts(&sql, " LIMIT ?4");
    sqlite3_stmt *st = xl_db_prepare(s->db, sql.data, s->err);
    xl_buf_release(&sql);
    if (!st)
        return XL_EFAIL;
    bind_all(st, s, fts, rank, cap ? (int64_t)cap + 1 : -1);
    int rc;
    *n = 0;
    xl_buf_puts(ids, "[");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        xl_buf_printf(ids, "%s%lld", (*n)++ ? "," : "", (long long)sqlite3_column_int64(st, 0));
    xl_buf_puts(ids, "]");
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(s->db, "lookup", s->err);
}

/* Step 2: those people with their residency, in order, up to need (0 = all). */
static int place_hits(const name_search *s, const char *ids, int rank, size_t need)
{
    sqlite3_stmt *st = prepare_hits(s->db,
        "SELECT " HIT_COLUMNS ", ?3 FROM person p" LAST_RESIDENCY
        " WHERE p.id IN (SELECT value FROM json_each(?1))" PLACE_ORDER " LIMIT ?4", s->err);
    if (!st)
        return XL_EFAIL;
    bind_all(st, s, ids, s->pinyin ? rank : 0, need ? (int64_t)need : -1);
    return collect(s->db, st, 0, s->res, s->err);
}

static int key_exact(const name_search *s, int rank, int others_only, size_t need);

/* Both steps, for every hit of the class (or the others_only ones). */
static int exact(const name_search *s, const char *fts, int rank, int others_only, size_t need)
{
    if (s->nkeys)
        return key_exact(s, rank, others_only, need);
    xl_buf ids;
    xl_buf_init(&ids);
    size_t n;
    int rc = class_ids(s, fts, rank, 0, others_only, &ids, &n);
    if (rc == XL_OK && n > 0)
        rc = place_hits(s, ids.data, rank, need);
    xl_buf_release(&ids);
    return rc;
}

/* The walk: the current residents in place order, keeping the class's hits. SQLite gives
 * them by building and room (the residency_place index, no sort); the hits of one room are
 * put in name order here, and the walk stops only at the end of a room. */
typedef struct walk {
    sqlite3_stmt *st;
    size_t rows, mark;    /* mark: res->n before the walk */
    size_t room_first;    /* first hit of the room being read */
    int building;
    char room[9];
} walk;

enum { WALK_DONE, WALK_END, WALK_BUDGET_SPENT, WALK_ERROR };

/* fts: walk only the candidates of that expression (the index residency_walk gives each
 * resident's person id without reading the row; the candidates are one list in memory). */
enum { MEMBERS_FTS = 1, MEMBERS_IDS };

static int walk_open(const name_search *s, const char *arg, int members, int rank, walk *w)
{
    xl_buf sql;
    xl_buf_init(&sql);
    if (members)
        xl_buf_printf(&sql, "SELECT " HIT_COLUMNS ", %s FROM residency r INDEXED BY residency_walk"
                      " JOIN person p ON p.id = r.person_id WHERE r.moved_out IS NULL"
                      " AND r.person_id IN (%s) ORDER BY r.building, r.room", value_sql(s),
                      members == MEMBERS_FTS ? "SELECT rowid FROM person_search WHERE person_search MATCH ?1"
                                             : "SELECT value FROM json_each(?1)");
    else
        xl_buf_printf(&sql, "SELECT " HIT_COLUMNS ", %s FROM residency r JOIN person p ON p.id = r.person_id"
                      " WHERE r.moved_out IS NULL ORDER BY r.building, r.room", value_sql(s));
    *w = (walk){.st = prepare_hits(s->db, sql.data, s->err), .mark = s->res->n,
                .room_first = s->res->n};
    xl_buf_release(&sql);
    if (!w->st)
        return XL_EFAIL;
    bind_all(w->st, s, members ? arg : NULL, rank, 0);
    return XL_OK;
}

/* The candidates of fts, counted up to cap + 1 (reading the index only: ~0.1 us each). */
static int candidates(const name_search *s, const char *fts, size_t cap, size_t *n)
{
    sqlite3_stmt *st = xl_db_prepare(s->db,
        "SELECT count(*) FROM (SELECT 1 FROM person_search WHERE person_search MATCH ?1 LIMIT ?2)", s->err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, fts, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int64(st, 2, (int64_t)cap + 1);
    int rc = sqlite3_step(st);
    *n = rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(s->db, "lookup", s->err);
}

/* The register's size, roughly (the highest person id: one step down a b-tree). */
static size_t people_estimate(const name_search *s)
{
    sqlite3_stmt *st = xl_db_prepare(s->db, "SELECT max(id) FROM person", s->err);
    size_t n = 0;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

/* Name (bytes, as SQLite's BINARY collation), then person id. */
static int hit_cmp_name(const void *a, const void *b)
{
    const xl_hit *x = a, *y = b;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->person_id > y->person_id) - (x->person_id < y->person_id);
}

static void walk_sort_room(const name_search *s, walk *w)
{
    if (s->res->n - w->room_first > 1)
        xl_qsort(s->res->hits + w->room_first, s->res->n - w->room_first, sizeof *s->res->hits, hit_cmp_name);
    w->room_first = s->res->n;
}

/* 1 when the current row starts a new room (after sorting the last one's hits). */
static int walk_new_room(const name_search *s, walk *w)
{
    int b = sqlite3_column_int(w->st, 2);
    const char *room = xl_col_text(w->st, 3);
    if (w->rows > 1 && b == w->building && strcmp(room, w->room) == 0)
        return 0;
    walk_sort_room(s, w);
    w->building = b;
    xl_strlcpy_utf8(w->room, room, sizeof w->room);
    return 1;
}

/* Walks on until need hits are kept (to the end of that room) or `budget` rows are read. */
static int walk_on(const name_search *s, walk *w, int rank, size_t need, size_t budget)
{
    int rc = SQLITE_DONE;
    while (w->rows < budget && (rc = sqlite3_step(w->st)) == SQLITE_ROW) {
        w->rows++;
        if (walk_new_room(s, w) && s->res->n - w->mark >= need) {
            s->res->n = w->mark + need; /* the rooms before are complete and in order */
            return WALK_DONE;
        }
        if (!value_ok(s, sqlite3_column_int(w->st, 10), rank))
            continue;
        xl_hit *h = hit_push(s->res);
        hit_from_row(w->st, h);
        h->rank = s->pinyin ? rank : 0;
    }
    if (rc == SQLITE_ROW)
        return WALK_BUDGET_SPENT; /* the room being read stays open */
    if (rc != SQLITE_DONE) {
        xl_db_fail(s->db, "lookup", s->err);
        return WALK_ERROR;
    }
    walk_sort_room(s, w);
    if (s->res->n - w->mark >= need) {
        s->res->n = w->mark + need;
        return WALK_DONE;
    }
    return WALK_END;
}

/* After a walk: done, or the rest (people not living anywhere now) when it read every
 * current resident, or — the walk given up — every hit of the class. */
static int walk_finish(const name_search *s, walk *w, int how, const char *fts, int rank, size_t need)
{
    sqlite3_finalize(w->st);
    if (how == WALK_DONE || how == WALK_ERROR)
        return how == WALK_DONE ? XL_OK : XL_EFAIL;
    if (how == WALK_END)
        return exact(s, fts, rank, 1, need - (s->res->n - w->mark));
    s->res->n = w->mark;
    return exact(s, fts, rank, 0, need);
}

enum { HITS_UNKNOWN, HITS_FEW, HITS_KNOWN };

/* The first cap + 1 candidates, confirmed (one reading of the index), stopping early at
 * more than twice few_hits_max hits. When they are all of them: at most few_hits_max hits are put in order (HITS_FEW); up to twice as many
 * are left in ids (HITS_KNOWN). Else (more candidates or hits) HITS_UNKNOWN. */
typedef struct sample {
    size_t hits, seen; /* hits among the candidates or residents seen */
} sample;

static int few_hits(const name_search *s, const char *fts, int rank, size_t need, size_t cap, int *state,
                    xl_buf *ids, sample *sm)
{
    xl_buf sql;
    xl_buf_init(&sql);
    xl_buf_printf(&sql, "SELECT p.id, %s FROM person_search c JOIN person p ON p.id = c.rowid"
                  " WHERE person_search MATCH ?1", value_sql(s)); /* read as far as needed */
    sqlite3_stmt *st = xl_db_prepare(s->db, sql.data, s->err);
    xl_buf_release(&sql);
    *state = HITS_UNKNOWN;
    if (!st)
        return XL_EFAIL;
    bind_all(st, s, fts, rank, 0);
    size_t cands = 0, hits = 0;
    int rc;
    xl_buf_puts(ids, "[");
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (++cands > cap) {
            rc = SQLITE_DONE;
            break;
        }
        if (value_ok(s, sqlite3_column_int(st, 1), rank))
            xl_buf_printf(ids, "%s%lld", hits++ ? "," : "", (long long)sqlite3_column_int64(st, 0));
        if (hits > 2 * few_hits_max) {
            rc = SQLITE_DONE; /* many hits: likely many on every page of the walk */
            break;
        }
    }
    *sm = (sample){hits, cands};
    if (hits > 2 * few_hits_max)
        cands = cap + 1;
    xl_buf_puts(ids, "]");
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        return xl_db_fail(s->db, "lookup", s->err);
    if (cands > cap)
        return XL_OK;
    *state = hits <= few_hits_max ? HITS_FEW : HITS_KNOWN;
    return *state == HITS_FEW && hits > 0 ? place_hits(s, ids->data, rank, need) : XL_OK;
}

/* The walk that keeps only members (the FTS expression's candidates, or a JSON array of ids). */
static int members_walk(const name_search *s, const char *fts, const char *arg, int members, int rank,
                        size_t need)
{
    walk w;
    if (walk_open(s, arg, members, rank, &w))
        return XL_EFAIL;
    return walk_finish(s, &w, walk_on(s, &w, rank, need, WALK_MEMBERS), fts, rank, need);
}

/* Adds the class's hits (as many as the limit leaves room for), in place order. Unlimited:
 * every hit from the candidates. With a limit, by what is likely cheapest:
 *  - a longer query: its first candidates confirmed; when they are all of them, few hits are
 *    put in order at once, more are kept as a walk in place order meets them (reading only
 *    the index residency_walk for everyone else);
 *  - else (or a short query, likely many hits) a short plain walk ("wang" is done there);
 *  - then, by the number of candidates (counted from the index alone): a few are confirmed as
 *    above; up to one person in cand_share of the register, the walk keeps only candidates;
 *    more, and the plain walk goes on.
 * A walk given up falls back to putting every hit in order. */
/* A page costs (in us, at a million residents) about: the walk keeping candidates, 0.15 a
 * resident passed until the page's last hit and 0.2 a candidate listed; putting every hit
 * in order, 2 a candidate and 7 a hit. est_hits from a sample of candidates or residents. */
static int walk_cheaper(size_t people, size_t need, size_t cands, double est_hits)
{
    double by_walk = 0.15 * (double)people * (double)need / (est_hits > 0.5 ? est_hits : 0.5) + 0.2 * (double)cands;
    double order = 2.0 * (double)cands + 7.0 * est_hits;
    return by_walk < order;
}

static int search_class(const name_search *s, const char *fts, int rank)
{
    size_t need = s->limit ? s->limit - s->res->n : 0;
    if (!s->limit)
        return exact(s, fts, rank, 0, 0);
    if (need == 0)
        return XL_OK;
    int rc = XL_OK, state = HITS_UNKNOWN;
    sample sm = {0, 0};
    xl_buf ids;
    xl_buf_init(&ids);
    if (fts && !s->short_q) {
        rc = few_hits(s, fts, rank, need, CAND_MAX, &state, &ids, &sm);
        if (rc == XL_OK && state == HITS_KNOWN)
            rc = members_walk(s, fts, ids.data, MEMBERS_IDS, rank, need);
        if (rc != XL_OK || state != HITS_UNKNOWN) {
            xl_buf_release(&ids);
            return rc;
        }
        xl_buf_release(&ids);
        /* most candidates are not hits (a mixed spelling): no walk finds them cheaply */
        if (sm.hits * 8 < sm.seen)
            return exact(s, fts, rank, 0, need);
    }
    xl_buf_release(&ids);
    walk w;
    if (walk_open(s, NULL, 0, rank, &w))
        return XL_EFAIL;
    int how = walk_on(s, &w, rank, need, WALK_PROBE);
    if (how != WALK_BUDGET_SPENT || !fts) {
        if (how == WALK_BUDGET_SPENT)
            how = walk_on(s, &w, rank, need, WALK_BUDGET);
        return walk_finish(s, &w, how, fts, rank, need);
    }
    size_t people = people_estimate(s), probe_hits = s->res->n - w.mark, probe_rows = w.rows;
    size_t n, cap = people / cand_share;
    cap = cap < sparse_candidates ? sparse_candidates : cap > CAND_MAX ? CAND_MAX : cap;
    if (candidates(s, fts, cap, &n)) {
        sqlite3_finalize(w.st);
        return XL_EFAIL;
    }
    if (n > cap)
        return walk_finish(s, &w, walk_on(s, &w, rank, need, WALK_BUDGET), fts, rank, need);
    sqlite3_finalize(w.st);
    s->res->n = w.mark;
    if (n <= sparse_candidates && s->short_q) {
        xl_buf_init(&ids);
        rc = few_hits(s, fts, rank, need, sparse_candidates, &state, &ids, &sm);
        if (rc == XL_OK && state == HITS_KNOWN)
            rc = members_walk(s, fts, ids.data, MEMBERS_IDS, rank, need);
        xl_buf_release(&ids);
        if (rc != XL_OK || state != HITS_UNKNOWN)
            return rc;
    }
    double est = sm.seen ? (double)sm.hits * (double)n / (double)sm.seen
                         : (double)probe_hits * (double)people / (double)(probe_rows ? probe_rows : 1);
    if (!walk_cheaper(people, need, n, est))
        return exact(s, fts, rank, 0, need);
    return members_walk(s, fts, fts, MEMBERS_FTS, rank, need);
}

/* ---------- FULL, INITIALS and names: a range of person_key ---------- */

/* Rows of the range (person_key holds b, the building each person lives in now) are read
 * in building order by person: a page reads the range's rows of the first buildings only
 * (bound), confirms them in that order until the page is full to the end of a building,
 * and puts those few in order (place_hits: room, name; their residency). A range of more
 * than dense_rows rows (a letter or a common syllable: hits are one resident in twenty or
 * more) is read by the walk in place order instead, which stops after a few thousand. */
static size_t small_rows = 6000, bound_pages = 4, walk_rows = 30000; /* lookup_tune.h */

void xl_lookup_tune_keys(size_t small, size_t pages, size_t walk_max)
{
    small_rows = small;
    bound_pages = pages;
    walk_rows = walk_max;
}

typedef struct cand {
    int b;
    int64_t pid;
} cand;

static int cand_cmp(const void *x, const void *y)
{
    const cand *a = x, *c = y;
    if (a->b != c->b)
        return a->b < c->b ? -1 : 1;
    return (a->pid > c->pid) - (a->pid < c->pid);
}


/* The rows of the ranges counted up to cap + 1 (the index alone). */
static int key_count(const name_search *s, size_t cap, size_t *n)
{
    sqlite3_stmt *sts[2] = {NULL, NULL};
    int rc = SQLITE_ROW;
    *n = 0;
    for (size_t i = 0; i < s->nkeys && *n <= cap && rc == SQLITE_ROW; i++) {
        sqlite3_stmt *st = xl_lookup_key_stmt(s->db, xl_lookup_count_sql, s->keys[i], sts, s->err);
        if (!st) {
            rc = SQLITE_ERROR;
            break;
        }
        sqlite3_bind_int64(st, 3, (int64_t)(cap + 1 - *n));
        rc = sqlite3_step(st);
        *n += rc == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    }
    sqlite3_finalize(sts[0]);
    sqlite3_finalize(sts[1]);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(s->db, "lookup", s->err);
}

/* The people of the ranges living in buildings lo..hi (0..0: nowhere), in (b, pid) order. */
static int key_people(const name_search *s, int lo, int hi, cand **out, size_t *n)
{
    sqlite3_stmt *sts[2] = {NULL, NULL}, *st;
    *out = NULL;
    *n = 0;
    size_t cap = 0;
    int rc = SQLITE_DONE;
    for (size_t i = 0; i < s->nkeys && rc == SQLITE_DONE; i++) {
        st = xl_lookup_key_stmt(s->db, "SELECT b, pid FROM %s WHERE k >= ?1 AND k < ?2 AND b BETWEEN ?3 AND ?4",
                      s->keys[i], sts, s->err);
        if (!st) {
            rc = SQLITE_ERROR;
            break;
        }
        sqlite3_bind_int(st, 3, lo);
        sqlite3_bind_int(st, 4, hi);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
            if (*n == cap) {
                cap = cap ? cap * 2 : 256;
                *out = xl_reallocarray(*out, cap, sizeof **out);
            }
            (*out)[(*n)++] = (cand){sqlite3_column_int(st, 0), sqlite3_column_int64(st, 1)};
        }
    }
    sqlite3_finalize(sts[0]);
    sqlite3_finalize(sts[1]);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return xl_db_fail(s->db, "lookup", s->err);
    }
    if (*n > 1)
        xl_qsort(*out, *n, sizeof **out, cand_cmp);
    size_t m = 0; /* a person's keys share one b: a person once */
    for (size_t i = 0; i < *n; i++)
        if (m == 0 || (*out)[i].pid != (*out)[m - 1].pid || (*out)[i].b != (*out)[m - 1].b)
            (*out)[m++] = (*out)[i];
    *n = m;
    return XL_OK;
}

static void ids_add(xl_buf *ids, size_t *n, int64_t pid)
{
    xl_buf_printf(ids, "%s%lld", (*n)++ ? "," : "[", (long long)pid);
}

/* Of the people in the JSON array ids, the class's hits with their residency, in order, up
 * to need (0: all), added to the result. current: all of them live somewhere now (their
 * current residency, one index look-up each); else people living nowhere now (their last
 * residency, if any). Confirmed here: a name holding the query is a hit of its range; pinyin
 * by the matcher (the keys fold v to u, and a better rank's people are in the lesser ranges
 * too). */
static int place_json(const name_search *s, int rank, const char *ids, size_t need, int current)
{
    xl_buf sql;
    xl_buf_init(&sql);
    const char *ok = s->pinyin ? "xl_pinyin_match(p.name, ?2) = ?3" : "instr(p.name, ?2) > 0";
    if (current)
        xl_buf_printf(&sql, "SELECT " HIT_COLUMNS ", ?3 FROM json_each(?1) j JOIN person p ON p.id = j.value"
                      " JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL WHERE %s"
                      " ORDER BY r.building, r.room, p.name, p.id LIMIT ?4", ok);
    else
        xl_buf_printf(&sql, "SELECT " HIT_COLUMNS ", ?3 FROM person p" LAST_RESIDENCY
                      " WHERE p.id IN (SELECT value FROM json_each(?1)) AND %s" PLACE_ORDER " LIMIT ?4", ok);
    sqlite3_stmt *st = prepare_hits(s->db, sql.data, s->err);
    xl_buf_release(&sql);
    if (!st)
        return XL_EFAIL;
    bind_all(st, s, ids, s->pinyin ? rank : 0, need ? (int64_t)need : -1);
    return collect(s->db, st, 0, s->res, s->err);
}

/* place_json over the ids of people[0..n). */
static int place_people(const name_search *s, int rank, const cand *people, size_t n, size_t need, int current)
{
    xl_buf ids;
    xl_buf_init(&ids);
    size_t k = 0;
    for (size_t i = 0; i < n; i++)
        ids_add(&ids, &k, people[i].pid);
    xl_buf_puts(&ids, "]");
    int rc = place_json(s, rank, ids.data, need, current);
    xl_buf_release(&ids);
    return rc;
}

/* The hits among people[0..n) (current residents, sorted by building), in order, up to need
 * (0: all): one statement over the first need + extra of them to the end of a building, more
 * when too few of those were hits. *filled: need hits added; else every hit among them. */
static int place_current(const name_search *s, int rank, const cand *people, size_t n, size_t need, size_t extra,
                         int *filled)
{
    size_t mark = s->res->n, take = need ? need + extra : n;
    *filled = 0;
    for (;;) {
        size_t t = take < n ? take : n;
        while (t > 0 && t < n && people[t].b == people[t - 1].b)
            t++;
        if (t == 0)
            return XL_OK;
        s->res->n = mark;
        int rc = place_people(s, rank, people, t, need, 1);
        if (rc != XL_OK)
            return rc;
        if (need && s->res->n - mark >= need) {
            *filled = 1;
            return XL_OK;
        }
        if (t == n)
            return XL_OK;
        take = 2 * take + need;
    }
}

/* The hits among people[0..n) (living nowhere now), in order, up to need (0: all). */
static int place_others(const name_search *s, int rank, const cand *people, size_t n, size_t need)
{
    return n ? place_people(s, rank, people, n, need, 0) : XL_OK;
}

/* The hits among people (sorted by b: those living nowhere first), in order, up to need
 * (0: all): the current residents' first, then, short of need, everyone else's. */
static int ordered_hits(const name_search *s, int rank, const cand *people, size_t n, size_t need)
{
    size_t others = 0, mark = s->res->n;
    while (others < n && people[others].b == 0)
        others++;
    int filled;
    int rc = place_current(s, rank, people + others, n - others, need, s->res->n + 8, &filled);
    if (rc == XL_OK && !filled)
        rc = place_others(s, rank, people, others, need ? need - (s->res->n - mark) : 0);
    return rc;
}

/* Every hit of the range (others_only: of people living nowhere now), in order, up to need. */
static int key_exact(const name_search *s, int rank, int others_only, size_t need)
{
    cand *people;
    size_t n;
    if (key_people(s, 0, others_only ? 0 : INT32_MAX, &people, &n))
        return XL_EFAIL;
    int rc = ordered_hits(s, rank, people, n, need);
    free(people);
    return rc;
}

static int max_building(const name_search *s)
{
    sqlite3_stmt *st = xl_db_prepare(s->db, "SELECT max(number) FROM building", s->err);
    int b = 0;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        b = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return b;
}

/* The walk of the key classes: the current residents in place order, keeping the person
 * ids of the class's hits (their rows are read later, by place_ids); it stops at the end of
 * the room where need hits are reached (*done), or after budget rows, or at the end of the
 * register (*done 0, *rows < budget: every current resident's hit is in ids). */
typedef struct key_walk {
    sqlite3_stmt *st;
    size_t rows;
    int ended;            /* every current resident read */
    int building;
    char room[9];
} key_walk;

static int key_walk_on(const name_search *s, key_walk *w, int rank, size_t need, size_t budget, xl_buf *ids,
                       size_t *hits, int *done)
{
    int rc = SQLITE_DONE;
    *done = 0;
    while (w->rows < budget && (rc = sqlite3_step(w->st)) == SQLITE_ROW) {
        int b = sqlite3_column_int(w->st, 0);
        const char *room = xl_col_text(w->st, 1);
        if (w->rows++ == 0 || b != w->building || strcmp(room, w->room) != 0) {
            if (*hits >= need) {
                *done = 1;
                return XL_OK;
            }
            w->building = b;
            xl_strlcpy_utf8(w->room, room, sizeof w->room);
        }
        if (value_ok(s, sqlite3_column_int(w->st, 3), rank))
            ids_add(ids, hits, sqlite3_column_int64(w->st, 2));
    }
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        return xl_db_fail(s->db, "lookup", s->err);
    w->ended = rc == SQLITE_DONE;
    *done = w->ended && *hits >= need;
    return XL_OK;
}

/* A page of the class. The range's rows are counted up to small_rows: that many or fewer,
 * they are read at once (the rows of the first buildings, all of them if those held too few
 * hits). More: a short walk in place order (a letter or a common syllable, one resident in
 * ten or more, is done there) that goes on while that is likely cheaper than reading the
 * range, else gives way to it, its first buildings guessed from the hits the walk met. */
static int key_class(const name_search *s, int rank)
{
    size_t need = s->limit ? s->limit - s->res->n : 0;
    if (!s->limit)
        return key_exact(s, rank, 0, 0);
    if (need == 0)
        return XL_OK;
    size_t rows = s->rows, mark = s->res->n;
    if (rows == SIZE_MAX && key_count(s, small_rows, &rows))
        return XL_EFAIL;
    int maxb = max_building(s);
    int rc = XL_OK, filled = 0, scan = 1, bound = maxb;
    if (rows > small_rows) {
        key_walk w = {0};
        xl_buf sql, ids;
        xl_buf_init(&sql);
        xl_buf_init(&ids);
        xl_buf_printf(&sql, "SELECT r.building, r.room, r.person_id, %s FROM residency r INDEXED BY residency_walk"
                      " JOIN person p ON p.id = r.person_id WHERE r.moved_out IS NULL"
                      " ORDER BY r.building, r.room", value_sql(s));
        w.st = xl_db_prepare(s->db, sql.data, s->err);
        xl_buf_release(&sql);
        if (!w.st)
            return XL_EFAIL;
        bind_all(w.st, s, NULL, rank, 0);
        size_t hits = 0;
        rc = key_walk_on(s, &w, rank, need, WALK_PROBE, &ids, &hits, &filled);
        while (rc == XL_OK && !filled && !w.ended && hits) {
            /* on: ~0.3 us a resident for about `more` residents (and the room's end); the
             * range: ~0.06 us a row, about 1.2 rows a person as often as the walk met hits */
            size_t more = (need > hits ? need - hits : 0) * w.rows / hits + 64;
            double range = 1.2 * (double)people_estimate(s) * (double)hits / (double)w.rows;
            if (w.rows + more > walk_rows || 0.3 * (double)more > 0.06 * range)
                break;
            rc = key_walk_on(s, &w, rank, need, w.rows + 2 * more, &ids, &hits, &filled);
        }
        scan = rc == XL_OK && !filled && !w.ended; /* given up before the end */
        if (rc == XL_OK && !scan && hits) {        /* the walk's hits are the page, or all */
            xl_buf_puts(&ids, "]");
            rc = place_json(s, rank, ids.data, need, 1);
        }
        if (scan && hits) { /* the buildings walked held hits: guess how many hold a few pages */
            double per_building = (double)hits / (double)(w.building ? w.building : 1);
            double b = (double)(bound_pages * need) / per_building;
            bound = b >= maxb ? maxb : 1 + (int)b;
        }
        sqlite3_finalize(w.st);
        xl_buf_release(&ids);
    } else {
        /* about bound_pages pages of rows, were the people spread evenly over the buildings */
        double share = rows ? (double)(bound_pages * need) / (double)rows : 1.0;
        bound = share >= 1.0 ? maxb : 1 + (int)(share * maxb);
    }
    while (rc == XL_OK && scan && !filled) {
        cand *people;
        size_t n;
        s->res->n = mark;
        rc = key_people(s, 1, bound, &people, &n);
        if (rc == XL_OK)
            rc = place_current(s, rank, people, n, need, mark + 8, &filled);
        free(people);
        if (bound >= maxb)
            break;
        bound = maxb; /* fewer hits in the first buildings than thought: all of them */
    }
    if (rc == XL_OK && !filled) { /* every current resident's hit is in: then the people living nowhere */
        cand *people;
        size_t n;
        rc = key_people(s, 0, 0, &people, &n);
        if (rc == XL_OK)
            rc = place_others(s, rank, people, n, need - (s->res->n - mark));
        free(people);
    }
    return rc;
}

/* The MIXED class by its ranges (key_class); *done 0 when there are too many ways or rows
 * (the caller takes the FTS way). */
static int mixed_class(name_search *s, const char *qf, int raw, int *done)
{
    *done = 1;
    if (s->limit && s->res->n >= s->limit)
        return XL_OK;
    char **ranges;
    size_t nranges, rows;
    if (xl_lookup_mixed_ranges(s->db, s->err, qf, raw, &ranges, &nranges, &rows, done))
        return XL_EFAIL;
    if (!*done)
        return XL_OK;
    s->keys = ranges;
    s->nkeys = nranges;
    s->rows = rows;
    int rc = XL_OK;
    *done = rows <= XL_MIXED_ROWS;
    if (*done)
        rc = key_class(s, XL_PINYIN_MIXED);
    s->rows = SIZE_MAX;
    s->keys = NULL;
    s->nkeys = 0;
    for (size_t i = 0; i < nranges; i++)
        free(ranges[i]);
    free(ranges);
    return rc;
}

/* The range of marker + q (q folded; initials in capitals) in s. */
static void key_range(name_search *s, char marker, const char *q, char *key, size_t size, char **one)
{
    snprintf(key, size, "%c%s", marker, q);
    for (char *p = key + 1; marker == '!' && *p; p++)
        if (*p >= 'a' && *p <= 'z')
            *p = (char)(*p - 'a' + 'A');
    one[0] = key;
    s->keys = one;
    s->nkeys = 1;
}

typedef int (*expr_fn)(const char *qf, xl_buf *out);

static int lookup_pinyin(name_search *s)
{
    static const struct { int rank; size_t min_len; expr_fn expr; } classes[] = {
        {XL_PINYIN_FULL, 1, xl_search_expr_full},
        {XL_PINYIN_INITIALS, 2, xl_search_expr_initials},
        {XL_PINYIN_MIXED, 3, xl_search_expr_mixed},
    };
    char qf[XL_PINYIN_MAX_QUERY + 1], qraw[XL_PINYIN_MAX_QUERY + 1];
    xl_pinyin_query(s->q, qf, sizeof qf);
    memcpy(qraw, qf, sizeof qf);
    /* a query with v and no u: only ü spellings (the unfolded keys) */
    int raw = strchr(qraw, 'v') && !strchr(qraw, 'u');
    xl_search_fold_v(qf);
    s->short_q = strlen(qf) <= 2 && people_estimate(s) > SMALL_REGISTER;
    int rc = XL_OK;
    char key[XL_PINYIN_MAX_QUERY + 2], *one[1];
    for (size_t i = 0; rc == XL_OK && i < sizeof classes / sizeof classes[0]; i++) {
        if (strlen(qf) < classes[i].min_len)
            continue;
        if (classes[i].rank != XL_PINYIN_MIXED) {
            int full = classes[i].rank == XL_PINYIN_FULL;
            key_range(s, full ? '|' : '!', full && raw ? qraw : qf, key, sizeof key, one);
            rc = key_class(s, classes[i].rank);
            s->keys = NULL;
            s->nkeys = 0;
            continue;
        }
        int done;
        if ((rc = mixed_class(s, raw ? qraw : qf, raw, &done)) != XL_OK || done)
            continue;
        xl_buf fts;
        xl_buf_init(&fts);
        int have = classes[i].expr(qf, &fts);
        rc = search_class(s, have ? fts.data : NULL, classes[i].rank);
        xl_buf_release(&fts);
    }
    return rc;
}

static int lookup_name(name_search *s)
{
    char key[130], *one[1];
    key_range(s, '~', s->q, key, sizeof key, one);
    return key_class(s, 0);
}

/* The query without surrounding blanks, in q[128]. */
static const char *trimmed(const char *query, char q[128])
{
    xl_strlcpy_utf8(q, query ? query : "", 128);
    char *s = q;
    while (isspace((unsigned char)*s))
        s++;
    for (size_t n = strlen(s); n > 0 && isspace((unsigned char)s[n - 1]);)
        s[--n] = '\0';
    return s;
}

int xl_lookup(xl_db *db, const char *query, size_t limit, xl_lookup_result *res, xl_err *err)
{
    memset(res, 0, sizeof *res);
    char room[9], q[128];
    int rc = xl_lookup_classify(query, &res->kind, &res->building, room, err);
    if (rc)
        return rc;
    name_search s = {.db = db, .q = trimmed(query, q), .limit = limit, .res = res, .err = err, .rows = SIZE_MAX};
    /* names and pinyin run several statements: one read transaction (one snapshot, and the
     * file is locked and its WAL checked once, not per statement) */
    sqlite3 *h = xl_db_handle(db);
    int tx = (res->kind == XL_Q_NAME || res->kind == XL_Q_PINYIN) && sqlite3_get_autocommit(h) &&
             sqlite3_exec(h, "BEGIN", NULL, NULL, NULL) == SQLITE_OK;
    switch (res->kind) {
    case XL_Q_BUILDING:
    case XL_Q_ROOM:
        rc = lookup_place(db, room, limit, res, err);
        break;
    case XL_Q_TAIL:
        rc = lookup_tail(db, s.q, limit, res, err);
        break;
    case XL_Q_PINYIN:
        s.pinyin = 1;
        rc = lookup_pinyin(&s);
        break;
    case XL_Q_NAME:
        rc = lookup_name(&s);
        break;
    }
    if (tx)
        sqlite3_exec(h, "COMMIT", NULL, NULL, NULL);
    if (rc)
        xl_lookup_release(res);
    return rc;
}

void xl_lookup_release(xl_lookup_result *res)
{
    free(res->hits);
    res->hits = NULL;
    res->n = res->cap = 0;
}

void xl_lookup_json(const xl_lookup_result *res, xl_buf *out)
{
    xl_buf_puts(out, "[");
    for (size_t i = 0; i < res->n; i++) {
        const xl_hit *h = &res->hits[i];
        xl_buf_puts(out, i ? ",\n {" : "\n {");
        xl_buf_puts(out, "\"name\": ");
        xl_buf_json_str(out, h->name);
        if (h->building > 0) {
            xl_buf_printf(out, ", \"building\": %d, \"room\": ", h->building);
            xl_buf_json_str(out, h->room);
        } else {
            xl_buf_puts(out, ", \"building\": null, \"room\": null");
        }
        xl_buf_puts(out, ", \"role\": ");
        xl_buf_json_str(out, h->role);
        xl_buf_puts(out, ", \"moved_in\": ");
        xl_buf_json_str(out, h->moved_in);
        xl_buf_puts(out, ", \"moved_out\": ");
        if (h->moved_out[0])
            xl_buf_json_str(out, h->moved_out);
        else
            xl_buf_puts(out, "null");
        xl_buf_puts(out, ", \"phone_masked\": ");
        xl_buf_json_str(out, h->phone_masked);
        xl_buf_puts(out, ", \"id_masked\": ");
        xl_buf_json_str(out, h->id_masked);
        xl_buf_puts(out, h->complete ? ", \"complete\": true}" : ", \"complete\": false}");
    }
    xl_buf_puts(out, res->n ? "\n]\n" : "]\n");
}
