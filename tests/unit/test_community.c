/* test_community.c — the community import (community.h): English headers in any order, all
 * or nothing across sheets, re-import as an update, removal refused while people live there. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/community.h"
#include "xiangli/i18n.h"
#include "xiangli/resident.h"

static int import_text(xl_db *db, const char *dir, const char *name, const char *text, int kind,
                       xl_cimport_report *rep)
{
    char *file = tu_write_file(dir, name, text);
    xl_err err;
    int rc = xl_community_import(db, file, kind, 0, rep, &err);
    free(file);
    return rc;
}

static void community__import__english_any_order(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    char *dir = tu_tmpdir();
    xl_cimport_report rep;
    xl_cimport_report_init(&rep);
    assert_int_equal(import_text(db, dir, "b.csv", "floors,lane,building,pioneer_group\n4,2,7,3\n",
                                 XL_CK_BUILDINGS, &rep), XL_OK);
    assert_int_equal(rep.count[XL_CK_BUILDINGS].added, 1);
    assert_int_equal(tu_one_int(db, "SELECT floors * 10 + pioneer_group FROM building WHERE number = 7"), 43);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM lane WHERE name = '2弄'"), 1);
    assert_int_equal(import_text(db, dir, "r.csv", "use,declared_headcount,room,building\n出租,3,302,7\n",
                                 XL_CK_ROOMS, &rep), XL_OK);
    assert_int_equal(tu_one_int(db, "SELECT declared_headcount FROM room WHERE building = 7 AND room = '302'"), 3);
    assert_int_equal(tu_one_int(db, "SELECT floor FROM room WHERE building = 7"), 3);
    /* again: unchanged, and no audit row */
    int64_t audits = tu_one_int(db, "SELECT count(*) FROM audit");
    assert_int_equal(import_text(db, dir, "r.csv", "use,declared_headcount,room,building\n出租,3,302,7\n",
                                 XL_CK_ROOMS, &rep), XL_OK);
    assert_int_equal(rep.count[XL_CK_ROOMS].unchanged, 1);
    assert_int_equal(rep.written, 0);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit"), audits);
    xl_cimport_report_release(&rep);
    tu_db_free(db);
    free(dir);
}

/* A bad room row refuses the whole file: its good rows are not written either. */
static void community__import__all_or_nothing(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    char *dir = tu_tmpdir();
    xl_cimport_report rep;
    xl_cimport_report_init(&rep);
    import_text(db, dir, "b.csv", "楼栋,弄\n7,1弄\n", XL_CK_BUILDINGS, &rep);
    uint64_t before = tu_db_hash(db);
    assert_int_equal(import_text(db, dir, "r.csv", "楼栋,房间,核定人数,用途\n7,101,2,出租\n8,102,2,出租\n7,103,x,出租\n7,104,1,仓库\n",
                                 XL_CK_ROOMS, &rep), XL_EFAIL);
    assert_int_equal(rep.nerrors, 3);
    char msg[4400];
    xl_cimport_problem_format(&rep, 0, msg, sizeof msg);
    assert_non_null(strstr(msg, "r.csv 第 3 行 · 楼栋：没有8号楼"));
    xl_cimport_problem_format(&rep, 1, msg, sizeof msg);
    assert_non_null(strstr(msg, "r.csv 第 4 行 · 核定人数："));
    assert_true(tu_db_hash(db) == before);
    xl_cimport_report_release(&rep);
    tu_db_free(db);
    free(dir);
}

/* The fixture's building 5 has people: removing it or one of its rooms is refused, naming them. */
static void community__remove__refused_while_lived_in(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    xl_err err;
    uint64_t before = tu_db_hash(db);
    assert_int_equal(xl_building_remove(db, 5, &err), XL_EFAIL);
    assert_non_null(strstr(err.msg, "5号楼还有在住人员："));
    assert_true(tu_db_hash(db) == before);
    char *room = tu_one_text(db, "SELECT room FROM residency WHERE building = 5 AND moved_out IS NULL LIMIT 1");
    char *name = tu_one_text(db, "SELECT p.name FROM residency r JOIN person p ON p.id = r.person_id"
                                 " WHERE r.building = 5 AND r.room = (SELECT room FROM residency WHERE building = 5"
                                 " AND moved_out IS NULL LIMIT 1) AND r.moved_out IS NULL ORDER BY p.name LIMIT 1");
    assert_int_equal(xl_room_remove(db, 5, room, &err), XL_EFAIL);
    assert_non_null(strstr(err.msg, name));
    free(room);
    free(name);
    tu_exec(db, "INSERT INTO room (building, room) VALUES (9, '999')");
    assert_int_equal(xl_room_remove(db, 9, "999", &err), XL_OK);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'community.room.remove'"), 1);
    tu_db_free(db);
}

/* The people sheet is 人员 now; a workbook from an older template calls it 住户 and is read
 * the same (sheet_basic.xlsx has a 住户 sheet). */
static void community__import__older_people_sheet_name(void **state)
{
    (void)state;
    assert_int_equal(xl_ckind_parse("人员"), XL_CK_RESIDENTS);
    assert_int_equal(xl_ckind_parse("住户"), XL_CK_RESIDENTS);
    assert_string_equal(xl_ckind_sheet(XL_CK_RESIDENTS), "人员");
    xl_db *db = tu_db_new(NULL);
    xl_cimport_report rep;
    xl_cimport_report_init(&rep);
    xl_err err;
    xl_community_import(db, XL_SOURCE_DIR "/tests/unit/data/sheet_basic.xlsx", -1, 1, &rep, &err);
    /* it was read as the people sheet: its rows were checked (and one ID stored as a number
     * found) instead of the workbook being refused for having no known sheet */
    assert_true(xl_cimport_problem_count(&rep) > 0);
    char msg[4400];
    xl_cimport_problem_format(&rep, 0, msg, sizeof msg);
    assert_non_null(strstr(msg, "“住户”表 第 7 行 · 身份证号："));
    xl_cimport_report_release(&rep);
    tu_db_free(db);
}

int main(void)
{
    xl_i18n_set_lang("zh");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(community__import__english_any_order),
        cmocka_unit_test(community__import__older_people_sheet_name),
        cmocka_unit_test(community__import__all_or_nothing),
        cmocka_unit_test(community__remove__refused_while_lived_in),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
