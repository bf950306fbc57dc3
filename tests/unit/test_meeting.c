/* test_meeting.c — meetings: creation and defaults, the planned → running → closed lifecycle,
 * agenda order, attendance counts by role, decisions turned into actions, minutes written at
 * close and exported, buildings without a roundtable, one audit row per change in the same
 * transaction, and nothing written for rejected input. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/db/db_internal.h"
#include "xiangli/i18n.h"
#include "xiangli/lists.h"
#include "xiangli/meeting.h"
#include "xiangli/mem.h"

/* ---------- fixtures and helpers ---------- */


static int64_t audits(xl_db *db) { return xl_db_audit_count(db, NULL); }

static void assert_field(const xl_err *e, const char *field)
{
    if (strcmp(e->field, field) != 0 || !e->msg[0])
        fail_msg("expected an error naming '%s', got '%s'", field, tu_err_text(e));
}

static int64_t roundtable(xl_db *db, int building, const char *when)
{
    xl_meeting_form f;
    xl_meeting_form_init(&f, XL_MEETING_ROUNDTABLE);
    f.building = building;
    f.starts_at = when;
    int64_t id = 0;
    xl_err e;
    if (xl_meeting_create(db, &f, &id, &e) != XL_OK)
        fail_msg("roundtable: %s", e.msg);
    return id;
}

static int64_t problem(xl_db *db, const char *title, int building)
{
    xl_item_form f;
    xl_item_form_init(&f, XL_ITEM_PROBLEM);
    f.title = title;
    f.category = "safety";
    f.buildings = &building;
    f.nbuildings = 1;
    f.raised_at = "2026-11-01";
    int64_t id = 0;
    xl_err e;
    if (xl_list_item_create(db, &f, &id, &e) != XL_OK)
        fail_msg("problem: %s", e.msg);
    return id;
}

static int64_t agenda_item(xl_db *db, int64_t meeting, int64_t item)
{
    int64_t id = 0;
    xl_err e;
    if (xl_agenda_add_item(db, meeting, item, 0, &id, &e) != XL_OK)
        fail_msg("agenda: %s", e.msg);
    return id;
}

static int64_t agenda_free(xl_db *db, int64_t meeting, const char *title)
{
    int64_t id = 0;
    xl_err e;
    if (xl_agenda_add_free(db, meeting, title, 5, &id, &e) != XL_OK)
        fail_msg("agenda: %s", e.msg);
    return id;
}

static void start(xl_db *db, int64_t meeting)
{
    xl_err e;
    if (xl_meeting_start(db, meeting, &e) != XL_OK)
        fail_msg("start: %s", e.msg);
}

/* ---------- creating ---------- */

static void meeting__create__roundtable_defaults(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t id = roundtable(db, 5, "2026-11-28 19:30");
    xl_meeting m;
    xl_err e;
    assert_int_equal(xl_meeting_load(db, id, &m, &e), XL_OK);
    assert_int_equal(m.kind, XL_MEETING_ROUNDTABLE);
    assert_int_equal(m.status, XL_MEETING_PLANNED);
    assert_string_equal(m.title, "5号楼小圆桌");
    assert_string_equal(m.place, "5号楼公共区域");
    assert_string_equal(m.starts_at, "2026-11-28 19:30");
    assert_int_equal(m.host.kind, XL_PARTY_PERSON); /* the first responsible person */
    assert_int_equal(m.host.id, 2);
    assert_string_equal(m.host_name, "李二房");
    assert_string_equal(m.minutes, "");
    assert_int_equal(m.nagenda, 0);
    xl_meeting_release(&m);
    /* a building with nobody responsible: no host; other kinds keep what is given */
    int64_t seven = roundtable(db, 7, "2026-11-29 19:30");
    assert_int_equal(xl_meeting_load(db, seven, &m, &e), XL_OK);
    assert_int_equal(m.host.kind, XL_PARTY_NONE);
    xl_meeting_release(&m);
    xl_meeting_form f;
    xl_meeting_form_init(&f, XL_MEETING_JOINT);
    f.starts_at = "2026-12-02 14:00";
    f.host = xl_party_org(1);
    f.title = "安全隐患整治联席会";
    assert_int_equal(xl_meeting_create(db, &f, &id, &e), XL_OK);
    assert_int_equal(xl_meeting_load(db, id, &m, &e), XL_OK);
    assert_string_equal(m.host_name, "九里亭街道办事处");
    assert_string_equal(m.title, "安全隐患整治联席会");
    xl_meeting_release(&m);
    assert_int_equal(xl_meeting_load(db, 999, &m, &e), XL_ENOTFOUND);
    tu_db_free(db);
}

