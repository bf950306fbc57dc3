/* statistics.c — the monthly figures (report.h): totals, buildings worst first, monthly
 * moves, home provinces. The list and roundtable figures are in statistics_lists.c. */
#include "xiangli/mem.h"
#include "xiangli/report.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/date.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/model.h"

int xl_figures_lists(xl_db *db, xl_figures *f, xl_err *err);

void xl_report_opts_init(xl_report_opts *o)
{
    memset(o, 0, sizeof *o);
    o->target = XL_TARGET_RATE_DEFAULT;
    o->roundtable_days = 365;
    o->stale_days = 180;
}

int xl_month_valid(const char *s)
{
    int y, m;
    char tail;
    if (!s || strlen(s) != 7 || s[4] != '-' || sscanf(s, "%4d-%2d%c", &y, &m, &tail) != 2)
        return 0;
    return xl_date_valid_ymd(y, m, 1);
}

void xl_report_month_add(const char *m, int delta, char out[8])
{
    int y = atoi(m), mo = atoi(m + 5);
    int idx = y * 12 + (mo - 1) + delta;
    unsigned yy = (unsigned)(idx / 12) % 10000u, mm = (unsigned)(idx % 12 + 1) % 100u;
    snprintf(out, 8, "%04u-%02u", yy, mm);
}

int xl_report_each(xl_db *db, sqlite3_stmt *st, xl_row_fn row, void *ctx, const char *what,
                   xl_err *err)
{
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW)
        row(st, ctx);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, what, err);
}

/* ---- buildings, worst first, with their first responsible person ---- */

static const char resp_sql[] =
    "SELECT b.number, coalesce(p.name, ''), CASE WHEN p.id IS NULL THEN '' ELSE b.responsible_role END,"
    "       coalesce(p.phone, '')"
    " FROM building b LEFT JOIN person p ON p.id = b.responsible_id ORDER BY b.number";

typedef struct resp_ctx {
    xl_figures *f;
    size_t i;
} resp_ctx;

static void resp_row(sqlite3_stmt *st, void *vctx)
{
    resp_ctx *c = vctx;
    int number = sqlite3_column_int(st, 0);
    while (c->i < c->f->nbuildings && c->f->buildings[c->i].number < number)
        c->i++;
    if (c->i >= c->f->nbuildings || c->f->buildings[c->i].number != number)
        return;
    xl_fig_building *b = &c->f->buildings[c->i];
    xl_strlcpy_utf8(b->resp_name, xl_col_text(st, 1), sizeof b->resp_name);
    xl_strlcpy_utf8(b->resp_role, xl_col_text(st, 2), sizeof b->resp_role);
    if (*xl_col_text(st, 3))
        xl_mask_phone(xl_col_text(st, 3), b->resp_phone_masked, sizeof b->resp_phone_masked);
}

static int worst_first(const void *a, const void *b)
{
    const xl_fig_building *x = a, *y = b;
    int xn = x->rate == XL_RATE_NONE, yn = y->rate == XL_RATE_NONE; /* no headcount: last */
    if (xn != yn)
        return xn - yn;
    if (x->rate != y->rate)
        return x->rate < y->rate ? -1 : 1;
    return x->number - y->number;
}

static int load_buildings(xl_db *db, xl_figures *f, xl_err *err)
{
    f->nbuildings = f->st.nbuildings;
    f->buildings = xl_calloc(f->nbuildings ? f->nbuildings : 1, sizeof *f->buildings);
    for (size_t i = 0; i < f->nbuildings; i++) {
        const xl_building_summary *s = &f->st.per_building[i];
        xl_fig_building *b = &f->buildings[i];
        b->number = s->number;
        xl_strlcpy_utf8(b->lane, s->lane, sizeof b->lane);
        b->pioneer_group = s->pioneer_group;
        b->residents = s->residents, b->tenants = s->tenants, b->declared = s->declared;
        b->rate = s->rate;
        f->below_target += s->rate != XL_RATE_NONE && s->rate < f->opts.target;
    }
    sqlite3_stmt *st = xl_db_prepare(db, resp_sql, err);
    resp_ctx c = {f, 0};
    if (!st || xl_report_each(db, st, resp_row, &c, "buildings", err))
        return XL_EFAIL;
    xl_qsort(f->buildings, f->nbuildings, sizeof *f->buildings, worst_first);
    return XL_OK;
}

/* ---- moves per month ---- */

static const char moves_sql[] =
    "SELECT substr(moved_in, 1, 7), 1 FROM residency WHERE moved_in >= ?1 AND moved_in < ?2"
    " UNION ALL "
    "SELECT substr(moved_out, 1, 7), 2 FROM residency WHERE moved_out >= ?1 AND moved_out < ?2";

