/* test_tally.c — room_tally and building_tally (012_place_tally.sql), kept by triggers,
 * equal a recount from scratch after many seeded random writes: sign-ins, moves to another
 * building (换房), sign-outs, role changes, party members added and removed, deletes and
 * purges, imports, and community edits (buildings and rooms added, removed, headcounts
 * changed) — through the core's own writers where they exist, plain SQL otherwise. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/building.h"
#include "xiangli/community.h"
#include "xiangli/idcard.h"
#include "xiangli/import.h"
#include "xiangli/mem.h"
#include "xiangli/resident.h"

/* Rows of the recount that differ from the tallies (both directions). */
static const char room_diff_sql[] =
    "WITH fresh AS ("
    "  SELECT rm.building, rm.room, rm.declared_headcount AS declared, count(r.id) AS n,"
    "         coalesce(sum(r.role = 'tenant'), 0) AS tenants, coalesce(sum(p.party_member), 0) AS party"
    "  FROM room rm"
    "  LEFT JOIN residency r ON r.building = rm.building AND r.room = rm.room AND r.moved_out IS NULL"
    "  LEFT JOIN person p ON p.id = r.person_id GROUP BY rm.building, rm.room)"
    " SELECT count(*) FROM ("
    "  SELECT * FROM fresh EXCEPT SELECT building, room, declared, n, tenants, party FROM room_tally"
    "  UNION ALL"
    "  SELECT building, room, declared, n, tenants, party FROM room_tally EXCEPT SELECT * FROM fresh)";

/* The same per building, computed as the map did before 012 (from residencies, not from
 * room_tally), so a wrong room_tally cannot hide a wrong building_tally. */
static const char building_diff_sql[] =
    "WITH occ AS ("
    "  SELECT r.building, r.room, count(*) AS n, sum(r.role = 'tenant') AS t,"
    "         max(p.party_member) AS party"
    "  FROM residency r JOIN person p ON p.id = r.person_id"
    "  WHERE r.moved_out IS NULL GROUP BY r.building, r.room),"
    " fresh AS ("
    "  SELECT b.number AS building, coalesce(sum(o.n), 0) AS residents,"
    "         coalesce(sum(o.t), 0) AS tenants, coalesce(sum(rm.declared_headcount), 0) AS declared,"
    "         coalesce(sum(min(coalesce(o.n, 0), rm.declared_headcount)), 0) AS reg,"
    "         coalesce(sum(coalesce(o.party, 0)), 0) AS party_rooms"
    "  FROM building b LEFT JOIN room rm ON rm.building = b.number"
    "  LEFT JOIN occ o ON o.building = rm.building AND o.room = rm.room GROUP BY b.number)"
    " SELECT count(*) FROM ("
    "  SELECT * FROM fresh EXCEPT"
    "  SELECT building, residents, tenants, declared, reg, party_rooms FROM building_tally"
    "  UNION ALL"
    "  SELECT building, residents, tenants, declared, reg, party_rooms FROM building_tally"
    "  EXCEPT SELECT * FROM fresh)";

/* The day of each building's last closed roundtable. */
static const char roundtable_diff_sql[] =
    "SELECT count(*) FROM building b LEFT JOIN building_tally t ON t.building = b.number"
    " WHERE t.last_roundtable IS NOT coalesce((SELECT max(substr(m.starts_at, 1, 10)) FROM meeting m"
    "   WHERE m.building = b.number AND m.kind = 'roundtable' AND m.status = 'closed'), '')";

/* The open list items of each building. */
static const char items_diff_sql[] =
    "SELECT count(*) FROM building_tally t WHERE (t.open_items, t.open_problems, t.open_hazards) IS NOT"
    " (SELECT count(*), coalesce(sum(i.kind = 'problem'), 0),"
    "         coalesce(sum(i.kind = 'problem' AND i.category = 'safety'), 0)"
    "  FROM list_item_building b JOIN list_item i ON i.id = b.item_id"
    "  WHERE b.building = t.building AND i.status IN ('open', 'in_progress'))";

/* The register's counts for plain filters are read from building_tally (residency.c): they
 * equal a count of the register itself — in all, of tenants, for one random building, and
 * through a view (its per-building counts). */