static void meeting__create__rejected_form_changes_nothing(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    uint64_t before = tu_db_hash(db);
    struct { xl_meeting_kind kind; int building, group; const char *when, *title; xl_party host; const char *field; } cases[] = {
        {XL_MEETING_ROUNDTABLE, 0, 0, "2026-11-28 19:30", NULL, {0, 0}, "building"},
        {XL_MEETING_ROUNDTABLE, 404, 0, "2026-11-28 19:30", NULL, {0, 0}, "building"},
        {XL_MEETING_PIONEER, 0, 4, "2026-11-28 19:30", NULL, {0, 0}, "pioneer_group"},
        {XL_MEETING_DISCUSSION, 0, 0, "2026-11-28 25:00", NULL, {0, 0}, "starts_at"},
        {XL_MEETING_DISCUSSION, 0, 0, "2026-02-30 10:00", NULL, {0, 0}, "starts_at"},
        {XL_MEETING_DISCUSSION, 0, 0, "2026-11-28", NULL, {0, 0}, "starts_at"},
        {XL_MEETING_DISCUSSION, 0, 0, "2026-11-28 10:00", "标\n题", {0, 0}, "title"},
        {XL_MEETING_JOINT, 0, 0, "2026-11-28 10:00", NULL, {XL_PARTY_ORG, 77}, "host"},
        {XL_MEETING_JOINT, 0, 0, "2026-11-28 10:00", NULL, {XL_PARTY_PERSON, 77}, "host"},
        {(xl_meeting_kind)7, 0, 0, "2026-11-28 10:00", NULL, {0, 0}, "kind"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xl_meeting_form f;
        xl_meeting_form_init(&f, cases[i].kind);
        f.building = cases[i].building;
        f.pioneer_group = cases[i].group;
        f.starts_at = cases[i].when;
        f.title = cases[i].title;
        f.host = cases[i].host;
        int64_t id = 5;
        xl_err e;
        assert_int_equal(xl_meeting_create(db, &f, &id, &e), XL_EFAIL);
        assert_int_equal(id, 0);
        assert_field(&e, cases[i].field);
    }
    assert_true(tu_db_hash(db) == before);
    tu_db_free(db);
}

/* ---------- lifecycle ---------- */

static void meeting__lifecycle__planned_running_closed(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t id = roundtable(db, 5, "2026-11-28 19:30");
    xl_err e;
    uint64_t before = tu_db_hash(db);
    assert_int_equal(xl_meeting_close(db, id, &e), XL_EFAIL); /* not started */
    assert_non_null(strstr(e.msg, "还没开始"));
    assert_true(tu_db_hash(db) == before);
    /* planned: still editable */
    xl_meeting_form f;
    xl_meeting_form_init(&f, XL_MEETING_ROUNDTABLE);
    f.building = 5;
    f.starts_at = "2026-11-29 19:00";
    f.place = "5号楼一楼客堂间";
    assert_int_equal(xl_meeting_update(db, id, &f, &e), XL_OK);
    f.building = 7;
    assert_int_equal(xl_meeting_update(db, id, &f, &e), XL_EFAIL);
    assert_field(&e, "building");
    f.building = 5;
    assert_int_equal(xl_meeting_start(db, id, &e), XL_OK);
    xl_meeting m;
    assert_int_equal(xl_meeting_load(db, id, &m, &e), XL_OK);
    assert_int_equal(m.status, XL_MEETING_RUNNING);
    assert_string_equal(m.place, "5号楼一楼客堂间");
    assert_string_not_equal(m.started_at, "");
    xl_meeting_release(&m);
    before = tu_db_hash(db);
    assert_int_equal(xl_meeting_start(db, id, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "已在进行中"));
    assert_int_equal(xl_meeting_update(db, id, &f, &e), XL_EFAIL); /* only while planned */
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_meeting_close(db, id, &e), XL_OK);
    assert_int_equal(xl_meeting_load(db, id, &m, &e), XL_OK);
    assert_int_equal(m.status, XL_MEETING_CLOSED);
    assert_string_not_equal(m.closed_at, "");
    assert_string_not_equal(m.minutes, "");
    xl_meeting_release(&m);
    before = tu_db_hash(db);
    assert_int_equal(xl_meeting_start(db, id, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "不能重新开始"));
    assert_int_equal(xl_meeting_close(db, id, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "会议已经结束"));
    /* a refusal reaches the screen in the UI's language, without the meeting's id */
    assert_int_equal(xl_agenda_add_free(db, id, "x", 5, NULL, &e), XL_EFAIL);
    assert_string_equal(tu_err_text(&e), "status: 会议已结束，纪要已定稿，不能再修改");
    xl_i18n_set_lang("en");
    assert_int_equal(xl_agenda_add_free(db, id, "x", 5, NULL, &e), XL_EFAIL);
    assert_string_equal(tu_err_text(&e), "status: the meeting is closed; its minutes are final");
    xl_i18n_set_lang("zh");
    /* the schema refuses going back, whoever asks */
    char *sql = xl_asprintf("UPDATE meeting SET status = 'running' WHERE id = %lld", (long long)id);
    assert_int_not_equal(xl_db_exec(db, sql, &e), XL_OK);
    free(sql);
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_meeting_start(db, 999, &e), XL_ENOTFOUND);
    tu_db_free(db);
}

