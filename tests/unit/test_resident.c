/* test_resident.c — the tenant register: the sign-in form, sign-in/move/sign-out, first
 * responsible person, person card, reveal, stale list, and the register window. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/db/db_internal.h"
#include "core/register/signin_form.h"
#include "xiangli/building.h"
#include "xiangli/i18n.h"
#include "xiangli/idcard.h"
#include "xiangli/mem.h"
#include "xiangli/resident.h"
#include "xiangli/stats.h"

/* ---------- helpers ---------- */

/* A valid ID number: region, birth YYYYMMDD, sequence (odd = man), check character. */
static void make_id(const char *birth, int seq, char out[19])
{
    snprintf(out, 19, "310117%.8s%03d", birth, seq);
    out[17] = xl_id_check_char(out);
    out[18] = '\0';
}

/* Every row of every table, as text: equal dumps = an unchanged database. */
static char *dump_all(xl_db *db)
{
    xl_buf b;
    xl_buf_init(&b);
    sqlite3_stmt *tables = xl_db_prepare(db,
        "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", NULL);
    assert_non_null(tables);
    while (sqlite3_step(tables) == SQLITE_ROW) {
        char *sql = xl_asprintf("SELECT * FROM \"%s\" ORDER BY 1", xl_col_text(tables, 0));
        sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
        assert_non_null(st);
        xl_buf_printf(&b, "[%s]\n", xl_col_text(tables, 0));
        while (sqlite3_step(st) == SQLITE_ROW) {
            for (int i = 0; i < sqlite3_column_count(st); i++)
                xl_buf_printf(&b, "%s|",
                              sqlite3_column_type(st, i) == SQLITE_NULL ? "∅" : xl_col_text(st, i));
            xl_buf_puts(&b, "\n");
        }
        sqlite3_finalize(st);
        free(sql);
    }
    sqlite3_finalize(tables);
    xl_buf_printf(&b, "user_version=%d\n", xl_db_user_version(db));
    return b.data;
}

/* Two buildings: No. 1 (rooms 101, 102, 201; owner 王建国 living in 101) and No. 2
 * (rooms 101, 102; owner 李梅 not living there, no responsible person recorded). */
static xl_db *small_db(void)
{
    xl_db *db = tu_db_new(NULL);
    tu_exec(db, "BEGIN;"
             "INSERT INTO lane(id, name) VALUES (1, '东巷');"
             "INSERT INTO person(id, name, gender, id_number, phone, created_at) VALUES"
             " (1, '王建国', 'M', NULL, '13900000001', '2026-01-01 00:00:00'),"
             " (2, '李梅', 'F', NULL, '13900000002', '2026-01-01 00:00:00');"
             "INSERT INTO building(number, lane_id, owner_id, responsible_id, responsible_role)"
             " VALUES (1, 1, 1, 1, 'owner'), (2, 1, 2, NULL, 'owner');"
             "INSERT INTO responsible_history(building, person_id, role, since)"
             " VALUES (1, 1, 'owner', '2020-01-01');"
             "INSERT INTO room(building, room, floor, declared_headcount) VALUES"
             " (1, '101', 1, 2), (1, '102', 1, 2), (1, '201', 2, 3), (2, '101', 1, 2), (2, '102', 1, 2);"
             "INSERT INTO residency(person_id, building, room, role, moved_in, channel_in, confirmed_at)"
             " VALUES (1, 1, '101', 'owner', '2010-05-01', 'desk', '2026-11-01 10:00:00');"
             "COMMIT;");
    return db;
}

/* A good form for a new tenant of 1-102 (strings live in static storage). */
static xl_signin_form good_form(void)
{
    static char id[19];
    make_id("19950314", 123, id);
    xl_signin_form f = {
        .name = "张伟", .gender = "男", .id_number = id, .phone = "138 0013 8000",
        .province = "安徽", .workplace = "九亭物流", .building = "1", .room = "102",
        .role = "租客", .moved_in = "2026-11-20", .channel = "扫码",
    };
    return f;
}

static int64_t open_residency_of(xl_db *db, int64_t pid)
{
    char sql[128];
    snprintf(sql, sizeof sql,
             "SELECT coalesce(max(id), 0) FROM residency WHERE person_id = %lld AND moved_out IS NULL",
             (long long)pid);
    return tu_one_int(db, sql);
}

static int64_t count_where(xl_db *db, const char *table, const char *where)
{
    char *sql = xl_asprintf("SELECT count(*) FROM %s WHERE %s", table, where);
    int64_t n = tu_one_int(db, sql);
    free(sql);
    return n;
}

/* ---------- validation: one failing case per field, message beside that field ---------- */

#define TEN_ZHANG "张张张张张张张张张张"

typedef struct field_case {
    xl_signin_field field;
    const char *value;
    const char *zh_fragment; /* a word of the Chinese message */
} field_case;

static void set_field(xl_signin_form *f, xl_signin_field field, const char *v)
{
    const char **slot[XL_SF_COUNT] = {
        &f->name, &f->gender, &f->id_number, &f->phone, &f->province, &f->workplace,
        &f->building, &f->room, &f->role, &f->moved_in, &f->channel,
    };
    *slot[field] = v;
}

