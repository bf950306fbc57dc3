/* test_lists.c — the four lists: items and their validation, status and overdue, links along
 * the chain (no cycles, no dangling links), chains, windows and counts, map figures, history,
 * one audit row per change in the same transaction, and the demo community's lists. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "demo/demo.h"
#include "xiangli/i18n.h"
#include "xiangli/lists.h"
#include "demo/lists_demo_internal.h"
#include "xiangli/mem.h"

/* ---------- fixtures and helpers ---------- */

static int64_t audits(xl_db *db) { return xl_db_audit_count(db, NULL); }

static int64_t make_item(xl_db *db, xl_item_kind kind, const char *title, const char *category,
                         int building, xl_party owner, const char *due)
{
    xl_item_form f;
    xl_item_form_init(&f, kind);
    f.title = title;
    f.category = category;
    f.buildings = building ? &building : NULL;
    f.nbuildings = building ? 1 : 0;
    f.raised_at = "2026-10-01";
    f.owner = owner;
    f.due = due;
    int64_t id = 0;
    xl_err e;
    if (xl_list_item_create(db, &f, &id, &e) != XL_OK)
        fail_msg("create '%s': %s", title, e.msg);
    return id;
}

static int64_t make_action(xl_db *db, const char *title, int building, const char *due)
{
    return make_item(db, XL_ITEM_ACTION, title, "safety", building, xl_party_org(1), due);
}

/* ---------- items ---------- */

static void lists__create__reads_back_every_field(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int b[] = {7, 5};
    xl_item_form f;
    xl_item_form_init(&f, XL_ITEM_PROBLEM);
    f.title = "5号楼电动车楼道充电";
    f.detail = "晚上楼道里有三辆电动车在充电。\n住户担心起火。";
    f.category = "safety";
    f.buildings = b;
    f.nbuildings = 2;
    f.raised_by = xl_party_person(3);
    f.raised_at = "2026-10-20";
    f.owner = xl_party_org(1);
    f.due = "2026-12-31";
    int64_t id = 0;
    xl_err e;
    assert_int_equal(xl_list_item_create(db, &f, &id, &e), XL_OK);
    assert_true(id > 0);
    xl_list_item it;
    assert_int_equal(xl_list_item_load(db, id, &it, &e), XL_OK);
    assert_int_equal(it.kind, XL_ITEM_PROBLEM);
    assert_int_equal(it.status, XL_ITEM_OPEN);
    assert_string_equal(it.title, f.title);
    assert_string_equal(it.detail, f.detail);
    assert_string_equal(it.category, "safety");
    assert_int_equal(it.nbuildings, 2);
    assert_int_equal(it.buildings[0], 5);
    assert_int_equal(it.buildings[1], 7);
    assert_int_equal(it.raised_by.kind, XL_PARTY_PERSON);
    assert_string_equal(it.raised_by_name, "张小军");
    assert_string_equal(it.raised_at, "2026-10-20");
    assert_string_equal(it.owner_name, "九里亭街道办事处");
    assert_string_equal(it.due, "2026-12-31");
    assert_string_equal(it.closed_at, "");
    assert_int_equal(it.overdue, 0);
    assert_int_equal(xl_list_item_load(db, 999, &it, &e), XL_ENOTFOUND);
    /* a blank community-wide item gets today and "other" */
    xl_item_form_init(&f, XL_ITEM_DEMAND);
    f.title = "快递柜";
    assert_int_equal(xl_list_item_create(db, &f, &id, &e), XL_OK);
    assert_int_equal(xl_list_item_load(db, id, &it, &e), XL_OK);
    assert_string_equal(it.raised_at, "2026-11-25");
    assert_string_equal(it.category, "other");
    assert_int_equal(it.nbuildings, 0);
    tu_db_free(db);
}

typedef struct bad_form {
    const char *field;
    void (*spoil)(xl_item_form *f);
} bad_form;

static const int dup_buildings[] = {5, 5};
static const int missing_building[] = {5, 999};
static char long_title[400];
static char long_detail[2100];

static void spoil_kind(xl_item_form *f) { f->kind = (xl_item_kind)9; }
static void spoil_title_empty(xl_item_form *f) { f->title = "  "; }
static void spoil_title_long(xl_item_form *f) { f->title = long_title; }
static void spoil_title_line(xl_item_form *f) { f->title = "两行\n标题"; }
static void spoil_title_utf8(xl_item_form *f) { f->title = "bad \xE6\x97"; }
static void spoil_detail(xl_item_form *f) { f->detail = long_detail; }
static void spoil_category(xl_item_form *f) { f->category = "weather"; }
static void spoil_dup(xl_item_form *f) { f->buildings = dup_buildings, f->nbuildings = 2; }
static void spoil_building(xl_item_form *f) { f->buildings = missing_building, f->nbuildings = 2; }
static void spoil_raised_by(xl_item_form *f) { f->raised_by = xl_party_person(404); }
static void spoil_raised_at(xl_item_form *f) { f->raised_at = "2026-02-30"; }
static void spoil_meeting(xl_item_form *f) { f->source_meeting = 77; }
static void spoil_owner(xl_item_form *f) { f->owner = xl_party_org(99); }
static void spoil_no_owner(xl_item_form *f) { f->owner = xl_party_none(); }
static void spoil_no_due(xl_item_form *f) { f->due = ""; }
static void spoil_due(xl_item_form *f) { f->due = "2026-13-01"; }
static void spoil_due_early(xl_item_form *f) { f->due = "2026-09-30"; }

