/* respons.c — the first responsible persons' record (第一责任人履职, report.h): per owner or
 * sub-landlord across their buildings. */
#include "xiangli/mem.h"
#include "xiangli/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/building.h"
#include "xiangli/idcard.h"
#include "xiangli/resident.h"

/* Per person: name, role, phone, and the per-person counts; ?1 = stale_days. */
static const char people_sql[] =
    "SELECT p.id, p.name, min(b.responsible_role), coalesce(p.phone, ''),"
    "  (SELECT count(*) FROM residency r JOIN building b2 ON b2.number = r.building"
    "    WHERE b2.responsible_id = p.id AND r.role = 'tenant' AND r.moved_out IS NOT NULL"
    "      AND r.moved_out <= date(substr(coalesce(r.confirmed_at, r.moved_in), 1, 10),"
    "                               '+' || ?1 || ' days')),"
    "  (SELECT count(*) FROM residency r JOIN building b2 ON b2.number = r.building"
    "    WHERE b2.responsible_id = p.id AND r.role = 'tenant' AND r.moved_out IS NOT NULL"
    "      AND r.moved_out > date(substr(coalesce(r.confirmed_at, r.moved_in), 1, 10),"
    "                              '+' || ?1 || ' days')),"
    "  (SELECT count(*) FROM meeting m WHERE m.kind = 'roundtable' AND m.status = 'closed'"
    "    AND m.host_person_id = p.id),"
    "  (SELECT count(*) FROM attendance a JOIN meeting m ON m.id = a.meeting_id"
    "    WHERE a.person_id = p.id AND m.kind = 'roundtable' AND m.status = 'closed'),"
    "  (SELECT count(DISTINCT i.id) FROM list_item i"
    "    JOIN list_item_building lb ON lb.item_id = i.id"
    "    JOIN building b2 ON b2.number = lb.building"
    "    WHERE b2.responsible_id = p.id AND i.category = 'safety'"
    "      AND i.status IN ('open', 'in_progress')),"
    "  (SELECT count(*) FROM responsible_history h JOIN building b2 ON b2.number = h.building"
    "    WHERE b2.responsible_id = p.id AND h.until IS NOT NULL),"
    "  coalesce((SELECT min(h.since) FROM responsible_history h JOIN building b2"
    "    ON b2.number = h.building AND b2.responsible_id = h.person_id"
    "    WHERE h.person_id = p.id AND h.until IS NULL), '')"
    " FROM building b JOIN person p ON p.id = b.responsible_id"
    " GROUP BY p.id ORDER BY p.id";

typedef struct rec_ctx {
    xl_resp_record *arr;
    size_t n, cap;
} rec_ctx;

static void rec_row(sqlite3_stmt *st, void *vctx)
{
    rec_ctx *c = vctx;
    XL_GROW(c->arr, c->n, c->cap);
    xl_resp_record *r = &c->arr[c->n++];
    memset(r, 0, sizeof *r);
    r->person_id = sqlite3_column_int64(st, 0);
    xl_strlcpy_utf8(r->name, xl_col_text(st, 1), sizeof r->name);
    xl_strlcpy_utf8(r->role, xl_col_text(st, 2), sizeof r->role);
    if (*xl_col_text(st, 3))
        xl_mask_phone(xl_col_text(st, 3), r->phone_masked, sizeof r->phone_masked);
    r->signouts_on_time = sqlite3_column_int(st, 4);
    r->signouts_late = sqlite3_column_int(st, 5);
    r->rt_convened = sqlite3_column_int(st, 6);
    r->rt_attended = sqlite3_column_int(st, 7);
    r->open_safety = sqlite3_column_int(st, 8);
    r->changes = sqlite3_column_int(st, 9);
    xl_strlcpy_utf8(r->since, xl_col_text(st, 10), sizeof r->since);
}

static xl_resp_record *find(xl_resp_record *arr, size_t n, int64_t id)
{
    for (size_t i = 0; i < n; i++)
        if (arr[i].person_id == id)
            return &arr[i];
    return NULL;
}

/* Hook for issue 12: stale tenancies found by the chase (a chase record per tenancy) in the
 * person's buildings. Until the chase records exist this counts nothing; the stale view's
 * own count is added by add_stale(). */
int xl_resp_chase_count(xl_db *db, int64_t person_id);
int xl_resp_chase_count(xl_db *db, int64_t person_id)
{
    (void)db, (void)person_id;
    return 0;
}

static const char owner_sql[] = "SELECT number, coalesce(responsible_id, 0) FROM building";

static int add_stale(xl_db *db, int stale_days, xl_resp_record *arr, size_t n, xl_err *err)
{
    xl_stale_list sl;
    if (xl_stale_list_load(db, stale_days, &sl, err))
        return XL_EFAIL;
    sqlite3_stmt *st = xl_db_prepare(db, owner_sql, err);
    int rc = st ? SQLITE_ROW : SQLITE_ERROR;
    while (st && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        xl_resp_record *r = find(arr, n, sqlite3_column_int64(st, 1));
        for (size_t g = 0; r && g < sl.ngroups; g++)
            if (sl.groups[g].building == sqlite3_column_int(st, 0))
                r->found_stale += (int)sl.groups[g].count;
    }
    if (st)
        sqlite3_finalize(st);
    xl_stale_list_release(&sl);
    for (size_t i = 0; i < n; i++)
        arr[i].found_stale += xl_resp_chase_count(db, arr[i].person_id);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "stale", err);
}