/* The form with one bad field gets exactly one message, on that field. */
static void expect_only(xl_db *db, xl_signin_field field, const char *value, const char *fragment)
{
    xl_signin_form f = good_form();
    set_field(&f, field, value);
    xl_field_errors fe;
    assert_int_equal(xl_signin_validate(db, &f, &fe), XL_EFAIL);
    const char *msg = xl_field_errors_get(&fe, field);
    if (!msg || fe.n != 1)
        fail_msg("field %s = '%s': %zu messages, own: %s", xl_signin_field_key(field), value, fe.n,
                 msg ? msg : "(none)");
    if (!strstr(msg, fragment))
        fail_msg("field %s: message '%s' lacks '%s'", xl_signin_field_key(field), msg, fragment);
}

static void resident__validate__accepts_good_form(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_signin_form f = good_form();
    xl_field_errors fe;
    assert_int_equal(xl_signin_validate(db, &f, &fe), XL_OK);
    assert_int_equal(fe.n, 0);
    /* optional fields may be empty; moved_in and channel then default */
    f.gender = f.id_number = f.phone = f.province = f.workplace = f.moved_in = f.channel = "";
    assert_int_equal(xl_signin_validate(db, &f, &fe), XL_OK);
    f.name = "  张伟　"; /* blanks, including the ideographic space, are ignored */
    f.id_number = "11010519491231002x";
    f.gender = "";
    assert_int_equal(xl_signin_validate(db, &f, &fe), XL_OK);
    tu_db_free(db);
}