/* ---------- agenda ---------- */

static void assert_order(xl_db *db, int64_t meeting, const int64_t *ids, size_t n)
{
    xl_meeting m;
    xl_err e;
    assert_int_equal(xl_meeting_load(db, meeting, &m, &e), XL_OK);
    assert_int_equal(m.nagenda, n);
    for (size_t i = 0; i < n; i++) {
        assert_int_equal(m.agenda[i].position, (int)i + 1);
        assert_int_equal(m.agenda[i].id, ids[i]);
    }
    xl_meeting_release(&m);
}

static void meeting__agenda__order_stays_contiguous(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t mt = roundtable(db, 5, "2026-11-28 19:30");
    int64_t p1 = problem(db, "电动车楼道充电", 5), p2 = problem(db, "楼道堆物", 5);
    int64_t a = agenda_item(db, mt, p1);
    int64_t b = agenda_item(db, mt, p2);
    int64_t c = agenda_free(db, mt, "中秋邻里聚餐安排");
    int64_t d = agenda_free(db, mt, "新租客相互认识");
    int64_t order1[] = {a, b, c, d};
    assert_order(db, mt, order1, 4);
    xl_err e;
    assert_int_equal(xl_agenda_move(db, c, -1, &e), XL_OK);
    assert_int_equal(xl_agenda_move(db, c, -1, &e), XL_OK);
    assert_int_equal(xl_agenda_move(db, a, +1, &e), XL_OK);
    int64_t order2[] = {c, b, a, d};
    assert_order(db, mt, order2, 4);
    uint64_t before = tu_db_hash(db);
    assert_int_equal(xl_agenda_move(db, c, -1, &e), XL_EFAIL); /* first already */
    assert_field(&e, "position");
    assert_int_equal(xl_agenda_move(db, d, +1, &e), XL_EFAIL); /* last already */
    assert_int_equal(xl_agenda_move(db, d, 2, &e), XL_EUSAGE);
    assert_int_equal(xl_agenda_add_item(db, mt, p1, 0, NULL, &e), XL_EFAIL); /* twice */
    assert_field(&e, "list_item");
    assert_int_equal(xl_agenda_add_item(db, mt, 999, 0, NULL, &e), XL_EFAIL);
    assert_int_equal(xl_agenda_add_free(db, mt, "", 5, NULL, &e), XL_EFAIL);
    assert_field(&e, "title");
    assert_int_equal(xl_agenda_add_free(db, mt, "太长的时间", 241, NULL, &e), XL_EFAIL);
    assert_field(&e, "minutes");
    assert_int_equal(xl_agenda_set_minutes(db, a, 0, &e), XL_EFAIL);
    assert_int_equal(xl_agenda_add_free(db, 999, "无会", 5, NULL, &e), XL_ENOTFOUND);
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_agenda_set_minutes(db, a, 25, &e), XL_OK);
    assert_int_equal(xl_agenda_remove(db, b, &e), XL_OK);
    int64_t order3[] = {c, a, d};
    assert_order(db, mt, order3, 3);
    xl_meeting m;
    assert_int_equal(xl_meeting_load(db, mt, &m, &e), XL_OK);
    assert_int_equal(m.total_minutes, 5 + 25 + 5);
    assert_int_equal(m.agenda[1].list_item, p1);
    assert_int_equal(m.agenda[1].item_kind, XL_ITEM_PROBLEM);
    assert_string_equal(m.agenda[1].title, "电动车楼道充电");
    assert_int_equal(m.agenda[0].item_kind, -1);
    xl_meeting_release(&m);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM agenda_item WHERE position < 1"), 0);
    tu_db_free(db);
}