static void expect_register_counts(xl_db *db, int step)
{
    xl_err e;
    size_t n = 0;
    xl_register_filter f = XL_REGISTER_FILTER_ALL;
    assert_int_equal(xl_register_count(db, &f, &n, &e), XL_OK);
    if ((int64_t)n != tu_one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NULL"))
        fail_msg("step %d: register count %zu differs from the register", step, n);
    f.role = XL_ROLE_TENANT;
    assert_int_equal(xl_register_count(db, &f, &n, &e), XL_OK);
    if ((int64_t)n != tu_one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NULL"
                                     " AND role = 'tenant'"))
        fail_msg("step %d: tenant count %zu differs from the register", step, n);
    f = XL_REGISTER_FILTER_ALL;
    f.building = (int)tu_one_int(db, "SELECT coalesce(max(building), 1) FROM residency"
                                     " WHERE moved_out IS NULL");
    assert_int_equal(xl_register_count(db, &f, &n, &e), XL_OK);
    char sql[160];
    snprintf(sql, sizeof sql, "SELECT count(*) FROM residency WHERE moved_out IS NULL"
                              " AND building = %d", f.building);
    if ((int64_t)n != tu_one_int(db, sql))
        fail_msg("step %d: count of building %d (%zu) differs from the register", step,
                 f.building, n);
    xl_register_view *v = NULL;
    f = XL_REGISTER_FILTER_ALL;
    assert_int_equal(xl_register_view_open(db, &f, &v, &e), XL_OK);
    size_t total = 0, got = 0;
    xl_register_row rows[8];
    assert_int_equal(xl_register_view_count(v, &total, &e), XL_OK);
    if (total > 0) {
        assert_int_equal(xl_register_view_window(v, total - 1, 8, rows, &got, &e), XL_OK);
        if (got != 1)
            fail_msg("step %d: the view's last window has %zu rows, not 1", step, got);
    }
    xl_register_view_close(v);
}

static void expect_recount(xl_db *db, int step)
{
    expect_register_counts(db, step);
    int64_t rooms = tu_one_int(db, room_diff_sql), buildings = tu_one_int(db, building_diff_sql);
    int64_t dates = tu_one_int(db, roundtable_diff_sql), items = tu_one_int(db, items_diff_sql);
    if (rooms || buildings || dates || items)
        fail_msg("step %d: %lld room rows, %lld building rows, %lld roundtable dates and %lld"
                 " item counts differ from a recount", step, (long long)rooms,
                 (long long)buildings, (long long)dates, (long long)items);
}

static unsigned rnd(unsigned *s)
{
    *s = *s * 1103515245u + 12345u;
    return (*s >> 8) & 0xffffff;
}

/* Some value of sql (a random row of it: ORDER BY random() is not seeded, so by offset). */
static int64_t pick(xl_db *db, unsigned *seed, const char *from)
{
    char *sql = xl_asprintf("SELECT count(*) FROM %s", from);
    int64_t n = tu_one_int(db, sql);
    free(sql);
    if (n == 0)
        return -1;
    sql = xl_asprintf("SELECT * FROM %s LIMIT 1 OFFSET %lld", from, (long long)(rnd(seed) % n));
    int64_t v = tu_one_int(db, sql);
    free(sql);
    return v;
}

static void room_of(int r, char out[8])
{
    snprintf(out, 8, "%d%02d", 1 + r / 4, 1 + r % 4);
}

static int64_t new_person(xl_db *db, unsigned *seed, int party)
{
    static int serial;
    char *sql = xl_asprintf("INSERT INTO person(name, created_at, party_member) VALUES ('测%d', 'x', %d)",
                            ++serial, party);
    tu_exec(db, sql);
    free(sql);
    (void)seed;
    return sqlite3_last_insert_rowid(xl_db_handle(db));
}

/* A random room that exists: "building|room" split into b and room. */
static int pick_room(xl_db *db, unsigned *seed, int *b, char room[16])
{
    int64_t n = tu_one_int(db, "SELECT count(*) FROM room");
    if (n == 0)
        return 0;
    char *sql = xl_asprintf("SELECT building || '|' || room FROM room LIMIT 1 OFFSET %lld",
                            (long long)(rnd(seed) % n));
    char *v = tu_one_text(db, sql);
    free(sql);
    char *bar = strchr(v, '|');
    *bar = '\0';
    *b = atoi(v);
    snprintf(room, 16, "%s", bar + 1);
    free(v);
    return 1;
}

/* 1 inside the test's own transaction: the core's writers (each its own transaction) are
 * replaced by the SQL they write. */
