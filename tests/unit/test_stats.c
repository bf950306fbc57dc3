/* test_stats.c — totals and registration rate, on the demo and on a hand-made building. */
#include "testutil.h"

#include <math.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "xiangli/mem.h"
#include "xiangli/stats.h"

static void stats__demo__totals_match_the_seed_document(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    xl_stats st;
    xl_err e;
    assert_int_equal(xl_stats_compute(db, &st, &e), XL_OK);
    assert_int_equal(st.buildings, 326);
    assert_in_range(st.residents, 7000, 7400);
    assert_in_range(st.tenants, 5750, 6250);
    assert_true(st.registration_rate > 0.75 && st.registration_rate < 0.85);
    assert_int_equal(st.residents, st.tenants + st.owners + st.sublandlords + st.family);
    int sum = 0;
    for (size_t i = 0; i < st.nbuildings; i++)
        sum += st.per_building[i].residents;
    assert_int_equal(sum, st.residents);
    xl_buf b;
    xl_buf_init(&b);
    xl_stats_json(&st, &b);
    assert_non_null(strstr(b.data, "\"buildings\": 326"));
    assert_non_null(strstr(b.data, "\"registration_rate\": 0."));
    assert_non_null(strstr(b.data, "\"per_building\": ["));
    xl_buf_release(&b);
    xl_stats_release(&st);
    tu_db_free(db);
}

/* One building, two rooms: room 101 declares 4 and has 2 registered, room 102 declares 1 and
 * has 3 registered (over-registration counts only up to the declared number): (2+1)/5. */
static void stats__rate__capped_per_room(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    xl_err e;
    const char *sql =
        "INSERT INTO lane(id, name) VALUES (1, '一弄');"
        "INSERT INTO building(number, lane_id) VALUES (1, 1);"
        "INSERT INTO room(building, room, declared_headcount) VALUES (1, '101', 4), (1, '102', 1);"
        "INSERT INTO person(id, name, created_at) VALUES (1,'甲','x'),(2,'乙','x'),(3,'丙','x'),(4,'丁','x'),(5,'戊','x'),(6,'己','x');"
        "INSERT INTO residency(person_id, building, room, role, moved_in) VALUES"
        " (1,1,'101','tenant','2024-01-01'),(2,1,'101','tenant','2024-01-01'),"
        " (3,1,'102','tenant','2024-01-01'),(4,1,'102','tenant','2024-01-01'),(5,1,'102','family','2024-01-01');"
        "INSERT INTO residency(person_id, building, room, role, moved_in, moved_out) VALUES"
        " (6,1,'101','tenant','2020-01-01','2021-01-01');";
    assert_int_equal(xl_db_exec(db, sql, &e), XL_OK);
    xl_stats st;
    assert_int_equal(xl_stats_compute(db, &st, &e), XL_OK);
    assert_int_equal(st.residents, 5);
    assert_int_equal(st.tenants, 4);
    assert_int_equal(st.moved_out, 1);
    assert_int_equal(st.declared, 5);
    assert_true(fabs(st.registration_rate - 0.6) < 1e-9);
    xl_stats_release(&st);
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(stats__demo__totals_match_the_seed_document),
        cmocka_unit_test(stats__rate__capped_per_room),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
