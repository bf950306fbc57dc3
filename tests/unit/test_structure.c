/* test_structure.c — rows typed at the desk (community.h xl_community_enter) and the
 * structure's lists (structure.h): the import's rules beside each field, an audit row per
 * change, nothing written when refused or unchanged. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "xiangli/community.h"
#include "xiangli/i18n.h"
#include "xiangli/structure.h"

static int enter(xl_db *db, int kind, const char *const *v, int *changed, xl_centry_problems *pr)
{
    xl_err err;
    return xl_community_enter(db, kind, v, changed, pr, &err);
}

static void structure__building_update__fields_and_audit(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    xl_cvalue v[XL_B_COUNT];
    xl_err err;
    assert_int_equal(xl_building_values(db, 7, v, &err), XL_OK);
    assert_string_equal(v[XL_B_LANE], "东一巷");
    assert_string_equal(v[XL_B_GROUP], "2");
    const char *in[XL_B_COUNT] = {"7", "东二巷", "东二巷7号", "6", "钱业主", NULL, NULL, NULL,
                                  NULL, NULL, "3", "第一微网格", "孙网格"};
    int changed;
    xl_centry_problems pr;
    assert_int_equal(enter(db, XL_CK_BUILDINGS, in, &changed, &pr), XL_OK);
    assert_int_equal(changed, 1);
    assert_int_equal(tu_one_int(db, "SELECT floors * 10 + pioneer_group FROM building WHERE number = 7"), 63);
    char *s = tu_one_text(db, "SELECT l.name || b.address || o.name FROM building b JOIN lane l ON"
                              " l.id = b.lane_id JOIN person o ON o.id = b.owner_id WHERE number = 7");
    assert_string_equal(s, "东二巷东二巷7号钱业主");
    free(s);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE action = 'community.building.update'"
                                    " AND entity_id = '7' AND detail = 'desk'"), 1);
    /* the same values again: nothing written */
    int64_t audits = tu_one_int(db, "SELECT count(*) FROM audit");
    assert_int_equal(enter(db, XL_CK_BUILDINGS, in, &changed, &pr), XL_OK);
    assert_int_equal(changed, 0);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit"), audits);
    tu_db_free(db);
}

/* Every bad field is named, with the sheet's wording; the database is untouched. */
static void structure__building_update__refused_beside_fields(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    uint64_t before = tu_db_hash(db);
    const char *in[XL_B_COUNT] = {"7", NULL, NULL, "30", NULL, "1391234", NULL, NULL, NULL, NULL, "4"};
    int changed;
    xl_centry_problems pr;
    xl_err err;
    assert_int_equal(xl_community_enter(db, XL_CK_BUILDINGS, in, &changed, &pr, &err), XL_EFAIL);
    assert_int_equal(pr.n, 3);
    assert_int_equal(pr.e[0].col, XL_B_FLOORS);
    assert_int_equal(pr.e[1].col, XL_B_OWNER_PHONE);
    assert_int_equal(pr.e[2].col, XL_B_GROUP);
    char want[64];
    snprintf(want, sizeof want, _(CI_E_INT_FMT), 1, 3);
    assert_string_equal(pr.e[2].msg, want);
    assert_string_equal(err.field, "3");
    assert_int_equal(tu_db_hash(db), before);
    tu_db_free(db);
}