static int raw_sql;

static const char *const roles[] = {"owner", "sublandlord", "tenant", "tenant", "family"};

static void sign_in(xl_db *db, unsigned *seed)
{
    int b;
    char room[16];
    if (!pick_room(db, seed, &b, room))
        return;
    int64_t id = new_person(db, seed, rnd(seed) % 6 == 0);
    char *sql = xl_asprintf("INSERT INTO residency(person_id, building, room, role, moved_in)"
                            " VALUES (%lld, %d, '%s', '%s', '2025-03-01')",
                            (long long)id, b, room, roles[rnd(seed) % 5]);
    tu_exec(db, sql);
    free(sql);
}

/* 换房 as the desk writes it: the old stay closed, a new one opened elsewhere. */
static void move(xl_db *db, unsigned *seed)
{
    int64_t rid = pick(db, seed, "(SELECT id FROM residency WHERE moved_out IS NULL)");
    int b;
    char room[16];
    if (rid < 0 || !pick_room(db, seed, &b, room))
        return;
    char *sql = xl_asprintf(
        "UPDATE residency SET moved_out = '2026-11-25' WHERE id = %lld;"
        "INSERT INTO residency(person_id, building, room, role, moved_in)"
        " SELECT person_id, %d, '%s', role, '2026-11-25' FROM residency WHERE id = %lld;",
        (long long)rid, b, room, (long long)rid);
    tu_exec(db, sql);
    free(sql);
}

static void sign_out(xl_db *db, unsigned *seed)
{
    int64_t rid = pick(db, seed, "(SELECT id FROM residency WHERE moved_out IS NULL)");
    xl_err e;
    if (rid >= 0 && raw_sql) {
        char *sql = xl_asprintf("UPDATE residency SET moved_out = '2026-11-25' WHERE id = %lld",
                                (long long)rid);
        tu_exec(db, sql);
        free(sql);
    } else if (rid >= 0 && xl_signout(db, rid, "", "", &e) != XL_OK)
        fail_msg("signout: %s", e.msg);
}

static void sql_on_random(xl_db *db, unsigned *seed, const char *from, const char *fmt)
{
    int64_t id = pick(db, seed, from);
    if (id < 0)
        return;
    char *sql = xl_asprintf(fmt, (long long)id, (long long)id, (long long)id);
    tu_exec(db, sql);
    free(sql);
}

/* A small residents sheet: new people and, by ID number, moves of people it imported
 * before (to random buildings, some not yet known: those rows are refused and the whole
 * import with them). */
static int imported;

static void import_sheet(xl_db *db, unsigned *seed, const char *dir)
{
    static int serial;
    xl_buf csv;
    xl_buf_init(&csv);
    xl_buf_puts(&csv, "姓名,身份证号,楼栋,房间,身份,入住日期\n");
    int rows = 1 + rnd(seed) % 8;
    for (int i = 0; i < rows; i++) {
        int who = rnd(seed) % 3 == 0 && serial > 0 ? (int)(rnd(seed) % serial) : serial++;
        char id[19];
        snprintf(id, sizeof id, "31011719%02d0101%03d", 50 + who / 1000 % 50, who % 1000);
        id[17] = xl_id_check_char(id);
        id[18] = '\0';
        int b;
        char room[16];
        if (!pick_room(db, seed, &b, room))
            break;
        static const char *const digit[] = {"零", "一", "二", "三", "四", "五", "六", "七", "八", "九"};
        xl_buf_printf(&csv, "导入%s%s%s,%s,%d,%s,%s,2025-0%d-01\n", digit[who / 100 % 10],
                      digit[who / 10 % 10], digit[who % 10], id, b, room,
                      rnd(seed) % 4 ? "租客" : "家属", 1 + (int)(rnd(seed) % 9));
    }
    char *path = tu_write_file(dir, "r.csv", csv.data);
    xl_import_report rep;
    xl_err e;
    xl_import_report_init(&rep);
    if (xl_import_residents(db, path, 0, &rep, &e) == XL_OK) /* refused or not: tallies hold */
        imported++;
    xl_import_report_release(&rep);
    xl_buf_release(&csv);
    free(path);
}