/* ---------- attendance ---------- */

static void meeting__attendance__counts_by_role(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t mt = roundtable(db, 5, "2026-11-28 19:30");
    xl_err e;
    int64_t ids[9];
    for (int p = 1; p <= 7; p++)
        assert_int_equal(xl_attendance_add_person(db, mt, p, &ids[p - 1], &e), XL_OK);
    assert_int_equal(xl_attendance_add_org(db, mt, 2, &ids[7], &e), XL_OK);
    assert_int_equal(xl_attendance_add_org(db, mt, 3, &ids[8], &e), XL_OK);
    xl_attend_counts c;
    assert_int_equal(xl_attendance_counts(db, mt, &c, &e), XL_OK);
    assert_int_equal(c.by_role[XL_ATTEND_OWNER], 1);
    assert_int_equal(c.by_role[XL_ATTEND_SUBLANDLORD], 1);
    assert_int_equal(c.by_role[XL_ATTEND_TENANT], 2);
    assert_int_equal(c.by_role[XL_ATTEND_FAMILY], 1);
    assert_int_equal(c.by_role[XL_ATTEND_OTHER], 2); /* moved out; lives in building 7 */
    assert_int_equal(c.by_role[XL_ATTEND_ORG], 1);
    assert_int_equal(c.by_role[XL_ATTEND_DEPUTY], 1);
    assert_int_equal(c.persons, 7);
    assert_int_equal(c.orgs, 2);
    assert_int_equal(c.total, 9);
    uint64_t before = tu_db_hash(db);
    /* refusals in the officer's words, without the record's internal number (issue 15) */
    assert_int_equal(xl_attendance_add_person(db, mt, 3, NULL, &e), XL_EFAIL);
    assert_field(&e, "person");
    assert_string_equal(e.msg, "已经登记出席了");
    assert_int_equal(xl_attendance_add_person(db, mt, 404, NULL, &e), XL_EFAIL);
    assert_string_equal(e.msg, "没有这个人员");
    assert_int_equal(xl_attendance_add_org(db, mt, 404, NULL, &e), XL_EFAIL);
    assert_field(&e, "organisation");
    assert_string_equal(e.msg, "没有这个组织");
    assert_int_equal(xl_attendance_remove(db, 999, &e), XL_ENOTFOUND);
    assert_string_equal(e.msg, "没有这条出席记录");
    xl_i18n_set_lang("en");
    assert_int_equal(xl_attendance_add_person(db, mt, 3, NULL, &e), XL_EFAIL);
    assert_string_equal(e.msg, "on the attendance list already");
    xl_i18n_set_lang("zh");
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_attendance_remove(db, ids[3], &e), XL_OK); /* a tenant leaves the list */
    xl_meeting m;
    assert_int_equal(xl_meeting_load(db, mt, &m, &e), XL_OK);
    assert_int_equal(m.counts.by_role[XL_ATTEND_TENANT], 1);
    assert_int_equal(m.nattendees, 8);
    assert_int_equal(m.attendees[0].role, XL_ATTEND_OWNER); /* by role, organisations last */
    assert_string_equal(m.attendees[0].name, "王建国");
    assert_int_equal(m.attendees[7].role, XL_ATTEND_DEPUTY);
    xl_meeting_release(&m);
    /* a meeting without a building: the residency role anywhere */
    xl_meeting_form f;
    xl_meeting_form_init(&f, XL_MEETING_DISCUSSION);
    f.starts_at = "2026-12-10 14:30";
    int64_t disc = 0;
    assert_int_equal(xl_meeting_create(db, &f, &disc, &e), XL_OK);
    assert_int_equal(xl_attendance_add_person(db, disc, 7, NULL, &e), XL_OK);
    assert_int_equal(xl_attendance_add_person(db, disc, 6, NULL, &e), XL_OK);
    assert_int_equal(xl_attendance_counts(db, disc, &c, &e), XL_OK);
    assert_int_equal(c.by_role[XL_ATTEND_TENANT], 1);
    assert_int_equal(c.by_role[XL_ATTEND_OTHER], 1);
    tu_db_free(db);
}

/* ---------- decisions into actions ---------- */

