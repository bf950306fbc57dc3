/* community_apply.c — one row of a community sheet applied inside the import's transaction:
 * buildings (with their lane, micro-grid and people), rooms, organisations, party members
 * and pioneer group teams, each matched by its natural key and added, changed or left as it
 * is (rules in community.h). Column names in the SQL come from fixed tables, never from a
 * sheet. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "community_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"
#include "xiangli/text.h"
#include "xiangli/model.h"

/* ------------------------------------------------------------------ values */

/* An integer lo..hi; 0 when not one. */
static int int_in(const char *s, int lo, int hi, int *out)
{
    char *end;
    if (!s[0] || strspn(s, "0123456789") != strlen(s) || strlen(s) > 6)
        return 0;
    long v = strtol(s, &end, 10);
    if (v < lo || v > hi)
        return 0;
    *out = (int)v;
    return 1;
}

static int utf8_chars(const char *s)
{
    int n = 0;
    for (; *s; s++)
        n += ((unsigned char)*s & 0xC0) != 0x80;
    return n;
}

/* A building number cell ("127", "127号楼"): 0 and a problem when not 1..99999. */
static int building_cell(ci_run *r, const xl_csv_row *row, int k, int *number)
{
    static const char *const words[] = {"号楼", "号", "栋", "幢", NULL};
    char s[64];
    ci_cell(r, row, k, 1, s, sizeof s);
    xl_cut_suffix(s, words);
    if (int_in(s, 1, 99999, number))
        return 1;
    ci_problem(r, row, k, _(CI_E_INT_FMT), 1, 99999);
    return 0;
}

static int room_cell(ci_run *r, const xl_csv_row *row, int k, char room[9])
{
    static const char *const words[] = {"室", "房", NULL};
    char s[64];
    ci_cell(r, row, k, 1, s, sizeof s);
    xl_cut_suffix(s, words);
    if (s[0] && utf8_chars(s) <= 8 && strlen(s) < 9) {
        memcpy(room, s, strlen(s) + 1);
        return 1;
    }
    ci_problem(r, row, k, "%s", _(CI_E_ROOM));
    return 0;
}

/* Text of at most max characters ("" allowed). */
static int text_cell(ci_run *r, const xl_csv_row *row, int k, int max, char *out, size_t size)
{
    ci_cell(r, row, k, 0, out, size);
    if (utf8_chars(out) <= max && strlen(out) + 1 < size)
        return 1;
    ci_problem(r, row, k, _(CI_E_TOO_LONG_FMT), max);
    return 0;
}

static int phone_cell(ci_run *r, const xl_csv_row *row, int k, char *out, size_t size)
{
    xl_err e;
    ci_cell(r, row, k, 1, out, size);
    if (!out[0] || xl_phone_validate(out, &e) == XL_OK)
        return 1;
    ci_problem(r, row, k, "%s", e.msg);
    return 0;
}

static int id_cell(ci_run *r, const xl_csv_row *row, int k, char out[19])
{
    char raw[64];
    xl_err e;
    ci_cell(r, row, k, 1, raw, sizeof raw);
    out[0] = '\0';
    if (!raw[0] || xl_id_validate(raw, out, &e) == XL_OK)
        return 1;
    ci_problem(r, row, k, "%s", e.msg);
    return 0;
}

/* 是/否 and friends: 1, 0, or -1 when empty; -2 when unreadable. */
static int yes_no(const char *s)
{
    static const char *const yes[] = {"是", "组长", "yes", "y", "true", "1", "√", NULL};
    static const char *const no[] = {"否", "no", "n", "false", "0", NULL};
    if (!s[0])
        return -1;
    for (size_t i = 0; yes[i]; i++)
        if (strcasecmp(s, yes[i]) == 0)
            return 1;
    for (size_t i = 0; no[i]; i++)
        if (strcasecmp(s, no[i]) == 0)
            return 0;
    return -2;
}

/* ------------------------------------------------------------------ SQL helpers */

/* One integer from sql with ?1 bound to a (text when at is set, else ai); -1 when no row,
 * -2 on error. */
static int64_t one_id(xl_db *db, const char *sql, const char *at, int64_t ai, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return -2;
    if (at)
        sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 1, ai);
    int rc = sqlite3_step(st);
    int64_t v = rc == SQLITE_ROW ? sqlite3_column_int64(st, 0) : rc == SQLITE_DONE ? -1 : -2;
    if (v == -2)
        xl_db_fail(db, "community", err);
    sqlite3_finalize(st);
    return v;
}

/* UPDATE table SET col = value WHERE key = ?1 AND col IS NOT value; *changed |= a row
 * changed. value: text, or NULL for ival (ival < 0 with is_null: NULL). */