static void move_row(sqlite3_stmt *st, void *ctx)
{
    xl_figures *f = ctx;
    const char *m = xl_col_text(st, 0);
    for (int i = 0; i < XL_REPORT_MONTHS; i++) {
        if (strcmp(f->months[i].month, m) != 0)
            continue;
        if (sqlite3_column_int(st, 1) == 1)
            f->months[i].moved_in++;
        else
            f->months[i].moved_out++;
    }
}

static int load_months(xl_db *db, xl_figures *f, xl_err *err)
{
    char end[8], from[11], to[11], next[8];
    memcpy(end, f->opts.month[0] ? f->opts.month : f->today, 7);
    end[7] = '\0';
    for (int i = 0; i < XL_REPORT_MONTHS; i++)
        xl_report_month_add(end, i - (XL_REPORT_MONTHS - 1), f->months[i].month);
    xl_report_month_add(end, 1, next);
    snprintf(from, sizeof from, "%s-01", f->months[0].month);
    snprintf(to, sizeof to, "%s-01", next);
    sqlite3_stmt *st = xl_db_prepare(db, moves_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, from, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, to, -1, SQLITE_TRANSIENT);
    return xl_report_each(db, st, move_row, f, "moves", err);
}

/* ---- residents by role and by home province ---- */

static const char roles_sql[] =
    "SELECT role, count(*) FROM residency WHERE moved_out IS NULL GROUP BY role";

static void role_row(sqlite3_stmt *st, void *ctx)
{
    xl_figures *f = ctx;
    int r = xl_role_parse(xl_col_text(st, 0));
    if (r >= 0 && r < 4)
        f->by_role[r] = sqlite3_column_int(st, 1);
}

static const char provinces_sql[] =
    "SELECT p.province, count(*) AS n FROM residency r JOIN person p ON p.id = r.person_id"
    " WHERE r.moved_out IS NULL GROUP BY p.province ORDER BY n DESC, p.province";

typedef struct count_ctx {
    xl_fig_count **arr;
    size_t *n, cap;
} count_ctx;

/* key, label, count columns → one xl_fig_count. */
static void count_row(sqlite3_stmt *st, void *vctx)
{
    count_ctx *c = vctx;
    XL_GROW(*c->arr, *c->n, c->cap);
    xl_fig_count *fc = &(*c->arr)[(*c->n)++];
    memset(fc, 0, sizeof *fc);
    xl_strlcpy_utf8(fc->key, xl_col_text(st, 0), sizeof fc->key);
    xl_strlcpy_utf8(fc->label, xl_col_text(st, sqlite3_column_count(st) - 2), sizeof fc->label);
    fc->count = sqlite3_column_int(st, sqlite3_column_count(st) - 1);
}

int xl_report_counts(xl_db *db, const char *sql, const char *today, xl_fig_count **out,
                     size_t *n, xl_err *err);
int xl_report_counts(xl_db *db, const char *sql, const char *today, xl_fig_count **out,
                     size_t *n, xl_err *err)
{
    count_ctx c = {out, n, 0};
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    if (today)
        sqlite3_bind_text(st, 1, today, -1, SQLITE_TRANSIENT);
    return xl_report_each(db, st, count_row, &c, "figures", err);
}

static int load_people(xl_db *db, xl_figures *f, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, roles_sql, err);
    if (!st || xl_report_each(db, st, role_row, f, "roles", err))
        return XL_EFAIL;
    return xl_report_counts(db, provinces_sql, NULL, &f->provinces, &f->nprovinces, err);
}

int xl_figures_load(xl_db *db, const xl_report_opts *opts, xl_figures *f, xl_err *err)
{
    memset(f, 0, sizeof *f);
    f->opts = *opts;
    xl_today(f->today);
    if (opts->month[0] && !xl_month_valid(opts->month))
        return xl_err_set(err, XL_EUSAGE, "%s", _(RPT_MONTH_BAD));
    int rc = xl_stats_compute(db, &f->st, err);
    if (rc == XL_OK)
        rc = load_buildings(db, f, err);
    if (rc == XL_OK)
        rc = load_months(db, f, err);
    if (rc == XL_OK)
        rc = load_people(db, f, err);
    if (rc == XL_OK)
        rc = xl_figures_lists(db, f, err);
    if (rc != XL_OK)
        xl_figures_release(f);
    return rc;
}

void xl_figures_release(xl_figures *f)
{
    xl_stats_release(&f->st);
    free(f->buildings);
    free(f->provinces);
    free(f->items);
    free(f->overdue);
    free(f->cover);
    memset(f, 0, sizeof *f);
}