static void lists__create__rejected_form_changes_nothing(void **state)
{
    (void)state;
    memset(long_title, 0, sizeof long_title);
    for (int i = 0; i < 81; i++)
        strcat(long_title, "字");
    memset(long_detail, 'x', 501);
    long_detail[501] = '\0';
    static const bad_form cases[] = {
        {"kind", spoil_kind}, {"title", spoil_title_empty}, {"title", spoil_title_long},
        {"title", spoil_title_line}, {"title", spoil_title_utf8}, {"detail", spoil_detail},
        {"category", spoil_category}, {"buildings", spoil_dup}, {"buildings", spoil_building},
        {"raised_by", spoil_raised_by}, {"raised_at", spoil_raised_at},
        {"source_meeting", spoil_meeting}, {"owner", spoil_owner}, {"owner", spoil_no_owner},
        {"due", spoil_no_due}, {"due", spoil_due}, {"due", spoil_due_early},
    };
    xl_db *db = tu_fixture_db();
    make_action(db, "已有行动", 5, "2026-12-01");
    uint64_t before = tu_db_hash(db);
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int b = 5;
        xl_item_form f;
        xl_item_form_init(&f, XL_ITEM_ACTION);
        f.title = "清理楼道堆物";
        f.category = "safety";
        f.buildings = &b;
        f.nbuildings = 1;
        f.raised_at = "2026-10-01";
        f.owner = xl_party_person(2);
        f.due = "2026-12-01";
        cases[i].spoil(&f);
        int64_t id = 42;
        xl_err e;
        xl_err_clear(&e);
        assert_int_equal(xl_list_item_create(db, &f, &id, &e), XL_EFAIL);
        assert_int_equal(id, 0);
        size_t n = strlen(cases[i].field);
        if (strncmp(tu_err_text(&e), cases[i].field, n) != 0 || tu_err_text(&e)[n] != ':')
            fail_msg("case %zu: expected field '%s', got '%s'", i, cases[i].field, tu_err_text(&e));
        assert_true(tu_db_hash(db) == before);
    }
    tu_db_free(db);
}

static void lists__category__labels_and_configured_table(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    assert_int_equal(xl_category_count(), XL_CAT_BUILTIN_COUNT);
    assert_int_equal(xl_category_find("安全隐患"), XL_CAT_SAFETY);
    assert_int_equal(xl_category_find("Rental regulation"), XL_CAT_RENTAL);
    int64_t id = make_item(db, XL_ITEM_PROBLEM, "群租", "规范租赁", 5, xl_party_none(), NULL);
    xl_list_item it;
    xl_err e;
    assert_int_equal(xl_list_item_load(db, id, &it, &e), XL_OK);
    assert_string_equal(it.category, "rental");
    xl_category_def defs[2] = {{"parking", "停车", "Parking"}, {"other", "其他", "Other"}};
    assert_int_equal(xl_categories_configure(defs, 2, &e), XL_OK);
    assert_int_equal(xl_category_count(), 2);
    assert_string_equal(xl_category_label_of("parking"), "停车");
    assert_string_equal(xl_category_label_of("rental"), "rental"); /* stored key, unknown now */
    make_item(db, XL_ITEM_PROBLEM, "乱停车", "停车", 5, xl_party_none(), NULL);
    xl_category_def bad[1] = {{"Bad Key", "坏", "bad"}};
    assert_int_equal(xl_categories_configure(bad, 1, &e), XL_EFAIL);
    assert_int_equal(xl_category_count(), 2); /* unchanged */
    xl_categories_reset();
    assert_int_equal(xl_category_count(), XL_CAT_BUILTIN_COUNT);
    tu_db_free(db);
}

static void lists__update__audits_the_change_only(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t id = make_item(db, XL_ITEM_DEMAND, "集中充电桩", "safety", 5, xl_party_none(), NULL);
    xl_list_item it;
    xl_err e;
    assert_int_equal(xl_list_item_load(db, id, &it, &e), XL_OK);
    xl_item_form f;
    xl_item_form_from(&f, &it);
    int64_t n = audits(db);
    assert_int_equal(xl_list_item_update(db, id, &f, &e), XL_OK); /* nothing changed */
    assert_int_equal(audits(db), n);
    f.title = "集中充电棚";
    f.owner = xl_party_org(1);
    f.due = "2027-01-31";
    assert_int_equal(xl_list_item_update(db, id, &f, &e), XL_OK);
    assert_int_equal(audits(db), n + 1);
    xl_list_item now;
    assert_int_equal(xl_list_item_load(db, id, &now, &e), XL_OK);
    assert_string_equal(now.title, "集中充电棚");
    assert_string_equal(now.due, "2027-01-31");
    xl_history_row *h = NULL;
    size_t nh = 0;
    assert_int_equal(xl_list_history(db, id, &h, &nh, &e), XL_OK);
    assert_int_equal(nh, 2);
    assert_string_equal(h[1].action, "list.update");
    assert_non_null(strstr(h[1].detail, "title: '集中充电桩' -> '集中充电棚'"));
    assert_non_null(strstr(h[1].detail, "owner: '' -> '九里亭街道办事处'"));
    free(h);
    /* a rejected update writes nothing */
    uint64_t before = tu_db_hash(db);
    f.due = "2026-02-30";
    assert_int_equal(xl_list_item_update(db, id, &f, &e), XL_EFAIL);
    assert_non_null(strstr(tu_err_text(&e), "due:"));
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_list_item_update(db, 999, &f, &e), XL_ENOTFOUND);
    tu_db_free(db);
}

static void lists__update__linked_item_keeps_its_kind(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "楼道堆物", "safety", 5, xl_party_none(), NULL);
    int64_t d = make_item(db, XL_ITEM_DEMAND, "清理楼道", "safety", 5, xl_party_none(), NULL);
    xl_err e;
    assert_int_equal(xl_list_link(db, p, d, &e), XL_OK);
    xl_list_item it;
    assert_int_equal(xl_list_item_load(db, d, &it, &e), XL_OK);
    xl_item_form f;
    xl_item_form_from(&f, &it);
    f.kind = XL_ITEM_EMPOWERMENT;
    assert_int_equal(xl_list_item_update(db, d, &f, &e), XL_EFAIL);
    assert_memory_equal(tu_err_text(&e), "kind:", 5);
    assert_int_equal(xl_list_unlink(db, p, d, &e), XL_OK);
    assert_int_equal(xl_list_item_update(db, d, &f, &e), XL_OK);
    tu_db_free(db);
}

/* ---------- status and overdue ---------- */

