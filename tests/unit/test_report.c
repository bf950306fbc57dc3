/* test_report.c — every figure of the statistics pane, the rows behind them and the first
 * responsible persons' record, against a hand-counted community (tu_fixture_db plus the
 * rows below; today is 2026-11-25). */
#include <stdlib.h>
#include <string.h>

#include "testutil.h"
#include "xiangli/config.h"
#include "xiangli/i18n.h"
#include "xiangli/report.h"

/* Counted by hand:
 *   rooms 5-101 (3 declared: 1 owner, 2 sub-landlord, 5 family), 5-201 (3 declared: 3, 4, 8
 *   tenants), 7-101 (2 declared: 7 tenant); building 9 has no rooms.
 *   rates: 5 → 6/6, 7 → 1/2, 9 → 1 (nothing declared); community 7/8 = 0.875.
 *   moves in the 12 months 2025-12..2026-11: in 2026-02 (9), 2026-03 (10), 2026-11 (8);
 *   out 2026-05 (10, after 61 days: on time), 2026-06 (9). 6 left 2025-01-01 (late). */
static const char extra_sql[] =
    "UPDATE person SET province = '河南' WHERE id IN (3, 4);"
    "UPDATE person SET province = '安徽' WHERE id = 7;"
    "INSERT INTO person(id, name, province, created_at) VALUES (8, '钱八', '河南', '2026-01-01'),"
    " (9, '吴九', '', '2026-01-01'), (10, '郑十', '', '2026-01-01');"
    "INSERT INTO residency(person_id, building, room, role, moved_in, moved_out) VALUES"
    " (8, 5, '201', 'tenant', '2026-11-03', NULL), (9, 7, '101', 'tenant', '2026-02-10', '2026-06-30'),"
    " (10, 5, '201', 'tenant', '2026-03-01', '2026-05-01');"
    "UPDATE building SET responsible_id = 1, responsible_role = 'owner' WHERE number = 9;"
    "INSERT INTO responsible_history(building, person_id, role, since, until) VALUES"
    " (5, 1, 'owner', '2010-01-01', '2020-01-01'), (5, 2, 'sublandlord', '2020-01-01', NULL),"
    " (9, 1, 'owner', '2015-05-05', NULL);"
    "INSERT INTO list_item(id, kind, title, category, raised_at, owner_person, owner_org, due,"
    " status, closing_note, closed_at, created_at, updated_at) VALUES"
    " (1, 'problem', '电动车楼道充电', 'safety', '2026-10-01', NULL, NULL, NULL, 'open', '', NULL, 'x', 'x'),"
    " (2, 'problem', '燃气管老化', 'safety', '2026-10-01', NULL, NULL, NULL, 'in_progress', '', NULL, 'x', 'x'),"
    " (3, 'demand', '合同范本', 'rental', '2026-10-01', NULL, NULL, NULL, 'open', '', NULL, 'x', 'x'),"
    " (4, 'action', '清理楼道电动车', 'safety', '2026-10-01', 2, NULL, '2026-11-01', 'open', '', NULL, 'x', 'x'),"
    " (5, 'action', '路灯报修', 'other', '2026-10-01', NULL, 1, '2026-11-20', 'in_progress', '', NULL, 'x', 'x'),"
    " (6, 'action', '垃圾房清洗', 'other', '2026-10-01', NULL, 1, '2026-12-01', 'open', '', NULL, 'x', 'x'),"
    " (7, 'action', '旧事', 'other', '2026-01-01', 2, NULL, '2026-01-01', 'done', '已办', '2026-01-02', 'x', 'x');"
    "INSERT INTO list_item_building(item_id, building) VALUES (1, 5), (2, 5), (4, 5);"
    "INSERT INTO meeting(id, kind, title, starts_at, host_person_id, building, status, started_at, created_at)"
    " VALUES (1, 'roundtable', '5号楼小圆桌', '2026-10-10 19:00', 2, 5, 'running', '2026-10-10 19:00', 'x'),"
    " (2, 'roundtable', '7号楼小圆桌', '2025-01-01 19:00', NULL, 7, 'running', '2025-01-01 19:00', 'x');"
    "INSERT INTO attendance(meeting_id, person_id, role) VALUES (1, 2, 'sublandlord'), (1, 3, 'tenant');"
    "UPDATE meeting SET status = 'closed', closed_at = starts_at;";

static xl_db *fixture(void)
{
    xl_db *db = tu_fixture_db();
    tu_exec(db, extra_sql);
    return db;
}

static void load(xl_db *db, xl_figures *f)
{
    xl_report_opts o;
    xl_report_opts_init(&o);
    xl_err e;
    assert_int_equal(xl_figures_load(db, &o, f, &e), XL_OK);
}