static void community_edit(xl_db *db, unsigned *seed)
{
    xl_err e;
    switch (rnd(seed) % 5) {
    case 0: { /* a new building with a few rooms */
        int number = 9000 + (int)(rnd(seed) % 900);
        char *sql = xl_asprintf("INSERT OR IGNORE INTO building(number, lane_id)"
                                " SELECT %d, min(id) FROM lane", number);
        tu_exec(db, sql);
        free(sql);
        for (int r = 0; r < 4; r++) {
            char room[8];
            room_of(r, room);
            sql = xl_asprintf("INSERT OR IGNORE INTO room(building, room, floor, declared_headcount)"
                              " VALUES (%d, '%s', 1, %u)", number, room, rnd(seed) % 4);
            tu_exec(db, sql);
            free(sql);
        }
        break;
    }
    case 1: { /* a room removed (refused while someone lives there) */
        int b;
        char room[16];
        int got = pick_room(db, seed, &b, room); /* none: b and room are not set */
        if (got && !raw_sql)
            (void)xl_room_remove(db, b, room, &e);
        else if (got && raw_sql) {
            char *sql = xl_asprintf("DELETE FROM room WHERE building = %d AND room = '%s' AND NOT EXISTS"
                                    " (SELECT 1 FROM residency WHERE building = %d AND room = '%s')",
                                    b, room, b, room);
            tu_exec(db, sql);
            free(sql);
        }
        break;
    }
    case 2: { /* a building removed (refused while someone lives there) */
        int64_t b = pick(db, seed, "(SELECT number FROM building)");
        if (b >= 0 && !raw_sql)
            (void)xl_building_remove(db, (int)b, &e);
        else if (b >= 0) {
            char *sql = xl_asprintf(
                "DELETE FROM room WHERE building = %lld AND NOT EXISTS"
                " (SELECT 1 FROM residency WHERE building = %lld);"
                "DELETE FROM building WHERE number = %lld AND NOT EXISTS"
                " (SELECT 1 FROM room WHERE building = %lld) AND NOT EXISTS"
                " (SELECT 1 FROM meeting WHERE building = %lld);", (long long)b, (long long)b,
                (long long)b, (long long)b, (long long)b);
            tu_exec(db, sql);
            free(sql);
        }
        break;
    }
    case 3: { /* a room's declared headcount changed */
        int b;
        char room[16];
        if (pick_room(db, seed, &b, room)) {
            char *sql = xl_asprintf("UPDATE room SET declared_headcount = %u WHERE building = %d"
                                    " AND room = '%s'", rnd(seed) % 5, b, room);
            tu_exec(db, sql);
            free(sql);
        }
        break;
    }
    default: { /* an empty room added to an existing building */
        int64_t b = pick(db, seed, "(SELECT number FROM building)");
        if (b < 0)
            break;
        char *sql = xl_asprintf("INSERT OR IGNORE INTO room(building, room, floor, declared_headcount)"
                                " VALUES (%lld, '9%02u', 9, %u)", (long long)b, rnd(seed) % 99,
                                rnd(seed) % 5);
        tu_exec(db, sql);
        free(sql);
    }
    }
}

/* Roundtables held, closed, moved to another day or building, withdrawn. */
static void meeting_edit(xl_db *db, unsigned *seed)
{
    switch (rnd(seed) % 4) {
    case 0: {
        int64_t b = pick(db, seed, "(SELECT number FROM building)");
        if (b < 0)
            break;
        int closed = rnd(seed) % 2;
        char *sql = xl_asprintf(
            "INSERT INTO meeting(kind, title, starts_at, building, status, started_at, closed_at, created_at)"
            " VALUES ('roundtable', '测会', '2026-%02u-%02u 09:00', %lld, '%s', %s, %s, 'x')",
            1 + rnd(seed) % 11, 1 + rnd(seed) % 28, (long long)b, closed ? "closed" : "planned",
            closed ? "'x'" : "NULL", closed ? "'x'" : "NULL");
        tu_exec(db, sql);
        free(sql);
        break;
    }
    case 1:
        sql_on_random(db, seed, "(SELECT id FROM meeting WHERE title = '测会' AND status = 'planned')",
                      "UPDATE meeting SET status = 'running', started_at = 'x' WHERE id = %lld;"
                      "UPDATE meeting SET status = 'closed', closed_at = 'x' WHERE id = %lld;");
        break;
    case 2:
        sql_on_random(db, seed, "(SELECT id FROM meeting WHERE kind = 'roundtable')",
                      "UPDATE meeting SET starts_at = '2025-0' || (1 + %lld %% 9) || '-15 10:00',"
                      " building = (SELECT min(number) FROM building) WHERE id = %lld");
        break;
    default:
        sql_on_random(db, seed, "(SELECT id FROM meeting WHERE title = '测会')",
                      "DELETE FROM meeting WHERE id = %lld");
    }
}