static void lists__status__closing_note_for_done_and_dropped(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t id = make_action(db, "清理楼道堆物", 5, "2026-12-01");
    xl_err e;
    uint64_t before = tu_db_hash(db);
    assert_int_equal(xl_list_item_set_status(db, id, XL_ITEM_DONE, "", &e), XL_EFAIL);
    assert_memory_equal(tu_err_text(&e), "closing_note:", 13);
    assert_int_equal(xl_list_item_set_status(db, id, XL_ITEM_DROPPED, NULL, &e), XL_EFAIL);
    assert_int_equal(xl_list_item_set_status(db, id, XL_ITEM_OPEN, NULL, &e), XL_EFAIL);
    assert_memory_equal(tu_err_text(&e), "status:", 7);
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_list_item_set_status(db, id, XL_ITEM_IN_PROGRESS, NULL, &e), XL_OK);
    assert_int_equal(xl_list_item_set_status(db, id, XL_ITEM_DONE, "已清理，回访确认", &e), XL_OK);
    xl_list_item it;
    assert_int_equal(xl_list_item_load(db, id, &it, &e), XL_OK);
    assert_int_equal(it.status, XL_ITEM_DONE);
    assert_string_equal(it.closing_note, "已清理，回访确认");
    assert_string_not_equal(it.closed_at, "");
    assert_int_equal(xl_list_item_set_status(db, id, XL_ITEM_OPEN, NULL, &e), XL_OK); /* reopen */
    assert_int_equal(xl_list_item_load(db, id, &it, &e), XL_OK);
    assert_string_equal(it.closing_note, "");
    assert_string_equal(it.closed_at, "");
    assert_int_equal(xl_list_item_set_status(db, 999, XL_ITEM_DONE, "x", &e), XL_ENOTFOUND);
    tu_db_free(db);
}

static void lists__overdue__open_actions_past_due_only(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db(); /* today is 2026-11-25 */
    int64_t late = make_action(db, "过期未办", 5, "2026-11-24");
    int64_t today = make_action(db, "今天到期", 5, "2026-11-25");
    int64_t busy = make_action(db, "过期进行中", 5, "2026-10-31");
    int64_t done = make_action(db, "过期已完成", 5, "2026-10-31");
    int64_t prob = make_item(db, XL_ITEM_PROBLEM, "问题有期限", "safety", 5, xl_party_none(), "2026-10-31");
    xl_err e;
    assert_int_equal(xl_list_item_set_status(db, busy, XL_ITEM_IN_PROGRESS, NULL, &e), XL_OK);
    assert_int_equal(xl_list_item_set_status(db, done, XL_ITEM_DONE, "完成", &e), XL_OK);
    xl_list_item it;
    int64_t want[][2] = {{late, 1}, {today, 0}, {busy, 1}, {done, 0}, {prob, 0}};
    for (size_t i = 0; i < 5; i++) {
        assert_int_equal(xl_list_item_load(db, want[i][0], &it, &e), XL_OK);
        assert_int_equal(it.overdue, want[i][1]);
    }
    xl_list_filter f;
    xl_list_filter_init(&f);
    f.overdue_only = 1;
    xl_list_page p;
    assert_int_equal(xl_list_query(db, &f, 0, 0, &p, &e), XL_OK);
    assert_int_equal(p.n, 2);
    assert_int_equal(p.total, 2);
    assert_true(p.rows[0].overdue && p.rows[1].overdue);
    xl_list_page_release(&p);
    setenv("XIANGLI_TODAY", "2026-12-01", 1); /* time passes */
    assert_int_equal(xl_list_item_load(db, today, &it, &e), XL_OK);
    assert_int_equal(it.overdue, 1);
    setenv("XIANGLI_TODAY", "2026-11-25", 1);
    tu_db_free(db);
}

/* ---------- links ---------- */

static void lists__link__follows_the_chain_order(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "电线私拉乱接", "safety", 5, xl_party_none(), NULL);
    int64_t d = make_item(db, XL_ITEM_DEMAND, "整改线路", "safety", 5, xl_party_none(), NULL);
    int64_t m = make_item(db, XL_ITEM_EMPOWERMENT, "志愿电工检查", "safety", 0, xl_party_org(4), NULL);
    int64_t a = make_action(db, "逐户检查电线", 5, "2026-12-15");
    int64_t a2 = make_action(db, "更换插线板", 5, "2026-12-20");
    int64_t a3 = make_action(db, "张贴提示", 5, "2026-12-20");
    xl_err e;
    assert_int_equal(xl_list_link(db, p, d, &e), XL_OK);
    assert_int_equal(xl_list_link(db, d, m, &e), XL_OK);
    assert_int_equal(xl_list_link(db, m, a, &e), XL_OK);
    assert_int_equal(xl_list_link(db, p, a2, &e), XL_OK);  /* shortcut */
    assert_int_equal(xl_list_link(db, d, a3, &e), XL_OK);  /* shortcut */
    uint64_t before = tu_db_hash(db);
    int64_t refused[][2] = {{p, m}, {d, p}, {a, m}, {a, a2}, {p, p}, {p, d}};
    for (size_t i = 0; i < 6; i++) {
        assert_int_equal(xl_list_link(db, refused[i][0], refused[i][1], &e), XL_EFAIL);
        assert_memory_equal(tu_err_text(&e), "link:", 5);
    }
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM list_link"), 5);
    assert_true(xl_item_link_allowed(XL_ITEM_PROBLEM, XL_ITEM_DEMAND));
    assert_false(xl_item_link_allowed(XL_ITEM_PROBLEM, XL_ITEM_EMPOWERMENT));
    assert_false(xl_item_link_allowed(XL_ITEM_ACTION, XL_ITEM_PROBLEM));
    tu_db_free(db);
}

