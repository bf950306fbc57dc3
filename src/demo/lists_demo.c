/* lists_demo.c — the demo community's four lists and its meetings, 2024–2026.
 *
 * Two steps. plan_*: draw every meeting from the seed (roundtables for most buildings about
 * once a year, a few buildings lagging; pioneer groups quarterly; the discussion point
 * monthly; four joint meetings; a few planned after 2026-11-01) and sort them by time.
 * emit_*: walk the meetings in order; each writes its agenda and attendance, some raise a chain
 * of list items (problem → demand → empowerment → actions) whose statuses are those of
 * 2026-11-01, and each past meeting is closed with its minutes rendered by meeting.c. Items go
 * through lists.c's validation (xl_list_item_insert_tx). Every random choice comes from xl_rng
 * in a fixed order and no clock is read: the same seed gives the same rows.
 *
 * This file: the context and its helpers, loading the community, the meeting plan and the
 * build; each meeting is written by lists_demo_meetings.c, the chains by
 * lists_demo_chains.c, all sharing lists_demo_internal.h. */
#include "demo/lists_demo_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

/* ---------- organisations (found by name, inserted when missing) ---------- */

static const struct { const char *name, *kind; } org_defs[] = {
#define XL_X(id, name, kind) {name, kind},
    DEMO_ORGS(XL_X)
#undef XL_X
};

/* ---------- context ---------- */

static const char *const ld_sql[] = {
#define XL_X(id, sql) sql,
    LD_SQL(XL_X)
#undef XL_X
};

/* ---------- dates as day numbers (date.h: days since 1970-01-01) ---------- */

void ld_fmt_day(int z, char out[11])
{
    xl_date_format(z, out);
}

/* "YYYY-MM-DD HH:MM" (seconds = 0: 16 characters) or with ":SS" when sec >= 0. */
void ld_fmt_time(int z, int minute, int sec, char out[20])
{
    char day[11];
    ld_fmt_day(z, day);
    unsigned hh = (unsigned)minute / 60u % 24u, mm = (unsigned)minute % 60u;
    if (sec < 0)
        snprintf(out, 20, "%.10s %02u:%02u", day, hh, mm);
    else
        snprintf(out, 20, "%.10s %02u:%02u:%02u", day, hh, mm, (unsigned)sec % 60u);
}

int ld_month_of(int z)
{
    int y, m, d;
    xl_date_from_days(z, &y, &m, &d);
    return m;
}

/* ---------- random helpers ---------- */

int ld_chance(ld *d, unsigned permille) { return xl_rng_below(&d->rng, 1000) < permille; }
int ld_between(ld *d, int lo, int hi) { return lo + (int)xl_rng_below(&d->rng, (unsigned)(hi - lo + 1)); }
const char *ld_pick_str(ld *d, const char *const *a, size_t n) { return a[xl_rng_below(&d->rng, (unsigned)n)]; }

/* ---------- statements ---------- */

int ld_fail_db(ld *d, const char *what)
{
    if (!d->rc)
        d->rc = xl_db_fail(d->db, what, d->err);
    return d->rc;
}

static int prepare_all(ld *d)
{
    for (int i = 0; i < LS_COUNT; i++) {
        d->st[i] = xl_db_prepare(d->db, ld_sql[i], d->err);
        if (!d->st[i])
            return d->rc = XL_EFAIL;
    }
    return XL_OK;
}

sqlite3_stmt *ld_stmt(ld *d, int which)
{
    sqlite3_stmt *st = d->st[which];
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return st;
}

void ld_bind_i64(sqlite3_stmt *st, int idx, int64_t v)
{
    if (v)
        sqlite3_bind_int64(st, idx, v);
}

void ld_bind_str(sqlite3_stmt *st, int idx, const char *s)
{
    sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
}

int64_t ld_run_insert(ld *d, sqlite3_stmt *st, const char *what)
{
    if (d->rc)
        return 0;
    if (sqlite3_step(st) != SQLITE_DONE) {
        ld_fail_db(d, what);
        return 0;
    }
    return sqlite3_last_insert_rowid(xl_db_handle(d->db));
}

/* Up to max ids from a query bound as (?1 int, ?2 text, ?3 limit). */
size_t ld_query_ids(ld *d, int which, int64_t a, const char *b, int64_t *out, size_t max)
{
    sqlite3_stmt *st = ld_stmt(d, which);
    sqlite3_bind_int64(st, 1, a);
    ld_bind_str(st, 2, b);
    sqlite3_bind_int64(st, 3, (sqlite3_int64)max);
    size_t n = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW && n < max)
        out[n++] = sqlite3_column_int64(st, 0);
    if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        ld_fail_db(d, "lists demo query");
    return n;
}

