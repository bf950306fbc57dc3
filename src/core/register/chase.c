/* chase.c — the stale chase: whole-building confirmation and sign-out, the chase list for
 * the grid worker's round, and the record of each chase (data/schema/010_chase.sql). */
#include "xiangli/chase.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "core/register/register_tx.h"
#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"
#include "xiangli/resident.h"
#include "xiangli/text.h"

static const char *const outcome_keys[] = {"listed", "confirmed", "signed_out"};

const char *xl_chase_outcome_label(xl_chase_outcome o)
{
    switch (o) {
    case XL_CHASE_CONFIRMED: return _(CHASE_CONFIRMED);
    case XL_CHASE_SIGNED_OUT: return _(CHASE_SIGNED_OUT);
    default: return _(CHASE_LISTED);
    }
}

/* One chase row and its audit row, inside the caller's transaction. */
static int chase_record(xl_db *db, int building, xl_chase_outcome o, int residents, xl_err *err)
{
    char now[20], detail[128], id[16];
    xl_now(now);
    sqlite3_stmt *st = xl_db_prepare(db,
        "INSERT INTO chase(building, responsible_id, operator, at, outcome, residents)"
        " SELECT number, responsible_id, ?2, ?3, ?4, ?5 FROM building WHERE number = ?1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, building);
    sqlite3_bind_text(st, 2, xl_db_operator(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, now, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, outcome_keys[o], -1, SQLITE_STATIC);
    sqlite3_bind_int(st, 5, residents);
    if (xl_db_step_done(db, st, "chase", err))
        return XL_EFAIL;
    snprintf(id, sizeof id, "%d", building);
    snprintf(detail, sizeof detail, "outcome=%s residents=%d", outcome_keys[o], residents);
    return xl_db_audit(db, "stale.chase", "building", id, detail, err);
}

typedef struct building_job {
    int days, building, count;
    xl_chase_outcome outcome;
} building_job;

static const xl_stale_group *group_of(const xl_stale_list *l, int building)
{
    for (size_t i = 0; i < l->ngroups; i++)
        if (l->groups[i].building == building)
            return &l->groups[i];
    return NULL;
}

static int one(xl_db *db, const xl_stale_row *r, xl_chase_outcome o, xl_err *err)
{
    if (o == XL_CHASE_CONFIRMED)
        return xl_residency_confirm_in_tx(db, r->residency_id, err);
    return xl_signout_in_tx(db, r->residency_id, r->last_seen, "desk", err);
}

static int building_body(xl_db *db, void *ctx, xl_err *err)
{
    building_job *j = ctx;
    xl_stale_list l;
    if (xl_stale_list_load(db, j->days, &l, err) != XL_OK)
        return XL_EFAIL;
    const xl_stale_group *g = group_of(&l, j->building);
    int rc = g ? XL_OK : xl_err_set(err, XL_ENOTFOUND, _(CHASE_NONE_FMT), j->building);
    for (size_t i = 0; g && rc == XL_OK && i < g->count; i++)
        rc = one(db, &l.rows[g->first + i], j->outcome, err);
    j->count = g ? (int)g->count : 0;
    if (rc == XL_OK)
        rc = chase_record(db, j->building, j->outcome, j->count, err);
    xl_stale_list_release(&l);
    return rc;
}

static int whole_building(xl_db *db, int days, int building, xl_chase_outcome o, int *count,
                          xl_err *err)
{
    building_job j = {.days = days, .building = building, .outcome = o};
    int rc = xl_db_tx(db, building_body, &j, err);
    if (count)
        *count = rc == XL_OK ? j.count : 0;
    return rc;
}

int xl_chase_confirm_building(xl_db *db, int days, int building, int *count, xl_err *err)
{
    return whole_building(db, days, building, XL_CHASE_CONFIRMED, count, err);
}

int xl_chase_signout_building(xl_db *db, int days, int building, int *count, xl_err *err)
{
    return whole_building(db, days, building, XL_CHASE_SIGNED_OUT, count, err);
}

/* ---- the chase list ---- */

/* A CSV field: quoted, quotes doubled, and a leading = + - @ made text (a spreadsheet would
 * run it as a formula). */
static void csv_field(xl_buf *b, const char *s, int last)
{
    xl_buf_puts(b, "\"");
    if (strchr("=+-@", s[0]) && s[0])
        xl_buf_puts(b, "'");
    for (; *s; s++)
        xl_buf_put(b, *s == '"' ? "\"\"" : s, *s == '"' ? 2 : 1);
    xl_buf_puts(b, last ? "\"\r\n" : "\",");
}

static int group_wanted(const xl_stale_group *g, const char *resp)
{
    return !resp || !*resp || strcmp(g->resp_name, resp) == 0;
}

static void list_group(xl_buf *b, const xl_stale_list *l, const xl_stale_group *g)
{
    char num[16], days[16];
    snprintf(num, sizeof num, "%d", g->building);
    for (size_t i = 0; i < g->count; i++) {
        const xl_stale_row *r = &l->rows[g->first + i];
        snprintf(days, sizeof days, "%d", r->days);
        csv_field(b, g->resp_name[0] ? g->resp_name : _(NONE), 0);
        csv_field(b, num, 0);
        csv_field(b, r->room, 0);
        csv_field(b, r->name, 0);
        csv_field(b, r->last_seen, 0);
        csv_field(b, days, 1);
    }
}

typedef struct list_job {
    const xl_stale_list *l;
    const char *resp;
} list_job;

static int listed_body(xl_db *db, void *ctx, xl_err *err)
{
    list_job *j = ctx;
    for (size_t i = 0; i < j->l->ngroups; i++) {
        const xl_stale_group *g = &j->l->groups[i];
        if (group_wanted(g, j->resp) && chase_record(db, g->building, XL_CHASE_LISTED,
                                                     (int)g->count, err))
            return XL_EFAIL;
    }
    return XL_OK;
}

int xl_chase_list_write(xl_db *db, int days, const char *resp, const char *path, int *rows,
                        xl_err *err)
{
    xl_stale_list l;
    xl_buf b;
    int n = 0;
    if (xl_stale_list_load(db, days, &l, err) != XL_OK)
        return XL_EFAIL;
    xl_buf_init(&b);
    xl_buf_puts(&b, "\xEF\xBB\xBF"); /* BOM: Excel reads the Chinese as UTF-8 */
    xl_buf_puts(&b, _(CHASE_CSV_HEAD));
    xl_buf_puts(&b, "\r\n");
    for (size_t i = 0; i < l.ngroups; i++)
        if (group_wanted(&l.groups[i], resp)) {
            list_group(&b, &l, &l.groups[i]);
            n += (int)l.groups[i].count;
        }
    int rc = n ? XL_OK : xl_err_set(err, XL_ENOTFOUND, "%s", _(CHASE_LIST_EMPTY));
    if (rc == XL_OK)
        rc = xl_file_write(path, b.data, b.len, 0600, err);
    list_job j = {&l, resp};
    if (rc == XL_OK)
        rc = xl_db_tx(db, listed_body, &j, err);
    xl_buf_release(&b);
    xl_stale_list_release(&l);
    if (rows)
        *rows = rc == XL_OK ? n : 0;
    return rc;
}

int xl_chase_last_load(xl_db *db, int building, xl_chase_last *out, xl_err *err)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT at, operator, outcome, residents FROM chase WHERE building = ?1"
        " ORDER BY at DESC, id DESC LIMIT 1", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, building);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        xl_col_copy(st, 0, out->at, sizeof out->at);
        xl_col_copy(st, 1, out->operator_name, sizeof out->operator_name);
        for (int o = 0; o < 3; o++)
            if (strcmp(xl_col_text(st, 2), outcome_keys[o]) == 0)
                out->outcome = (xl_chase_outcome)o;
        out->residents = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "chase", err);
}