static void resident__validate__each_field_has_its_message(void **state)
{
    (void)state;
    xl_db *db = small_db();
    static const field_case cases[] = {
        {XL_SF_NAME, "   ", "姓名"},
        {XL_SF_NAME, TEN_ZHANG TEN_ZHANG TEN_ZHANG "张张张", "姓名最多 32"}, /* 33 characters */
        {XL_SF_NAME, "?", "姓名请写汉字"},
        {XL_SF_NAME, "王小梅2", "姓名请写汉字"},
        {XL_SF_NAME, "·王", "姓名请写汉字"},
        {XL_SF_NAME, "Anna  Li", "姓名请写汉字"},
        {XL_SF_NAME, "王_梅", "姓名请写汉字"},
        {XL_SF_GENDER, "X", "性别"},
        {XL_SF_ID_NUMBER, "31011719950314", "18 位"},
        {XL_SF_ID_NUMBER, "3101171995031412AB", "身份证号前 17 位"},
        {XL_SF_ID_NUMBER, "310117199502301230", "不是有效日期"},
        {XL_SF_ID_NUMBER, "990101199503141234", "身份证号前两位不是省份代码"},
        {XL_SF_ID_NUMBER, "000000199503141234", "身份证号前两位不是省份代码"},
        {XL_SF_ID_NUMBER, "310117189003141234", "出生年份 1890 不合常理"},
        {XL_SF_PHONE, "1380013800", "11 位"},
        {XL_SF_PHONE, "1380013800a", "只能含数字"},
        {XL_SF_PHONE, "11800138000", "13～19"},
        {XL_SF_PROVINCE, "新疆维吾尔自治区新疆维吾尔自治区新", "户籍省份最多 16"},
        {XL_SF_WORKPLACE, "工\x01厂", "工作单位含有无效字符"},
        {XL_SF_BUILDING, "", "楼栋号"},
        {XL_SF_BUILDING, "12a", "楼栋号应为数字"},
        {XL_SF_BUILDING, "99", "没有99号楼"},
        {XL_SF_ROOM, "", "房间号"},
        {XL_SF_ROOM, "3-01", "房间号"},
        {XL_SF_ROOM, "301", "1号楼没有301室"},
        {XL_SF_ROLE, "boss", "身份"},
        {XL_SF_ROLE, "", "身份"},
        {XL_SF_MOVED_IN, "2026-02-30", "入住日期：没有这一天，请检查月和日"},
        {XL_SF_MOVED_IN, "2026-11", "入住日期：请按 2026-12-06 的格式填写"},
        {XL_SF_MOVED_IN, "2026-11-26", "入住日期不能晚于今天（2026-11-25）"},
        {XL_SF_MOVED_IN, "1990-01-01", "早于出生日期 1995-03-14"},
        {XL_SF_CHANNEL, "email", "登记渠道"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
        expect_only(db, cases[i].field, cases[i].value, cases[i].zh_fragment);
    tu_db_free(db);
}

/* Names are letters: Chinese, or Latin for foreign tenants, parts joined by · or a space. */
static void resident__validate__names_are_letters(void **state)
{
    (void)state;
    static const char *const good[] = {"王小梅", "阿依古丽·买买提", "Anna Maria Müller",
                                       "Jean-Luc O'Brien", "María·José", "𠮷野"};
    static const char *const bad[] = {"?", "??", "王?", "Anna Maria ", "1号", "王·", "Li  Na", "A..B"};
    for (size_t i = 0; i < sizeof good / sizeof good[0]; i++)
        if (!xl_name_letters_ok(good[i]))
            fail_msg("'%s' should be a name", good[i]);
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        if (xl_name_letters_ok(bad[i]))
            fail_msg("'%s' should not be a name", bad[i]);
}

static void resident__signin__rejects_bad_checksum(void **state)
{
    (void)state;
    xl_db *db = small_db();
    char id[19];
    make_id("19950314", 123, id);
    char want = id[17];
    id[17] = want == '0' ? '1' : '0';
    expect_only(db, XL_SF_ID_NUMBER, id, "身份证号校验位不对");
    xl_signin_form f = good_form();
    f.id_number = id;
    xl_field_errors fe;
    xl_signin_validate(db, &f, &fe);
    /* the message never gives the right character away */
    assert_string_equal(xl_field_errors_get(&fe, XL_SF_ID_NUMBER), "身份证号校验位不对，请逐位核对");
    tu_db_free(db);
}

static void resident__validate__birth_in_future_and_gender_mismatch(void **state)
{
    (void)state;
    xl_db *db = small_db();
    char id[19];
    make_id("20261201", 123, id);
    expect_only(db, XL_SF_ID_NUMBER, id, "晚于今天");
    xl_signin_form f = good_form();
    f.gender = "女"; /* the ID number (sequence 123, odd) says male */
    xl_field_errors fe;
    assert_int_equal(xl_signin_validate(db, &f, &fe), XL_EFAIL);
    assert_non_null(strstr(xl_field_errors_get(&fe, XL_SF_GENDER), "性别与身份证号不符"));
    tu_db_free(db);
}

static void resident__validate__reports_every_field_at_once(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_signin_form f = {.name = "", .gender = "?", .id_number = "1", .phone = "2", .building = "x",
                        .room = "", .role = "", .moved_in = "tomorrow", .channel = "fax"};
    xl_field_errors fe;
    assert_int_equal(xl_signin_validate(db, &f, &fe), XL_EFAIL);
    assert_int_equal(fe.n, 9); /* all but the two free-text fields */
    assert_null(xl_field_errors_get(&fe, XL_SF_PROVINCE));
    assert_null(xl_field_errors_get(&fe, XL_SF_WORKPLACE));
    assert_string_equal(xl_signin_field_key(XL_SF_MOVED_IN), "moved_in");
    tu_db_free(db);
}

static void resident__validate__english_messages(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_i18n_set_lang("en");
    expect_only(db, XL_SF_ROOM, "301", "building 1 has no room 301");
    expect_only(db, XL_SF_PHONE, "12345", "11 digits");
    assert_string_equal(xl_signin_field_label(XL_SF_ID_NUMBER), "ID number");
    /* form labels start with a capital, like every other English label */
    assert_string_equal(xl_signin_field_label(XL_SF_NAME), "Name");
    assert_string_equal(xl_signin_field_label(XL_SF_PROVINCE), "Home province");
    assert_string_equal(xl_signin_field_label(XL_SF_MOVED_IN), "Move-in date");
    xl_i18n_set_lang("zh");
    assert_string_equal(xl_signin_field_label(XL_SF_ID_NUMBER), "身份证号");
    tu_db_free(db);
}

/* ---------- sign-in ---------- */

static void resident__signin__new_creates_person_residency_audit(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_signin_form f = good_form();
    int64_t pid = 0;
    xl_err e;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    assert_true(pid > 2);
    char where[256];
    snprintf(where, sizeof where, "id = %lld AND name = '张伟' AND gender = 'M' AND phone = '13800138000'"
             " AND province = '安徽' AND id_number = '%s'", (long long)pid, f.id_number);
    assert_int_equal(count_where(db, "person", where), 1);
    snprintf(where, sizeof where, "person_id = %lld AND building = 1 AND room = '102' AND role = 'tenant'"
             " AND moved_in = '2026-11-20' AND channel_in = 'qr' AND moved_out IS NULL", (long long)pid);
    assert_int_equal(count_where(db, "residency", where), 1);
    assert_int_equal(xl_db_audit_count(db, "resident.signin"), 1);
    /* the audit row names the person but never carries the whole ID number or phone */
    char *detail = tu_one_text(db, "SELECT entity || ':' || entity_id || ' ' || detail FROM audit"
                                " WHERE action = 'resident.signin'");
    assert_non_null(strstr(detail, "person:"));
    assert_null(strstr(detail, f.id_number));
    assert_null(strstr(detail, "13800138000"));
    free(detail);
    tu_db_free(db);
}

static void resident__signin__rejected_leaves_db_identical(void **state)
{
    (void)state;
    xl_db *db = small_db();
    int64_t pid = 0;
    xl_err e;
    xl_signin_form f = good_form();
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    char *before = dump_all(db);
    /* a bad field */
    xl_signin_form bad = good_form();
    bad.room = "999";
    bad.id_number = "";
    assert_int_equal(xl_signin_commit(db, &bad, XL_SIGNIN_NEW, &pid, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "房间"));
    /* a duplicate, and a move into the room they already live in */
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_EFAIL);
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_MOVE, &pid, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "已住在 1-102"));
    /* a sign-out before the move-in, a confirmation of nothing */
    assert_int_not_equal(xl_signout_person(db, pid, "2026-11-19", "desk", &e), XL_OK);
    assert_int_equal(xl_residency_confirm(db, 424242, &e), XL_ENOTFOUND);
    char *after = dump_all(db);
    assert_string_equal(before, after);
    free(before);
    free(after);
    tu_db_free(db);
}