static void report__figures__totals_and_roles(void **state)
{
    (void)state;
    xl_db *db = fixture();
    xl_figures f;
    load(db, &f);
    assert_string_equal(f.today, "2026-11-25");
    assert_int_equal(f.st.residents, 7);
    assert_int_equal(f.st.declared, 8);
    assert_true(f.st.registration_rate > 0.8749 && f.st.registration_rate < 0.8751);
    assert_int_equal(f.by_role[0], 1);
    assert_int_equal(f.by_role[1], 1);
    assert_int_equal(f.by_role[2], 4);
    assert_int_equal(f.by_role[3], 1);
    assert_int_equal(f.st.moved_out, 3);
    xl_figures_release(&f);
    tu_db_free(db);
}

static void report__figures__buildings_worst_first(void **state)
{
    (void)state;
    xl_db *db = fixture();
    xl_figures f;
    load(db, &f);
    assert_int_equal(f.nbuildings, 3);
    assert_int_equal(f.buildings[0].number, 7);
    assert_true(f.buildings[0].rate == 0.5);
    assert_string_equal(f.buildings[0].resp_name, "");
    assert_int_equal(f.buildings[1].number, 5);
    assert_string_equal(f.buildings[1].resp_name, "李二房");
    assert_string_equal(f.buildings[1].resp_role, "sublandlord");
    assert_int_equal(f.buildings[2].number, 9);
    assert_string_equal(f.buildings[2].resp_name, "王建国");
    assert_int_equal(f.below_target, 1);
    xl_figures_release(&f);
    tu_db_free(db);
}

static void report__figures__monthly_moves(void **state)
{
    (void)state;
    xl_db *db = fixture();
    xl_figures f;
    load(db, &f);
    assert_string_equal(f.months[0].month, "2025-12");
    assert_string_equal(f.months[11].month, "2026-11");
    int in[12] = {0, 0, 1, 1, 0, 0, 0, 0, 0, 0, 0, 1}, out[12] = {0, 0, 0, 0, 0, 1, 1, 0};
    for (int i = 0; i < 12; i++) {
        assert_int_equal(f.months[i].moved_in, in[i]);
        assert_int_equal(f.months[i].moved_out, out[i]);
    }
    xl_figures_release(&f);
    /* another window: the 12 months up to 2025-01 see 6's move-out only */
    xl_report_opts o;
    xl_report_opts_init(&o);
    strcpy(o.month, "2025-01");
    xl_err e;
    assert_int_equal(xl_figures_load(db, &o, &f, &e), XL_OK);
    assert_string_equal(f.months[0].month, "2024-02");
    assert_int_equal(f.months[11].moved_out, 1);
    for (int i = 0; i < 12; i++) /* 7 moved in 2024-01, just before the window */
        assert_int_equal(f.months[i].moved_in, 0);
    xl_figures_release(&f);
    strcpy(o.month, "2025-13");
    assert_int_equal(xl_figures_load(db, &o, &f, &e), XL_EUSAGE);
    tu_db_free(db);
}

static void report__figures__provinces(void **state)
{
    (void)state;
    xl_db *db = fixture();
    xl_figures f;
    load(db, &f);
    assert_int_equal(f.nprovinces, 3);
    assert_string_equal(f.provinces[0].key, "");
    assert_int_equal(f.provinces[0].count, 3);
    assert_string_equal(f.provinces[1].key, "河南");
    assert_int_equal(f.provinces[1].count, 3);
    assert_string_equal(f.provinces[2].key, "安徽");
    assert_int_equal(f.provinces[2].count, 1);
    xl_figures_release(&f);
    tu_db_free(db);
}

static void report__figures__items_and_overdue(void **state)
{
    (void)state;
    xl_db *db = fixture();
    xl_figures f;
    load(db, &f);
    assert_int_equal(f.nitems, 3);
    assert_string_equal(f.items[0].category, "other");
    assert_int_equal(f.items[0].open, 1);
    assert_int_equal(f.items[0].in_progress, 1);
    assert_string_equal(f.items[1].category, "rental");
    assert_int_equal(f.items[1].open, 1);
    assert_string_equal(f.items[2].category, "safety");
    assert_int_equal(f.items[2].open, 2);
    assert_int_equal(f.items[2].in_progress, 1);
    assert_int_equal(f.noverdue, 2);
    assert_int_equal(f.overdue_total, 2);
    assert_string_equal(f.overdue[0].key, "O1");
    assert_string_equal(f.overdue[0].label, "九里亭街道办事处");
    assert_string_equal(f.overdue[1].key, "P2");
    assert_int_equal(f.overdue[1].count, 1);
    xl_figures_release(&f);
    tu_db_free(db);
}