static void lists__create_linked__one_transaction(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t d = make_item(db, XL_ITEM_DEMAND, "整改线路", "safety", 5, xl_party_none(), NULL);
    int64_t m = make_item(db, XL_ITEM_EMPOWERMENT, "志愿电工检查", "safety", 0, xl_party_org(4), NULL);
    int b = 5;
    xl_item_form f;
    xl_item_form_init(&f, XL_ITEM_PROBLEM); /* a problem cannot follow a demand */
    f.title = "电线私拉乱接";
    f.category = "safety";
    f.buildings = &b;
    f.nbuildings = 1;
    f.raised_at = "2026-10-01";
    xl_err e;
    xl_err_clear(&e);
    uint64_t before = tu_db_hash(db);
    int64_t audit0 = audits(db), items0 = tu_one_int(db, "SELECT count(*) FROM list_item");
    int64_t id = 42;
    assert_int_equal(xl_list_item_create_linked(db, &f, d, &id, &e), XL_EFAIL);
    assert_memory_equal(tu_err_text(&e), "link:", 5);
    assert_int_equal(id, 0);
    assert_true(tu_db_hash(db) == before);
    /* a missing source item, or a bad form, is refused the same way */
    f.kind = XL_ITEM_ACTION;
    f.owner = xl_party_org(1);
    f.due = "2026-12-15";
    assert_int_not_equal(xl_list_item_create_linked(db, &f, 9999, &id, &e), XL_OK);
    assert_true(tu_db_hash(db) == before);
    f.title = "";
    assert_int_equal(xl_list_item_create_linked(db, &f, m, &id, &e), XL_EFAIL);
    assert_memory_equal(tu_err_text(&e), "title:", 6);
    assert_true(tu_db_hash(db) == before);
    /* a good one: the item, the link and both audit rows */
    f.title = "逐户检查电线";
    assert_int_equal(xl_list_item_create_linked(db, &f, m, &id, &e), XL_OK);
    assert_true(id > 0);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM list_item"), items0 + 1);
    char *q = xl_asprintf("SELECT count(*) FROM list_link WHERE from_id = %lld AND to_id = %lld",
                          (long long)m, (long long)id);
    assert_int_equal(tu_one_int(db, q), 1);
    free(q);
    assert_int_equal(audits(db), audit0 + 2);
    xl_list_item it;
    assert_int_equal(xl_list_item_load(db, id, &it, &e), XL_OK);
    assert_int_equal(it.kind, XL_ITEM_ACTION);
    assert_string_equal(it.title, "逐户检查电线");
    tu_db_free(db);
}

/* The refusals a user can reach from the item form keep their "FIELD:" key (the form puts the
 * reason beside that field) and give the reason in the UI language. */
/* The community office hands items out; it is never their owner. */
static void lists__owner__not_the_office(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    tu_exec(db, "INSERT INTO organisation(id, name, kind) VALUES (99, '杜巷居委会', 'other')");
    xl_i18n_set_lang("zh");
    xl_item_form f;
    xl_item_form_init(&f, XL_ITEM_ACTION);
    f.title = "清理楼道";
    f.raised_at = "2026-10-01";
    f.due = "2026-12-01";
    f.owner = xl_party_org(99);
    xl_err e;
    xl_err_clear(&e);
    assert_int_equal(xl_list_item_create(db, &f, NULL, &e), XL_EFAIL);
    assert_non_null(strstr(tu_err_text(&e), "居委自己不能当负责人"));
    assert_true(xl_party_is_office(db, xl_party_org(99)));
    assert_false(xl_party_is_office(db, xl_party_org(1)));
    f.owner = xl_party_org(1);
    assert_int_equal(xl_list_item_create(db, &f, NULL, &e), XL_OK);
    xl_i18n_set_lang("en");
    tu_db_free(db);
}

static void lists__refusals__follow_the_ui_language(void **state)
{
    (void)state;
    char was[4];
    snprintf(was, sizeof was, "%s", xl_i18n_lang());
    xl_db *db = tu_fixture_db();
    int64_t d = make_item(db, XL_ITEM_DEMAND, "整改线路", "safety", 5, xl_party_none(), NULL);
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "电线私拉乱接", "safety", 5, xl_party_none(), NULL);
    uint64_t before = tu_db_hash(db);
    static const struct { const char *lang, *title, *due, *want; int owner; } cases[] = {
        {"zh", "  ", "2026-12-01", "title: 不能为空", 1},
        {"en", "  ", "2026-12-01", "title: required", 1},
        {"zh", long_title, "2026-12-01", "title: 最多 80 个字（现在 81 个）", 1},
        {"en", long_title, "2026-12-01", "title: at most 80 characters (this has 81)", 1},
        {"zh", "清理", "2026-02-30", "due: “2026-02-30”：没有这一天，请检查月和日", 1},
        {"zh", "清理", "2026-09-30", "due: 期限 2026-09-30 早于提出日期（2026-10-01）", 1},
        {"en", "清理", "2026-09-30", "due: 2026-09-30 is before the date raised (2026-10-01)", 1},
        {"zh", "清理", "", "due: 行动须有期限", 1},
        {"zh", "清理", "2026-12-01", "owner: 行动须有负责人", 0},
        {"en", "清理", "2026-12-01", "owner: an action needs an owner", 0},
    };
    memset(long_title, 0, sizeof long_title);
    for (int i = 0; i < 81; i++)
        strcat(long_title, "字");
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        xl_i18n_set_lang(cases[i].lang);
        xl_item_form f;
        xl_item_form_init(&f, XL_ITEM_ACTION);
        f.title = cases[i].title;
        f.raised_at = "2026-10-01";
        f.owner = cases[i].owner ? xl_party_org(1) : xl_party_none();
        f.due = cases[i].due;
        xl_err e;
        xl_err_clear(&e);
        assert_int_equal(xl_list_item_create(db, &f, NULL, &e), XL_EFAIL);
        if (strcmp(tu_err_text(&e), cases[i].want) != 0)
            fail_msg("case %zu (%s): want '%s', got '%s'", i, cases[i].lang, cases[i].want, tu_err_text(&e));
    }
    xl_err e;
    xl_i18n_set_lang("zh");
    assert_int_equal(xl_list_link(db, d, p, &e), XL_EFAIL);
    assert_non_null(strstr(tu_err_text(&e), "link: 需求不能接到问题"));
    xl_i18n_set_lang("en");
    assert_int_equal(xl_list_link(db, d, p, &e), XL_EFAIL);
    assert_non_null(strstr(tu_err_text(&e), "link: a demand cannot lead to a problem"));
    assert_true(tu_db_hash(db) == before);
    xl_i18n_set_lang(was);
    tu_db_free(db);
}

