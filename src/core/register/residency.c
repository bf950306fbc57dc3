/* residency.c — reading the register: the person card, the stale-tenancy list, and the
 * register window (a window of rows at a time, never the whole table). Numbers leave
 * masked. Writes are in resident.c. */
#include "xiangli/resident.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/register/complete_sql.h"
#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"

/* Registration state of person p (see resident.h), with @minor bound by bind_minor(). */
#define COMPLETE_SQL XL_COMPLETE_SQL_AT("@minor")

/* The responsible person of building b (joined as rp): name, role, phone. */
#define RESP_COLUMNS \
    "coalesce(rp.name, ''), CASE WHEN rp.id IS NULL THEN '' ELSE b.responsible_role END, rp.phone"

/* today - 16 years as YYYYMMDD, for COMPLETE_SQL (complete_sql.h). */
void xl_reg_minor_cutoff(char out[16])
{
    char today[11];
    xl_today(today);
    int year = atoi(today) - 16;
    snprintf(out, 16, "%04d%.2s%.2s", year > 0 ? year % 10000 : 0, today + 5, today + 8);
}

static void bind_named_text(sqlite3_stmt *st, const char *name, const char *v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_text(st, i, v, -1, SQLITE_TRANSIENT);
}

static void bind_named_int(sqlite3_stmt *st, const char *name, int64_t v)
{
    int i = sqlite3_bind_parameter_index(st, name);
    if (i > 0)
        sqlite3_bind_int64(st, i, v);
}

static void bind_minor(sqlite3_stmt *st)
{
    char minor[16];
    xl_reg_minor_cutoff(minor);
    bind_named_text(st, "@minor", minor);
}

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t size)
{
    xl_strlcpy_utf8(out, xl_col_text(st, col), size);
}

/* ---------- person card ---------- */

static const char card_person_sql[] =
    "SELECT p.name, p.gender, p.id_number, p.phone, p.province, p.workplace, p.party_member,"
    "       p.created_at, " COMPLETE_SQL
    " FROM person p WHERE p.id = @id";

static const char card_homes_sql[] =
    "SELECT r.id, r.building, r.room, r.role, r.moved_in, coalesce(r.moved_out, ''),"
    "       r.channel_in, coalesce(r.channel_out, ''), coalesce(r.confirmed_at, ''), " RESP_COLUMNS
    " FROM residency r JOIN building b ON b.number = r.building"
    " LEFT JOIN person rp ON rp.id = b.responsible_id"
    " WHERE r.person_id = @id"
    " ORDER BY r.moved_out IS NOT NULL, r.moved_in DESC, r.id DESC";

static void card_person_from_row(sqlite3_stmt *st, xl_person_card *c)
{
    copy_col(st, 0, c->name, sizeof c->name);
    copy_col(st, 1, c->gender, sizeof c->gender);
    xl_mask_id(xl_col_text(st, 2), c->id_masked, sizeof c->id_masked);
    xl_mask_phone(xl_col_text(st, 3), c->phone_masked, sizeof c->phone_masked);
    copy_col(st, 4, c->province, sizeof c->province);
    copy_col(st, 5, c->workplace, sizeof c->workplace);
    c->party_member = sqlite3_column_int(st, 6);
    copy_col(st, 7, c->created_at, sizeof c->created_at);
    c->complete = sqlite3_column_int(st, 8);
}

static void card_home_from_row(sqlite3_stmt *st, xl_card_residency *h)
{
    memset(h, 0, sizeof *h);
    h->residency_id = sqlite3_column_int64(st, 0);
    h->building = sqlite3_column_int(st, 1);
    copy_col(st, 2, h->room, sizeof h->room);
    copy_col(st, 3, h->role, sizeof h->role);
    copy_col(st, 4, h->moved_in, sizeof h->moved_in);
    copy_col(st, 5, h->moved_out, sizeof h->moved_out);
    copy_col(st, 6, h->channel_in, sizeof h->channel_in);
    copy_col(st, 7, h->channel_out, sizeof h->channel_out);
    copy_col(st, 8, h->confirmed_at, sizeof h->confirmed_at);
    copy_col(st, 9, h->resp_name, sizeof h->resp_name);
    copy_col(st, 10, h->resp_role, sizeof h->resp_role);
    xl_mask_phone(xl_col_text(st, 11), h->resp_phone_masked, sizeof h->resp_phone_masked);
}

