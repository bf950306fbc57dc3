/* lookup.c — the one search behind `xiangli lookup` and the TUI. */
#include "xiangli/lookup.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db_internal.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"

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
        return xl_err_set(err, XL_EUSAGE, "empty query: give a building (127), a room (127-302), a name, or 4+ digits of a phone/ID number");
    const char *dash = strchr(s, '-');
    if (dash && all_digits(s, (size_t)(dash - s)) && dash - s <= 5) {
        if (!valid_room(dash + 1))
            return xl_err_set(err, XL_EUSAGE, "'%s': a room is written BUILDING-ROOM, e.g. 127-302", s);
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
    *kind = XL_Q_NAME;
    return XL_OK;
}

/* Columns shared by every query: person, then its chosen residency. */
#define HIT_COLUMNS \
    "p.id, p.name, r.building, r.room, r.role, r.moved_in, coalesce(r.moved_out, ''), p.phone, p.id_number"

static const char building_sql[] =
    "SELECT " HIT_COLUMNS " FROM residency r JOIN person p ON p.id = r.person_id"
    " JOIN room rm ON rm.building = r.building AND rm.room = r.room"
    " WHERE r.building = ?1 AND r.moved_out IS NULL AND (?2 IS NULL OR r.room = ?2)"
    " ORDER BY rm.floor, length(r.room), r.room,"
    "   CASE r.role WHEN 'owner' THEN 0 WHEN 'sublandlord' THEN 1 WHEN 'family' THEN 2 ELSE 3 END,"
    "   r.moved_in, p.name";

/* A person with the current residency, else the latest one, else none (an owner who lives
 * elsewhere is still someone the office looks up). */
#define LAST_RESIDENCY \
    " LEFT JOIN residency r ON r.id = (SELECT id FROM residency x WHERE x.person_id = p.id" \
    "   ORDER BY x.moved_out IS NULL DESC, x.moved_in DESC, x.id DESC LIMIT 1)"

#define PLACE_ORDER \
    " ORDER BY CASE WHEN r.id IS NULL THEN 2 WHEN r.moved_out IS NULL THEN 0 ELSE 1 END," \
    "   r.building, r.room, p.name"

static const char name_sql[] =
    "SELECT " HIT_COLUMNS " FROM person p" LAST_RESIDENCY
    " WHERE instr(p.name, ?1) > 0"
    PLACE_ORDER;

static const char tail_sql[] =
    "SELECT " HIT_COLUMNS " FROM person p" LAST_RESIDENCY
    " WHERE substr(p.phone, -length(?1)) = ?1 OR substr(p.id_number, -length(?1)) = upper(?1)"
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
}

static int collect(xl_db *db, sqlite3_stmt *st, size_t limit, xl_lookup_result *res, xl_err *err)
{
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (limit && res->n >= limit)
            break;
        if (res->n == cap) {
            cap = cap ? cap * 2 : 32;
            res->hits = xl_reallocarray(res->hits, cap, sizeof *res->hits);
        }
        hit_from_row(st, &res->hits[res->n++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
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
        return xl_err_set(err, XL_ENOTFOUND, "no building %d", res->building);
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
            return xl_err_set(err, XL_ENOTFOUND, "building %d has no room %s", res->building, room);
    }
    sqlite3_stmt *st = xl_db_prepare(db, building_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, res->building);
    if (room[0])
        sqlite3_bind_text(st, 2, room, -1, SQLITE_TRANSIENT);
    return collect(db, st, limit, res, err);
}

static int lookup_text(xl_db *db, const char *sql, const char *q, size_t limit, xl_lookup_result *res, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    return collect(db, st, limit, res, err);
}

int xl_lookup(xl_db *db, const char *query, size_t limit, xl_lookup_result *res, xl_err *err)
{
    memset(res, 0, sizeof *res);
    char room[9];
    int rc = xl_lookup_classify(query, &res->kind, &res->building, room, err);
    if (rc)
        return rc;
    char q[128];
    xl_strlcpy_utf8(q, query, sizeof q);
    char *s = q;
    while (isspace((unsigned char)*s))
        s++;
    for (size_t n = strlen(s); n > 0 && isspace((unsigned char)s[n - 1]);)
        s[--n] = '\0';
    switch (res->kind) {
    case XL_Q_BUILDING:
    case XL_Q_ROOM:
        rc = lookup_place(db, room, limit, res, err);
        break;
    case XL_Q_TAIL:
        rc = lookup_text(db, tail_sql, s, limit, res, err);
        break;
    case XL_Q_NAME:
        rc = lookup_text(db, name_sql, s, limit, res, err);
        break;
    }
    if (rc)
        xl_lookup_release(res);
    return rc;
}

void xl_lookup_release(xl_lookup_result *res)
{
    free(res->hits);
    res->hits = NULL;
    res->n = 0;
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
        xl_buf_puts(out, "}");
    }
    xl_buf_puts(out, res->n ? "\n]\n" : "]\n");
}