static void lists__link__no_cycles(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "噪音扰民", "civility", 5, xl_party_none(), NULL);
    int64_t d = make_item(db, XL_ITEM_DEMAND, "作息公约", "civility", 5, xl_party_none(), NULL);
    int64_t m = make_item(db, XL_ITEM_EMPOWERMENT, "调解员", "civility", 5, xl_party_none(), NULL);
    int64_t a = make_action(db, "修订楼栋公约", 5, "2026-12-31");
    xl_err e;
    assert_int_equal(xl_list_link(db, p, d, &e), XL_OK);
    assert_int_equal(xl_list_link(db, d, m, &e), XL_OK);
    assert_int_equal(xl_list_link(db, m, a, &e), XL_OK);
    /* closing the loop from any later item back to an earlier one is refused */
    assert_int_equal(xl_list_link(db, a, p, &e), XL_EFAIL);
    assert_int_equal(xl_list_link(db, m, d, &e), XL_EFAIL);
    assert_int_equal(xl_list_link(db, a, d, &e), XL_EFAIL);
    /* and the schema refuses a backward link written behind the API's back */
    char *sql = xl_asprintf("INSERT INTO list_link VALUES (%lld, %lld, 'action', 'problem', 'x')",
                            (long long)a, (long long)p);
    assert_int_not_equal(xl_db_exec(db, sql, &e), XL_OK);
    free(sql);
    /* a kind that lies about the item is refused by the (id, kind) foreign key */
    sql = xl_asprintf("INSERT INTO list_link VALUES (%lld, %lld, 'problem', 'demand', 'x')",
                      (long long)a, (long long)p);
    assert_int_not_equal(xl_db_exec(db, sql, &e), XL_OK);
    free(sql);
    /* no path leads from an item back to itself */
    assert_int_equal(tu_one_int(db,
        "WITH RECURSIVE walk(start, id, depth) AS (SELECT from_id, to_id, 1 FROM list_link"
        " UNION ALL SELECT w.start, l.to_id, w.depth + 1 FROM walk w JOIN list_link l ON l.from_id = w.id"
        " WHERE w.depth < 10) SELECT count(*) FROM walk WHERE start = id"), 0);
    tu_db_free(db);
}

static void lists__link__never_dangles(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "燃气瓶在室内", "safety", 5, xl_party_none(), NULL);
    int64_t d = make_item(db, XL_ITEM_DEMAND, "安全燃气", "safety", 5, xl_party_none(), NULL);
    xl_err e;
    uint64_t before = tu_db_hash(db);
    assert_int_equal(xl_list_link(db, p, 999, &e), XL_ENOTFOUND);
    assert_int_equal(xl_list_link(db, 999, d, &e), XL_ENOTFOUND);
    assert_int_equal(xl_list_unlink(db, p, d, &e), XL_ENOTFOUND);
    char *want = xl_asprintf("#%lld is not linked to #%lld", (long long)p, (long long)d);
    assert_string_equal(e.msg, want); /* list items' numbers are the ones the lists show */
    free(want);
    assert_true(tu_db_hash(db) == before);
    assert_int_equal(xl_list_link(db, p, d, &e), XL_OK);
    assert_int_equal(xl_list_link(db, p, d, &e), XL_EFAIL);
    want = xl_asprintf("#%lld -> #%lld are linked already", (long long)p, (long long)d);
    assert_string_equal(e.msg, want);
    free(want);
    /* items are dropped, never deleted: a link cannot lose an end */
    char *sql = xl_asprintf("DELETE FROM list_item WHERE id = %lld", (long long)d);
    assert_int_not_equal(xl_db_exec(db, sql, &e), XL_OK);
    assert_non_null(strstr(e.msg, "dropped, not deleted"));
    free(sql);
    assert_int_not_equal(xl_db_exec(db, "INSERT INTO list_link VALUES (1, 999, 'problem', 'demand', 'x')", &e),
                         XL_OK);
    assert_int_equal(tu_one_int(db,
        "SELECT count(*) FROM list_link l WHERE NOT EXISTS (SELECT 1 FROM list_item i WHERE i.id = l.from_id)"
        " OR NOT EXISTS (SELECT 1 FROM list_item i WHERE i.id = l.to_id)"), 0);
    tu_db_free(db);
}

/* ---------- the chain ---------- */

static int chain_has(const xl_chain *c, int64_t id)
{
    for (size_t i = 0; i < c->n; i++)
        if (c->items[i].id == id)
            return 1;
    return 0;
}

static void lists__chain__seen_from_any_item(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "5号楼电动车楼道充电", "safety", 5, xl_party_none(), NULL);
    int64_t d = make_item(db, XL_ITEM_DEMAND, "集中充电桩", "safety", 5, xl_party_none(), NULL);
    int64_t m = make_item(db, XL_ITEM_EMPOWERMENT, "街道安装充电棚", "safety", 0, xl_party_org(1), NULL);
    int64_t a1 = make_action(db, "摸排电动车数量", 5, "2026-12-01");
    int64_t a2 = make_action(db, "建充电棚", 5, "2027-01-15");
    int64_t other = make_item(db, XL_ITEM_PROBLEM, "无关问题", "civility", 7, xl_party_none(), NULL);
    xl_err e;
    assert_int_equal(xl_list_link(db, p, d, &e), XL_OK);
    assert_int_equal(xl_list_link(db, d, m, &e), XL_OK);
    assert_int_equal(xl_list_link(db, m, a1, &e), XL_OK);
    assert_int_equal(xl_list_link(db, m, a2, &e), XL_OK);
    int64_t all[] = {p, d, m, a1, a2};
    for (size_t i = 0; i < 5; i++) {
        xl_chain c;
        assert_int_equal(xl_list_chain(db, all[i], XL_CHAIN_COMPONENT, &c, &e), XL_OK);
        assert_int_equal(c.n, 5);
        assert_int_equal(c.nlinks, 4);
        assert_false(chain_has(&c, other));
        for (size_t k = 1; k < c.n; k++) /* problems first, actions last */
            assert_true(c.items[k - 1].kind <= c.items[k].kind);
        xl_chain_release(&c);
    }
    xl_chain c;
    assert_int_equal(xl_list_chain(db, a1, XL_CHAIN_LINEAGE, &c, &e), XL_OK);
    assert_int_equal(c.n, 4); /* a1 and what it answers, not its sibling a2 */
    assert_false(chain_has(&c, a2));
    assert_int_equal(c.items[0].id, p);
    assert_int_equal(c.items[0].ndown, 1);
    xl_chain_release(&c);
    assert_int_equal(xl_list_chain(db, d, XL_CHAIN_LINEAGE, &c, &e), XL_OK);
    assert_int_equal(c.n, 5);
    xl_chain_release(&c);
    assert_int_equal(xl_list_chain(db, other, XL_CHAIN_LINEAGE, &c, &e), XL_OK);
    assert_int_equal(c.n, 1);
    assert_int_equal(c.nlinks, 0);
    xl_chain_release(&c);
    assert_int_equal(xl_list_chain(db, 999, XL_CHAIN_LINEAGE, &c, &e), XL_ENOTFOUND);
    tu_db_free(db);
}