static void report__figures__roundtable_coverage(void **state)
{
    (void)state;
    xl_db *db = fixture();
    xl_figures f;
    load(db, &f);
    assert_int_equal(f.rt_buildings, 3);
    assert_int_equal(f.rt_covered, 1);
    assert_int_equal(f.ncover, 4); /* lane 1, groups 1..3 */
    assert_int_equal(f.cover[0].kind, XL_COVER_LANE);
    assert_int_equal(f.cover[0].buildings, 3);
    assert_int_equal(f.cover[0].covered, 1);
    assert_int_equal(f.cover[1].kind, XL_COVER_GROUP);
    assert_int_equal(f.cover[1].id, 1);
    assert_true(f.cover[1].share == 1.0);
    assert_true(f.cover[2].share == 0.0 && f.cover[3].share == 0.0);
    xl_figures_release(&f);
    tu_db_free(db);
}

static void report__behind__rows(void **state)
{
    (void)state;
    xl_db *db = fixture();
    xl_behind b;
    xl_err e;
    assert_int_equal(xl_behind_load(db, XL_BEHIND_ROLE, "tenant", 365, 0, &b, &e), XL_OK);
    assert_int_equal(b.nrows, 4);
    assert_string_equal(b.rows[0].col[1], "张小军");
    assert_string_equal(b.rows[2].col[1], "钱八");
    assert_int_equal(b.rows[3].building, 7);
    xl_behind_release(&b);
    assert_int_equal(xl_behind_load(db, XL_BEHIND_MONTH, "2026-05", 365, 0, &b, &e), XL_OK);
    assert_int_equal(b.nrows, 1);
    assert_string_equal(b.rows[0].col[1], "郑十");
    assert_string_equal(b.rows[0].col[3], "2026-05-01");
    assert_int_equal(b.rows[0].person_id, 10);
    xl_behind_release(&b);
    assert_int_equal(xl_behind_load(db, XL_BEHIND_PROVINCE, "河南", 365, 2, &b, &e), XL_OK);
    assert_int_equal(b.nrows, 2); /* limit */
    xl_behind_release(&b);
    assert_int_equal(xl_behind_load(db, XL_BEHIND_CATEGORY, "safety", 365, 0, &b, &e), XL_OK);
    assert_int_equal(b.nrows, 3);
    assert_int_equal(b.rows[2].item_id, 4);
    xl_behind_release(&b);
    assert_int_equal(xl_behind_load(db, XL_BEHIND_OVERDUE, "P2", 365, 0, &b, &e), XL_OK);
    assert_int_equal(b.nrows, 1);
    assert_int_equal(b.rows[0].item_id, 4);
    xl_behind_release(&b);
    assert_int_equal(xl_behind_load(db, XL_BEHIND_LANE, "1", 365, 0, &b, &e), XL_OK);
    assert_int_equal(b.nrows, 3);
    assert_string_equal(b.rows[0].col[3], "2026-10-10");
    assert_int_equal(b.rows[1].building, 7);
    xl_behind_release(&b);
    tu_db_free(db);
}