static int set_col(xl_db *db, const char *table, const char *key, int64_t keyv, const char *col,
                   const char *text, int64_t ival, int *changed, xl_err *err)
{
    char sql[256];
    snprintf(sql, sizeof sql, "UPDATE %s SET %s = ?2 WHERE %s = ?1 AND %s IS NOT ?2", table, col,
             key, col);
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, keyv);
    if (text)
        sqlite3_bind_text(st, 2, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 2, ival);
    if (xl_db_step_done(db, st, "community", err))
        return XL_EFAIL;
    *changed |= sqlite3_changes(xl_db_handle(db)) > 0;
    return XL_OK;
}

static int64_t insert_named(xl_db *db, const char *sql, const char *name, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return -2;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(db, st, "community", err))
        return -2;
    return sqlite3_last_insert_rowid(xl_db_handle(db));
}

/* The id of the row named name in lane / micro_grid, added when missing. */
static int64_t named_row(xl_db *db, const char *table, const char *name, int *changed, xl_err *err)
{
    char sel[96], ins[96];
    snprintf(sel, sizeof sel, "SELECT id FROM %s WHERE name = ?1", table);
    snprintf(ins, sizeof ins, "INSERT INTO %s (name) VALUES (?1)", table);
    int64_t id = one_id(db, sel, name, 0, err);
    if (id == -1) {
        *changed = 1;
        id = insert_named(db, ins, name, err);
    }
    return id;
}

/* ------------------------------------------------------------------ people */

typedef struct who {
    char name[100], phone[24], id[19];
} who;

static int64_t person_add(ci_run *r, const who *w, xl_err *err)
{
    char now[20];
    xl_now(now);
    sqlite3_stmt *st = xl_db_prepare(r->db,
        "INSERT INTO person (name, phone, id_number, created_at) VALUES (?1, ?2, ?3, ?4)", err);
    if (!st)
        return -2;
    sqlite3_bind_text(st, 1, w->name, -1, SQLITE_TRANSIENT);
    xl_bind_text_or_null(st, 2, w->phone);
    xl_bind_text_or_null(st, 3, w->id);
    sqlite3_bind_text(st, 4, now, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(r->db, st, "community", err))
        return -2;
    int64_t pid = sqlite3_last_insert_rowid(xl_db_handle(r->db));
    char id[24];
    snprintf(id, sizeof id, "%lld", (long long)pid);
    return ci_audit(r, "add", "person", id, err) ? -2 : pid;
}

/* The person w names: by ID number; else current (when it has that name), else someone of
 * that name living in building; else a new person. A phone given and different is kept. */
static int64_t person_of(ci_run *r, const who *w, int64_t current, int building, int *changed,
                         xl_err *err)
{
    int64_t pid = -1;
    if (w->id[0])
        pid = one_id(r->db, "SELECT id FROM person WHERE id_number = ?1", w->id, 0, err);
    if (pid == -1 && !w->id[0] && current > 0) {
        sqlite3_stmt *st = xl_db_prepare(r->db, "SELECT name FROM person WHERE id = ?1", err);
        if (!st)
            return -2;
        sqlite3_bind_int64(st, 1, current);
        if (sqlite3_step(st) == SQLITE_ROW && strcmp(xl_col_text(st, 0), w->name) == 0)
            pid = current;
        sqlite3_finalize(st);
    }
    if (pid == -1 && !w->id[0] && building > 0) {
        sqlite3_stmt *st = xl_db_prepare(r->db,
            "SELECT p.id FROM person p JOIN residency rs ON rs.person_id = p.id"
            " WHERE rs.building = ?1 AND rs.moved_out IS NULL AND p.name = ?2 LIMIT 1", err);
        if (!st)
            return -2;
        sqlite3_bind_int(st, 1, building);
        sqlite3_bind_text(st, 2, w->name, -1, SQLITE_TRANSIENT);
        if (sqlite3_step(st) == SQLITE_ROW)
            pid = sqlite3_column_int64(st, 0);
        sqlite3_finalize(st);
    }
    if (pid == -1) {
        *changed = 1;
        return person_add(r, w, err);
    }
    if (pid > 0 && w->phone[0] && set_col(r->db, "person", "id", pid, "phone", w->phone, 0, changed, err))
        return -2;
    return pid;
}

/* ------------------------------------------------------------------ buildings */

typedef struct bval {
    int number, floors, group, map_row, map_col, resp_role; /* 0 / -1: not given */
    char lane[40], address[100], grid[70];
    who owner, resp, leader;
} bval;