static void resident__signin__duplicate_id_refused_and_found(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_signin_form f = good_form();
    int64_t pid = 0, again = 0;
    xl_err e;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    f.name = "张伟伟";
    f.room = "201";
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &again, &e), XL_EFAIL);
    assert_int_equal(again, pid); /* the caller learns whom to move instead */
    assert_non_null(strstr(e.msg, "已登记"));
    assert_int_equal(count_where(db, "person", "name = '张伟伟'"), 0);
    xl_existing ex;
    char lower[19];
    snprintf(lower, sizeof lower, "%s", f.id_number);
    if (lower[17] == 'X')
        lower[17] = 'x';
    assert_int_equal(xl_signin_find_existing(db, lower, &ex, &e), XL_OK);
    assert_int_equal(ex.person_id, pid);
    assert_string_equal(ex.name, "张伟");
    assert_int_equal(ex.building, 1);
    assert_string_equal(ex.room, "102");
    assert_string_equal(ex.role, "tenant");
    assert_int_equal(ex.residency_id, open_residency_of(db, pid));
    assert_non_null(strchr(ex.id_masked, '*'));
    char other[19];
    make_id("19800101", 555, other);
    assert_int_equal(xl_signin_find_existing(db, other, &ex, &e), XL_ENOTFOUND);
    assert_int_equal(xl_signin_find_existing(db, "", &ex, &e), XL_ENOTFOUND);
    tu_db_free(db);
}

static void resident__signin__move_closes_old_opens_new(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_signin_form f = good_form();
    int64_t pid = 0;
    xl_err e;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    int64_t old = open_residency_of(db, pid);
    xl_signin_form m = good_form();
    m.name = "张伟";
    m.building = "2";
    m.room = "101";
    m.moved_in = "2026-11-24";
    m.channel = "landlord";
    m.phone = "13900001111";
    m.province = "";
    int64_t moved = 0;
    assert_int_equal(xl_signin_commit(db, &m, XL_SIGNIN_MOVE, &moved, &e), XL_OK);
    assert_int_equal(moved, pid);
    char where[160];
    snprintf(where, sizeof where, "id = %lld AND moved_out = '2026-11-24' AND channel_out = 'landlord'",
             (long long)old);
    assert_int_equal(count_where(db, "residency", where), 1);
    snprintf(where, sizeof where, "person_id = %lld", (long long)pid);
    assert_int_equal(count_where(db, "residency", where), 2); /* history kept */
    snprintf(where, sizeof where, "person_id = %lld AND moved_out IS NULL AND building = 2", (long long)pid);
    assert_int_equal(count_where(db, "residency", where), 1); /* one open home, the new one */
    assert_int_equal(tu_one_int(db, "SELECT count(*) FROM (SELECT person_id FROM residency WHERE moved_out"
                                 " IS NULL GROUP BY person_id HAVING count(*) > 1)"), 0);
    /* given contact fields updated, empty ones kept */
    snprintf(where, sizeof where, "id = %lld AND phone = '13900001111' AND province = '安徽'",
             (long long)pid);
    assert_int_equal(count_where(db, "person", where), 1);
    assert_int_equal(xl_db_audit_count(db, "resident.move"), 1);
    /* a move back in time is refused */
    m.building = "1";
    m.room = "201";
    m.moved_in = "2026-11-01";
    assert_int_equal(xl_signin_commit(db, &m, XL_SIGNIN_MOVE, &moved, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "早于现住处的入住日期 2026-11-24"));
    tu_db_free(db);
}

static void resident__signin__move_without_id_by_person(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_signin_form f = good_form();
    f.id_number = "";
    int64_t pid = 0, nobody = 0;
    xl_err e;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    /* MOVE needs someone to move */
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_MOVE, &nobody, &e), XL_EUSAGE);
    char id[19];
    make_id("19700707", 771, id);
    f.id_number = id;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_MOVE, &nobody, &e), XL_ENOTFOUND);
    /* by person id: the form's ID number is recorded for them */
    f.room = "201";
    f.gender = "";
    int64_t who = pid;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_MOVE, &who, &e), XL_OK);
    assert_int_equal(who, pid);
    char where[96];
    snprintf(where, sizeof where, "id = %lld AND id_number = '%s'", (long long)pid, id);
    assert_int_equal(count_where(db, "person", where), 1);
    /* someone who moved out comes back: MOVE opens a new residency */
    assert_int_equal(xl_signout_person(db, pid, "2026-11-25", "", &e), XL_OK);
    f.room = "101";
    f.moved_in = "2026-11-25";
    who = 0;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_MOVE, &who, &e), XL_OK);
    assert_int_equal(who, pid);
    assert_true(open_residency_of(db, pid) > 0);
    tu_db_free(db);
}

/* ---------- sign-out, confirmation, figures ---------- */

static void resident__signout__closes_and_keeps_person(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_signin_form f = good_form();
    int64_t pid = 0;
    xl_err e;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    int64_t rid = open_residency_of(db, pid);
    assert_int_equal(xl_signout(db, rid, "2026-11-26", "qr", &e), XL_EFAIL); /* future */
    assert_non_null(strstr(e.msg, "搬离日期不能晚于今天"));
    assert_int_equal(xl_signout(db, rid, "2026-11-19", "qr", &e), XL_EFAIL); /* before move-in */
    assert_int_equal(xl_signout(db, rid, "2026-11-22", "fax", &e), XL_EFAIL);
    assert_int_equal(xl_signout(db, rid, "2026-11-22", "qr", &e), XL_OK);
    char where[128];
    snprintf(where, sizeof where, "id = %lld AND moved_out = '2026-11-22' AND channel_out = 'qr'",
             (long long)rid);
    assert_int_equal(count_where(db, "residency", where), 1);
    snprintf(where, sizeof where, "id = %lld", (long long)pid);
    assert_int_equal(count_where(db, "person", where), 1); /* the person stays */
    assert_int_equal(xl_db_audit_count(db, "resident.signout"), 1);
    assert_int_equal(xl_signout(db, rid, "", "", &e), XL_EFAIL); /* already out */
    assert_non_null(strstr(e.msg, "2026-11-22"));
    assert_int_equal(xl_signout_person(db, pid, "", "", &e), XL_ENOTFOUND);
    assert_int_equal(xl_signout(db, 999999, "", "", &e), XL_ENOTFOUND);
    tu_db_free(db);
}

