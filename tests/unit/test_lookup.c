/* test_lookup.c — the one search: buildings, rooms, names, tails; always masked. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

#include "core/db_internal.h"
#include "xiangli/building.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"

static xl_db *db;

static int setup(void **state)
{
    (void)state;
    db = tu_demo_db(NULL);
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    tu_db_free(db);
    return 0;
}

static int count_sql(const char *sql, const char *arg)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    assert_non_null(st);
    if (arg)
        sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int n = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void lookup__classify__each_kind(void **state)
{
    (void)state;
    xl_query_kind k;
    int b;
    char room[9];
    xl_err e;
    assert_int_equal(xl_lookup_classify("127", &k, &b, room, &e), XL_OK);
    assert_int_equal(k, XL_Q_BUILDING);
    assert_int_equal(b, 127);
    assert_int_equal(xl_lookup_classify(" 127-302 ", &k, &b, room, &e), XL_OK);
    assert_int_equal(k, XL_Q_ROOM);
    assert_string_equal(room, "302");
    assert_int_equal(xl_lookup_classify("5678", &k, &b, room, &e), XL_OK);
    assert_int_equal(k, XL_Q_TAIL);
    assert_int_equal(xl_lookup_classify("002x", &k, &b, room, &e), XL_OK);
    assert_int_equal(k, XL_Q_TAIL);
    assert_int_equal(xl_lookup_classify("张", &k, &b, room, &e), XL_OK);
    assert_int_equal(k, XL_Q_NAME);
    assert_int_equal(xl_lookup_classify("   ", &k, &b, room, &e), XL_EUSAGE);
    assert_int_equal(xl_lookup_classify("127-", &k, &b, room, &e), XL_EUSAGE);
}

static void lookup__building__everyone_by_room(void **state)
{
    (void)state;
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(db, "127", 0, &r, &e), XL_OK);
    int want = count_sql("SELECT count(*) FROM residency WHERE building = 127 AND moved_out IS NULL", NULL);
    assert_true(want > 0);
    assert_int_equal((int)r.n, want);
    assert_true(strlen(r.resp_name) > 0);
    assert_int_equal(strlen(r.resp_phone_masked), 11);
    assert_non_null(strstr(r.resp_phone_masked, "****"));
    for (size_t i = 0; i < r.n; i++) {
        assert_int_equal(r.hits[i].building, 127);
        assert_string_equal(r.hits[i].moved_out, "");
        if (i > 0) /* grouped by room: a room never reappears after another */
            for (size_t j = 0; j + 1 < i; j++)
                if (!strcmp(r.hits[j].room, r.hits[i].room))
                    assert_string_equal(r.hits[i - 1].room, r.hits[i].room);
    }
    /* the card agrees */
    xl_building_card c;
    assert_int_equal(xl_building_card_load(db, 127, &c, &e), XL_OK);
    assert_int_equal(c.nresidents, r.n);
    assert_string_equal(c.resp_name, r.resp_name);
    xl_building_card_release(&c);
    xl_lookup_release(&r);
}

static void lookup__room__one_room_and_unknowns(void **state)
{
    (void)state;
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(db, "127-101", 0, &r, &e), XL_OK);
    for (size_t i = 0; i < r.n; i++)
        assert_string_equal(r.hits[i].room, "101");
    xl_lookup_release(&r);
    assert_int_equal(xl_lookup(db, "127-999", 0, &r, &e), XL_ENOTFOUND);
    assert_non_null(strstr(e.msg, "999"));
    assert_int_equal(xl_lookup(db, "999", 0, &r, &e), XL_ENOTFOUND);
    assert_non_null(strstr(e.msg, "999"));
}

static void lookup__name__substring(void **state)
{
    (void)state;
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(db, "王", 0, &r, &e), XL_OK);
    int want = count_sql("SELECT count(*) FROM person WHERE instr(name, ?) > 0", "王");
    assert_true(want > 50);
    assert_int_equal((int)r.n, want);
    for (size_t i = 0; i < r.n; i++)
        assert_non_null(strstr(r.hits[i].name, "王"));
    /* current residents first, then people who moved out, then people with no residency */
    int rank = 0;
    for (size_t i = 0; i < r.n; i++) {
        int now = r.hits[i].building == 0 ? 2 : r.hits[i].moved_out[0] ? 1 : 0;
        assert_true(now >= rank);
        rank = now;
    }
    xl_lookup_release(&r);
    assert_int_equal(xl_lookup(db, "王", 5, &r, &e), XL_OK);
    assert_int_equal(r.n, 5);
    xl_lookup_release(&r);
}

static void lookup__tail__phone_and_id(void **state)
{
    (void)state;
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT phone, id_number FROM person WHERE phone IS NOT NULL LIMIT 1 OFFSET 100", NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *phone = xl_strdup(xl_col_text(st, 0));
    char *id = xl_strdup(xl_col_text(st, 1));
    sqlite3_finalize(st);
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(db, phone + 5, 0, &r, &e), XL_OK); /* 6-digit phone tail */
    int found = 0;
    for (size_t i = 0; i < r.n; i++)
        found |= strncmp(r.hits[i].phone_masked + 7, phone + 7, 4) == 0;
    assert_true(found);
    xl_lookup_release(&r);
    assert_int_equal(xl_lookup(db, id + 12, 0, &r, &e), XL_OK); /* 6-char ID tail */
    assert_true(r.n >= 1);
    xl_lookup_release(&r);
    free(phone);
    free(id);
}

static void lookup__json__fields_and_no_unmasked_numbers(void **state)
{
    (void)state;
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(db, "127", 0, &r, &e), XL_OK);
    xl_buf b;
    xl_buf_init(&b);
    xl_lookup_json(&r, &b);
    const char *fields[] = {"\"name\"", "\"building\"", "\"room\"", "\"role\"", "\"moved_in\"",
                            "\"phone_masked\"", "\"id_masked\""};
    for (size_t i = 0; i < sizeof fields / sizeof fields[0]; i++)
        assert_non_null(strstr(b.data, fields[i]));
    /* no run of 8+ digits (a whole phone or ID number) anywhere */
    int run = 0;
    for (const char *p = b.data; *p; p++) {
        run = (*p >= '0' && *p <= '9') ? run + 1 : 0;
        assert_true(run < 8);
    }
    xl_buf_release(&b);
    xl_lookup_release(&r);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookup__classify__each_kind),
        cmocka_unit_test(lookup__building__everyone_by_room),
        cmocka_unit_test(lookup__room__one_room_and_unknowns),
        cmocka_unit_test(lookup__name__substring),
        cmocka_unit_test(lookup__tail__phone_and_id),
        cmocka_unit_test(lookup__json__fields_and_no_unmasked_numbers),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
