/* structure.c — organisations, party members and pioneer group teams as the desk lists
 * them, and a building's or a room's stored values for the card's forms (structure.h). */
#include "xiangli/structure.h"

#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

/* ---- lists */

typedef void (*row_fn)(sqlite3_stmt *st, void *row);

/* Every row of sql into an array of rows of size bytes each. */
static int read_rows(xl_db *db, const char *sql, size_t size, row_fn fill, void **rows,
                     size_t *n, xl_err *err)
{
    *rows = NULL, *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    int rc;
    char *out = NULL;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        out = xl_reallocarray(out, *n + 1, size);
        memset(out + *n * size, 0, size);
        fill(st, out + *n * size);
        (*n)++;
    }
    sqlite3_finalize(st);
    *rows = out;
    if (rc != SQLITE_DONE)
        return xl_db_fail(db, "structure", err);
    return XL_OK;
}

static void org_fill(sqlite3_stmt *st, void *p)
{
    xl_org_row *r = p;
    r->id = sqlite3_column_int64(st, 0);
    xl_col_copy(st, 1, r->name, sizeof r->name);
    xl_col_copy(st, 2, r->kind, sizeof r->kind);
    xl_col_copy(st, 3, r->contact, sizeof r->contact);
}

int xl_org_rows(xl_db *db, xl_org_row **rows, size_t *n, xl_err *err)
{
    return read_rows(db, "SELECT id, name, kind, contact FROM organisation ORDER BY name",
                     sizeof **rows, org_fill, (void **)rows, n, err);
}

static void party_fill(sqlite3_stmt *st, void *p)
{
    xl_party_row *r = p;
    r->person_id = sqlite3_column_int64(st, 0);
    xl_col_copy(st, 1, r->name, sizeof r->name);
    xl_col_copy(st, 2, r->branch, sizeof r->branch);
    r->building = sqlite3_column_int(st, 3);
    xl_col_copy(st, 4, r->room, sizeof r->room);
}

int xl_party_list(xl_db *db, xl_party_row **rows, size_t *n, xl_err *err)
{
    return read_rows(db,
        "SELECT p.id, p.name, coalesce(m.branch, ''), coalesce(m.household_building, r.building, 0),"
        " coalesce(m.household_room, r.room, '') FROM person p"
        " LEFT JOIN party_member m ON m.person_id = p.id"
        " LEFT JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL"
        " WHERE p.party_member = 1 ORDER BY p.name, p.id", sizeof **rows, party_fill, (void **)rows, n, err);
}

static void team_fill(sqlite3_stmt *st, void *p)
{
    xl_team_row *r = p;
    r->group = sqlite3_column_int(st, 0);
    xl_col_copy(st, 1, r->member, sizeof r->member);
    r->is_org = sqlite3_column_int(st, 2);
    r->leader = sqlite3_column_int(st, 3);
}

int xl_teams_list(xl_db *db, xl_team_row **rows, size_t *n, xl_err *err)
{
    return read_rows(db,
        "SELECT t.pioneer_group, coalesce(p.name, o.name), t.org_id IS NOT NULL, t.leader"
        " FROM pioneer_member t LEFT JOIN person p ON p.id = t.person_id"
        " LEFT JOIN organisation o ON o.id = t.org_id"
        " ORDER BY t.pioneer_group, t.leader DESC, 2", sizeof **rows, team_fill, (void **)rows,
        n, err);
}

/* ---- a building's and a room's values */

/* One row of sql (?1 = a, ?2 = b) copied column by column into v[cols[i]]. */
static int read_values(xl_db *db, const char *sql, int a, const char *b, const int *cols,
                       int ncols, xl_cvalue *v, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, a);
    if (b)
        sqlite3_bind_text(st, 2, b, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    for (int i = 0; rc == SQLITE_ROW && i < ncols; i++)
        xl_col_copy(st, i, v[cols[i]], sizeof v[0]);
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return XL_ENOTFOUND;
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "structure", err);
}

int xl_building_values(xl_db *db, int number, xl_cvalue v[XL_B_COUNT], xl_err *err)
{
    static const int cols[] = {XL_B_NUMBER, XL_B_LANE, XL_B_ADDRESS, XL_B_FLOORS, XL_B_OWNER,
                               XL_B_GROUP, XL_B_GRID, XL_B_GRID_LEADER};
    memset(v, 0, XL_B_COUNT * sizeof *v);
    int rc = read_values(db,
        "SELECT b.number, l.name, b.address, b.floors, coalesce(o.name, ''),"
        " coalesce(b.pioneer_group, ''), coalesce(g.name, ''), coalesce(gl.name, '')"
        " FROM building b JOIN lane l ON l.id = b.lane_id"
        " LEFT JOIN person o ON o.id = b.owner_id LEFT JOIN micro_grid g ON g.id = b.micro_grid_id"
        " LEFT JOIN person gl ON gl.id = g.leader_id WHERE b.number = ?1",
        number, NULL, cols, (int)(sizeof cols / sizeof cols[0]), v, err);
    if (rc == XL_ENOTFOUND)
        return xl_err_no_building(err, NULL, number);
    return rc;
}

int xl_room_values(xl_db *db, int building, const char *room, xl_cvalue v[XL_R_COUNT],
                   xl_err *err)
{
    static const int cols[] = {XL_R_BUILDING, XL_R_ROOM, XL_R_DECLARED, XL_R_USE, XL_R_FLOOR};
    memset(v, 0, XL_R_COUNT * sizeof *v);
    int rc = read_values(db,
        "SELECT building, room, declared_headcount, use, floor FROM room"
        " WHERE building = ?1 AND room = ?2", building, room, cols, 5, v, err);
    if (rc == XL_ENOTFOUND)
        xl_err_set(err, XL_ENOTFOUND, _(E_NO_ROOM_FMT), building, room);
    return rc;
}