static int building_residents(xl_db *db, int number)
{
    xl_building_card card;
    xl_err e;
    assert_int_equal(xl_building_card_load(db, number, &card, &e), XL_OK);
    int n = card.s.residents;
    assert_int_equal((size_t)n, card.nresidents);
    xl_building_card_release(&card);
    xl_building_summary *list;
    size_t nb;
    assert_int_equal(xl_buildings_list(db, &list, &nb, &e), XL_OK);
    for (size_t i = 0; i < nb; i++)
        if (list[i].number == number)
            assert_int_equal(list[i].residents, n);
    xl_buildings_free(list);
    return n;
}

static int community_residents(xl_db *db)
{
    xl_stats st;
    xl_err e;
    assert_int_equal(xl_stats_compute(db, &st, &e), XL_OK);
    int n = st.residents;
    xl_stats_release(&st);
    return n;
}

static void resident__figures__follow_each_change_at_once(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_err e;
    assert_int_equal(building_residents(db, 1), 1);
    assert_int_equal(building_residents(db, 2), 0);
    xl_signin_form f = good_form();
    int64_t pid = 0;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    assert_int_equal(building_residents(db, 1), 2);
    assert_int_equal(community_residents(db), 2);
    f.building = "2";
    f.room = "101";
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_MOVE, &pid, &e), XL_OK);
    assert_int_equal(building_residents(db, 1), 1);
    assert_int_equal(building_residents(db, 2), 1);
    assert_int_equal(xl_signout_person(db, pid, "", "", &e), XL_OK);
    assert_int_equal(building_residents(db, 2), 0);
    assert_int_equal(community_residents(db), 1);
    tu_db_free(db);
}

static void resident__confirm__stamps_today_and_audits(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_err e;
    int64_t rid = open_residency_of(db, 1);
    assert_int_equal(xl_residency_confirm(db, rid, &e), XL_OK);
    char where[96];
    snprintf(where, sizeof where, "id = %lld AND confirmed_at LIKE '2026-11-25 %%'", (long long)rid);
    assert_int_equal(count_where(db, "residency", where), 1);
    assert_int_equal(xl_db_audit_count(db, "resident.confirm"), 1);
    assert_int_equal(xl_signout(db, rid, "", "", &e), XL_OK);
    assert_int_equal(xl_residency_confirm(db, rid, &e), XL_EFAIL); /* closed */
    tu_db_free(db);
}

/* ---------- first responsible person ---------- */

static void resident__responsible__change_kept_in_history(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_err e;
    int64_t sub = 0;
    xl_signin_form f = good_form();
    f.role = "二房东";
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &sub, &e), XL_OK);
    /* owner -> sub-landlord */
    assert_int_equal(xl_building_set_responsible(db, 1, sub, XL_ROLE_SUBLANDLORD, "2026-11-21", &e), XL_OK);
    assert_int_equal(tu_one_int(db, "SELECT responsible_id FROM building WHERE number = 1"), sub);
    char *role = tu_one_text(db, "SELECT responsible_role FROM building WHERE number = 1");
    assert_string_equal(role, "sublandlord");
    free(role);
    assert_int_equal(count_where(db, "responsible_history",
                                 "building = 1 AND person_id = 1 AND until = '2026-11-21'"), 1);
    assert_int_equal(count_where(db, "responsible_history", "building = 1 AND until IS NULL"), 1);
    /* refusals: same holder, someone else as "owner", a date before the holder's, bad role */
    assert_int_equal(xl_building_set_responsible(db, 1, sub, XL_ROLE_SUBLANDLORD, "", &e), XL_EFAIL);
    assert_int_equal(xl_building_set_responsible(db, 1, sub, XL_ROLE_OWNER, "", &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "王建国"));
    assert_int_equal(xl_building_set_responsible(db, 1, 1, XL_ROLE_OWNER, "2026-11-01", &e), XL_EFAIL);
    assert_int_equal(xl_building_set_responsible(db, 1, 1, XL_ROLE_TENANT, "", &e), XL_EUSAGE);
    assert_int_equal(xl_building_set_responsible(db, 1, 77, XL_ROLE_OWNER, "", &e), XL_ENOTFOUND);
    assert_int_equal(xl_building_set_responsible(db, 9, 1, XL_ROLE_OWNER, "", &e), XL_ENOTFOUND);
    /* back to the owner: three rows of history, one open */
    assert_int_equal(xl_building_set_responsible(db, 1, 1, XL_ROLE_OWNER, "", &e), XL_OK);
    assert_int_equal(count_where(db, "responsible_history", "building = 1"), 3);
    assert_int_equal(count_where(db, "responsible_history",
                                 "building = 1 AND until IS NULL AND person_id = 1"), 1);
    assert_int_equal(xl_db_audit_count(db, "building.responsible"), 2);
    /* a building without history or owner: a sub-landlord who does not live there is fine */
    assert_int_equal(xl_building_set_responsible(db, 2, 1, XL_ROLE_SUBLANDLORD, "", &e), XL_OK);
    assert_int_equal(count_where(db, "responsible_history", "building = 2"), 1);
    tu_db_free(db);
}