/* ---------- windows, filters, counts ---------- */

static void lists__query__filters_windows_and_counts(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    for (int i = 0; i < 12; i++) {
        char title[32];
        snprintf(title, sizeof title, "问题%02d", i);
        make_item(db, XL_ITEM_PROBLEM, title, i % 3 ? "civility" : "safety", i % 2 ? 5 : 7, xl_party_none(), NULL);
    }
    make_item(db, XL_ITEM_DEMAND, "全小区快递柜", "services", 0, xl_party_none(), NULL);
    make_item(db, XL_ITEM_EMPOWERMENT, "派出所上门登记", "rental", 5, xl_party_org(2), NULL);
    make_item(db, XL_ITEM_ACTION, "组织扫码签进", "rental", 5, xl_party_person(2), "2026-12-01");
    int64_t late = make_item(db, XL_ITEM_ACTION, "张贴二维码", "rental", 5, xl_party_person(2), "2026-11-01");
    xl_err e;
    xl_list_filter f;
    xl_list_filter_init(&f);
    xl_list_page p;
    assert_int_equal(xl_list_query(db, &f, 0, 0, &p, &e), XL_OK);
    assert_int_equal(p.total, 16);
    assert_int_equal(p.per_kind[XL_ITEM_PROBLEM], 12);
    assert_int_equal(p.per_kind[XL_ITEM_DEMAND], 1);
    assert_int_equal(p.per_kind[XL_ITEM_EMPOWERMENT], 1);
    assert_int_equal(p.per_kind[XL_ITEM_ACTION], 2);
    assert_int_equal(p.overdue, 1);
    assert_int_equal(p.rows[0].id, late); /* overdue first */
    xl_list_page_release(&p);
    /* windows of the problem list tile it without overlap */
    f.kind = XL_ITEM_PROBLEM;
    int64_t seen[12];
    size_t nseen = 0;
    for (size_t off = 0; off < 12; off += 5) {
        assert_int_equal(xl_list_query(db, &f, off, 5, &p, &e), XL_OK);
        assert_int_equal(p.total, 12);
        assert_int_equal(p.per_kind[XL_ITEM_ACTION], 2); /* counts ignore the kind filter */
        assert_int_equal(p.n, off + 5 <= 12 ? 5 : 12 - off);
        for (size_t i = 0; i < p.n; i++) {
            for (size_t k = 0; k < nseen; k++)
                assert_true(seen[k] != p.rows[i].id);
            seen[nseen++] = p.rows[i].id;
        }
        xl_list_page_release(&p);
    }
    assert_int_equal(nseen, 12);
    f.category = "safety";
    f.building = 7;
    assert_int_equal(xl_list_query(db, &f, 0, 0, &p, &e), XL_OK);
    assert_int_equal(p.total, 2); /* i = 0, 6 */
    xl_list_page_release(&p);
    xl_list_filter_init(&f);
    f.building = XL_LIST_COMMUNITY;
    assert_int_equal(xl_list_query(db, &f, 0, 0, &p, &e), XL_OK);
    assert_int_equal(p.total, 1);
    assert_string_equal(p.rows[0].title, "全小区快递柜");
    assert_int_equal(p.rows[0].building, 0);
    xl_list_page_release(&p);
    xl_list_filter_init(&f);
    f.owner = xl_party_person(2);
    assert_int_equal(xl_list_query(db, &f, 0, 0, &p, &e), XL_OK);
    assert_int_equal(p.total, 2);
    assert_string_equal(p.rows[0].owner_name, "李二房");
    xl_list_page_release(&p);
    xl_list_filter_init(&f);
    f.text = "二维码";
    assert_int_equal(xl_list_query(db, &f, 0, 0, &p, &e), XL_OK);
    assert_int_equal(p.total, 1);
    xl_list_page_release(&p);
    assert_int_equal(xl_list_item_set_status(db, late, XL_ITEM_DONE, "已张贴", &e), XL_OK);
    xl_list_filter_init(&f);
    f.status_mask = XL_STATUS_BIT(XL_ITEM_DONE) | XL_STATUS_BIT(XL_ITEM_DROPPED);
    assert_int_equal(xl_list_query(db, &f, 0, 0, &p, &e), XL_OK);
    assert_int_equal(p.total, 1);
    assert_int_equal(p.rows[0].id, late);
    xl_list_page_release(&p);
    tu_db_free(db);
}

