/* test_purge.c — letting go of personal numbers (purge.h): who is purged, dry run, history
 * kept, audited, and the digits gone from the database file. */
#define _GNU_SOURCE /* memmem */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/mem.h"
#include "xiangli/purge.h"

/* Today is pinned at 2026-11-25: the cut-off for 3 years is 2023-11-25. */
static xl_db *people(char *path)
{
    xl_db *db = tu_db_new(path);
    tu_exec(db, "INSERT INTO lane(id, name) VALUES (1, '东巷');"
                "INSERT INTO building(number, lane_id) VALUES (1, 1);"
                "INSERT INTO room(building, room, floor) VALUES (1, '101', 1), (1, '102', 1);"
                "INSERT INTO person(id, name, id_number, phone, created_at) VALUES"
                " (1, '久离', '110101199001011237', '17012345671', 'x'),"  /* left 2020: purged */
                " (2, '新离', '110101199001011253', '17012345672', 'x'),"  /* left 2024: kept */
                " (3, '在住', '110101199001011270', '17012345673', 'x'),"  /* lives here */
                " (4, '回来', '110101199001011296', '17012345674', 'x'),"  /* left 2019, came back */
                " (5, '业主', '110101199001011318', '17012345675', 'x');"  /* no residency */
                "INSERT INTO residency(person_id, building, room, role, moved_in, moved_out) VALUES"
                " (1, 1, '101', 'tenant', '2018-01-01', '2019-05-01'),"
                " (1, 1, '102', 'tenant', '2019-05-01', '2020-03-01'),"
                " (2, 1, '101', 'tenant', '2020-03-01', '2024-01-01'),"
                " (3, 1, '102', 'tenant', '2021-01-01', NULL),"
                " (4, 1, '101', 'tenant', '2015-01-01', '2019-01-01'),"
                " (4, 1, '101', 'tenant', '2025-01-01', NULL);");
    return db;
}

static void purge__dry_run__counts_and_changes_nothing(void **state)
{
    (void)state;
    xl_db *db = people(NULL);
    uint64_t before = tu_db_hash(db);
    xl_purge_report rep;
    xl_err e;
    assert_int_equal(xl_purge_numbers(db, 3, 1, &rep, &e), XL_OK);
    assert_string_equal(rep.before, "2023-11-25");
    assert_int_equal(rep.people, 1);
    assert_int_equal(rep.id_numbers, 1);
    assert_int_equal(rep.phones, 1);
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_purge_numbers(db, 7, 1, &rep, &e), XL_OK); /* 2019-11-25: nobody */
    assert_int_equal(rep.people, 0);
    tu_db_free(db);
}

static void purge__erases_numbers_keeps_history_audited(void **state)
{
    (void)state;
    char path[4096];
    xl_db *db = people(path);
    xl_purge_report rep;
    xl_err e;
    assert_int_equal(xl_purge_numbers(db, 3, 0, &rep, &e), XL_OK);
    assert_int_equal(rep.people, 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM person WHERE id = 1 AND id_number IS NULL AND phone IS NULL"), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM person WHERE id_number IS NOT NULL AND phone IS NOT NULL"), 4);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM residency WHERE person_id = 1"), 2);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM person WHERE id = 1 AND name = '久离'"), 1);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'privacy.purge'"
                                    " AND detail LIKE '%people=1 %'"), 1);
    /* the digits are gone from the file and its WAL (secure_delete, WAL truncated) */
    size_t len, wlen = 0;
    char *bytes = tu_read_file(path, &len);
    char *wal_path = xl_asprintf("%s-wal", path);
    char *wal = tu_read_file(wal_path, &wlen);
    assert_null(memmem(bytes, len, "110101199001011237", 18));
    assert_null(memmem(bytes, len, "17012345671", 11));
    assert_true(wal == NULL || memmem(wal, wlen, "110101199001011237", 18) == NULL);
    assert_non_null(memmem(bytes, len, "110101199001011253", 18)); /* kept: left in 2024 */
    free(bytes), free(wal), free(wal_path);
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(purge__dry_run__counts_and_changes_nothing),
        cmocka_unit_test(purge__erases_numbers_keeps_history_audited),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