/* ---------- person card ---------- */

static void resident__card__every_residency_newest_first(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_err e;
    xl_signin_form f = good_form();
    f.moved_in = "2026-10-01";
    int64_t pid = 0;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    f.building = "2";
    f.room = "102";
    f.moved_in = "2026-11-10";
    f.channel = "desk";
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_MOVE, &pid, &e), XL_OK);
    xl_person_card c;
    assert_int_equal(xl_person_card_load(db, pid, &c, &e), XL_OK);
    assert_string_equal(c.name, "张伟");
    assert_string_equal(c.gender, "M");
    assert_string_equal(c.phone_masked, "138****8000");
    assert_int_equal(strlen(c.id_masked), 18);
    assert_non_null(strstr(c.id_masked, "***********"));
    assert_true(c.complete);
    assert_int_equal(c.nresidencies, 2);
    assert_int_equal(c.residencies[0].building, 2);          /* current first */
    assert_string_equal(c.residencies[0].moved_out, "");
    assert_string_equal(c.residencies[0].channel_in, "desk");
    assert_string_equal(c.residencies[0].resp_name, "");     /* No. 2 has nobody recorded */
    assert_int_equal(c.residencies[1].building, 1);
    assert_string_equal(c.residencies[1].moved_out, "2026-11-10");
    assert_string_equal(c.residencies[1].channel_in, "qr");
    assert_string_equal(c.residencies[1].channel_out, "desk");
    assert_string_equal(c.residencies[1].resp_name, "王建国");
    assert_string_equal(c.residencies[1].resp_role, "owner");
    assert_string_equal(c.residencies[1].resp_phone_masked, "139****0001");
    xl_person_card_release(&c);
    assert_int_equal(xl_person_card_load(db, 4242, &c, &e), XL_ENOTFOUND);
    /* the owner of record has no ID number: incomplete */
    assert_int_equal(xl_person_card_load(db, 1, &c, &e), XL_OK);
    assert_false(c.complete);
    xl_person_card_release(&c);
    tu_db_free(db);
}

/* ---------- reveal ---------- */

static void resident__reveal__needs_reason_and_audits(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_err e;
    xl_signin_form f = good_form();
    int64_t pid = 0;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    char out[32] = "junk";
    int64_t audits = xl_db_audit_count(db, NULL);
    assert_int_equal(xl_person_reveal(db, pid, XL_REVEAL_ID_NUMBER, "", out, sizeof out, &e), XL_EUSAGE);
    assert_string_equal(out, "");
    const char *why = "派出所核查";
    assert_int_equal(xl_person_reveal(db, pid, XL_REVEAL_ID_NUMBER, "  查 ", out, sizeof out, &e), XL_EUSAGE);
    assert_int_equal(xl_person_reveal(db, 999, XL_REVEAL_PHONE, why, out, sizeof out, &e), XL_ENOTFOUND);
    assert_int_equal(xl_person_reveal(db, 1, XL_REVEAL_ID_NUMBER, why, out, sizeof out, &e), XL_ENOTFOUND);
    assert_int_equal(xl_db_audit_count(db, NULL), audits); /* nothing shown, nothing written */
    assert_int_equal(xl_person_reveal(db, pid, XL_REVEAL_ID_NUMBER, why, out, sizeof out, &e), XL_OK);
    assert_string_equal(out, f.id_number);
    assert_int_equal(xl_person_reveal(db, pid, XL_REVEAL_PHONE, "通知搬迁", out, sizeof out, &e), XL_OK);
    assert_string_equal(out, "13800138000");
    assert_int_equal(xl_db_audit_count(db, "person.reveal"), 2);
    char *detail = tu_one_text(db, "SELECT group_concat(detail, ';') FROM audit WHERE action = 'person.reveal'");
    assert_non_null(strstr(detail, "field=id_number reason=派出所核查"));
    assert_non_null(strstr(detail, "field=phone reason=通知搬迁"));
    assert_null(strstr(detail, "13800138000"));
    free(detail);
    tu_db_free(db);
}

/* ---------- stale list on the demo community ---------- */