static void lists__building__open_items_and_map_figures(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int b[] = {5, 7};
    xl_item_form f;
    xl_item_form_init(&f, XL_ITEM_PROBLEM);
    f.title = "5、7号楼之间污水外溢";
    f.category = "environment";
    f.buildings = b;
    f.nbuildings = 2;
    int64_t shared = 0;
    xl_err e;
    assert_int_equal(xl_list_item_create(db, &f, &shared, &e), XL_OK);
    make_item(db, XL_ITEM_PROBLEM, "电线私拉乱接", "safety", 5, xl_party_none(), NULL);
    int64_t closed = make_item(db, XL_ITEM_PROBLEM, "楼道堆物", "safety", 5, xl_party_none(), NULL);
    make_action(db, "逾期行动", 5, "2026-11-01");
    make_item(db, XL_ITEM_DEMAND, "全小区需求", "services", 0, xl_party_none(), NULL);
    assert_int_equal(xl_list_item_set_status(db, closed, XL_ITEM_DONE, "已清理", &e), XL_OK);
    xl_list_page p;
    assert_int_equal(xl_list_building_open(db, 5, &p, &e), XL_OK);
    assert_int_equal(p.n, 3);
    xl_list_page_release(&p);
    assert_int_equal(xl_list_building_open(db, 7, &p, &e), XL_OK);
    assert_int_equal(p.n, 1);
    assert_int_equal(p.rows[0].id, shared);
    assert_int_equal(p.rows[0].nbuildings, 2);
    xl_list_page_release(&p);
    xl_building_items *bi = NULL;
    size_t n = 0;
    assert_int_equal(xl_list_building_counts(db, &bi, &n, &e), XL_OK);
    assert_int_equal(n, 2);
    assert_int_equal(bi[0].building, 5);
    assert_int_equal(bi[0].open_items, 3);
    assert_int_equal(bi[0].open_problems, 2);
    assert_int_equal(bi[0].open_hazards, 1);
    assert_int_equal(bi[0].overdue_actions, 1);
    assert_int_equal(bi[1].building, 7);
    assert_int_equal(bi[1].open_problems, 1);
    assert_int_equal(bi[1].open_hazards, 0);
    free(bi);
    tu_db_free(db);
}

/* ---------- history and audit ---------- */

static void lists__history__tells_the_item_story(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    xl_db_set_operator(db, "duty1");
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "群租", "rental", 5, xl_party_none(), NULL);
    int64_t d = make_item(db, XL_ITEM_DEMAND, "规范隔间", "rental", 5, xl_party_none(), NULL);
    xl_err e;
    assert_int_equal(xl_list_link(db, p, d, &e), XL_OK);
    assert_int_equal(xl_list_item_set_status(db, p, XL_ITEM_IN_PROGRESS, NULL, &e), XL_OK);
    xl_history_row *h = NULL;
    size_t n = 0;
    assert_int_equal(xl_list_history(db, p, &h, &n, &e), XL_OK);
    assert_int_equal(n, 3);
    assert_string_equal(h[0].action, "list.create");
    assert_string_equal(h[1].action, "list.link");
    assert_string_equal(h[2].action, "list.status");
    assert_string_equal(h[2].operator_login, "duty1");
    assert_non_null(strstr(h[2].detail, "open -> in_progress"));
    free(h);
    assert_int_equal(xl_list_history(db, d, &h, &n, &e), XL_OK);
    assert_int_equal(n, 2); /* its creation and the link from the problem */
    free(h);
    tu_db_free(db);
}

static void lists__audit__one_row_per_change(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    xl_err e;
    int64_t n = audits(db);
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "垃圾未分类", "civility", 5, xl_party_none(), NULL);
    assert_int_equal(audits(db), ++n);
    int64_t a = make_action(db, "桶边督导", 5, "2026-12-01");
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_list_link(db, p, a, &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_list_item_set_status(db, a, XL_ITEM_DONE, "完成", &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(xl_list_unlink(db, p, a, &e), XL_OK);
    assert_int_equal(audits(db), ++n);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE entity = 'list_item'"), 3);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM audit WHERE entity = 'list_link'"), 2);
    tu_db_free(db);
}

/* With the audit table refusing rows, every change fails whole: the change and its audit row
 * are one transaction. */
static void lists__audit__same_transaction_as_the_change(void **state)
{
    (void)state;
    xl_db *db = tu_fixture_db();
    int64_t p = make_item(db, XL_ITEM_PROBLEM, "高空抛物", "civility", 5, xl_party_none(), NULL);
    int64_t d = make_item(db, XL_ITEM_DEMAND, "安装摄像头", "civility", 5, xl_party_none(), NULL);
    xl_err e;
    assert_int_equal(xl_db_exec(db, "CREATE TEMP TRIGGER no_audit BEFORE INSERT ON main.audit"
                                    " BEGIN SELECT RAISE(ABORT, 'audit refused'); END", &e), XL_OK);
    uint64_t before = tu_db_hash(db);
    int b = 5;
    xl_item_form f;
    xl_item_form_init(&f, XL_ITEM_PROBLEM);
    f.title = "新问题";
    f.buildings = &b;
    f.nbuildings = 1;
    assert_int_not_equal(xl_list_item_create(db, &f, NULL, &e), XL_OK);
    assert_int_not_equal(xl_list_link(db, p, d, &e), XL_OK);
    assert_int_not_equal(xl_list_item_set_status(db, p, XL_ITEM_DROPPED, "重复", &e), XL_OK);
    xl_list_item it;
    assert_int_equal(xl_list_item_load(db, d, &it, &e), XL_OK);
    xl_item_form_from(&f, &it);
    f.title = "改名";
    assert_int_not_equal(xl_list_item_update(db, d, &f, &e), XL_OK);
    assert_true(tu_db_hash(db) == before);
    tu_db_free(db);
}

static void lists__date__real_calendar_days(void **state)
{
    (void)state;
    assert_true(xl_list_date_valid("2024-02-29"));
    assert_true(xl_list_date_valid("2026-12-31"));
    assert_false(xl_list_date_valid("2026-02-29"));
    assert_false(xl_list_date_valid("2026-04-31"));
    assert_true(xl_list_date_valid("2026-4-1"));
    assert_true(xl_list_date_valid("2026.4.1"));
    assert_false(xl_list_date_valid("2026-4"));
    assert_false(xl_list_date_valid("2026-00-10"));
    assert_false(xl_list_date_valid("26-01-01xx"));
    assert_false(xl_list_date_valid(NULL));
    assert_int_equal(xl_item_kind_parse("需求"), XL_ITEM_DEMAND);
    assert_int_equal(xl_item_kind_parse("action"), XL_ITEM_ACTION);
    assert_int_equal(xl_item_status_parse("In progress"), XL_ITEM_IN_PROGRESS);
    assert_int_equal(xl_item_kind_parse("nonsense"), -1);
}

