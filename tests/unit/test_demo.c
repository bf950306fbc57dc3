/* test_demo.c — the deterministic demo community: totals, integrity, determinism. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "demo/demo.h"
#include "xiangli/idcard.h"

/* Registration per building: sum over rooms of min(current residents, declared). */
#define BUILDING_RATES                                                                    \
    "WITH rooms AS (SELECT r.building, r.declared_headcount AS declared,"                \
    "   (SELECT count(*) FROM residency x WHERE x.building = r.building"                \
    "     AND x.room = r.room AND x.moved_out IS NULL) AS living FROM room r),"          \
    " per AS (SELECT building, sum(min(living, declared)) AS reg, sum(declared) AS dec"  \
    "   FROM rooms GROUP BY building) "

static int64_t one_int(xl_db *db, const char *sql)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static double one_double(xl_db *db, const char *sql)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    double v = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    return v;
}

/* FNV-1a over every column of every row the query returns. */
static uint64_t query_hash(xl_db *db, const char *sql, uint64_t h)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    assert_non_null(st);
    while (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const unsigned char *t = (const unsigned char *)xl_col_text(st, c);
            for (; *t; t++)
                h = (h ^ *t) * 0x100000001B3ULL;
            h = (h ^ (sqlite3_column_type(st, c) == SQLITE_NULL ? 0xFEu : 0xFFu)) * 0x100000001B3ULL;
        }
    }
    sqlite3_finalize(st);
    return h;
}

static uint64_t content_hash(xl_db *db)
{
    static const char *const tables[] = {
        "SELECT * FROM person ORDER BY id",
        "SELECT * FROM residency ORDER BY id",
        "SELECT * FROM building ORDER BY number",
        "SELECT * FROM room ORDER BY building, room",
        "SELECT * FROM responsible_history ORDER BY id",
        "SELECT * FROM micro_grid ORDER BY id",
        "SELECT * FROM lane ORDER BY id",
        "SELECT * FROM organisation ORDER BY id",
    };
    uint64_t h = 0xCBF29CE484222325ULL;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        h = query_hash(db, tables[i], h);
    return h;
}

static xl_db *built(unsigned long seed, int scale)
{
    xl_db *db = tu_db_new(NULL);
    xl_err err;
    xl_err_clear(&err);
    xl_demo_opts o = {.seed = seed, .scale = scale};
    if (xl_demo_build(db, &o, &err) != XL_OK)
        fail_msg("demo seed %lu: %s", seed, err.msg);
    return db;
}

static void demo__build__totals(void **state)
{
    (void)state;
    xl_db *db = built(1, 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM building"), 326);
    assert_int_equal(one_int(db, "SELECT max(number) FROM building"), 326);
    int64_t residents = one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NULL");
    int64_t tenants = one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NULL AND role = 'tenant'");
    assert_in_range(residents, 7200 - 216, 7200 + 216);
    assert_in_range(tenants, 6000 - 240, 6000 + 240);
    double rate = one_double(db, BUILDING_RATES "SELECT sum(reg) * 1.0 / sum(dec) FROM per");
    assert_true(rate >= 0.75 && rate <= 0.85);
    assert_true(one_int(db, BUILDING_RATES "SELECT count(*) FROM per WHERE reg * 1.0 / dec < 0.6") >= 1);
    assert_true(one_int(db, BUILDING_RATES "SELECT count(*) FROM per WHERE reg = dec AND dec > 0") >= 1);
    int64_t closed = one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NOT NULL");
    assert_in_range(closed, 1500, 2500);
    tu_db_free(db);
}

/* A meeting not held yet has an agenda but nothing said or decided (issue 12 item 19). */
static void demo__build__planned_meetings_say_nothing(void **state)
{
    (void)state;
    xl_db *db = built(1, 1);
    assert_true(one_int(db, "SELECT count(*) FROM meeting WHERE status = 'planned'") >= 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id"
                                 " WHERE m.status = 'planned' AND (a.notes <> '' OR a.decision <> '')"), 0);
    assert_true(one_int(db, "SELECT count(*) FROM agenda_item a JOIN meeting m ON m.id = a.meeting_id"
                            " WHERE m.status = 'closed' AND a.decision <> ''") > 0);
    tu_db_free(db);
}