static void report__resp__record(void **state)
{
    (void)state;
    xl_db *db = fixture();
    xl_resp_record *r;
    size_t n;
    xl_err e;
    assert_int_equal(xl_resp_records_load(db, 180, &r, &n, &e), XL_OK);
    assert_int_equal(n, 2);
    /* 王建国: building 9, nothing declared (rate 1), no stale tenancy: thanked first */
    assert_string_equal(r[0].name, "王建国");
    assert_string_equal(r[0].buildings, "9");
    assert_int_equal(r[0].found_stale, 0);
    assert_string_equal(r[0].since, "2015-05-05");
    assert_string_equal(r[1].name, "李二房");
    assert_string_equal(r[1].role, "sublandlord");
    assert_int_equal(r[1].nbuildings, 1);
    assert_int_equal(r[1].residents, 6);
    assert_true(r[1].rate == 1.0);
    assert_int_equal(r[1].signouts_on_time, 1);
    assert_int_equal(r[1].signouts_late, 1);
    assert_int_equal(r[1].found_stale, 2); /* 3 and 4: last seen 2025-03/04 */
    assert_int_equal(r[1].rt_convened, 1);
    assert_int_equal(r[1].rt_attended, 1);
    assert_int_equal(r[1].open_safety, 3);
    assert_int_equal(r[1].changes, 1);
    assert_string_equal(r[1].since, "2020-01-01");
    free(r);
    /* a chase of building 5 that ended in 2 sign-outs counts as found stale for 李二房 (2); a
     * chase that only listed the tenants does not */
    tu_exec(db, "INSERT INTO chase(building, responsible_id, operator, at, outcome, residents)"
                " VALUES (5, 2, 'tester', '2026-10-01 10:00:00', 'signed_out', 2),"
                "        (5, 2, 'tester', '2026-10-02 10:00:00', 'listed', 5)");
    assert_int_equal(xl_resp_records_load(db, 180, &r, &n, &e), XL_OK);
    assert_string_equal(r[1].name, "李二房");
    assert_int_equal(r[1].found_stale, 4);
    free(r);
    xl_resp_change *c;
    assert_int_equal(xl_resp_changes_load(db, 2, &c, &n, &e), XL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(c[0].name, "李二房");
    assert_string_equal(c[0].until, "");
    assert_string_equal(c[1].until, "2020-01-01");
    free(c);
    tu_db_free(db);
}

/* [register] target_rate: 0.80 by default, a share or a percentage, refused outside 0..1. */
static void report__config__target_rate(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    xl_config c;
    xl_err e;
    xl_config_defaults(&c);
    assert_true(c.target_rate == 0.80);
    char *p = tu_write_file(dir, "a.ini", "[register]\ntarget_rate = 0.9\n");
    assert_int_equal(xl_config_load(&c, p, &e), XL_OK);
    assert_true(c.target_rate == 0.9);
    free(p);
    p = tu_write_file(dir, "b.ini", "[register]\ntarget_rate = 75%\n");
    assert_int_equal(xl_config_load(&c, p, &e), XL_OK);
    assert_true(c.target_rate == 0.75);
    free(p);
    p = tu_write_file(dir, "c.ini", "[register]\n\ntarget_rate = 1.5\n");
    assert_int_equal(xl_config_load(&c, p, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, " 第 3 行"));
    assert_non_null(strstr(e.msg, "target_rate"));
    assert_true(c.target_rate == 0.75); /* unchanged */
    free(p);
}

/* The audit keeps its details as records in English keys; the officer reads them in Chinese
 * (issue 15), titles in quotes untouched, and under English as stored. */
static void report__audit_words__keys_and_values(void **state)
{
    (void)state;
    static const char *const cases[][2] = {
        {"file=out.csv rows=7203 reason=派出所核查", "文件：out.csv 行数：7203 理由：派出所核查"},
        {"field=id_number reason=核对", "查看：身份证号 理由：核对"},
        {"field=phone reason=核对", "查看：手机号 理由：核对"},
        {"to=127-302 role=tenant moved_in=2026-11-01 channel=qr id=310***********1234",
         "到：127-302 身份：租客 入住日期：2026-11-01 渠道：扫码 身份证号：310***********1234"},
        {"building=127 room=302 action=out receipt=AB12", "楼号：127 房间：302 办理：签出 回执：AB12"},
        {"outcome=signed_out residents=3", "结果：已整栋签出 在住人员：3"},
        {"month=2026-11 format=xlsx", "月份：2026-11 格式：xlsx"},
        {"problem 'owner=me status: x' category=safety buildings=127",
         "问题 'owner=me status: x' 类别 安全隐患 楼栋 127"},
        {"status: open -> done; note: 已修好", "状态：待办 → 已办结; 说明：已修好"},
        {"agenda add #3: free item '楼道 at place' (5 min)", "添加议题 #3: 临时议题 '楼道 at place' (5 分钟)"},
        {"attendance add #4: '王建国' (owner)", "登记出席 #4: '王建国' (业主)"},
        {"status: running -> closed at 2026-11-28 20:30; minutes written (812 bytes)",
         "状态：进行中 → 已结束 时间 2026-11-28 20:30; 已生成纪要 (812 bytes)"},
        {"roundtable 'x' at 2026-11-28 19:30, place 'y', host 'z', building 127",
         "楼栋小圆桌 'x' 时间 2026-11-28 19:30, 地点 'y', 主持人 'z', 楼号 127"},
        {"building=127 attendance", "楼号：127 attendance"},
        {"", ""},
    };
    char out[512];
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xl_audit_words(cases[i][0], out, sizeof out);
        assert_string_equal(out, cases[i][1]);
    }
    xl_audit_words("file=out.csv rows=7203 reason=派出所核查", out, 8); /* cut, never inside ：*/
    assert_string_equal(out, "文件");
    xl_i18n_set_lang("en");
    xl_audit_words("file=out.csv rows=7203 reason=x", out, sizeof out);
    assert_string_equal(out, "file=out.csv rows=7203 reason=x");
    xl_i18n_set_lang("zh");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(report__figures__totals_and_roles),
        cmocka_unit_test(report__figures__buildings_worst_first),
        cmocka_unit_test(report__figures__monthly_moves),
        cmocka_unit_test(report__figures__provinces),
        cmocka_unit_test(report__figures__items_and_overdue),
        cmocka_unit_test(report__figures__roundtable_coverage),
        cmocka_unit_test(report__behind__rows),
        cmocka_unit_test(report__resp__record),
        cmocka_unit_test(report__config__target_rate),
        cmocka_unit_test(report__audit_words__keys_and_values),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