static void structure__room__add_edit_headcount(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    const char *add[XL_R_COUNT] = {"7", "302", "4", "rent", NULL};
    int changed;
    xl_centry_problems pr;
    xl_cvalue v[XL_R_COUNT];
    xl_err err;
    assert_int_equal(enter(db, XL_CK_ROOMS, add, &changed, &pr), XL_OK);
    assert_int_equal(xl_room_values(db, 7, "302", v, &err), XL_OK);
    assert_string_equal(v[XL_R_DECLARED], "4");
    assert_string_equal(v[XL_R_USE], "rent");
    assert_string_equal(v[XL_R_FLOOR], "3");
    const char *edit[XL_R_COUNT] = {"7", "302", "2", "自住", ""};
    assert_int_equal(enter(db, XL_CK_ROOMS, edit, &changed, &pr), XL_OK);
    assert_int_equal(tu_one_int(db, "SELECT declared_headcount FROM room WHERE building = 7 AND room = '302'"), 2);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE entity = 'room' AND entity_id = '7-302'"), 2);
    const char *bad[XL_R_COUNT] = {"8", "302", "-1", "宿舍", ""};
    assert_int_equal(enter(db, XL_CK_ROOMS, bad, &changed, &pr), XL_EFAIL);
    assert_int_equal(pr.n, 2); /* headcount and use; the building is checked once they pass */
    assert_int_equal(pr.e[0].col, XL_R_DECLARED);
    assert_int_equal(pr.e[1].col, XL_R_USE);
    assert_int_equal(xl_room_values(db, 7, "999", v, &err), XL_ENOTFOUND);
    tu_db_free(db);
}

static void structure__party_member__marks_household(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    const char *in[XL_P_COUNT] = {"赵敏", "", "5", "201", "第一党支部"};
    int changed;
    xl_centry_problems pr;
    assert_int_equal(enter(db, XL_CK_PARTY, in, &changed, &pr), XL_OK);
    assert_int_equal(tu_one_int(db, "SELECT party_member FROM person WHERE id = 4"), 1);
    xl_party_row *rows;
    size_t n;
    xl_err err;
    assert_int_equal(xl_party_list(db, &rows, &n, &err), XL_OK);
    assert_int_equal(n, 1);
    assert_string_equal(rows[0].name, "赵敏");
    assert_int_equal(rows[0].building, 5);
    assert_string_equal(rows[0].room, "201");
    free(rows);
    const char *nobody[XL_P_COUNT] = {"不存在", "", "", "", ""};
    assert_int_equal(enter(db, XL_CK_PARTY, nobody, &changed, &pr), XL_EFAIL);
    assert_int_equal(pr.e[0].col, XL_P_NAME);
    tu_db_free(db);
}

static void structure__orgs_and_teams(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    const char *org[XL_O_COUNT] = {"巷里物业", "property", "王经理 13912345678"};
    int changed;
    xl_centry_problems pr;
    assert_int_equal(enter(db, XL_CK_ORGS, org, &changed, &pr), XL_OK);
    const char *team[XL_T_COUNT] = {"2", "巷里物业", "", "yes"};
    assert_int_equal(enter(db, XL_CK_TEAMS, team, &changed, &pr), XL_OK);
    const char *badkind[XL_O_COUNT] = {"某单位", "银行", ""};
    assert_int_equal(enter(db, XL_CK_ORGS, badkind, &changed, &pr), XL_EFAIL);
    assert_int_equal(pr.e[0].col, XL_O_KIND);
    xl_org_row *orgs;
    xl_team_row *teams;
    size_t n, nt;
    xl_err err;
    assert_int_equal(xl_org_rows(db, &orgs, &n, &err), XL_OK);
    assert_int_equal(n, 5);
    assert_int_equal(xl_teams_list(db, &teams, &nt, &err), XL_OK);
    assert_int_equal(nt, 1);
    assert_int_equal(teams[0].group * 100 + teams[0].is_org * 10 + teams[0].leader, 211);
    assert_string_equal(xl_org_kind_label("property"), "物业服务");
    free(orgs);
    free(teams);
    tu_db_free(db);
}

int main(void)
{
    xl_i18n_set_lang("zh");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(structure__building_update__fields_and_audit),
        cmocka_unit_test(structure__building_update__refused_beside_fields),
        cmocka_unit_test(structure__room__add_edit_headcount),
        cmocka_unit_test(structure__party_member__marks_household),
        cmocka_unit_test(structure__orgs_and_teams),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