/* ---------- the demo community's lists ---------- */

static uint64_t lists_hash(xl_db *db)
{
    static const char *const tables[] = {"list_item", "list_item_building", "list_link", "meeting",
                                         "agenda_item", "agenda_action", "attendance"};
    uint64_t h = 0xCBF29CE484222325ULL;
    for (size_t i = 0; i < sizeof tables / sizeof tables[0]; i++)
        h = h * 0x100000001B3ULL + tu_table_hash(db, tables[i]);
    return h;
}

/* The demo database with its lists: built by the demo generator when it calls
 * xl_lists_demo_build itself, else added here in one transaction. */
static xl_db *demo_with_lists(void)
{
    xl_db *db = tu_demo_db(NULL);
    if (tu_one_int(db, "SELECT count(*) FROM list_item") > 0)
        return db;
    xl_err e;
    assert_int_equal(xl_db_begin(db, &e), XL_OK);
    if (xl_lists_demo_build(db, 1, &e) != XL_OK)
        fail_msg("lists demo: %s", e.msg);
    assert_int_equal(xl_db_commit(db, &e), XL_OK);
    return db;
}

static void lists__demo__plausible_and_deterministic(void **state)
{
    (void)state;
    xl_db *db = demo_with_lists();
    int64_t items = tu_one_int(db, "SELECT count(*) FROM list_item");
    assert_true(items >= 200 && items <= 1000);
    for (int k = 0; k < XL_ITEM_KIND_COUNT; k++) {
        char *sql = xl_asprintf("SELECT count(*) FROM list_item WHERE kind = '%s'", xl_item_kind_key((xl_item_kind)k));
        assert_true(tu_one_int(db, sql) >= 20);
        free(sql);
    }
    for (int c = 0; c < XL_CAT_BUILTIN_COUNT; c++) {
        char *sql = xl_asprintf("SELECT count(*) FROM list_item WHERE category = '%s'", xl_category_key((size_t)c));
        assert_true(tu_one_int(db, sql) >= 5);
        free(sql);
    }
    /* whole chains, done items, overdue actions relative to 2026-11-01 */
    assert_true(tu_one_int(db, "SELECT count(*) FROM list_link l JOIN list_link m ON m.from_id = l.to_id"
                            " JOIN list_link n ON n.from_id = m.to_id WHERE l.from_kind = 'problem'") >= 10);
    assert_true(tu_one_int(db, "SELECT count(*) FROM list_item WHERE status = 'done'") >= 50);
    assert_true(tu_one_int(db, "SELECT count(*) FROM list_item WHERE kind = 'action' AND due < '2026-11-01'"
                            " AND status IN ('open', 'in_progress')") >= 5);
    /* meetings: many roundtables over 2024-2026, every kind, minutes for the closed ones */
    assert_true(tu_one_int(db, "SELECT count(DISTINCT building) FROM meeting WHERE kind = 'roundtable'") >= 150);
    assert_true(tu_one_int(db, "SELECT count(*) FROM meeting WHERE kind = 'pioneer'") >= 6);
    assert_true(tu_one_int(db, "SELECT count(*) FROM meeting WHERE kind = 'discussion'") >= 6);
    assert_true(tu_one_int(db, "SELECT count(*) FROM meeting WHERE kind = 'joint'") >= 2);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM meeting WHERE status = 'closed' AND minutes = ''"), 0);
    assert_true(tu_one_int(db, "SELECT count(*) FROM agenda_action") >= 50);
    assert_true(tu_one_int(db, "SELECT count(*) FROM attendance") >= 1000);
    /* agenda positions are 1..n in every meeting */
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM (SELECT meeting_id FROM agenda_item GROUP BY meeting_id"
                                 " HAVING min(position) <> 1 OR max(position) <> count(*))"), 0);
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    /* the same seed gives the same lists */
    uint64_t h1 = lists_hash(db);
    tu_db_free(db);
    db = demo_with_lists();
    assert_true(lists_hash(db) == h1);
    tu_db_free(db);
}

static void lists__demo__refuses_twice(void **state)
{
    (void)state;
    xl_db *db = demo_with_lists();
    uint64_t before = tu_db_hash(db);
    xl_err e;
    assert_int_equal(xl_db_begin(db, &e), XL_OK);
    assert_int_equal(xl_lists_demo_build(db, 1, &e), XL_EFAIL);
    xl_db_rollback(db);
    assert_true(tu_db_hash(db) == before);
    tu_db_free(db);
}

int main(void)
{
    setenv("XIANGLI_TODAY", "2026-11-25", 1);
    xl_i18n_set_lang("zh");
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists__create__reads_back_every_field),
        cmocka_unit_test(lists__create__rejected_form_changes_nothing),
        cmocka_unit_test(lists__category__labels_and_configured_table),
        cmocka_unit_test(lists__update__audits_the_change_only),
        cmocka_unit_test(lists__update__linked_item_keeps_its_kind),
        cmocka_unit_test(lists__status__closing_note_for_done_and_dropped),
        cmocka_unit_test(lists__overdue__open_actions_past_due_only),
        cmocka_unit_test(lists__link__follows_the_chain_order),
        cmocka_unit_test(lists__create_linked__one_transaction),
        cmocka_unit_test(lists__refusals__follow_the_ui_language),
        cmocka_unit_test(lists__owner__not_the_office),
        cmocka_unit_test(lists__link__no_cycles),
        cmocka_unit_test(lists__link__never_dangles),
        cmocka_unit_test(lists__chain__seen_from_any_item),
        cmocka_unit_test(lists__query__filters_windows_and_counts),
        cmocka_unit_test(lists__building__open_items_and_map_figures),
        cmocka_unit_test(lists__history__tells_the_item_story),
        cmocka_unit_test(lists__audit__one_row_per_change),
        cmocka_unit_test(lists__audit__same_transaction_as_the_change),
        cmocka_unit_test(lists__date__real_calendar_days),
        cmocka_unit_test(lists__demo__plausible_and_deterministic),
        cmocka_unit_test(lists__demo__refuses_twice),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
