/* building.c — buildings for the map and the building card. */
#include "xiangli/building.h"

#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/idcard.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

/* Per-building figures from building_tally (kept by the triggers of 012_place_tally.sql),
 * one row per building; ?1 = one building number or 0 for all (two statements, so each
 * has a plan of its own: one primary-key lookup, or one pass in number order). */
#define SUMMARY_COLS \
    "SELECT b.number, b.lane_id, l.name, b.map_row, b.map_col, coalesce(b.pioneer_group, 0)," \
    "       coalesce(t.party_rooms, 0), coalesce(t.residents, 0), coalesce(t.tenants, 0)," \
    "       coalesce(t.declared, 0), coalesce(t.reg, 0)" \
    " FROM building b JOIN lane l ON l.id = b.lane_id" \
    " LEFT JOIN building_tally t ON t.building = b.number"
static const char summary_all_sql[] = SUMMARY_COLS " ORDER BY b.number";
static const char summary_one_sql[] = SUMMARY_COLS " WHERE b.number = ?1";

static void summary_from_row(sqlite3_stmt *st, xl_building_summary *s)
{
    memset(s, 0, sizeof *s);
    s->number = sqlite3_column_int(st, 0);
    s->lane_id = sqlite3_column_int(st, 1);
    xl_strlcpy_utf8(s->lane, xl_col_text(st, 2), sizeof s->lane);
    s->map_row = sqlite3_column_int(st, 3);
    s->map_col = sqlite3_column_int(st, 4);
    s->pioneer_group = sqlite3_column_int(st, 5);
    s->party_households = sqlite3_column_int(st, 6);
    s->residents = sqlite3_column_int(st, 7);
    s->tenants = sqlite3_column_int(st, 8);
    s->declared = sqlite3_column_int(st, 9);
    int reg = sqlite3_column_int(st, 10);
    s->rate = s->declared > 0 ? (double)reg / s->declared : XL_RATE_NONE;
}

static int summaries(xl_db *db, int number, xl_building_summary **out, size_t *n, xl_err *err)
{
    *out = NULL;
    *n = 0;
    sqlite3_stmt *st = xl_db_prepare(db, number > 0 ? summary_one_sql : summary_all_sql, err);
    if (!st)
        return XL_EFAIL;
    if (number > 0)
        sqlite3_bind_int(st, 1, number);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (*n == cap) {
            cap = cap ? cap * 2 : 512;
            *out = xl_reallocarray(*out, cap, sizeof **out);
        }
        summary_from_row(st, &(*out)[(*n)++]);
    }
    sqlite3_finalize(st);
    if (rc != SQLITE_DONE) {
        free(*out);
        *out = NULL;
        *n = 0;
        return xl_db_fail(db, "buildings", err);
    }
    return XL_OK;
}

int xl_buildings_list(xl_db *db, xl_building_summary **out, size_t *n, xl_err *err)
{
    return summaries(db, 0, out, n, err);
}

void xl_buildings_free(xl_building_summary *list) { free(list); }

void xl_buildings_mark_take(xl_db *db, xl_buildings_mark *out)
{
    memset(out, 0, sizeof *out);
    out->written = xl_db_stamp_take(db);
    xl_today(out->today);
}

int xl_buildings_mark_same(const xl_buildings_mark *a, const xl_buildings_mark *b)
{
    return xl_db_stamp_same(a->written, b->written) && strcmp(a->today, b->today) == 0;
}

int xl_building_exists(xl_db *db, int number)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT 1 FROM building WHERE number = ?", NULL);
    if (!st)
        return 0;
    sqlite3_bind_int(st, 1, number);
    int found = sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

static const char head_sql[] =
    "SELECT b.floors, ow.name, ow.phone, rp.name, b.responsible_role, rp.phone,"
    "       coalesce(mg.name, ''), coalesce(gl.name, ''), gl.phone"
    " FROM building b"
    " LEFT JOIN person ow ON ow.id = b.owner_id"
    " LEFT JOIN person rp ON rp.id = b.responsible_id"
    " LEFT JOIN micro_grid mg ON mg.id = b.micro_grid_id"
    " LEFT JOIN person gl ON gl.id = mg.leader_id"
    " WHERE b.number = ?";