static void meeting__decision__becomes_a_linked_action(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t mt = roundtable(db, 5, "2026-11-25 19:30");
    int64_t p = problem(db, "5号楼电动车楼道充电", 5);
    int64_t ai = agenda_item(db, mt, p);
    int64_t free_item = agenda_free(db, mt, "楼道照明");
    xl_err e;
    int64_t act = 7;
    assert_int_equal(xl_meeting_decision_to_action(db, ai, "摸排电动车数量", xl_party_person(2), "2026-12-10",
                                                   &act, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "还没开始"));
    assert_int_equal(act, 0);
    start(db, mt);
    assert_int_equal(xl_agenda_set_notes(db, ai, "租客说下班只能晚上充电。", &e), XL_OK);
    assert_int_equal(xl_agenda_set_decision(db, ai, "不在楼道充电；街道在巷口建充电棚。", &e), XL_OK);
    uint64_t before = tu_db_hash(db);
    assert_int_equal(xl_meeting_decision_to_action(db, ai, "摸排电动车数量", xl_party_none(), "2026-12-10",
                                                   NULL, &e), XL_EFAIL);
    assert_field(&e, "owner");
    assert_int_equal(xl_meeting_decision_to_action(db, ai, "摸排电动车数量", xl_party_person(2), "2026-11-01",
                                                   NULL, &e), XL_EFAIL);
    assert_field(&e, "due"); /* before today, the date it is raised */
    assert_int_equal(xl_meeting_decision_to_action(db, ai, "摸排电动车数量", xl_party_person(2), "",
                                                   NULL, &e), XL_EFAIL);
    assert_field(&e, "due");
    assert_int_equal(xl_meeting_decision_to_action(db, 999, "x", xl_party_person(2), "2026-12-10",
                                                   NULL, &e), XL_ENOTFOUND);
    assert_true(tu_db_hash(db) == before);
    int64_t n = audits(db);
    assert_int_equal(xl_meeting_decision_to_action(db, ai, "摸排电动车数量", xl_party_person(2), "2026-12-10",
                                                   &act, &e), XL_OK);
    assert_int_equal(audits(db), n + 1);
    xl_list_item it;
    assert_int_equal(xl_list_item_load(db, act, &it, &e), XL_OK);
    assert_int_equal(it.kind, XL_ITEM_ACTION);
    assert_string_equal(it.title, "摸排电动车数量");
    assert_string_equal(it.owner_name, "李二房");
    assert_string_equal(it.due, "2026-12-10");
    assert_int_equal(it.source_meeting, mt);
    assert_string_equal(it.category, "safety");
    assert_int_equal(it.nbuildings, 1);
    assert_int_equal(it.buildings[0], 5);
    assert_string_equal(it.detail, "不在楼道充电；街道在巷口建充电棚。");
    char *sql = xl_asprintf("SELECT count(*) FROM list_link WHERE from_id = %lld AND to_id = %lld",
                            (long long)p, (long long)act);
    assert_int_equal(tu_one_int(db, sql), 1);
    free(sql);
    /* no title: the decision's first 80 characters; a free item has no chain link */
    assert_int_equal(xl_agenda_set_decision(db, free_item, "物业安装感应灯", &e), XL_OK);
    int64_t act2 = 0;
    assert_int_equal(xl_meeting_decision_to_action(db, free_item, NULL, xl_party_org(1), "2026-12-31",
                                                   &act2, &e), XL_OK);
    assert_int_equal(xl_list_item_load(db, act2, &it, &e), XL_OK);
    assert_string_equal(it.title, "物业安装感应灯");
    assert_string_equal(it.category, "other");
    assert_int_equal(it.buildings[0], 5); /* the meeting's building */
    sql = xl_asprintf("SELECT count(*) FROM list_link WHERE to_id = %lld", (long long)act2);
    assert_int_equal(tu_one_int(db, sql), 0);
    free(sql);
    xl_meeting m;
    assert_int_equal(xl_meeting_load(db, mt, &m, &e), XL_OK);
    assert_int_equal(m.agenda[0].nactions, 1);
    assert_int_equal(m.agenda[0].actions[0].id, act);
    assert_string_equal(m.agenda[0].actions[0].owner_name, "李二房");
    assert_int_equal(m.agenda[1].nactions, 1);
    xl_meeting_release(&m);
    /* an item with actions stays on the agenda */
    assert_int_equal(xl_agenda_remove(db, ai, &e), XL_EFAIL);
    tu_db_free(db);
}

/* ---------- minutes ---------- */