static const char resp_of_sql[] = "SELECT coalesce(responsible_id, 0) FROM building WHERE number = ?1";

static void add_building(xl_resp_record *r, const xl_building_summary *s, double *reg)
{
    char num[16];
    snprintf(num, sizeof num, "%s%d", r->nbuildings ? "、" : "", s->number);
    if (strlen(r->buildings) + strlen(num) + 4 < sizeof r->buildings)
        strcat(r->buildings, num);
    else if (!strstr(r->buildings, "…"))
        strcat(r->buildings, "…");
    r->nbuildings++;
    r->residents += s->residents;
    r->declared += s->declared;
    reg[0] += s->rate * s->declared;
}

static int add_buildings(xl_db *db, xl_resp_record *arr, size_t n, xl_err *err)
{
    xl_building_summary *bs = NULL;
    size_t nb = 0;
    if (xl_buildings_list(db, &bs, &nb, err))
        return XL_EFAIL;
    double *reg = xl_calloc(n ? n : 1, sizeof *reg);
    sqlite3_stmt *st = xl_db_prepare(db, resp_of_sql, err);
    for (size_t i = 0; st && i < nb; i++) {
        sqlite3_reset(st);
        sqlite3_bind_int(st, 1, bs[i].number);
        xl_resp_record *r = sqlite3_step(st) == SQLITE_ROW
                                ? find(arr, n, sqlite3_column_int64(st, 0)) : NULL;
        if (r)
            add_building(r, &bs[i], &reg[r - arr]);
    }
    for (size_t i = 0; i < n; i++)
        arr[i].rate = arr[i].declared > 0 ? reg[i] / arr[i].declared : 1.0;
    if (st)
        sqlite3_finalize(st);
    free(reg);
    xl_buildings_free(bs);
    return st ? XL_OK : XL_EFAIL;
}

static int thank_first(const void *a, const void *b)
{
    const xl_resp_record *x = a, *y = b;
    if (x->rate != y->rate)
        return x->rate > y->rate ? -1 : 1;
    if (x->found_stale != y->found_stale)
        return x->found_stale - y->found_stale;
    if (x->open_safety != y->open_safety)
        return x->open_safety - y->open_safety;
    if (x->rt_convened != y->rt_convened)
        return y->rt_convened - x->rt_convened;
    int c = strcmp(x->name, y->name);
    return c ? c : (x->person_id < y->person_id ? -1 : 1);
}

int xl_resp_records_load(xl_db *db, int stale_days, xl_resp_record **out, size_t *n,
                         xl_err *err)
{
    *out = NULL, *n = 0;
    rec_ctx c = {0};
    sqlite3_stmt *st = xl_db_prepare(db, people_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, stale_days > 0 ? stale_days : 180);
    int rc = xl_report_each(db, st, rec_row, &c, "responsible persons", err);
    if (rc == XL_OK)
        rc = add_buildings(db, c.arr, c.n, err);
    if (rc == XL_OK)
        rc = add_stale(db, stale_days > 0 ? stale_days : 180, c.arr, c.n, err);
    if (rc != XL_OK) {
        free(c.arr);
        return XL_EFAIL;
    }
    if (c.n)
        xl_qsort(c.arr, c.n, sizeof *c.arr, thank_first);
    *out = c.arr, *n = c.n;
    return XL_OK;
}

/* ---- changes over time ---- */

static const char changes_sql[] =
    "SELECT h.building, p.name, h.role, h.since, coalesce(h.until, '')"
    " FROM responsible_history h JOIN person p ON p.id = h.person_id"
    " WHERE ?1 = 0 OR h.building IN (SELECT number FROM building WHERE responsible_id = ?1)"
    "       OR h.person_id = ?1"
    " ORDER BY h.since DESC, h.building, h.id DESC";

typedef struct chg_ctx {
    xl_resp_change *arr;
    size_t n, cap;
} chg_ctx;

static void chg_row(sqlite3_stmt *st, void *vctx)
{
    chg_ctx *c = vctx;
    XL_GROW(c->arr, c->n, c->cap);
    xl_resp_change *r = &c->arr[c->n++];
    memset(r, 0, sizeof *r);
    r->building = sqlite3_column_int(st, 0);
    xl_strlcpy_utf8(r->name, xl_col_text(st, 1), sizeof r->name);
    xl_strlcpy_utf8(r->role, xl_col_text(st, 2), sizeof r->role);
    xl_strlcpy_utf8(r->since, xl_col_text(st, 3), sizeof r->since);
    xl_strlcpy_utf8(r->until, xl_col_text(st, 4), sizeof r->until);
}

int xl_resp_changes_load(xl_db *db, int64_t person_id, xl_resp_change **out, size_t *n,
                         xl_err *err)
{
    chg_ctx c = {0};
    sqlite3_stmt *st = xl_db_prepare(db, changes_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, person_id);
    int rc = xl_report_each(db, st, chg_row, &c, "responsible history", err);
    *out = c.arr, *n = c.n;
    return rc;
}