/* List items raised for buildings, moved between states, kinds and categories, their
 * buildings changed, withdrawn and removed. */
static void item_edit(xl_db *db, unsigned *seed)
{
    static const char *const kinds[] = {"problem", "demand", "action", "problem"};
    static const char *const cats[] = {"safety", "rental", "environment"};
    static const char *const states[] = {"open", "in_progress", "done", "dropped"};
    switch (rnd(seed) % 5) {
    case 0: {
        int64_t b = pick(db, seed, "(SELECT number FROM building)");
        if (b < 0 || !tu_one_int(db, "SELECT count(*) FROM organisation"))
            break;
        char *sql = xl_asprintf(
            "INSERT INTO list_item(kind, title, category, status, due, owner_org, raised_at,"
            " created_at, updated_at) VALUES ('%s', '测项', '%s', 'open', '2026-%02u-01',"
            " (SELECT min(id) FROM organisation), '2026-01-01', 'x', 'x');"
            "INSERT INTO list_item_building(item_id, building) VALUES (last_insert_rowid(), %lld);",
            kinds[rnd(seed) % 4], cats[rnd(seed) % 3], 1 + rnd(seed) % 12, (long long)b);
        tu_exec(db, sql);
        free(sql);
        break;
    }
    case 1: {
        int64_t id = pick(db, seed, "(SELECT id FROM list_item)");
        if (id < 0)
            break;
        const char *to = states[rnd(seed) % 4];
        int closed = !strcmp(to, "done") || !strcmp(to, "dropped");
        char *sql = xl_asprintf("UPDATE list_item SET status = '%s', closed_at = %s,"
                                " closing_note = '%s' WHERE id = %lld", to, closed ? "'x'" : "NULL",
                                closed ? "测" : "", (long long)id);
        tu_exec(db, sql);
        free(sql);
        break;
    }
    case 2: {
        int64_t id = pick(db, seed, "(SELECT id FROM list_item WHERE title = '测项')");
        if (id < 0)
            break;
        char *sql = xl_asprintf("UPDATE list_item SET kind = '%s', category = '%s' WHERE id = %lld"
                                " AND owner_org IS NOT NULL AND due IS NOT NULL",
                                kinds[rnd(seed) % 4], cats[rnd(seed) % 3], (long long)id);
        tu_exec(db, sql);
        free(sql);
        break;
    }
    case 3: { /* another building named, or one no longer */
        int64_t id = pick(db, seed, "(SELECT id FROM list_item)");
        int64_t b = pick(db, seed, "(SELECT number FROM building)");
        if (id < 0 || b < 0)
            break;
        char *sql = rnd(seed) % 2
            ? xl_asprintf("INSERT OR IGNORE INTO list_item_building(item_id, building) VALUES (%lld, %lld)",
                          (long long)id, (long long)b)
            : xl_asprintf("DELETE FROM list_item_building WHERE item_id = %lld AND building ="
                          " (SELECT min(building) FROM list_item_building WHERE item_id = %lld)",
                          (long long)id, (long long)id);
        tu_exec(db, sql);
        free(sql);
        break;
    }
    default: /* list items are never deleted (003_lists.sql): their buildings all go */
        sql_on_random(db, seed, "(SELECT id FROM list_item WHERE title = '测项')",
                      "DELETE FROM list_item_building WHERE item_id = %lld;");
    }
}