static void meeting__close__writes_and_exports_minutes(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t mt = roundtable(db, 5, "2026-11-25 19:30");
    int64_t p = problem(db, "5号楼电线私拉乱接", 5);
    int64_t ai = agenda_item(db, mt, p);
    int64_t fi = agenda_free(db, mt, "学习居民公约");
    xl_err e;
    for (int who = 1; who <= 4; who++)
        assert_int_equal(xl_attendance_add_person(db, mt, who, NULL, &e), XL_OK);
    assert_int_equal(xl_attendance_add_org(db, mt, 4, NULL, &e), XL_OK);
    start(db, mt);
    char *dir = tu_tmpdir();
    char *path = xl_asprintf("%s/minutes.md", dir);
    assert_int_equal(xl_meeting_export_minutes(db, mt, path, &e), XL_EFAIL); /* not closed yet */
    assert_null(tu_read_file(path, NULL));
    assert_int_equal(xl_agenda_set_notes(db, ai, "插线板串联使用。", &e), XL_OK);
    assert_int_equal(xl_agenda_set_decision(db, ai, "志愿电工本月上门检查。", &e), XL_OK);
    int64_t act = 0;
    assert_int_equal(xl_meeting_decision_to_action(db, ai, "逐户检查电线", xl_party_org(4), "2026-12-15",
                                                   &act, &e), XL_OK);
    assert_int_equal(xl_meeting_close(db, mt, &e), XL_OK);
    xl_meeting m;
    assert_int_equal(xl_meeting_load(db, mt, &m, &e), XL_OK);
    const char *want[] = {
        "# 5号楼小圆桌\n", "- 类型：楼栋小圆桌\n", "- 时间：2026-11-25 19:30\n", "- 地点：5号楼公共区域\n",
        "- 主持：李二房\n", "## 出席（5）", "业主 1 · 二房东 1 · 租客 2 · 单位 1",
        "- 张小军（租客）\n", "- 巷里一家志愿者队（单位）\n", "## 议程",
        "### 1. 5号楼电线私拉乱接（问题 #", "**记录：**插线板串联使用。", "**议定事项：**志愿电工本月上门检查。",
        "逐户检查电线 — 负责人：巷里一家志愿者队，期限：2026-12-15", "### 2. 学习居民公约（临时议题 · 5 分钟）",
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        if (!strstr(m.minutes, want[i]))
            fail_msg("minutes lack '%s':\n%s", want[i], m.minutes);
    assert_int_equal(xl_meeting_export_minutes(db, mt, path, &e), XL_OK);
    size_t len = 0;
    char *file = tu_read_file(path, &len);
    assert_non_null(file);
    assert_string_equal(file, m.minutes);
    free(file);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0600); /* the minutes name residents */
    /* overwriting a file that was world-readable leaves it private too */
    assert_int_equal(chmod(path, 0644), 0);
    assert_int_equal(xl_meeting_export_minutes(db, mt, path, &e), XL_OK);
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 07777, 0600);
    xl_meeting_release(&m);
    /* a closed meeting is final */
    uint64_t before = tu_db_hash(db);
    assert_int_equal(xl_agenda_set_notes(db, fi, "补记", &e), XL_EFAIL);
    assert_field(&e, "status");
    assert_int_equal(xl_agenda_add_free(db, mt, "补充议题", 5, NULL, &e), XL_EFAIL);
    assert_int_equal(xl_attendance_add_person(db, mt, 5, NULL, &e), XL_EFAIL);
    assert_int_equal(xl_agenda_move(db, fi, -1, &e), XL_EFAIL);
    assert_int_equal(xl_meeting_decision_to_action(db, fi, "x", xl_party_org(1), "2026-12-31", NULL, &e), XL_EFAIL);
    assert_int_not_equal(xl_db_exec(db, "UPDATE agenda_item SET notes = 'x'", &e), XL_OK); /* schema too */
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_meeting_export_minutes(db, mt, "/nonexistent-dir/m.md", &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "/nonexistent-dir/m.md"));
    char name[64];
    assert_int_equal(xl_meeting_load(db, mt, &m, &e), XL_OK);
    xl_meeting_minutes_filename(&m, name, sizeof name);
    xl_meeting_release(&m);
    char *expect = xl_asprintf("minutes-2026-11-25-%lld.md", (long long)mt);
    assert_string_equal(name, expect);
    free(expect);
    free(path);
    free(dir);
    tu_db_free(db);
}