static int card_person(xl_db *db, xl_person_card *c, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, card_person_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_named_int(st, "@id", c->person_id);
    bind_minor(st);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        card_person_from_row(st, c);
    else if (rc != SQLITE_DONE)
        xl_db_fail(db, "person card", err);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_set(err, XL_ENOTFOUND, "%s", _(REG_E_NO_PERSON));
    return rc == SQLITE_ROW ? XL_OK : XL_EFAIL;
}

static int card_homes(xl_db *db, xl_person_card *c, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, card_homes_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_named_int(st, "@id", c->person_id);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->nresidencies == cap) {
            cap = cap ? cap * 2 : 8;
            c->residencies = xl_reallocarray(c->residencies, cap, sizeof *c->residencies);
        }
        card_home_from_row(st, &c->residencies[c->nresidencies++]);
    }
    if (rc != SQLITE_DONE)
        xl_db_fail(db, "person card", err);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : XL_EFAIL;
}

int xl_person_card_load(xl_db *db, int64_t person_id, xl_person_card *card, xl_err *err)
{
    memset(card, 0, sizeof *card);
    card->person_id = person_id;
    int rc = card_person(db, card, err);
    if (rc == XL_OK)
        rc = card_homes(db, card, err);
    if (rc != XL_OK)
        xl_person_card_release(card);
    return rc;
}

void xl_person_card_release(xl_person_card *card)
{
    free(card->residencies);
    card->residencies = NULL;
    card->nresidencies = 0;
}

/* ---------- stale residencies ---------- */

/* The expression matches the index residency_stale (data/schema/002_register.sql). */
#define LAST_SEEN "substr(coalesce(r.confirmed_at, r.moved_in), 1, 10)"

static const char stale_sql[] =
    "SELECT r.id, r.person_id, p.name, r.building, r.room, r.moved_in, " LAST_SEEN ","
    "       CAST(julianday(@today) - julianday(" LAST_SEEN ") AS INTEGER), p.phone, " RESP_COLUMNS
    " FROM residency r JOIN person p ON p.id = r.person_id"
    " JOIN building b ON b.number = r.building"
    " LEFT JOIN person rp ON rp.id = b.responsible_id"
    " WHERE r.moved_out IS NULL AND r.role = 'tenant' AND " LAST_SEEN " < @cutoff"
    " ORDER BY r.building, " LAST_SEEN ", p.name, r.id";

static void stale_row_from(sqlite3_stmt *st, xl_stale_row *r)
{
    memset(r, 0, sizeof *r);
    r->residency_id = sqlite3_column_int64(st, 0);
    r->person_id = sqlite3_column_int64(st, 1);
    copy_col(st, 2, r->name, sizeof r->name);
    copy_col(st, 4, r->room, sizeof r->room);
    copy_col(st, 5, r->moved_in, sizeof r->moved_in);
    copy_col(st, 6, r->last_seen, sizeof r->last_seen);
    r->days = sqlite3_column_int(st, 7);
    xl_mask_phone(xl_col_text(st, 8), r->phone_masked, sizeof r->phone_masked);
}

/* Starts a new group when the row's building differs from the last group's. */
static void stale_group_for(sqlite3_stmt *st, xl_stale_list *l, size_t *cap)
{
    int building = sqlite3_column_int(st, 3);
    if (l->ngroups && l->groups[l->ngroups - 1].building == building) {
        l->groups[l->ngroups - 1].count++;
        return;
    }
    if (l->ngroups == *cap) {
        *cap = *cap ? *cap * 2 : 32;
        l->groups = xl_reallocarray(l->groups, *cap, sizeof *l->groups);
    }
    xl_stale_group *g = &l->groups[l->ngroups++];
    memset(g, 0, sizeof *g);
    g->building = building;
    g->first = l->nrows;
    g->count = 1;
    copy_col(st, 9, g->resp_name, sizeof g->resp_name);
    copy_col(st, 10, g->resp_role, sizeof g->resp_role);
    xl_mask_phone(xl_col_text(st, 11), g->resp_phone_masked, sizeof g->resp_phone_masked);
}