static int role_of(const char *s)
{
    if (!s[0])
        return -1;
    if (!strcmp(s, "业主") || !strcmp(s, "房东") || !strcasecmp(s, "owner"))
        return 0;
    if (!strcmp(s, "二房东") || !strcasecmp(s, "sublandlord") || !strcasecmp(s, "sub-landlord"))
        return 1;
    return -2;
}

static int optional_int(ci_run *r, const xl_csv_row *row, int k, int lo, int hi, int *out)
{
    char s[32];
    ci_cell(r, row, k, 1, s, sizeof s);
    if (!s[0] || int_in(s, lo, hi, out))
        return 1;
    ci_problem(r, row, k, _(CI_E_INT_FMT), lo, hi);
    return 0;
}

static int who_cells(ci_run *r, const xl_csv_row *row, int kn, int kp, int ki, who *w)
{
    int ok = text_cell(r, row, kn, 64, w->name, sizeof w->name);
    ok &= kp < 0 || phone_cell(r, row, kp, w->phone, sizeof w->phone);
    ok &= ki < 0 || id_cell(r, row, ki, w->id);
    return ok;
}

static int building_values(ci_run *r, const xl_csv_row *row, bval *v)
{
    memset(v, 0, sizeof *v);
    v->map_row = v->map_col = v->resp_role = -1;
    int ok = building_cell(r, row, XL_B_NUMBER, &v->number);
    ok &= text_cell(r, row, XL_B_LANE, 30, v->lane, sizeof v->lane);
    if (v->lane[0] && strspn(v->lane, "0123456789") == strlen(v->lane))
        strcat(v->lane, "弄");
    ok &= text_cell(r, row, XL_B_ADDRESS, 80, v->address, sizeof v->address);
    ok &= optional_int(r, row, XL_B_FLOORS, 1, 20, &v->floors);
    ok &= optional_int(r, row, XL_B_GROUP, 1, 3, &v->group);
    ok &= optional_int(r, row, XL_B_MAP_ROW, 0, 999, &v->map_row);
    ok &= optional_int(r, row, XL_B_MAP_COL, 0, 999, &v->map_col);
    ok &= text_cell(r, row, XL_B_GRID, 64, v->grid, sizeof v->grid);
    ok &= who_cells(r, row, XL_B_OWNER, XL_B_OWNER_PHONE, XL_B_OWNER_ID, &v->owner);
    ok &= who_cells(r, row, XL_B_RESP, XL_B_RESP_PHONE, -1, &v->resp);
    ok &= who_cells(r, row, XL_B_GRID_LEADER, -1, -1, &v->leader);
    char role[32];
    ci_cell(r, row, XL_B_RESP_ROLE, 0, role, sizeof role);
    v->resp_role = role_of(role);
    if (v->resp_role == -2)
        ok = ci_problem(r, row, XL_B_RESP_ROLE, "%s", _(CI_E_RESP_ROLE)) && 0;
    return ok;
}

static int building_add(ci_run *r, const bval *v, const xl_csv_row *row, xl_err *err)
{
    int dummy = 0;
    if (!v->lane[0])
        return ci_problem(r, row, XL_B_LANE, "%s", _(CI_E_LANE_NEW));
    int64_t lane = named_row(r->db, "lane", v->lane, &dummy, err);
    if (lane < 0)
        return ROW_DBERR;
    sqlite3_stmt *st = xl_db_prepare(r->db,
        "INSERT INTO building (number, lane_id, floors) VALUES (?1, ?2, ?3)", err);
    if (!st)
        return ROW_DBERR;
    sqlite3_bind_int(st, 1, v->number);
    sqlite3_bind_int64(st, 2, lane);
    sqlite3_bind_int(st, 3, v->floors ? v->floors : 3);
    return xl_db_step_done(r->db, st, "community", err) ? ROW_DBERR : ROW_ADDED;
}

/* The plain columns: lane, address, floors, group, grid, map position. */
static int building_fields(ci_run *r, const bval *v, int *ch, xl_err *err)
{
    xl_db *db = r->db;
    int n = v->number, rc = XL_OK;
    if (v->lane[0]) {
        int64_t lane = named_row(db, "lane", v->lane, ch, err);
        rc |= lane < 0 || set_col(db, "building", "number", n, "lane_id", NULL, lane, ch, err);
    }
    if (v->address[0])
        rc |= set_col(db, "building", "number", n, "address", v->address, 0, ch, err);
    if (v->floors)
        rc |= set_col(db, "building", "number", n, "floors", NULL, v->floors, ch, err);
    if (v->group)
        rc |= set_col(db, "building", "number", n, "pioneer_group", NULL, v->group, ch, err);
    if (v->grid[0]) {
        int64_t g = named_row(db, "micro_grid", v->grid, ch, err);
        rc |= g < 0 || set_col(db, "building", "number", n, "micro_grid_id", NULL, g, ch, err);
    }
    if (v->map_row >= 0 && v->map_col >= 0) {
        rc |= set_col(db, "building", "number", n, "map_row", NULL, v->map_row, ch, err);
        rc |= set_col(db, "building", "number", n, "map_col", NULL, v->map_col, ch, err);
        rc |= set_col(db, "building", "number", n, "map_fixed", NULL, 1, ch, err);
    }
    return rc ? XL_EFAIL : XL_OK;
}