/* ---------- loading what the community demo wrote ---------- */

static int64_t ensure_org(ld *d, int o)
{
    int64_t id = xl_org_find(d->db, org_defs[o].name);
    if (id || d->rc)
        return id;
    sqlite3_stmt *st = xl_db_prepare(d->db, "INSERT INTO organisation(name, kind) VALUES (?1, ?2)", d->err);
    if (!st) {
        d->rc = XL_EFAIL;
        return 0;
    }
    ld_bind_str(st, 1, org_defs[o].name);
    ld_bind_str(st, 2, org_defs[o].kind);
    id = ld_run_insert(d, st, "organisation");
    sqlite3_finalize(st);
    return id;
}

static void load_buildings(ld *d)
{
    sqlite3_stmt *st = xl_db_prepare(d->db,
        "SELECT number, coalesce(responsible_id, 0), responsible_role, coalesce(pioneer_group, 0)"
        " FROM building ORDER BY number", d->err);
    if (!st) {
        d->rc = XL_EFAIL;
        return;
    }
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (d->nb == cap) {
            cap = cap ? cap * 2 : 512;
            d->b = xl_reallocarray(d->b, cap, sizeof *d->b);
        }
        bld *b = &d->b[d->nb++];
        b->number = sqlite3_column_int(st, 0);
        b->resp = sqlite3_column_int64(st, 1);
        xl_strlcpy_utf8(b->resp_role, xl_col_text(st, 2), sizeof b->resp_role);
        b->group = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE)
        ld_fail_db(d, "buildings");
}

/* Index of the first building (after skip others) with a first responsible person, in the
 * group (0: any); -1 if none. */
static int responsible_in(ld *d, int group, int skip)
{
    for (size_t i = 0; i < d->nb; i++)
        if (d->b[i].resp && (!group || d->b[i].group == group) && skip-- <= 0)
            return (int)i;
    return -1;
}

static void choose_hosts(ld *d)
{
    d->group_host[0] = -1;
    for (int g = 1; g <= 3; g++)
        d->group_host[g] = responsible_in(d, g, 0);
    for (int i = 0; i < 3; i++)
        d->reps[i] = d->nb ? responsible_in(d, 0, ld_between(d, 0, (int)d->nb / 2)) : -1;
}

/* The first responsible person of building index bi as a party (NONE for -1 or nobody). */
xl_party ld_resp_party(const ld *d, int bi)
{
    return bi >= 0 && d->b[bi].resp ? xl_party_person(d->b[bi].resp) : xl_party_none();
}

const char *ld_resp_role(const ld *d, int bi)
{
    return bi >= 0 ? d->b[bi].resp_role : "other";
}

/* ---------- the meeting plan ---------- */

static void plan_add(ld *d, int kind, int day, int minute, int bi, int group)
{
    if (d->nm == d->mcap) {
        d->mcap = d->mcap ? d->mcap * 2 : 1024;
        d->m = xl_reallocarray(d->m, d->mcap, sizeof *d->m);
    }
    d->m[d->nm++] = (mplan){day, minute, kind, bi, group, 0};
}

static int evening(ld *d, int day)
{
    static const int evenings[] = {18 * 60 + 30, 19 * 60, 19 * 60 + 30};
    int weekday = (day + 4) % 7; /* 0 = Sunday; 1970-01-01 was a Thursday */
    if (weekday == 0 || weekday == 6)
        return 15 * 60;
    return evenings[xl_rng_below(&d->rng, 3)];
}

static void plan_roundtables(ld *d)
{
    for (size_t i = 0; i < d->nb; i++) {
        int lagging = ld_chance(d, 100);
        for (int y = 2024; y <= 2026; y++) {
            int first = xl_date_to_days(y, 1, 6);
            int last = y == 2026 ? xl_date_to_days(2026, 10, 28) : xl_date_to_days(y, 12, 28);
            if (lagging && last > xl_date_to_days(2025, 6, 30))
                last = xl_date_to_days(2025, 6, 30);
            if (first > last || !ld_chance(d, 800))
                continue;
            int day = ld_between(d, first, last);
            plan_add(d, XL_MEETING_ROUNDTABLE, day, evening(d, day), (int)i, 0);
        }
    }
    for (int k = 0; k < 6 && d->nb; k++) {
        int day = ld_between(d, d->ref + 2, d->ref + 45);
        plan_add(d, XL_MEETING_ROUNDTABLE, day, evening(d, day), (int)xl_rng_below(&d->rng, (unsigned)d->nb), 0);
    }
}

