/* statistics_lists.c — the figures of the four lists and the roundtables (report.h): open
 * items by category and state, overdue actions by owner, roundtable coverage. */
#include "xiangli/mem.h"
#include "xiangli/report.h"

#include <stdlib.h>
#include <string.h>

#include "report_internal.h"
#include "xiangli/meeting.h"

int xl_figures_lists(xl_db *db, xl_figures *f, xl_err *err);
int xl_report_counts(xl_db *db, const char *sql, const char *today, xl_fig_count **out,
                     size_t *n, xl_err *err);

static const char items_sql[] =
    "SELECT category, sum(status = 'open'), sum(status = 'in_progress') FROM list_item"
    " WHERE status IN ('open', 'in_progress') GROUP BY category ORDER BY category";

typedef struct items_ctx {
    xl_figures *f;
    size_t cap;
} items_ctx;

static void items_row(sqlite3_stmt *st, void *vctx)
{
    items_ctx *c = vctx;
    XL_GROW(c->f->items, c->f->nitems, c->cap);
    xl_fig_items *it = &c->f->items[c->f->nitems++];
    memset(it, 0, sizeof *it);
    xl_strlcpy_utf8(it->category, xl_col_text(st, 0), sizeof it->category);
    it->open = sqlite3_column_int(st, 1);
    it->in_progress = sqlite3_column_int(st, 2);
}

/* Owner key, owner name, count. */
static const char overdue_sql[] =
    "SELECT CASE WHEN i.owner_person IS NOT NULL THEN 'P' || i.owner_person"
    "            ELSE 'O' || i.owner_org END AS k,"
    "       coalesce(p.name, o.name, '') AS who, count(*) AS n"
    " FROM list_item i LEFT JOIN person p ON p.id = i.owner_person"
    " LEFT JOIN organisation o ON o.id = i.owner_org"
    " WHERE i.kind = 'action' AND i.status IN ('open', 'in_progress') AND i.due < ?1"
    " GROUP BY k ORDER BY n DESC, who";

/* ---- roundtable coverage ---- */

static xl_fig_cover *cover_slot(xl_figures *f, size_t *cap, int kind, int id, const char *label)
{
    for (size_t i = 0; i < f->ncover; i++)
        if (f->cover[i].kind == kind && f->cover[i].id == id)
            return &f->cover[i];
    XL_GROW(f->cover, f->ncover, *cap);
    xl_fig_cover *c = &f->cover[f->ncover++];
    memset(c, 0, sizeof *c);
    c->kind = kind, c->id = id;
    xl_strlcpy_utf8(c->label, label, sizeof c->label);
    return c;
}

static int by_kind_id(const void *a, const void *b)
{
    const xl_fig_cover *x = a, *y = b;
    return x->kind != y->kind ? x->kind - y->kind : x->id - y->id;
}

static void cover_add(xl_figures *f, size_t *cap, const xl_building_summary *s, int covered)
{
    xl_fig_cover *lane = cover_slot(f, cap, XL_COVER_LANE, s->lane_id, s->lane);
    lane->buildings++, lane->covered += covered;
    if (s->pioneer_group > 0) {
        xl_fig_cover *g = cover_slot(f, cap, XL_COVER_GROUP, s->pioneer_group, "");
        g->buildings++, g->covered += covered;
    }
    f->rt_buildings++, f->rt_covered += covered;
}

static int load_cover(xl_db *db, xl_figures *f, xl_err *err)
{
    xl_roundtable_age *ages = NULL;
    size_t n = 0, cap = 0;
    if (xl_roundtable_ages(db, f->opts.roundtable_days, 0, &ages, &n, err))
        return XL_EFAIL;
    /* both are by building number */
    for (size_t i = 0, j = 0; i < f->st.nbuildings; i++) {
        const xl_building_summary *s = &f->st.per_building[i];
        while (j < n && ages[j].building < s->number)
            j++;
        int covered = j < n && ages[j].building == s->number && !ages[j].stale;
        cover_add(f, &cap, s, covered);
    }
    free(ages);
    for (size_t i = 0; i < f->ncover; i++)
        f->cover[i].share = (double)f->cover[i].covered / f->cover[i].buildings;
    f->rt_share = f->rt_buildings ? (double)f->rt_covered / f->rt_buildings : 0.0;
    if (f->ncover)
        xl_qsort(f->cover, f->ncover, sizeof *f->cover, by_kind_id);
    return XL_OK;
}

int xl_figures_lists(xl_db *db, xl_figures *f, xl_err *err)
{
    items_ctx c = {f, 0};
    sqlite3_stmt *st = xl_db_prepare(db, items_sql, err);
    if (!st || xl_report_each(db, st, items_row, &c, "items", err))
        return XL_EFAIL;
    if (xl_report_counts(db, overdue_sql, f->today, &f->overdue, &f->noverdue, err))
        return XL_EFAIL;
    for (size_t i = 0; i < f->noverdue; i++)
        f->overdue_total += f->overdue[i].count;
    return load_cover(db, f, err);
}