static int card_head(xl_db *db, int number, xl_building_card *c, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, head_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, number);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        c->floors = sqlite3_column_int(st, 0);
        xl_strlcpy_utf8(c->owner_name, xl_col_text(st, 1), sizeof c->owner_name);
        xl_mask_phone(xl_col_text(st, 2), c->owner_phone_masked, sizeof c->owner_phone_masked);
        xl_strlcpy_utf8(c->resp_name, xl_col_text(st, 3), sizeof c->resp_name);
        xl_strlcpy_utf8(c->resp_role, xl_col_text(st, 4), sizeof c->resp_role);
        xl_mask_phone(xl_col_text(st, 5), c->resp_phone_masked, sizeof c->resp_phone_masked);
        xl_strlcpy_utf8(c->micro_grid, xl_col_text(st, 6), sizeof c->micro_grid);
        xl_strlcpy_utf8(c->grid_leader, xl_col_text(st, 7), sizeof c->grid_leader);
        xl_mask_phone(xl_col_text(st, 8), c->grid_leader_phone_masked, sizeof c->grid_leader_phone_masked);
    }
    sqlite3_finalize(st);
    if (rc == SQLITE_DONE)
        return xl_err_no_building(err, NULL, number);
    return rc == SQLITE_ROW ? XL_OK : xl_db_fail(db, "building", err);
}

static const char rooms_sql[] =
    "SELECT rm.room, rm.floor, rm.declared_headcount, coalesce(t.n, 0)"
    " FROM room rm LEFT JOIN room_tally t ON t.building = rm.building AND t.room = rm.room"
    " WHERE rm.building = ? ORDER BY rm.floor, length(rm.room), rm.room";

static int card_rooms(xl_db *db, int number, xl_building_card *c, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, rooms_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, number);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->nrooms == cap) {
            cap = cap ? cap * 2 : 16;
            c->rooms = xl_reallocarray(c->rooms, cap, sizeof *c->rooms);
        }
        xl_card_room *r = &c->rooms[c->nrooms++];
        xl_strlcpy_utf8(r->room, xl_col_text(st, 0), sizeof r->room);
        r->floor = sqlite3_column_int(st, 1);
        r->declared = sqlite3_column_int(st, 2);
        r->residents = sqlite3_column_int(st, 3);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "rooms", err);
}

static const char residents_sql[] =
    "SELECT p.id, r.room, p.name, r.role, r.moved_in, p.id_number, p.phone, p.party_member"
    " FROM residency r JOIN person p ON p.id = r.person_id"
    " JOIN room rm ON rm.building = r.building AND rm.room = r.room"
    " WHERE r.building = ? AND r.moved_out IS NULL"
    " ORDER BY rm.floor, length(r.room), r.room,"
    "   CASE r.role WHEN 'owner' THEN 0 WHEN 'sublandlord' THEN 1 WHEN 'family' THEN 2 ELSE 3 END,"
    "   r.moved_in, p.name";

static void resident_from_row(sqlite3_stmt *st, xl_card_resident *p)
{
    memset(p, 0, sizeof *p);
    p->person_id = sqlite3_column_int64(st, 0);
    xl_strlcpy_utf8(p->room, xl_col_text(st, 1), sizeof p->room);
    xl_strlcpy_utf8(p->name, xl_col_text(st, 2), sizeof p->name);
    xl_strlcpy_utf8(p->role, xl_col_text(st, 3), sizeof p->role);
    xl_strlcpy_utf8(p->moved_in, xl_col_text(st, 4), sizeof p->moved_in);
    xl_mask_id(xl_col_text(st, 5), p->id_masked, sizeof p->id_masked);
    xl_mask_phone(xl_col_text(st, 6), p->phone_masked, sizeof p->phone_masked);
    p->party_member = sqlite3_column_int(st, 7);
}

static int card_residents(xl_db *db, int number, xl_building_card *c, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db, residents_sql, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_int(st, 1, number);
    size_t cap = 0;
    int rc;
    while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
        if (c->nresidents == cap) {
            cap = cap ? cap * 2 : 32;
            c->residents = xl_reallocarray(c->residents, cap, sizeof *c->residents);
        }
        resident_from_row(st, &c->residents[c->nresidents++]);
    }
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, "residents", err);
}

int xl_building_card_load(xl_db *db, int number, xl_building_card *card, xl_err *err)
{
    memset(card, 0, sizeof *card);
    xl_building_summary *s = NULL;
    size_t n = 0;
    if (summaries(db, number, &s, &n, err))
        return XL_EFAIL;
    if (n == 0) {
        free(s);
        return xl_err_no_building(err, NULL, number);
    }
    card->s = s[0];
    free(s);
    int rc = card_head(db, number, card, err);
    if (rc == XL_OK)
        rc = card_rooms(db, number, card, err);
    if (rc == XL_OK)
        rc = card_residents(db, number, card, err);
    if (rc != XL_OK)
        xl_building_card_release(card);
    return rc;
}

void xl_building_card_release(xl_building_card *card)
{
    free(card->rooms);
    free(card->residents);
    card->rooms = NULL;
    card->residents = NULL;
    card->nrooms = card->nresidents = 0;
}