static void demo__build__layout(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    assert_int_equal(one_int(db, "SELECT count(*) FROM building WHERE responsible_id IS NULL"
                                 " OR owner_id IS NULL OR pioneer_group NOT BETWEEN 1 AND 3"
                                 " OR pioneer_group IS NULL OR micro_grid_id IS NULL"), 0);
    assert_int_equal(one_int(db, "SELECT count(DISTINCT pioneer_group) FROM building"), 3);
    assert_in_range(one_int(db, "SELECT count(*) FROM lane"), 12, 17);
    assert_int_equal(one_int(db, "SELECT count(*) FROM (SELECT lane_id FROM building GROUP BY lane_id"
                                 " HAVING count(*) NOT BETWEEN 20 AND 28)"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM building WHERE floors NOT BETWEEN 2 AND 5"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM room WHERE declared_headcount > 5"), 0);
    /* every building has its current responsible person in the history, and only one */
    assert_int_equal(one_int(db, "SELECT count(*) FROM building b WHERE (SELECT count(*)"
                                 " FROM responsible_history h WHERE h.building = b.number"
                                 " AND h.until IS NULL AND h.person_id = b.responsible_id"
                                 " AND h.role = b.responsible_role) != 1"), 0);
    int64_t subs = one_int(db, "SELECT count(*) FROM building WHERE responsible_role = 'sublandlord'");
    assert_in_range(subs, 326 * 35 / 100, 326 * 55 / 100);
    assert_in_range(one_int(db, "SELECT count(*) FROM micro_grid WHERE leader_id IS NOT NULL"), 10, 14);
    assert_true(one_int(db, "SELECT count(*) FROM organisation") >= 5);
    tu_db_free(db);
}

static void demo__build__ids_and_phones(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT id_number, phone FROM person", NULL);
    assert_non_null(st);
    xl_err err;
    int64_t n = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        xl_err_clear(&err);
        if (xl_id_validate(xl_col_text(st, 0), NULL, &err) != XL_OK)
            fail_msg("%s: %s", xl_col_text(st, 0), err.msg);
        if (sqlite3_column_type(st, 1) != SQLITE_NULL && xl_phone_validate(xl_col_text(st, 1), &err))
            fail_msg("%s: %s", xl_col_text(st, 1), err.msg);
        n++;
    }
    sqlite3_finalize(st);
    assert_true(n > 7200);
    assert_int_equal(one_int(db, "SELECT count(DISTINCT id_number) FROM person"), n);
    assert_int_equal(one_int(db, "SELECT count(*) FROM person WHERE id_number IS NULL"), 0);
    assert_int_equal(one_int(db, "SELECT count(DISTINCT phone) FROM person"),
                     one_int(db, "SELECT count(phone) FROM person"));
    /* the sequence digit's parity matches the gender */
    assert_int_equal(one_int(db, "SELECT count(*) FROM person WHERE"
                                 " (CAST(substr(id_number, 17, 1) AS INTEGER) % 2 = 1) != (gender = 'M')"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM person WHERE province = '上海'"
                                 " AND substr(id_number, 1, 2) != '31'"), 0);
    tu_db_free(db);
}

static void demo__build__people(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    assert_int_equal(one_int(db, "SELECT count(*) FROM (SELECT person_id FROM residency"
                                 " WHERE moved_out IS NULL GROUP BY person_id HAVING count(*) > 1)"), 0);
    /* some who moved out live in another building now */
    assert_true(one_int(db, "SELECT count(*) FROM residency a JOIN residency b ON a.person_id = b.person_id"
                            " WHERE a.moved_out IS NOT NULL AND b.moved_out IS NULL"
                            " AND a.building != b.building AND a.moved_out <= b.moved_in") >= 50);
    assert_int_equal(one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NOT NULL"
                                 " AND channel_out IS NULL"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM residency WHERE moved_in < '2018-01-01'"
                                 " OR moved_in > '2026-10-31' OR moved_out > '2026-10-31'"), 0);
    /* stale confirmations exist but are few */
    int64_t tenants = one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NULL AND role = 'tenant'");
    int64_t stale = one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NULL AND role = 'tenant'"
                                " AND confirmed_at < '2025-11-01'");
    assert_in_range(stale, tenants * 2 / 100, tenants * 10 / 100);
    assert_in_range(one_int(db, "SELECT count(*) FROM person WHERE substr(name, 1, 1)"
                                " IN ('单', '曾', '解', '区', '仇', '查', '朴')"), 20, 400);
    int64_t party_bldgs = one_int(db, "SELECT count(DISTINCT r.building) FROM residency r"
                                      " JOIN person p ON p.id = r.person_id"
                                      " WHERE r.moved_out IS NULL AND p.party_member = 1");
    assert_in_range(party_bldgs, 326 * 15 / 100, 326 * 25 / 100);
    tu_db_free(db);
}