static int stale_collect(xl_db *db, sqlite3_stmt *st, xl_stale_list *l, xl_err *err)
{
    size_t cap = 0, gcap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (l->nrows == cap) {
            cap = cap ? cap * 2 : 64;
            l->rows = xl_reallocarray(l->rows, cap, sizeof *l->rows);
        }
        stale_group_for(st, l, &gcap);
        stale_row_from(st, &l->rows[l->nrows++]);
    }
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "stale list", err);
}

/* cutoff = today - days, by SQLite's date arithmetic. */
static int stale_cutoff(xl_db *db, const char *today, int days, char out[11], xl_err *err)
{
    char mod[32];
    snprintf(mod, sizeof mod, "-%d days", days);
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT date(?1, ?2)", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, mod, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
    if (rc)
        copy_col(st, 0, out, 11);
    sqlite3_finalize(st);
    return rc ? XL_OK : xl_db_fail(db, "stale cutoff", err);
}

int xl_stale_list_load(xl_db *db, int days, xl_stale_list *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    if (days < 1 || days > 36500)
        return xl_err_set(err, XL_EUSAGE, "%s", _(REG_E_STALE_DAYS));
    char today[11];
    xl_today(today);
    if (stale_cutoff(db, today, days, out->cutoff, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db, stale_sql, err);
    if (!st)
        return XL_EFAIL;
    bind_named_text(st, "@today", today);
    bind_named_text(st, "@cutoff", out->cutoff);
    int rc = stale_collect(db, st, out, err);
    sqlite3_finalize(st);
    if (rc != XL_OK)
        xl_stale_list_release(out);
    return rc;
}

void xl_stale_list_release(xl_stale_list *list)
{
    free(list->groups);
    free(list->rows);
    list->groups = NULL;
    list->rows = NULL;
    list->ngroups = list->nrows = 0;
}

/* ---------- the register ---------- */

enum { Q_ROWS, Q_COUNT, Q_GROUP };

static const char rows_head[] =
    "SELECT r.id, p.id, p.name, r.building, r.room, r.role, r.moved_in,"
    "       coalesce(r.moved_out, ''), p.phone, p.id_number, " COMPLETE_SQL;

/* The query for a filter, assembled from constant pieces only (values are bound by name:
 * @building @role @minor @from @limit @offset). from != 0 adds "building >= @from". */
/* A count over current residents, by no other filter than building or tenants, is read from
 * the per-building tallies (012) instead of the register: one row per building at any size. */
static char *tally_sql(const xl_register_filter *f, int kind)
{
    if (kind == Q_ROWS || f->include_history || f->state != XL_REG_ALL ||
        (f->role >= 0 && f->role != XL_ROLE_TENANT))
        return NULL;
    const char *col = f->role == XL_ROLE_TENANT ? "tenants" : "residents";
    xl_buf b;
    xl_buf_init(&b);
    if (kind == Q_COUNT)
        xl_buf_printf(&b, "SELECT coalesce(sum(%s), 0) FROM building_tally WHERE 1", col);
    else
        xl_buf_printf(&b, "SELECT building, %s FROM building_tally WHERE %s > 0", col, col);
    if (f->building > 0)
        xl_buf_puts(&b, " AND building = @building");
    if (kind == Q_GROUP)
        xl_buf_puts(&b, " ORDER BY building");
    return b.data;
}

static char *register_sql(const xl_register_filter *f, int kind, int from)
{
    char *tally = from ? NULL : tally_sql(f, kind);
    if (tally)
        return tally;
    static const char *const head[] = {rows_head, "SELECT count(*)", "SELECT r.building, count(*)"};
    xl_buf b;
    xl_buf_init(&b);
    xl_buf_puts(&b, head[kind]);
    xl_buf_puts(&b, " FROM residency r");
    if (kind == Q_ROWS || f->state != XL_REG_ALL)
        xl_buf_puts(&b, " JOIN person p ON p.id = r.person_id");
    xl_buf_puts(&b, " WHERE 1");
    if (!f->include_history)
        xl_buf_puts(&b, " AND r.moved_out IS NULL");
    if (f->building > 0)
        xl_buf_puts(&b, " AND r.building = @building");
    if (from)
        xl_buf_puts(&b, " AND r.building >= @from");
    if (f->role >= 0) /* unary +: keeps the planner off the partial index residency_stale */
        xl_buf_puts(&b, " AND +r.role = @role");
    if (f->state != XL_REG_ALL)
        xl_buf_puts(&b, f->state == XL_REG_COMPLETE ? " AND " COMPLETE_SQL : " AND NOT " COMPLETE_SQL);
    if (kind == Q_ROWS)
        xl_buf_puts(&b, " ORDER BY r.building, r.room, p.name, r.id LIMIT @limit OFFSET @offset");
    if (kind == Q_GROUP)
        xl_buf_puts(&b, " GROUP BY r.building ORDER BY r.building");
    return b.data;
}

static int filter_check(const xl_register_filter *f, xl_err *err)
{
    if (!f || f->building < 0 || f->role < -1 || f->role >= XL_ROLE_COUNT ||
        f->state < XL_REG_ALL || f->state > XL_REG_INCOMPLETE)
        return xl_err_set(err, XL_EUSAGE, "%s", _(REG_E_FILTER));
    return XL_OK;
}

static sqlite3_stmt *register_prepare(xl_db *db, const xl_register_filter *f, int kind, int from,
                                      xl_err *err)
{
    char *sql = register_sql(f, kind, from);
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    free(sql);
    if (!st)
        return NULL;
    bind_named_int(st, "@building", f->building);
    bind_named_int(st, "@from", from);
    if (f->role >= 0)
        bind_named_text(st, "@role", xl_role_key((xl_role)f->role));
    bind_minor(st);
    return st;
}

int xl_register_count(xl_db *db, const xl_register_filter *f, size_t *count, xl_err *err)
{
    *count = 0;
    if (filter_check(f, err))
        return XL_EUSAGE;
    sqlite3_stmt *st = register_prepare(db, f, Q_COUNT, 0, err);
    if (!st)
        return XL_EFAIL;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        *count = (size_t)sqlite3_column_int64(st, 0);
    else
        xl_db_fail(db, "register", err);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? XL_OK : XL_EFAIL;
}

static void register_row_from(sqlite3_stmt *st, xl_register_row *r)
{
    memset(r, 0, sizeof *r);
    r->residency_id = sqlite3_column_int64(st, 0);
    r->person_id = sqlite3_column_int64(st, 1);
    copy_col(st, 2, r->name, sizeof r->name);
    r->building = sqlite3_column_int(st, 3);
    copy_col(st, 4, r->room, sizeof r->room);
    copy_col(st, 5, r->role, sizeof r->role);
    copy_col(st, 6, r->moved_in, sizeof r->moved_in);
    copy_col(st, 7, r->moved_out, sizeof r->moved_out);
    xl_mask_phone(xl_col_text(st, 8), r->phone_masked, sizeof r->phone_masked);
    xl_mask_id(xl_col_text(st, 9), r->id_masked, sizeof r->id_masked);
    r->complete = sqlite3_column_int(st, 10);
}

/* Rows from building `from` on (0 = the first), skipping `skip` of them. */
static int fetch_rows(xl_db *db, const xl_register_filter *f, int from, size_t skip, size_t limit,
                      xl_register_row *rows, size_t *n, xl_err *err)
{
    sqlite3_stmt *st = register_prepare(db, f, Q_ROWS, from, err);
    if (!st)
        return XL_EFAIL;
    bind_named_int(st, "@limit", (int64_t)limit);
    bind_named_int(st, "@offset", (int64_t)skip);
    int rc = SQLITE_DONE;
    while (*n < limit && (rc = sqlite3_step(st)) == SQLITE_ROW)
        register_row_from(st, &rows[(*n)++]);
    if (*n == limit)
        rc = SQLITE_DONE;
    if (rc != SQLITE_DONE)
        xl_db_fail(db, "register", err);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : XL_EFAIL;
}

/* Below this offset a plain OFFSET scan is cheaper than counting per building. */
#define DIRECT_OFFSET_MAX 2000

int xl_register_window(xl_db *db, const xl_register_filter *f, size_t offset, size_t limit,
                       xl_register_row *rows, size_t *n, xl_err *err)
{
    *n = 0;
    if (filter_check(f, err))
        return XL_EUSAGE;
    if (limit == 0)
        return XL_OK;
    if (f->building > 0 || offset < DIRECT_OFFSET_MAX)
        return fetch_rows(db, f, 0, offset, limit, rows, n, err);
    xl_register_view *v = NULL;
    int rc = xl_register_view_open(db, f, &v, err);
    if (rc == XL_OK)
        rc = xl_register_view_window(v, offset, limit, rows, n, err);
    xl_register_view_close(v);
    return rc;
}

/* ---------- the register view: per-building counts, refreshed after any write ---------- */

struct xl_register_view {
    xl_db *db;
    xl_register_filter f;
    int *building;    /* buildings with matching rows, ascending */
    size_t *before;   /* rows in the buildings before building[i] */
    size_t nb, cap, total;
    xl_db_stamp written; /* what had been written when counted */
    char minor[16];    /* the day's COMPLETE_SQL cutoff when counted */
    int fresh;
};

static void view_add(xl_register_view *v, int building, size_t count)
{
    if (v->nb == v->cap) {
        v->cap = v->cap ? v->cap * 2 : 512;
        v->building = xl_reallocarray(v->building, v->cap, sizeof *v->building);
        v->before = xl_reallocarray(v->before, v->cap, sizeof *v->before);
    }
    v->building[v->nb] = building;
    v->before[v->nb++] = v->total;
    v->total += count;
}

static int view_count(xl_register_view *v, xl_err *err)
{
    v->nb = v->total = 0;
    v->fresh = 0;
    v->written = xl_db_stamp_take(v->db);
    xl_reg_minor_cutoff(v->minor);
    sqlite3_stmt *st = register_prepare(v->db, &v->f, Q_GROUP, 0, err);
    if (!st)
        return XL_EFAIL;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        view_add(v, sqlite3_column_int(st, 0), (size_t)sqlite3_column_int64(st, 1));
    if (rc != SQLITE_DONE)
        xl_db_fail(v->db, "register", err);
    sqlite3_finalize(st);
    v->fresh = rc == SQLITE_DONE;
    return v->fresh ? XL_OK : XL_EFAIL;
}

/* Recounts when anything was written since the last count (or the day changed). */
static int view_refresh(xl_register_view *v, xl_err *err)
{
    char minor[16];
    xl_reg_minor_cutoff(minor);
    if (v->fresh && xl_db_stamp_same(xl_db_stamp_take(v->db), v->written) &&
        strcmp(minor, v->minor) == 0)
        return XL_OK;
    return view_count(v, err);
}

int xl_register_view_open(xl_db *db, const xl_register_filter *f, xl_register_view **out, xl_err *err)
{
    *out = NULL;
    if (filter_check(f, err))
        return XL_EUSAGE;
    xl_register_view *v = xl_calloc(1, sizeof *v);
    v->db = db;
    v->f = *f;
    if (view_count(v, err)) {
        xl_register_view_close(v);
        return XL_EFAIL;
    }
    *out = v;
    return XL_OK;
}

int xl_register_view_count(xl_register_view *v, size_t *count, xl_err *err)
{
    *count = 0;
    if (view_refresh(v, err))
        return XL_EFAIL;
    *count = v->total;
    return XL_OK;
}

/* Index of the building holding row `offset` (before[i] <= offset < before[i + 1]). */
static size_t view_find(const xl_register_view *v, size_t offset)
{
    size_t lo = 0, hi = v->nb;
    while (hi - lo > 1) {
        size_t mid = lo + (hi - lo) / 2;
        if (v->before[mid] <= offset)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

int xl_register_view_window(xl_register_view *v, size_t offset, size_t limit,
                            xl_register_row *rows, size_t *n, xl_err *err)
{
    *n = 0;
    if (view_refresh(v, err))
        return XL_EFAIL;
    if (limit == 0 || offset >= v->total)
        return XL_OK;
    size_t i = view_find(v, offset);
    return fetch_rows(v->db, &v->f, v->building[i], offset - v->before[i], limit, rows, n, err);
}

void xl_register_view_close(xl_register_view *v)
{
    if (!v)
        return;
    free(v->building);
    free(v->before);
    free(v);
}