static void random_step(xl_db *db, unsigned *seed, const char *dir)
{
    if (rnd(seed) % 8 == 0) {
        meeting_edit(db, seed);
        return;
    }
    if (rnd(seed) % 8 == 0) {
        item_edit(db, seed);
        return;
    }
    switch (rnd(seed) % 12) {
    case 0:
    case 1: sign_in(db, seed); break;
    case 2:
    case 3: move(db, seed); break;
    case 4: sign_out(db, seed); break;
    case 5: /* role change in place */
        sql_on_random(db, seed, "(SELECT id FROM residency WHERE moved_out IS NULL)",
                      "UPDATE residency SET role = CASE role WHEN 'tenant' THEN 'family' ELSE 'tenant' END"
                      " WHERE id = %lld");
        break;
    case 6: /* becomes a party member, or stops being one (through party_member's triggers) */
        sql_on_random(db, seed, "(SELECT person_id FROM residency WHERE moved_out IS NULL)",
                      "INSERT INTO party_member(person_id) SELECT %lld WHERE NOT EXISTS"
                      " (SELECT 1 FROM party_member WHERE person_id = %lld)");
        break;
    case 7:
        sql_on_random(db, seed, "(SELECT person_id FROM party_member)",
                      "DELETE FROM party_member WHERE person_id = %lld");
        break;
    case 8: /* a person deleted with every stay (purge) */
        sql_on_random(db, seed, "(SELECT id FROM person WHERE (name LIKE '测%' OR name LIKE '导入%')"
                                " AND id NOT IN (SELECT person_id FROM party_member))",
                      "DELETE FROM residency WHERE person_id = %lld; DELETE FROM person WHERE id = %lld;");
        break;
    case 9: /* a moved-out stay reopened (a correction), when the person has no home now */
        sql_on_random(db, seed,
                      "(SELECT id FROM residency r WHERE moved_out IS NOT NULL AND NOT EXISTS"
                      " (SELECT 1 FROM residency o WHERE o.person_id = r.person_id AND o.moved_out IS NULL))",
                      "UPDATE residency SET moved_out = NULL WHERE id = %lld");
        break;
    case 10:
        if (!raw_sql)
            import_sheet(db, seed, dir);
        break;
    default: community_edit(db, seed); break;
    }
}

/* Many seeded random writes on the demo community, recounting after each. */
static void tally__random_writes__equal_a_recount(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    char *dir = tu_tmpdir();
    expect_recount(db, 0);
    unsigned seed = 20261206;
    for (int step = 1; step <= 600; step++) {
        random_step(db, &seed, dir);
        expect_recount(db, step);
    }
    /* The writes did happen: moves, sign-outs, imports and edits are in the register. */
    assert_true(tu_one_int(db, "SELECT count(*) FROM person WHERE name LIKE '测%'") > 5);
    assert_true(imported > 5);
    assert_true(tu_one_int(db, "SELECT count(*) FROM person WHERE name LIKE '导入%'") > 5);
    assert_true(tu_one_int(db, "SELECT count(*) FROM building WHERE number >= 9000") > 0);
    assert_true(tu_one_int(db, "SELECT count(*) FROM meeting WHERE title = '测会' AND status = 'closed'") > 0);
    assert_true(tu_one_int(db, "SELECT count(*) FROM list_item WHERE title = '测项'") > 0);
    tu_db_free(db);
}

/* On an empty register, starting from nothing: buildings and rooms first, then people,
 * inside one transaction that is rolled back now and then (the tallies roll back too). */
static void tally__from_empty_with_rollbacks__equal_a_recount(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    char *dir = tu_tmpdir();
    tu_exec(db, "INSERT INTO lane(id, name) VALUES (1, '一弄')");
    unsigned seed = 7;
    raw_sql = 1;
    for (int round = 0; round < 40; round++) {
        xl_err e;
        assert_int_equal(xl_db_begin(db, &e), XL_OK);
        for (int i = 0; i < 15; i++) {
            if (rnd(&seed) % 3 == 0)
                community_edit(db, &seed);
            else
                random_step(db, &seed, dir);
        }
        if (round % 4 == 3)
            xl_db_rollback(db);
        else
            assert_int_equal(xl_db_commit(db, &e), XL_OK);
        expect_recount(db, round);
    }
    raw_sql = 0;
    assert_true(tu_one_int(db, "SELECT count(*) FROM room_tally") > 0);
    assert_true(tu_one_int(db, "SELECT count(*) FROM residency") > 0);
    tu_db_free(db);
}

/* A party member deleted with foreign keys off (their stay left behind, as a repair might):
 * their room no longer counts a party member, their building one party room fewer
 * (person_tally_removed; the random writes delete only people who are not party members). */