static void demo__build__refuses_nonempty(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    uint64_t before = content_hash(db);
    int64_t audits = xl_db_audit_count(db, NULL);
    xl_err err;
    xl_err_clear(&err);
    xl_demo_opts o = {.seed = 2, .scale = 1};
    assert_int_equal(xl_demo_build(db, &o, &err), XL_EFAIL);
    assert_non_null(strstr(err.msg, "演示小区只能建在空数据库里"));
    assert_true(content_hash(db) == before);
    assert_int_equal(xl_db_audit_count(db, NULL), audits);
    tu_db_free(db);
}

static void demo__build__rejects_bad_scale(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    xl_err err;
    xl_err_clear(&err);
    xl_demo_opts o = {.seed = 1, .scale = 0};
    assert_int_not_equal(xl_demo_build(db, &o, &err), XL_OK);
    assert_true(err.msg[0] != '\0');
    assert_true(xl_db_is_empty(db));
    tu_db_free(db);
}

static void demo__build__audited(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    assert_int_equal(xl_db_audit_count(db, "demo.init"), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM audit WHERE action = 'demo.init'"
                                 " AND entity = 'community' AND detail = 'seed=1 scale=1'"), 1);
    tu_db_free(db);
}

static void demo__build__deterministic(void **state)
{
    (void)state;
    xl_db *a = built(7, 1), *b = built(7, 1), *c = built(8, 1);
    uint64_t ha = content_hash(a), hb = content_hash(b), hc = content_hash(c);
    assert_true(ha == hb);
    assert_true(ha != hc);
    tu_db_free(a);
    tu_db_free(b);
    tu_db_free(c);
}

static void demo__build__scale_two(void **state)
{
    (void)state;
    xl_db *db = built(3, 2);
    assert_int_equal(one_int(db, "SELECT count(*) FROM building"), 652);
    assert_int_equal(one_int(db, "SELECT max(number) FROM building"), 652);
    assert_in_range(one_int(db, "SELECT count(*) FROM residency WHERE moved_out IS NULL"),
                    2 * (7200 - 216), 2 * (7200 + 216));
    assert_int_equal(one_int(db, "SELECT count(*) FROM micro_grid"), 24);
    tu_db_free(db);
}

static void demo__rng__deterministic_and_bounded(void **state)
{
    (void)state;
    xl_rng a, b, c;
    xl_rng_seed(&a, 42);
    xl_rng_seed(&b, 42);
    xl_rng_seed(&c, 43);
    int differs = 0;
    for (int i = 0; i < 1000; i++) {
        unsigned long long x = xl_rng_next(&a);
        assert_true(x == xl_rng_next(&b));
        differs |= x != xl_rng_next(&c);
    }
    assert_true(differs);
    unsigned hist[7] = {0};
    for (int i = 0; i < 70000; i++)
        hist[xl_rng_below(&a, 7)]++;
    for (int i = 0; i < 7; i++)
        assert_in_range(hist[i], 9000, 11000);
    assert_int_equal(xl_rng_below(&a, 0), 0);
    assert_int_equal(xl_rng_below(&a, 1), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(demo__build__totals),
        cmocka_unit_test(demo__build__layout),
        cmocka_unit_test(demo__build__planned_meetings_say_nothing),
        cmocka_unit_test(demo__build__ids_and_phones),
        cmocka_unit_test(demo__build__people),
        cmocka_unit_test(demo__build__refuses_nonempty),
        cmocka_unit_test(demo__build__rejects_bad_scale),
        cmocka_unit_test(demo__build__audited),
        cmocka_unit_test(demo__build__deterministic),
        cmocka_unit_test(demo__build__scale_two),
        cmocka_unit_test(demo__rng__deterministic_and_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