static int64_t building_int(xl_db *db, const char *col, int number, xl_err *err)
{
    char sql[96];
    snprintf(sql, sizeof sql, "SELECT coalesce(%s, 0) FROM building WHERE number = ?1", col);
    return one_id(db, sql, NULL, number, err);
}

/* The first responsible person: history closed and opened when the holder or role changes. */
static int set_responsible(ci_run *r, int number, int64_t pid, int role, int *ch, xl_err *err)
{
    int64_t cur = building_int(r->db, "responsible_id", number, err);
    int64_t cur_role = one_id(r->db, "SELECT responsible_role = 'sublandlord' FROM building WHERE number = ?1",
                              NULL, number, err);
    if (cur < 0 || cur_role < 0)
        return XL_EFAIL;
    if (cur == pid && cur_role == role)
        return XL_OK;
    *ch = 1;
    sqlite3_stmt *st = xl_db_prepare(r->db,
        "UPDATE responsible_history SET until = ?2 WHERE building = ?1 AND until IS NULL", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, number);
    sqlite3_bind_text(st, 2, r->today, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(r->db, st, "community", err))
        return XL_EFAIL;
    st = xl_db_prepare(r->db,
        "INSERT INTO responsible_history (building, person_id, role, since) VALUES (?1, ?2, ?3, ?4);", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, number);
    sqlite3_bind_int64(st, 2, pid);
    sqlite3_bind_text(st, 3, role ? "sublandlord" : "owner", -1, SQLITE_STATIC);
    sqlite3_bind_text(st, 4, r->today, -1, SQLITE_TRANSIENT);
    if (xl_db_step_done(r->db, st, "community", err))
        return XL_EFAIL;
    int dummy = 0;
    return set_col(r->db, "building", "number", number, "responsible_id", NULL, pid, &dummy, err)
        || set_col(r->db, "building", "number", number, "responsible_role",
                   role ? "sublandlord" : "owner", 0, &dummy, err);
}

/* Owner, first responsible person, grid leader. */
static int building_people(ci_run *r, const bval *v, int *ch, xl_err *err)
{
    int n = v->number;
    int64_t owner = building_int(r->db, "owner_id", n, err);
    if (owner < 0)
        return XL_EFAIL;
    if (v->owner.name[0]) {
        owner = person_of(r, &v->owner, owner, n, ch, err);
        if (owner < 0 || set_col(r->db, "building", "number", n, "owner_id", NULL, owner, ch, err))
            return XL_EFAIL;
    }
    if (v->resp.name[0]) {
        int same = owner > 0 && strcmp(v->resp.name, v->owner.name[0] ? v->owner.name : "") == 0;
        int64_t cur = building_int(r->db, "responsible_id", n, err);
        int64_t pid = same ? owner : person_of(r, &v->resp, cur, n, ch, err);
        int role = v->resp_role >= 0 ? v->resp_role : !same;
        if (cur < 0 || pid < 0 || set_responsible(r, n, pid, role, ch, err))
            return XL_EFAIL;
    }
    if (v->leader.name[0] && v->grid[0]) {
        int64_t g = one_id(r->db, "SELECT id FROM micro_grid WHERE name = ?1", v->grid, 0, err);
        int64_t cur = g > 0 ? one_id(r->db, "SELECT coalesce(leader_id, 0) FROM micro_grid WHERE id = ?1", NULL, g, err) : -2;
        int64_t pid = cur >= 0 ? person_of(r, &v->leader, cur, 0, ch, err) : -2;
        if (pid < 0 || set_col(r->db, "micro_grid", "id", g, "leader_id", NULL, pid, ch, err))
            return XL_EFAIL;
    }
    return XL_OK;
}