static void meeting__minutes__follow_the_language(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t mt = roundtable(db, 5, "2026-11-25 19:30");
    agenda_free(db, mt, "Safety walk");
    xl_err e;
    assert_int_equal(xl_attendance_add_person(db, mt, 3, NULL, &e), XL_OK);
    xl_i18n_set_lang("en");
    xl_buf b;
    xl_buf_init(&b);
    assert_int_equal(xl_meeting_minutes_render(db, mt, &b, &e), XL_OK);
    xl_i18n_set_lang("zh");
    assert_non_null(strstr(b.data, "- Kind: Building roundtable\n"));
    assert_non_null(strstr(b.data, "## Attendance (1)"));
    assert_non_null(strstr(b.data, "### 1. Safety walk (free item · 5 min)"));
    xl_buf_release(&b);
    /* the form's refusals: "FIELD:" stays, the reason follows the language */
    uint64_t before = tu_db_hash(db);
    xl_meeting_form f;
    xl_meeting_form_init(&f, XL_MEETING_ROUNDTABLE);
    f.building = 5;
    f.starts_at = "2026-11-31 19:00";
    assert_int_equal(xl_meeting_create(db, &f, NULL, &e), XL_EFAIL);
    assert_string_equal(tu_err_text(&e), "starts_at: 请按 2026-11-25 19:00 的格式填写时间（现在是“2026-11-31 19:00”）");
    xl_i18n_set_lang("en");
    assert_int_equal(xl_meeting_create(db, &f, NULL, &e), XL_EFAIL);
    assert_string_equal(tu_err_text(&e), "starts_at: write the time as 2026-11-25 19:00 (not '2026-11-31 19:00')");
    f.starts_at = "2026-11-30 19:00";
    f.title = "";
    f.building = 0;
    assert_int_equal(xl_meeting_create(db, &f, NULL, &e), XL_EFAIL);
    assert_string_equal(tu_err_text(&e), "building: a building roundtable needs a building");
    xl_i18n_set_lang("zh");
    assert_int_equal(xl_meeting_create(db, &f, NULL, &e), XL_EFAIL);
    assert_string_equal(tu_err_text(&e), "building: 楼栋小圆桌须填楼号");
    assert_true(tu_db_hash(db) == before);
    tu_db_free(db);
}

/* ---------- buildings without a roundtable ---------- */

static void held(xl_db *db, int building, const char *when)
{
    int64_t id = roundtable(db, building, when);
    xl_err e;
    start(db, id);
    if (xl_meeting_close(db, id, &e) != XL_OK)
        fail_msg("close: %s", e.msg);
}

static void meeting__roundtable__buildings_without_one(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db(); /* today: 2026-11-25 */
    held(db, 5, "2025-03-01 19:00");
    held(db, 5, "2026-10-01 19:00");
    held(db, 7, "2025-06-01 19:00");
    roundtable(db, 9, "2026-11-30 19:00"); /* planned only: does not count */
    xl_roundtable_age *a = NULL;
    size_t n = 0;
    xl_err e;
    assert_int_equal(xl_roundtable_ages(db, 365, 0, &a, &n, &e), XL_OK);
    assert_int_equal(n, 3);
    assert_int_equal(a[0].building, 5);
    assert_string_equal(a[0].last, "2026-10-01");
    assert_int_equal(a[0].days, 55);
    assert_false(a[0].stale);
    assert_int_equal(a[1].building, 7);
    assert_int_equal(a[1].days, 542);
    assert_true(a[1].stale);
    assert_int_equal(a[2].building, 9);
    assert_string_equal(a[2].last, "");
    assert_int_equal(a[2].days, -1);
    assert_true(a[2].stale);
    free(a);
    assert_int_equal(xl_roundtable_ages(db, 365, 1, &a, &n, &e), XL_OK);
    assert_int_equal(n, 2);
    assert_int_equal(a[0].building, 7);
    free(a);
    assert_int_equal(xl_roundtable_ages(db, 30, 1, &a, &n, &e), XL_OK);
    assert_int_equal(n, 3); /* a shorter period: 5 is stale too */
    free(a);
    tu_db_free(db);
}

/* ---------- the list of meetings ---------- */

static void meeting__list__running_planned_closed(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    held(db, 5, "2026-10-01 19:00");
    int64_t later = roundtable(db, 7, "2026-12-20 19:00");
    int64_t sooner = roundtable(db, 9, "2026-12-01 19:00");
    int64_t now = roundtable(db, 5, "2026-11-25 19:00");
    start(db, now);
    xl_meeting_page p;
    xl_err e;
    assert_int_equal(xl_meeting_list(db, NULL, 0, 0, &p, &e), XL_OK);
    assert_int_equal(p.total, 4);
    assert_int_equal(p.rows[0].id, now);
    assert_int_equal(p.rows[1].id, sooner);
    assert_int_equal(p.rows[2].id, later);
    assert_int_equal(p.rows[3].status, XL_MEETING_CLOSED);
    xl_meeting_page_release(&p);
    xl_meeting_filter f;
    xl_meeting_filter_init(&f);
    f.building = 5;
    f.status_mask = XL_MEETING_STATUS_BIT(XL_MEETING_CLOSED);
    assert_int_equal(xl_meeting_list(db, &f, 0, 10, &p, &e), XL_OK);
    assert_int_equal(p.total, 1);
    assert_int_equal(p.n, 1);
    xl_meeting_page_release(&p);
    tu_db_free(db);
}