static void plan_others(ld *d)
{
    for (int g = 1; g <= 3; g++)
        for (int q = 0; q < 11; q++)
            plan_add(d, XL_MEETING_PIONEER, xl_date_to_days(2024 + q / 4, (q % 4) * 3 + 1, 1) + ld_between(d, 5, 80),
                     9 * 60 + 30, -1, g);
    for (int mo = 0; mo < 34; mo++)
        plan_add(d, XL_MEETING_DISCUSSION, xl_date_to_days(2024 + mo / 12, mo % 12 + 1, ld_between(d, 8, 22)), 14 * 60 + 30, -1, 0);
    static const int joint[][3] = {{2024, 6, 18}, {2025, 3, 20}, {2025, 11, 12}, {2026, 6, 16}};
    for (size_t i = 0; i < COUNT(joint); i++)
        plan_add(d, XL_MEETING_JOINT, xl_date_to_days(joint[i][0], joint[i][1], joint[i][2]), 14 * 60, -1, 0);
    plan_add(d, XL_MEETING_DISCUSSION, d->ref + 14, 14 * 60 + 30, -1, 0);
    plan_add(d, XL_MEETING_PIONEER, d->ref + 19, 9 * 60 + 30, -1, 1);
}

static int plan_order(const void *a, const void *b)
{
    const mplan *x = a, *y = b;
    if (x->day != y->day)
        return x->day < y->day ? -1 : 1;
    if (x->minute != y->minute)
        return x->minute < y->minute ? -1 : 1;
    if (x->kind != y->kind)
        return x->kind < y->kind ? -1 : 1;
    return x->bi != y->bi ? (x->bi < y->bi ? -1 : 1) : (x->group > y->group) - (x->group < y->group);
}

/* ---------- the whole build ---------- */

static int check_empty(ld *d)
{
    sqlite3_stmt *st = xl_db_prepare(d->db,
        "SELECT (SELECT count(*) FROM list_item) + (SELECT count(*) FROM meeting)", d->err);
    if (!st)
        return d->rc = XL_EFAIL;
    int rc = sqlite3_step(st);
    int64_t n = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    if (n < 0)
        return ld_fail_db(d, "lists demo");
    if (n > 0)
        return d->rc = xl_err_set(d->err, XL_EFAIL, _(DEMO_E_NOT_EMPTY_FMT), xl_db_path(d->db));
    return XL_OK;
}

static void ld_setup(ld *d)
{
    for (int o = 0; o < O_COUNT && !d->rc; o++)
        d->org[o] = ensure_org(d, o);
    if (!d->rc)
        load_buildings(d);
    if (!d->rc)
        prepare_all(d);
    if (d->rc)
        return;
    choose_hosts(d);
    plan_roundtables(d);
    plan_others(d);
    xl_qsort(d->m, d->nm, sizeof *d->m, plan_order);
    for (size_t i = 0; i < d->nm; i++)
        d->community_left_meetings += (d->m[i].kind == XL_MEETING_DISCUSSION || d->m[i].kind == XL_MEETING_JOINT)
                                      && d->m[i].day < d->ref;
}

int xl_lists_demo_build(xl_db *db, unsigned long long seed, xl_err *err)
{
    ld d;
    memset(&d, 0, sizeof d);
    d.db = db;
    d.err = err;
    d.ref = xl_date_to_days(REF_Y, REF_M, REF_D);
    xl_rng_seed(&d.rng, seed ^ 0x4C495354534C4953ULL); /* a stream of its own: "LISTSLIS" */
    const char *lang = xl_i18n_lang();
    xl_i18n_set_lang("zh"); /* the community's minutes are in Chinese whatever the locale */
    if (check_empty(&d) == XL_OK)
        ld_setup(&d);
    for (size_t i = 0; i < d.nm && !d.rc; i++)
        ld_emit_meeting(&d, &d.m[i]);
    for (int i = 0; i < LS_COUNT; i++)
        sqlite3_finalize(d.st[i]);
    free(d.b);
    free(d.m);
    xl_i18n_set_lang(lang);
    return d.rc;
}