static void tally__party_member_deleted__leaves_no_count(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    static const char pick[] =
        "SELECT %s FROM residency r JOIN room_tally t USING (building, room)"
        " JOIN person p ON p.id = r.person_id"
        " WHERE r.moved_out IS NULL AND p.party_member = 1 AND t.party = 1 ORDER BY r.id LIMIT 1";
    char sql[512];
    snprintf(sql, sizeof sql, pick, "r.person_id");
    int64_t pid = tu_one_int(db, sql);
    snprintf(sql, sizeof sql, pick, "r.building");
    int64_t b = tu_one_int(db, sql);
    assert_true(pid > 0);
    snprintf(sql, sizeof sql, "SELECT party_rooms FROM building_tally WHERE building = %lld", (long long)b);
    int64_t before = tu_one_int(db, sql);
    assert_true(before > 0);
    tu_exec(db, "PRAGMA foreign_keys = OFF");
    char del[128];
    snprintf(del, sizeof del, "DELETE FROM person WHERE id = %lld", (long long)pid);
    tu_exec(db, del);
    tu_exec(db, "PRAGMA foreign_keys = ON");
    assert_int_equal(tu_one_int(db, sql), before - 1);
    snprintf(sql, sizeof sql,
             "SELECT count(*) FROM residency r JOIN room_tally t USING (building, room)"
             " WHERE r.person_id = %lld AND r.moved_out IS NULL AND t.party = 0", (long long)pid);
    assert_int_equal(tu_one_int(db, sql), 1);
    tu_db_free(db);
}

/* The mark the map reloads by: the same while nothing is written; another after a write on
 * this connection, a commit by another, or a new day. */
static void tally__buildings_mark__follows_writes(void **state)
{
    (void)state;
    char path[4096];
    xl_db *db = tu_db_new(path), *other;
    xl_err e;
    tu_exec(db, "INSERT INTO lane(id, name) VALUES (1, '一弄');"
                "INSERT INTO building(number, lane_id) VALUES (1, 1)");
    xl_buildings_mark a, b;
    xl_buildings_mark_take(db, &a);
    xl_buildings_mark_take(db, &b);
    assert_true(xl_buildings_mark_same(&a, &b));
    tu_exec(db, "INSERT INTO room(building, room, declared_headcount) VALUES (1, '101', 2)");
    xl_buildings_mark_take(db, &b);
    assert_false(xl_buildings_mark_same(&a, &b));
    a = b;
    assert_int_equal(xl_db_open(&other, path, 0, &e), XL_OK);
    assert_int_equal(xl_db_exec(other, "UPDATE room SET declared_headcount = 3", &e), XL_OK);
    xl_db_close(other);
    xl_buildings_mark_take(db, &b);
    assert_false(xl_buildings_mark_same(&a, &b));
    a = b;
    char *was = getenv("XIANGLI_TODAY") ? xl_strdup(getenv("XIANGLI_TODAY")) : NULL;
    setenv("XIANGLI_TODAY", "2031-01-02", 1);
    xl_buildings_mark_take(db, &b);
    if (was)
        setenv("XIANGLI_TODAY", was, 1);
    else
        unsetenv("XIANGLI_TODAY");
    free(was);
    assert_false(xl_buildings_mark_same(&a, &b));
    tu_db_free(db);
}

/* The map and the card read the tallies: the figures of building_summary equal a recount. */
static void tally__card_and_map__show_the_tallies(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    xl_building_summary *list;
    size_t n;
    xl_err e;
    assert_int_equal(xl_buildings_list(db, &list, &n, &e), XL_OK);
    assert_int_equal(n, 326);
    int64_t sum = 0;
    for (size_t i = 0; i < n; i++)
        sum += list[i].residents;
    assert_int_equal(sum, tu_one_int(db, "SELECT count(*) FROM residency r JOIN room USING (building, room)"
                                         " WHERE moved_out IS NULL"));
    xl_building_card card;
    int b = list[n / 2].number;
    assert_int_equal(xl_building_card_load(db, b, &card, &e), XL_OK);
    assert_int_equal(card.s.residents, list[n / 2].residents);
    assert_int_equal((int)card.nresidents, card.s.residents);
    int rooms_sum = 0;
    for (size_t i = 0; i < card.nrooms; i++)
        rooms_sum += card.rooms[i].residents;
    assert_int_equal(rooms_sum, card.s.residents);
    xl_building_card_release(&card);
    xl_buildings_free(list);
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(tally__random_writes__equal_a_recount),
        cmocka_unit_test(tally__from_empty_with_rollbacks__equal_a_recount),
        cmocka_unit_test(tally__card_and_map__show_the_tallies),
        cmocka_unit_test(tally__party_member_deleted__leaves_no_count),
        cmocka_unit_test(tally__buildings_mark__follows_writes),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