/* ---------- audit ---------- */

static void meeting__audit__one_row_per_change(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t p = problem(db, "楼道堆物", 5);
    int64_t n = audits(db);
    int64_t mt = roundtable(db, 5, "2026-11-25 19:30");
    assert_int_equal(audits(db), ++n);
    int64_t ai = agenda_item(db, mt, p);
    assert_int_equal(audits(db), ++n);
    int64_t fi = agenda_free(db, mt, "邻里聚餐");
    assert_int_equal(audits(db), ++n);
    xl_err e;
    int64_t at = 0;
    assert_int_equal(xl_attendance_add_person(db, mt, 3, &at, &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_attendance_remove(db, at, &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_agenda_move(db, fi, -1, &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_agenda_set_minutes(db, fi, 20, &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    start(db, mt);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_agenda_set_notes(db, ai, "很多纸箱", &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_agenda_set_decision(db, ai, "一周内清理", &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_meeting_decision_to_action(db, ai, "清理楼道", xl_party_person(2), "2026-12-01", NULL, &e),
                     XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_agenda_remove(db, fi, &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_meeting_close(db, mt, &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE entity = 'meeting'"), 12);
    tu_db_free(db);
}

/* With the audit table refusing rows, every change fails whole. */
static void meeting__audit__same_transaction_as_the_change(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t p = problem(db, "楼道堆物", 5);
    int64_t mt = roundtable(db, 5, "2026-11-25 19:30");
    int64_t ai = agenda_item(db, mt, p);
    int64_t fi = agenda_free(db, mt, "邻里聚餐");
    start(db, mt);
    xl_err e;
    assert_int_equal(xl_db_exec(db, "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit"
                                    " BEGIN SELECT RAISE(ABORT, 'audit refused'); END", &e), XL_OK);
    uint64_t before = tu_db_hash(db);
    xl_meeting_form f;
    xl_meeting_form_init(&f, XL_MEETING_DISCUSSION);
    f.starts_at = "2026-12-01 14:30";
    assert_int_not_equal(xl_meeting_create(db, &f, NULL, &e), XL_OK);
    assert_int_not_equal(xl_agenda_add_free(db, mt, "新议题", 5, NULL, &e), XL_OK);
    assert_int_not_equal(xl_agenda_move(db, fi, -1, &e), XL_OK);
    assert_int_not_equal(xl_agenda_set_notes(db, ai, "记录", &e), XL_OK);
    assert_int_not_equal(xl_agenda_remove(db, fi, &e), XL_OK);
    assert_int_not_equal(xl_attendance_add_person(db, mt, 3, NULL, &e), XL_OK);
    assert_int_not_equal(xl_meeting_decision_to_action(db, ai, "清理", xl_party_person(2), "2026-12-01", NULL, &e),
                         XL_OK);
    assert_int_not_equal(xl_meeting_close(db, mt, &e), XL_OK);
    assert_true(tu_db_hash(db) == before);
    tu_db_free(db);
}

int main(void)
{
    setenv("XIANGLI_TODAY", "2026-11-25", 1);
    xl_i18n_set_lang("zh");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(meeting__create__roundtable_defaults),
        cmocka_unit_test(meeting__create__rejected_form_changes_nothing),
        cmocka_unit_test(meeting__lifecycle__planned_running_closed),
        cmocka_unit_test(meeting__agenda__order_stays_contiguous),
        cmocka_unit_test(meeting__attendance__counts_by_role),
        cmocka_unit_test(meeting__decision__becomes_a_linked_action),
        cmocka_unit_test(meeting__close__writes_and_exports_minutes),
        cmocka_unit_test(meeting__minutes__follow_the_language),
        cmocka_unit_test(meeting__roundtable__buildings_without_one),
        cmocka_unit_test(meeting__list__running_planned_closed),
        cmocka_unit_test(meeting__audit__one_row_per_change),
        cmocka_unit_test(meeting__audit__same_transaction_as_the_change),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