int ci_apply_building(ci_run *r, const xl_csv_row *row, xl_err *err)
{
    bval v;
    if (!building_values(r, row, &v))
        return ROW_REFUSED;
    int64_t exists = one_id(r->db, "SELECT 1 FROM building WHERE number = ?1", NULL, v.number, err);
    if (exists == -2)
        return ROW_DBERR;
    int what = exists > 0 ? ROW_UNCHANGED : building_add(r, &v, row, err);
    if (what == ROW_REFUSED || what == ROW_DBERR)
        return what;
    int ch = 0;
    if (building_fields(r, &v, &ch, err) || building_people(r, &v, &ch, err))
        return ROW_DBERR;
    if (what == ROW_UNCHANGED && ch)
        what = ROW_CHANGED;
    char id[16];
    snprintf(id, sizeof id, "%d", v.number);
    if (what != ROW_UNCHANGED && ci_audit(r, what == ROW_ADDED ? "add" : "update", "building", id, err))
        return ROW_DBERR;
    return what;
}

/* ------------------------------------------------------------------ rooms */

static const char *use_of(const char *s) { return xl_room_use_parse(s); }

static int room_floor(const char *room)
{
    size_t n = strlen(room);
    if (n >= 3 && strspn(room, "0123456789") == n)
        return atoi(room) / 100 > 0 && atoi(room) / 100 <= 99 ? atoi(room) / 100 : 1;
    return 1;
}

typedef struct rval {
    int building, declared, floor;
    char room[9];
    const char *use;
} rval;

static int room_values(ci_run *r, const xl_csv_row *row, rval *v)
{
    memset(v, 0, sizeof *v);
    v->declared = v->floor = -1;
    int ok = building_cell(r, row, XL_R_BUILDING, &v->building);
    ok &= room_cell(r, row, XL_R_ROOM, v->room);
    char s[32];
    ci_cell(r, row, XL_R_DECLARED, 1, s, sizeof s);
    if (s[0] && !int_in(s, 0, 999, &v->declared))
        ok = ci_problem(r, row, XL_R_DECLARED, _(CI_E_INT_FMT), 0, 999) && 0;
    ok &= optional_int(r, row, XL_R_FLOOR, 1, 99, &v->floor);
    ci_cell(r, row, XL_R_USE, 0, s, sizeof s);
    v->use = s[0] ? use_of(s) : "";
    if (!v->use)
        ok = ci_problem(r, row, XL_R_USE, "%s", _(CI_E_USE)) && 0;
    return ok;
}