static void resident__stale__demo_grouped_by_building(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    xl_err e;
    xl_stale_list l;
    assert_int_equal(xl_stale_list_load(db, 0, &l, &e), XL_EUSAGE);
    assert_int_equal(xl_stale_list_load(db, 365, &l, &e), XL_OK);
    assert_string_equal(l.cutoff, "2025-11-25");
    int64_t tenants = count_where(db, "residency", "moved_out IS NULL AND role = 'tenant'");
    /* the demo leaves ~5% of tenancies unconfirmed for over a year */
    assert_true(l.nrows > (size_t)tenants * 3 / 100 && l.nrows < (size_t)tenants * 9 / 100);
    assert_int_equal(l.nrows, count_where(db, "residency r", "moved_out IS NULL AND role = 'tenant'"
        " AND substr(coalesce(confirmed_at, moved_in), 1, 10) < '2025-11-25'"));
    size_t total = 0;
    for (size_t g = 0; g < l.ngroups; g++) {
        const xl_stale_group *grp = &l.groups[g];
        assert_true(g == 0 || grp->building > l.groups[g - 1].building);
        assert_int_equal(grp->first, total);
        assert_true(grp->resp_name[0] && strchr(grp->resp_phone_masked, '*'));
        for (size_t i = grp->first; i < grp->first + grp->count; i++) {
            assert_true(strcmp(l.rows[i].last_seen, l.cutoff) < 0);
            assert_true(l.rows[i].days > 365);
            assert_true(i == grp->first || strcmp(l.rows[i - 1].last_seen, l.rows[i].last_seen) <= 0);
        }
        total += grp->count;
    }
    assert_int_equal(total, l.nrows);
    /* confirming one, signing out another: both leave the list */
    int64_t a = l.rows[0].residency_id, b = l.rows[1].residency_id;
    size_t before = l.nrows;
    xl_stale_list_release(&l);
    assert_int_equal(xl_residency_confirm(db, a, &e), XL_OK);
    assert_int_equal(xl_signout(db, b, "", "landlord", &e), XL_OK);
    assert_int_equal(xl_stale_list_load(db, 365, &l, &e), XL_OK);
    assert_int_equal(l.nrows, before - 2);
    xl_stale_list_release(&l);
    /* a shorter period finds more */
    assert_int_equal(xl_stale_list_load(db, 90, &l, &e), XL_OK);
    assert_true(l.nrows > before);
    xl_stale_list_release(&l);
    tu_db_free(db);
}

/* ---------- the register window ---------- */

static int row_before(const xl_register_row *a, const xl_register_row *b)
{
    if (a->building != b->building)
        return a->building < b->building;
    int c = strcmp(a->room, b->room);
    if (c)
        return c < 0;
    c = strcmp(a->name, b->name);
    return c ? c < 0 : a->residency_id < b->residency_id;
}

/* Pages of `page` rows, from a view and from the stateless call, against the whole. */
static void check_paging(xl_db *db, const xl_register_filter *f, size_t page)
{
    xl_err e;
    size_t total = 0, n = 0, vcount = 0;
    assert_int_equal(xl_register_count(db, f, &total, &e), XL_OK);
    xl_register_row *all = xl_calloc(total + 1, sizeof *all);
    xl_register_row *win = xl_calloc(page, sizeof *win);
    assert_int_equal(xl_register_window(db, f, 0, total + 1, all, &n, &e), XL_OK);
    assert_int_equal(n, total);
    xl_register_view *v;
    assert_int_equal(xl_register_view_open(db, f, &v, &e), XL_OK);
    assert_int_equal(xl_register_view_count(v, &vcount, &e), XL_OK);
    assert_int_equal(vcount, total);
    for (size_t off = 0; off < total; off += page) {
        assert_int_equal(xl_register_view_window(v, off, page, win, &n, &e), XL_OK);
        assert_int_equal(n, total - off < page ? total - off : page);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(win[i].residency_id, all[off + i].residency_id);
    }
    assert_int_equal(xl_register_view_window(v, total, page, win, &n, &e), XL_OK);
    assert_int_equal(n, 0);
    xl_register_view_close(v);
    for (size_t off = 0; off < total; off += total / 7 + 1) { /* stateless, large offsets too */
        assert_int_equal(xl_register_window(db, f, off, page, win, &n, &e), XL_OK);
        for (size_t i = 0; i < n; i++)
            assert_int_equal(win[i].residency_id, all[off + i].residency_id);
    }
    for (size_t i = 1; i < total; i++)
        assert_true(row_before(&all[i - 1], &all[i]));
    free(win);
    free(all);
}

static void resident__register__windows_consistent_non_overlapping(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    xl_register_filter f = XL_REGISTER_FILTER_ALL;
    check_paging(db, &f, 97);
    f.include_history = 1;
    check_paging(db, &f, 250);
    f = XL_REGISTER_FILTER_ALL;
    f.state = XL_REG_INCOMPLETE;
    f.role = XL_ROLE_FAMILY;
    check_paging(db, &f, 31);
    tu_db_free(db);
}

static size_t count_of(xl_db *db, xl_register_filter f)
{
    size_t n = 0;
    xl_err e;
    assert_int_equal(xl_register_count(db, &f, &n, &e), XL_OK);
    return n;
}

/* Every row of the filtered register satisfies the filter. */
static void check_rows(xl_db *db, const xl_register_filter *f)
{
    size_t total = count_of(db, *f), n = 0;
    xl_register_row *rows = xl_calloc(total + 1, sizeof *rows);
    xl_err e;
    assert_int_equal(xl_register_window(db, f, 0, total, rows, &n, &e), XL_OK);
    assert_int_equal(n, total);
    for (size_t i = 0; i < n; i++) {
        const xl_register_row *r = &rows[i];
        assert_true(f->building == 0 || r->building == f->building);
        assert_true(f->role < 0 || strcmp(r->role, xl_role_key((xl_role)f->role)) == 0);
        assert_true(f->state == XL_REG_ALL || r->complete == (f->state == XL_REG_COMPLETE));
        assert_true(f->include_history || r->moved_out[0] == '\0');
        assert_true(r->id_masked[0] == '\0' || strchr(r->id_masked, '*'));
        assert_true(r->phone_masked[0] == '\0' || strchr(r->phone_masked, '*'));
    }
    free(rows);
}

