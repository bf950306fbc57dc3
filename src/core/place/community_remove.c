/* community_remove.c — removing a room or a building, refused while anyone lives there
 * (community.h). */
#include "xiangli/community.h"

#include <stdio.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

typedef struct removal {
    int building;
    const char *room; /* NULL: the whole building */
} removal;

/* "张三、李四等 3 人" of the current residents; 0 when nobody lives there. */
static int residents_named(xl_db *db, const removal *rm, xl_buf *out, xl_err *err)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT p.name FROM residency r JOIN person p ON p.id = r.person_id"
        " WHERE r.building = ?1 AND (?2 IS NULL OR r.room = ?2) AND r.moved_out IS NULL"
        " ORDER BY r.room, p.name", err);
    if (!st)
        return -1;
    sqlite3_bind_int(st, 1, rm->building);
    xl_bind_text_or_null(st, 2, rm->room);
    size_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        if (n < 5)
            xl_buf_printf(out, "%s%s", n ? "、" : "", xl_col_text(st, 0));
        n++;
    }
    sqlite3_finalize(st);
    if (n > 5)
        xl_buf_printf(out, _(CI_MORE_FMT), n - 5);
    return n > 0;
}

static int remove_body(xl_db *db, void *ctx, xl_err *err)
{
    const removal *rm = ctx;
    char place[48], id[48];
    if (rm->room)
        snprintf(place, sizeof place, "%d-%s", rm->building, rm->room);
    else
        snprintf(place, sizeof place, _(BUILDING_FMT), rm->building);
    xl_buf names;
    xl_buf_init(&names);
    int lived = residents_named(db, rm, &names, err);
    if (lived)
        xl_err_set(err, XL_EFAIL, _(CI_E_LIVED_FMT), place, names.data ? names.data : "");
    xl_buf_release(&names);
    if (lived)
        return XL_EFAIL;
    static const char *const sql[] = {
        "DELETE FROM room WHERE building = ?1 AND room = ?2",
        "DELETE FROM responsible_history WHERE building = ?1",
        "DELETE FROM room WHERE building = ?1",
        "DELETE FROM building WHERE number = ?1"};
    for (size_t i = rm->room ? 0 : 1; i < (rm->room ? 1 : 4); i++) {
        sqlite3_stmt *st = xl_db_prepare(db, sql[i], err);
        if (!st)
            return XL_EFAIL;
        sqlite3_bind_int(st, 1, rm->building);
        if (rm->room)
            sqlite3_bind_text(st, 2, rm->room, -1, SQLITE_TRANSIENT);
        if (xl_db_step_done(db, st, "remove", err))
            return XL_EFAIL;
    }
    snprintf(id, sizeof id, "%s", place);
    return xl_db_audit(db, rm->room ? "community.room.remove" : "community.building.remove",
                       rm->room ? "room" : "building", id, "", err);
}

int xl_room_remove(xl_db *db, int building, const char *room, xl_err *err)
{
    removal rm = {building, room ? room : ""};
    return xl_db_tx(db, remove_body, &rm, err);
}

int xl_building_remove(xl_db *db, int building, xl_err *err)
{
    removal rm = {building, NULL};
    return xl_db_tx(db, remove_body, &rm, err);
}