static int room_set(ci_run *r, const rval *v, const char *col, const char *text, int64_t ival,
                    int *ch, xl_err *err)
{
    char sql[160];
    snprintf(sql, sizeof sql, "UPDATE room SET %s = ?3 WHERE building = ?1 AND room = ?2 AND %s IS NOT ?3",
             col, col);
    sqlite3_stmt *st = xl_db_prepare(r->db, sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, v->building);
    sqlite3_bind_text(st, 2, v->room, -1, SQLITE_TRANSIENT);
    if (text)
        sqlite3_bind_text(st, 3, text, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_int64(st, 3, ival);
    if (xl_db_step_done(r->db, st, "community", err))
        return XL_EFAIL;
    *ch |= sqlite3_changes(xl_db_handle(r->db)) > 0;
    return XL_OK;
}

static int room_exists(ci_run *r, const rval *v, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(r->db, "SELECT 1 FROM room WHERE building = ?1 AND room = ?2", err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, v->building);
    sqlite3_bind_text(st, 2, v->room, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_ROW ? 1 : rc == SQLITE_DONE ? 0 : -1;
}

static int room_add(ci_run *r, const rval *v, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(r->db,
        "INSERT INTO room (building, room, floor, declared_headcount, use) VALUES (?1, ?2, ?3, ?4, ?5)", err);
    if (!st)
        return ROW_DBERR;
    sqlite3_bind_int(st, 1, v->building);
    sqlite3_bind_text(st, 2, v->room, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 3, v->floor > 0 ? v->floor : room_floor(v->room));
    sqlite3_bind_int(st, 4, v->declared > 0 ? v->declared : 0);
    sqlite3_bind_text(st, 5, v->use, -1, SQLITE_STATIC);
    return xl_db_step_done(r->db, st, "community", err) ? ROW_DBERR : ROW_ADDED;
}

int ci_apply_room(ci_run *r, const xl_csv_row *row, xl_err *err)
{
    rval v;
    if (!room_values(r, row, &v))
        return ROW_REFUSED;
    int64_t b = one_id(r->db, "SELECT 1 FROM building WHERE number = ?1", NULL, v.building, err);
    if (b == -2)
        return ROW_DBERR;
    if (b < 0)
        return ci_problem(r, row, XL_R_BUILDING, _(CI_E_NO_BUILDING_FMT), v.building);
    int exists = room_exists(r, &v, err), ch = 0, what;
    if (exists < 0)
        return ROW_DBERR;
    if (!exists) {
        what = room_add(r, &v, err);
    } else {
        int rc = (v.declared >= 0 && room_set(r, &v, "declared_headcount", NULL, v.declared, &ch, err))
              || (v.use[0] && room_set(r, &v, "use", v.use, 0, &ch, err))
              || (v.floor > 0 && room_set(r, &v, "floor", NULL, v.floor, &ch, err));
        what = rc ? ROW_DBERR : ch ? ROW_CHANGED : ROW_UNCHANGED;
    }
    char id[32];
    snprintf(id, sizeof id, "%d-%s", v.building, v.room);
    if ((what == ROW_ADDED || what == ROW_CHANGED)
        && ci_audit(r, what == ROW_ADDED ? "add" : "update", "room", id, err))
        return ROW_DBERR;
    return what;
}

/* ------------------------------------------------------------------ organisations */

static const char *org_kind_of(const char *s) { return xl_org_kind_parse(s); }

static int org_write(ci_run *r, int64_t id, const char *name, const char *kind, const char *contact,
                     xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(r->db, id > 0
        ? "UPDATE organisation SET kind = coalesce(?2, kind), contact = coalesce(?3, contact)"
          " WHERE id = ?4 AND (kind IS NOT coalesce(?2, kind) OR contact IS NOT coalesce(?3, contact))"
        : "INSERT INTO organisation (name, kind, contact) VALUES (?1, coalesce(?2, 'other'), coalesce(?3, ''))",
        err);
    if (!st)
        return -1;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    xl_bind_text_or_null(st, 2, kind);
    xl_bind_text_or_null(st, 3, contact);
    if (id > 0)
        sqlite3_bind_int64(st, 4, id);
    if (xl_db_step_done(r->db, st, "community", err))
        return -1;
    return sqlite3_changes(xl_db_handle(r->db)) > 0;
}

int ci_apply_org(ci_run *r, const xl_csv_row *row, xl_err *err)
{
    char name[100], kindtext[64], contact[100];
    int ok = text_cell(r, row, XL_O_NAME, 64, name, sizeof name);
    ok &= text_cell(r, row, XL_O_CONTACT, 64, contact, sizeof contact);
    ci_cell(r, row, XL_O_KIND, 0, kindtext, sizeof kindtext);
    const char *kind = kindtext[0] ? org_kind_of(kindtext) : "";
    if (!kind)
        ok = ci_problem(r, row, XL_O_KIND, "%s", _(CI_E_ORG_KIND)) && 0;
    if (ok && !name[0])
        ok = ci_problem(r, row, XL_O_NAME, "%s", _(CI_E_EMPTY)) && 0;
    if (!ok)
        return ROW_REFUSED;
    int64_t id = one_id(r->db, "SELECT id FROM organisation WHERE name = ?1", name, 0, err);
    int n = id == -2 ? -1 : org_write(r, id, name, kind, contact, err);
    if (n < 0)
        return ROW_DBERR;
    int what = id < 0 ? ROW_ADDED : n ? ROW_CHANGED : ROW_UNCHANGED;
    if (what != ROW_UNCHANGED && ci_audit(r, what == ROW_ADDED ? "add" : "update", "organisation", name, err))
        return ROW_DBERR;
    return what;
}

/* ------------------------------------------------------------------ party members */

/* A person by ID number, else by name living in building-room, else by a unique name.
 * -1 with a problem when not found or ambiguous; -2 on a database error. */
static int64_t find_person(ci_run *r, const xl_csv_row *row, int kname, const char *name,
                           const char *id, int building, const char *room, xl_err *err)
{
    if (id[0]) {
        int64_t pid = one_id(r->db, "SELECT id FROM person WHERE id_number = ?1", id, 0, err);
        if (pid == -1)
            ci_problem(r, row, kname, "%s", _(CI_E_NO_PERSON));
        return pid;
    }
    sqlite3_stmt *st = xl_db_prepare(r->db,
        "SELECT p.id FROM person p WHERE p.name = ?1 AND (?2 = 0 OR EXISTS (SELECT 1 FROM residency rs"
        " WHERE rs.person_id = p.id AND rs.moved_out IS NULL AND rs.building = ?2 AND rs.room = ?3))"
        " LIMIT 2", err);
    if (!st)
        return -2;
    sqlite3_bind_text(st, 1, name, -1, SQLITE_TRANSIENT);
    sqlite3_bind_int(st, 2, building);
    sqlite3_bind_text(st, 3, room, -1, SQLITE_TRANSIENT);
    int64_t pid = -1;
    int n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && n < 2)
        pid = sqlite3_column_int64(st, 0), n++;
    sqlite3_finalize(st);
    if (n != 1)
        ci_problem(r, row, kname, "%s", n ? _(CI_E_MANY_PERSON) : _(CI_E_NO_PERSON));
    return n == 1 ? pid : -1;
}

static int party_write(ci_run *r, int64_t pid, const char *branch, int building, const char *room,
                       xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(r->db,
        "INSERT INTO party_member (person_id, branch, household_building, household_room)"
        " VALUES (?1, ?2, ?3, ?4) ON CONFLICT (person_id) DO UPDATE SET"
        " branch = CASE WHEN ?2 = '' THEN branch ELSE ?2 END,"
        " household_building = coalesce(?3, household_building),"
        " household_room = coalesce(?4, household_room)"
        " WHERE branch IS NOT (CASE WHEN ?2 = '' THEN branch ELSE ?2 END)"
        " OR household_building IS NOT coalesce(?3, household_building)"
        " OR household_room IS NOT coalesce(?4, household_room)", err);
    if (!st)
        return -1;
    sqlite3_bind_int64(st, 1, pid);
    sqlite3_bind_text(st, 2, branch, -1, SQLITE_TRANSIENT);
    if (building > 0) {
        sqlite3_bind_int(st, 3, building);
        sqlite3_bind_text(st, 4, room, -1, SQLITE_TRANSIENT);
    }
    if (xl_db_step_done(r->db, st, "community", err))
        return -1;
    return sqlite3_changes(xl_db_handle(r->db)) > 0;
}

int ci_apply_party(ci_run *r, const xl_csv_row *row, xl_err *err)
{
    char name[100], id[19], branch[100], room[9] = "";
    int building = 0;
    int ok = text_cell(r, row, XL_P_NAME, 64, name, sizeof name) && id_cell(r, row, XL_P_ID, id);
    ok &= text_cell(r, row, XL_P_BRANCH, 64, branch, sizeof branch);
    char b[32];
    ci_cell(r, row, XL_P_BUILDING, 1, b, sizeof b);
    if (b[0])
        ok &= building_cell(r, row, XL_P_BUILDING, &building) && room_cell(r, row, XL_P_ROOM, room);
    if (!ok)
        return ROW_REFUSED;
    int64_t pid = find_person(r, row, XL_P_NAME, name, id, building, room, err);
    if (pid < 0)
        return pid == -2 ? ROW_DBERR : ROW_REFUSED;
    int64_t before = one_id(r->db, "SELECT 1 FROM party_member WHERE person_id = ?1", NULL, pid, err);
    int n = before == -2 ? -1 : party_write(r, pid, branch, building, room, err);
    if (n < 0)
        return ROW_DBERR;
    int what = before < 0 ? ROW_ADDED : n ? ROW_CHANGED : ROW_UNCHANGED;
    char pidtext[24];
    snprintf(pidtext, sizeof pidtext, "%lld", (long long)pid);
    if (what != ROW_UNCHANGED && ci_audit(r, what == ROW_ADDED ? "add" : "update", "party_member", pidtext, err))
        return ROW_DBERR;
    return what;
}

/* ------------------------------------------------------------------ pioneer group teams */

static int team_write(ci_run *r, int group, int64_t pid, int64_t org, int leader, xl_err *err)
{
    const char *col = pid > 0 ? "person_id" : "org_id";
    int64_t who_id = pid > 0 ? pid : org;
    char sql[400];
    snprintf(sql, sizeof sql,
             "INSERT INTO pioneer_member (pioneer_group, %s, leader) VALUES (?1, ?2, max(?3, 0))"
             " ON CONFLICT (pioneer_group, %s) WHERE %s IS NOT NULL DO UPDATE SET leader = ?3"
             " WHERE ?3 >= 0 AND leader <> ?3", col, col, col);
    if (leader == 1) {
        char clear[200];
        snprintf(clear, sizeof clear, "UPDATE pioneer_member SET leader = 0 WHERE pioneer_group = %d"
                 " AND leader = 1 AND %s IS NOT %lld", group, col, (long long)who_id);
        if (xl_db_exec(r->db, clear, err))
            return -1;
    }
    sqlite3_stmt *st = xl_db_prepare(r->db, sql, err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, group);
    sqlite3_bind_int64(st, 2, who_id);
    sqlite3_bind_int(st, 3, leader);
    if (xl_db_step_done(r->db, st, "community", err))
        return -1;
    return sqlite3_changes(xl_db_handle(r->db)) > 0;
}

static int team_values(ci_run *r, const xl_csv_row *row, int *group, char *name, size_t nsize,
                       char id[19], int *leader)
{
    char s[32];
    int ok = 1;
    ci_cell(r, row, XL_T_GROUP, 1, s, sizeof s);
    if (strncmp(s, "第", 3) == 0)
        memmove(s, s + 3, strlen(s + 3) + 1);
    static const char *const words[] = {"组", NULL};
    xl_cut_suffix(s, words);
    if (!int_in(s, 1, 3, group))
        ok = ci_problem(r, row, XL_T_GROUP, _(CI_E_INT_FMT), 1, 3) && 0;
    ok &= text_cell(r, row, XL_T_MEMBER, 64, name, nsize) && id_cell(r, row, XL_T_ID, id);
    ci_cell(r, row, XL_T_LEADER, 0, s, sizeof s);
    *leader = yes_no(s);
    if (*leader == -2)
        ok = ci_problem(r, row, XL_T_LEADER, "%s", _(CI_E_YES_NO)) && 0;
    if (ok && !name[0])
        ok = ci_problem(r, row, XL_T_MEMBER, "%s", _(CI_E_EMPTY)) && 0;
    return ok;
}

int ci_apply_team(ci_run *r, const xl_csv_row *row, xl_err *err)
{
    char name[100], id[19];
    int group, leader;
    if (!team_values(r, row, &group, name, sizeof name, id, &leader))
        return ROW_REFUSED;
    if (leader == 1 && r->leader_line[group])
        return ci_problem(r, row, XL_T_LEADER, _(CI_E_TWO_LEADERS_FMT), group, r->leader_line[group]);
    int64_t org = id[0] ? -1 : one_id(r->db, "SELECT id FROM organisation WHERE name = ?1", name, 0, err);
    int64_t pid = org > 0 ? 0 : org == -2 ? -2 : find_person(r, row, XL_T_MEMBER, name, id, 0, "", err);
    if (org == -2 || pid == -2)
        return ROW_DBERR;
    if (pid < 0)
        return ROW_REFUSED;
    if (leader == 1)
        r->leader_line[group] = row->line;
    int64_t count0 = one_id(r->db, "SELECT count(*) FROM pioneer_member", NULL, 0, err);
    int n = team_write(r, group, pid, org > 0 ? org : 0, leader, err);
    int64_t count1 = one_id(r->db, "SELECT count(*) FROM pioneer_member", NULL, 0, err);
    if (n < 0 || count0 < 0 || count1 < 0)
        return ROW_DBERR;
    int what = count1 > count0 ? ROW_ADDED : n ? ROW_CHANGED : ROW_UNCHANGED;
    char key[120];
    snprintf(key, sizeof key, "%d:%s", group, name);
    if (what != ROW_UNCHANGED && ci_audit(r, what == ROW_ADDED ? "add" : "update", "pioneer_member", key, err))
        return ROW_DBERR;
    return what;
}

/* ------------------------------------------------------------------ layout */

typedef struct lane_key {
    int64_t id;
    long num;
    char name[64];
} lane_key;

static int by_lane(const void *a, const void *b)
{
    const lane_key *x = a, *y = b;
    if (x->num != y->num)
        return x->num < y->num ? -1 : 1;
    return strcmp(x->name, y->name);
}

static int lay_out_lane(xl_db *db, int64_t lane, int row, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "UPDATE building SET map_row = ?2, map_col = (SELECT count(*) FROM building o"
        " WHERE o.lane_id = ?1 AND o.number < building.number)"
        " WHERE lane_id = ?1 AND map_fixed = 0", err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int64(st, 1, lane);
    sqlite3_bind_int(st, 2, row);
    return xl_db_step_done(db, st, "layout", err);
}

int ci_layout(xl_db *db, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT id, name FROM lane", err);
    if (!st)
        return XL_EFAIL;
    lane_key *lanes = NULL;
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        lanes = xl_reallocarray(lanes, n + 1, sizeof *lanes);
        lanes[n].id = sqlite3_column_int64(st, 0);
        xl_col_copy(st, 1, lanes[n].name, sizeof lanes[n].name);
        lanes[n].num = strtol(lanes[n].name, NULL, 10);
        n++;
    }
    sqlite3_finalize(st);
    xl_qsort(lanes, n, sizeof *lanes, by_lane);
    int rc = XL_OK;
    for (size_t i = 0; i < n && rc == XL_OK; i++)
        rc = lay_out_lane(db, lanes[i].id, (int)i, err);
    free(lanes);
    return rc;
}