static void resident__register__honours_each_filter(void **state)
{
    (void)state;
    xl_db *db = tu_demo_db(NULL);
    xl_register_filter all = XL_REGISTER_FILTER_ALL, f = all;
    size_t current = count_of(db, all);
    assert_int_equal(current, count_where(db, "residency", "moved_out IS NULL"));
    f.include_history = 1;
    assert_int_equal(count_of(db, f), count_where(db, "residency", "1"));
    check_rows(db, &f);
    f = all;
    f.building = 127;
    assert_int_equal(count_of(db, f), count_where(db, "residency", "moved_out IS NULL AND building = 127"));
    check_rows(db, &f);
    size_t by_role = 0;
    for (int r = 0; r < XL_ROLE_COUNT; r++) {
        f = all;
        f.role = r;
        by_role += count_of(db, f);
        check_rows(db, &f);
    }
    assert_int_equal(by_role, current);
    f = all;
    f.state = XL_REG_COMPLETE;
    size_t complete = count_of(db, f);
    check_rows(db, &f);
    f.state = XL_REG_INCOMPLETE;
    size_t incomplete = count_of(db, f);
    check_rows(db, &f);
    assert_int_equal(complete + incomplete, current);
    assert_true(incomplete > 0 && complete > incomplete); /* the demo gives no phone to some elders */
    f = all;
    f.role = 7;
    size_t n;
    xl_err e;
    assert_int_equal(xl_register_count(db, &f, &n, &e), XL_EUSAGE);
    tu_db_free(db);
}

static void resident__register__view_follows_changes(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_err e;
    xl_register_filter f = XL_REGISTER_FILTER_ALL;
    xl_register_view *v;
    size_t n = 0;
    assert_int_equal(xl_register_view_open(db, &f, &v, &e), XL_OK);
    assert_int_equal(xl_register_view_count(v, &n, &e), XL_OK);
    assert_int_equal(n, 1);
    xl_signin_form form = good_form();
    int64_t pid = 0;
    assert_int_equal(xl_signin_commit(db, &form, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    assert_int_equal(xl_register_view_count(v, &n, &e), XL_OK);
    assert_int_equal(n, 2);
    xl_register_row rows[4];
    assert_int_equal(xl_register_view_window(v, 0, 4, rows, &n, &e), XL_OK);
    assert_int_equal(n, 2);
    assert_string_equal(rows[1].name, "张伟");
    assert_string_equal(rows[1].room, "102");
    assert_true(rows[1].complete);
    assert_false(rows[0].complete); /* the owner has no ID number on record */
    assert_int_equal(xl_signout_person(db, pid, "", "", &e), XL_OK);
    assert_int_equal(xl_register_view_count(v, &n, &e), XL_OK);
    assert_int_equal(n, 1);
    xl_register_view_close(v);
    tu_db_free(db);
}

static void resident__register__child_without_phone_is_complete(void **state)
{
    (void)state;
    xl_db *db = small_db();
    xl_err e;
    char child[19], adult[19];
    make_id("20150601", 222, child);
    make_id("19880601", 224, adult);
    xl_signin_form f = good_form();
    f.name = "张小妹";
    f.gender = "";
    f.id_number = child;
    f.phone = "";
    f.role = "家属";
    int64_t pid = 0;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    f.name = "张大姐";
    f.id_number = adult;
    assert_int_equal(xl_signin_commit(db, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    xl_register_filter flt = XL_REGISTER_FILTER_ALL;
    flt.state = XL_REG_INCOMPLETE;
    xl_register_row rows[4];
    size_t n = 0;
    assert_int_equal(xl_register_window(db, &flt, 0, 4, rows, &n, &e), XL_OK);
    assert_int_equal(n, 2); /* the owner without ID number, the adult without phone */
    assert_string_equal(rows[0].name, "王建国");
    assert_string_equal(rows[1].name, "张大姐");
    tu_db_free(db);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(resident__validate__accepts_good_form),
        cmocka_unit_test(resident__validate__each_field_has_its_message),
        cmocka_unit_test(resident__validate__names_are_letters),
        cmocka_unit_test(resident__signin__rejects_bad_checksum),
        cmocka_unit_test(resident__validate__birth_in_future_and_gender_mismatch),
        cmocka_unit_test(resident__validate__reports_every_field_at_once),
        cmocka_unit_test(resident__validate__english_messages),
        cmocka_unit_test(resident__signin__new_creates_person_residency_audit),
        cmocka_unit_test(resident__signin__rejected_leaves_db_identical),
        cmocka_unit_test(resident__signin__duplicate_id_refused_and_found),
        cmocka_unit_test(resident__signin__move_closes_old_opens_new),
        cmocka_unit_test(resident__signin__move_without_id_by_person),
        cmocka_unit_test(resident__signout__closes_and_keeps_person),
        cmocka_unit_test(resident__figures__follow_each_change_at_once),
        cmocka_unit_test(resident__confirm__stamps_today_and_audits),
        cmocka_unit_test(resident__responsible__change_kept_in_history),
        cmocka_unit_test(resident__card__every_residency_newest_first),
        cmocka_unit_test(resident__reveal__needs_reason_and_audits),
        cmocka_unit_test(resident__stale__demo_grouped_by_building),
        cmocka_unit_test(resident__register__windows_consistent_non_overlapping),
        cmocka_unit_test(resident__register__honours_each_filter),
        cmocka_unit_test(resident__register__view_follows_changes),
        cmocka_unit_test(resident__register__child_without_phone_is_complete),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
