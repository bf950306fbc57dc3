/* test_lookup.c — the one search: buildings, rooms, names, pinyin, tails; always masked. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "core/db/search_sql.h"
#include "core/register/lookup_tune.h"
#include "xiangli/building.h"
#include "xiangli/idcard.h"
#include "xiangli/import.h"
#include "xiangli/lookup.h"
#include "xiangli/mem.h"
#include "xiangli/pinyin.h"
#include "xiangli/resident.h"
#include "xiangli/text.h"

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
    assert_int_equal(xl_lookup(db, phone + 7, 0, &r, &e), XL_OK); /* the last 4, as masked */
    int found = 0;
    for (size_t i = 0; i < r.n; i++)
        found |= strncmp(r.hits[i].phone_masked + 7, phone + 7, 4) == 0;
    assert_true(found);
    xl_lookup_release(&r);
    assert_int_equal(xl_lookup(db, phone, 0, &r, &e), XL_OK); /* the whole number */
    assert_int_equal(r.n, 1);
    xl_lookup_release(&r);
    assert_int_equal(xl_lookup(db, id + 14, 0, &r, &e), XL_OK);
    assert_true(r.n >= 1);
    xl_lookup_release(&r);
    assert_int_equal(xl_lookup(db, id, 0, &r, &e), XL_OK);
    assert_int_equal(r.n, 1);
    xl_lookup_release(&r);
    free(phone);
    free(id);
}

/* The digit-by-digit attack (issue 9): from the masked last 4, try every next digit for
 * every longer tail; no tail longer than 4 and shorter than the number finds anyone, so the
 * search tells nothing beyond the mask. */
static size_t hits_for(const char *q)
{
    xl_lookup_result r;
    xl_err e;
    size_t n = xl_lookup(db, q, 0, &r, &e) == XL_OK ? r.n : 0;
    if (n || r.hits)
        xl_lookup_release(&r);
    return n;
}

static void attack(const char *number)
{
    size_t len = strlen(number);
    char q[32];
    for (size_t k = 5; k < len; k++) {
        for (char d = '0'; d <= '9'; d++) {
            snprintf(q, sizeof q, "%c%s", d, number + len - (k - 1));
            assert_int_equal(hits_for(q), 0);
        }
    }
    assert_true(hits_for(number + len - 4) >= 1);
}

static void lookup__tail__digit_attack_finds_nothing_beyond_last_4(void **state)
{
    (void)state;
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT phone, id_number FROM person WHERE phone IS NOT NULL "
                                         "AND id_number IS NOT NULL LIMIT 3 OFFSET 200", NULL);
    while (sqlite3_step(st) == SQLITE_ROW) {
        attack(xl_col_text(st, 0));
        attack(xl_col_text(st, 1));
    }
    sqlite3_finalize(st);
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
                            "\"phone_masked\"", "\"id_masked\"", "\"complete\""};
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

/* Every kind of query (building, room, tail, name, pinyin: each its own statement) reports
 * the registration state the register and the person card show, under-16s included. */
static void lookup__complete__same_as_the_register(void **state)
{
    (void)state;
    char tail[8] = "";
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT substr(phone, -4) FROM person WHERE phone IS NOT NULL"
                                         " ORDER BY id LIMIT 1", NULL);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    snprintf(tail, sizeof tail, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    const char *queries[] = {"127", "127-302", tail, "张", "zs", "wang", "li"};
    size_t seen[2] = {0, 0};
    for (size_t q = 0; q < sizeof queries / sizeof queries[0]; q++) {
        xl_lookup_result r;
        xl_err e;
        assert_int_equal(xl_lookup(db, queries[q], 0, &r, &e), XL_OK);
        for (size_t i = 0; i < r.n; i++) {
            xl_person_card c;
            assert_int_equal(xl_person_card_load(db, r.hits[i].person_id, &c, &e), XL_OK);
            if (r.hits[i].complete != c.complete)
                fail_msg("'%s': %s #%lld complete=%d, the register says %d", queries[q],
                         r.hits[i].name, (long long)r.hits[i].person_id, r.hits[i].complete,
                         c.complete);
            assert_true(c.complete == 0 || c.complete == 1);
            seen[c.complete]++;
            xl_person_card_release(&c);
        }
        xl_lookup_release(&r);
    }
    assert_true(seen[0] > 0 && seen[1] > 0); /* both states were compared */
    /* and the JSON carries it */
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(db, "127", 0, &r, &e), XL_OK);
    xl_buf b;
    xl_buf_init(&b);
    xl_lookup_json(&r, &b);
    size_t trues = 0, falses = 0;
    for (const char *p = b.data; (p = strstr(p, "\"complete\": ")) != NULL; p++)
        strncmp(p + 12, "true", 4) == 0 ? trues++ : falses++;
    size_t want_true = 0;
    for (size_t i = 0; i < r.n; i++)
        want_true += r.hits[i].complete != 0;
    assert_int_equal(trues + falses, r.n);
    assert_int_equal(trues, want_true);
    xl_buf_release(&b);
    xl_lookup_release(&r);
}

/* ---------- pinyin ---------- */

static void exec_ok(xl_db *d, const char *sql)
{
    xl_err e;
    if (xl_db_exec(d, sql, &e) != XL_OK)
        fail_msg("%s: %s", sql, e.msg);
}

/* Building 1 with rooms 101, 102, 201, 202, 301, and people given as (name, room or NULL
 * for moved out of 301, ...). Names go in by plain SQL: the triggers fill the keys. */
static xl_db *people_db(const char *const *people, size_t n)
{
    xl_db *d = tu_db_new(NULL);
    exec_ok(d, "INSERT INTO lane(id, name) VALUES (1, '东巷');"
               "INSERT INTO building(number, lane_id) VALUES (1, 1);"
               "INSERT INTO room(building, room, floor) VALUES (1,'101',1),(1,'102',1),(1,'201',2),"
               "(1,'202',2),(1,'301',3);");
    for (size_t i = 0; i < n; i += 2) {
        char *sql = xl_asprintf(
            "INSERT INTO person(id, name, created_at) VALUES (%zu, '%s', '2026-01-01');"
            "INSERT INTO residency(person_id, building, room, role, moved_in, moved_out)"
            " VALUES (%zu, 1, '%s', 'tenant', '2025-01-01', %s);",
            i / 2 + 1, people[i], i / 2 + 1, people[i + 1] ? people[i + 1] : "301",
            people[i + 1] ? "NULL" : "'2025-06-01'");
        exec_ok(d, sql);
        free(sql);
    }
    return d;
}

static int hit_named(const xl_lookup_result *r, const char *name)
{
    for (size_t i = 0; i < r->n; i++)
        if (strcmp(r->hits[i].name, name) == 0)
            return (int)i;
    return -1;
}

static void expect_hit(xl_db *d, const char *q, const char *name, int want)
{
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(d, q, 0, &r, &e), XL_OK);
    assert_int_equal(r.kind, XL_Q_PINYIN);
    if ((hit_named(&r, name) >= 0) != want)
        fail_msg("query '%s': %s should %sbe found", q, name, want ? "" : "not ");
    xl_lookup_release(&r);
}

static void lookup__classify__pinyin(void **state)
{
    (void)state;
    xl_query_kind k;
    int b;
    char room[9];
    xl_err e;
    const char *pinyin[] = {"zs", "Zhang San", "zhang'san", "lv", "x"};
    for (size_t i = 0; i < sizeof pinyin / sizeof pinyin[0]; i++) {
        assert_int_equal(xl_lookup_classify(pinyin[i], &k, &b, room, &e), XL_OK);
        assert_int_equal(k, XL_Q_PINYIN);
    }
    assert_int_equal(xl_lookup_classify("张三", &k, &b, room, &e), XL_OK);
    assert_int_equal(k, XL_Q_NAME);
    assert_int_equal(xl_lookup_classify("zs3", &k, &b, room, &e), XL_OK);
    assert_int_equal(k, XL_Q_NAME);
    assert_int_equal(xl_lookup_classify("002x", &k, &b, room, &e), XL_OK);
    assert_int_equal(k, XL_Q_TAIL); /* an ID tail, not the letter x */
}

static void lookup__pinyin__polyphonic_surnames_by_surname_reading(void **state)
{
    (void)state;
    static const char *const people[] = {
        "单明", "101", "曾华", "101", "解放", "102", "区伟", "102", "仇强", "201",
        "查丽", "201", "朴正", "202", "王强", "202",
    };
    xl_db *d = people_db(people, sizeof people / sizeof people[0]);
    static const char *const want[][2] = {
        {"shan", "单明"}, {"zeng", "曾华"}, {"xie", "解放"}, {"ou", "区伟"},
        {"qiu", "仇强"}, {"zha", "查丽"}, {"piao", "朴正"},
        {"shanming", "单明"}, {"dan", "单明"}, {"cha", "查丽"}, {"pu", "朴正"},
        {"sm", "单明"}, {"zh", "曾华"}, {"xf", "解放"}, {"ow", "区伟"}, {"qq", "仇强"},
    };
    for (size_t i = 0; i < sizeof want / sizeof want[0]; i++)
        expect_hit(d, want[i][0], want[i][1], 1);
    expect_hit(d, "shan", "王强", 0);
    /* the trigger filled the keys of rows inserted by plain SQL */
    sqlite3_stmt *st = xl_db_prepare(d, "SELECT pinyin FROM person WHERE name = '单明'", NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_non_null(strstr(xl_col_text(st, 0), "|shanming"));
    assert_non_null(strstr(xl_col_text(st, 0), "!SM"));
    sqlite3_finalize(st);
    tu_db_free(d);
}

static void lookup__pinyin__full_initials_mixed_no_false_hits(void **state)
{
    (void)state;
    static const char *const people[] = {
        "张三", "101", "赵四", "102", "章珊珊", "201", "吕芳", "202", "买买提·艾力", "301",
        "Anna李", "101",
    };
    xl_db *d = people_db(people, sizeof people / sizeof people[0]);
    const char *found[] = {"zhangsan", "zhang san", "Zhang'San", "zhangs", "zs", "zhs", "zsan", "san", "s"};
    for (size_t i = 0; i < sizeof found / sizeof found[0]; i++)
        expect_hit(d, found[i], "张三", 1);
    const char *not_found[] = {"zhangx", "sz", "ans", "zhangsi", "sanz"};
    for (size_t i = 0; i < sizeof not_found / sizeof not_found[0]; i++)
        expect_hit(d, not_found[i], "张三", 0);
    expect_hit(d, "lvfang", "吕芳", 1);
    expect_hit(d, "lufang", "吕芳", 1); /* u for ü */
    expect_hit(d, "lf", "吕芳", 1);
    expect_hit(d, "maimaiti", "买买提·艾力", 1);
    expect_hit(d, "ail", "买买提·艾力", 1);
    expect_hit(d, "anna", "Anna李", 1);
    expect_hit(d, "annali", "Anna李", 1);
    expect_hit(d, "a", "Anna李", 1);
    expect_hit(d, "i", "Anna李", 0);  /* one letter that starts no syllable: Latin words only */
    expect_hit(d, "zsi", "赵四", 1);
    expect_hit(d, "zsi", "张三", 0);
    tu_db_free(d);
}

static void lookup__pinyin__ranked_then_current_first(void **state)
{
    (void)state;
    /* "zha": 张三 FULL, 周海安 INITIALS (z h a), 周海 MIXED (z + ha); placed in the
     * opposite order; a second 张 moved out, so comes after the one living there. */
    static const char *const people[] = {
        "周海", "101", "周海安", "102", "张丽", NULL, "张三", "201",
    };
    xl_db *d = people_db(people, sizeof people / sizeof people[0]);
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(d, "zha", 0, &r, &e), XL_OK);
    assert_int_equal(r.n, 4);
    assert_string_equal(r.hits[0].name, "张三");
    assert_int_equal(r.hits[0].rank, XL_PINYIN_FULL);
    assert_string_equal(r.hits[1].name, "张丽");
    assert_string_equal(r.hits[1].moved_out, "2025-06-01");
    assert_int_equal(r.hits[1].rank, XL_PINYIN_FULL);
    assert_string_equal(r.hits[2].name, "周海安");
    assert_int_equal(r.hits[2].rank, XL_PINYIN_INITIALS);
    assert_string_equal(r.hits[3].name, "周海");
    assert_int_equal(r.hits[3].rank, XL_PINYIN_MIXED);
    xl_lookup_release(&r);
    /* a limit gives the first hits of that order */
    static const char *const order[] = {"张三", "张丽", "周海安", "周海"};
    for (size_t limit = 1; limit <= 4; limit++) {
        assert_int_equal(xl_lookup(d, "zha", limit, &r, &e), XL_OK);
        assert_int_equal(r.n, limit);
        assert_string_equal(r.hits[limit - 1].name, order[limit - 1]);
        xl_lookup_release(&r);
    }
    tu_db_free(d);
}

static void lookup__pinyin__keys_follow_renames_and_refuse_stray_writes(void **state)
{
    (void)state;
    static const char *const people[] = {"张三", "101"};
    xl_db *d = people_db(people, 2);
    exec_ok(d, "UPDATE person SET name = '单明' WHERE id = 1");
    expect_hit(d, "shan", "单明", 1);
    expect_hit(d, "zhangsan", "单明", 0);
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(d, "张", 0, &r, &e), XL_OK);
    assert_int_equal(r.n, 0);
    xl_lookup_release(&r);
    assert_int_not_equal(xl_db_exec(d, "UPDATE person SET pinyin = '|zs' WHERE id = 1", &e), XL_OK);
    assert_non_null(strstr(e.msg, "kept by triggers"));
    exec_ok(d, "INSERT INTO person(id, name, pinyin, created_at) VALUES (9, '李四', 'junk', 'x')");
    expect_hit(d, "lisi", "李四", 1);
    exec_ok(d, "DELETE FROM person WHERE id = 9");
    expect_hit(d, "lisi", "李四", 0);
    exec_ok(d, "INSERT INTO person_search(person_search) VALUES ('integrity-check')");
    tu_db_free(d);
}

static void lookup__pinyin__signin_commit_is_searchable(void **state)
{
    (void)state;
    xl_db *d = people_db(NULL, 0);
    char id[19];
    snprintf(id, sizeof id, "31011719900101123");
    id[17] = xl_id_check_char(id);
    id[18] = '\0';
    xl_signin_form f = {.name = "曾小凡", .id_number = id, .building = "1", .room = "101",
                        .role = "tenant", .moved_in = "2026-01-02"};
    int64_t pid = 0;
    xl_err e;
    assert_int_equal(xl_signin_commit(d, &f, XL_SIGNIN_NEW, &pid, &e), XL_OK);
    expect_hit(d, "zengxiaofan", "曾小凡", 1);
    expect_hit(d, "zxf", "曾小凡", 1);
    tu_db_free(d);
}

/* Brute force: every person whose name xl_pinyin_match accepts. */
static size_t brute_count(const char *q)
{
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT count(*) FROM person WHERE xl_pinyin_match(name, ?1) > 0", NULL);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    size_t n = (size_t)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return n;
}

static void check_complete(const char *q)
{
    xl_lookup_result r;
    xl_err e;
    assert_int_equal(xl_lookup(db, q, 0, &r, &e), XL_OK);
    if (r.n != brute_count(q))
        fail_msg("query '%s': %zu hits, brute force %zu", q, r.n, brute_count(q));
    for (size_t i = 1; i < r.n; i++)
        assert_true(r.hits[i - 1].rank >= r.hits[i].rank);
    xl_lookup_release(&r);
}

/* The index never misses: full, initials and mixed spellings of demo names, and odd
 * letter strings, find exactly what a scan with the matcher finds. */
static void lookup__pinyin__index_finds_what_a_scan_finds(void **state)
{
    (void)state;
    sqlite3_stmt *st = xl_db_prepare(db, "SELECT name FROM person WHERE id % 97 = 3", NULL);
    int names = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *name = xl_col_text(st, 0);
        uint32_t cp;
        size_t first = xl_utf8_decode(name, strlen(name), &cp);
        const char *r[4];
        if (xl_pinyin_readings(cp, r, 4) == 0 || !name[first])
            continue;
        xl_buf keys;
        xl_buf_init(&keys);
        xl_pinyin_keys(name + first, &keys); /* the rest of the name */
        char rest[64] = "", q[80];
        sscanf(keys.data, "|%63[a-z]", rest);
        snprintf(q, sizeof q, "%c%s", r[0][0], rest);       /* zsan */
        check_complete(q);
        snprintf(q, sizeof q, "%.2s%.1s", r[0], rest);      /* zhs */
        check_complete(q);
        snprintf(q, sizeof q, "%s%.2s", r[0], rest);        /* zhangsa */
        check_complete(q);
        xl_buf_release(&keys);
        names++;
    }
    sqlite3_finalize(st);
    assert_true(names > 20);
    const char *odd[] = {"a", "e", "o", "i", "u", "v", "zz", "qx", "xq", "ang", "ngs", "shang",
                         "zhuang", "lv", "lu", "nv", "wxm", "zhangsan", "xiaoming"};
    for (size_t i = 0; i < sizeof odd / sizeof odd[0]; i++)
        check_complete(odd[i]);
}

/* A limit returns exactly the first hits of the unlimited search (walk or candidates). */
static void lookup__limit__prefix_of_unlimited(void **state)
{
    (void)state;
    const char *queries[] = {"z", "w", "l", "zh", "wang", "zs", "王", "张", "li"};
    const size_t limits[] = {1, 7, 50};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        xl_lookup_result all, some;
        xl_err e;
        assert_int_equal(xl_lookup(db, queries[i], 0, &all, &e), XL_OK);
        for (size_t j = 0; j < sizeof limits / sizeof limits[0]; j++) {
            assert_int_equal(xl_lookup(db, queries[i], limits[j], &some, &e), XL_OK);
            assert_int_equal(some.n, all.n < limits[j] ? all.n : limits[j]);
            for (size_t k = 0; k < some.n; k++)
                if (some.hits[k].person_id != all.hits[k].person_id)
                    fail_msg("'%s' limit %zu: hit %zu differs", queries[i], limits[j], k);
            xl_lookup_release(&some);
        }
        xl_lookup_release(&all);
    }
}

/* ---------- paged search after changes: every way of reading gives the same page ---------- */

static int64_t int_sql(xl_db *d, const char *sql, int64_t arg)
{
    sqlite3_stmt *st = xl_db_prepare(d, sql, NULL);
    assert_non_null(st);
    sqlite3_bind_int64(st, 1, arg);
    int64_t v = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return v;
}

/* A room chosen by r: "building, 'room'" for an INSERT. */
static char *room_values(xl_db *d, int64_t r)
{
    int64_t rooms = int_sql(d, "SELECT count(*) FROM room WHERE ?1 = ?1", 0);
    sqlite3_stmt *st = xl_db_prepare(d, "SELECT building, room FROM room ORDER BY building, room LIMIT 1 OFFSET ?", NULL);
    sqlite3_bind_int64(st, 1, r % rooms);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *v = xl_asprintf("%d, '%s'", sqlite3_column_int(st, 0), (const char *)sqlite3_column_text(st, 1));
    sqlite3_finalize(st);
    return v;
}

/* Random sign-ins (new people with common names), moves and sign-outs, by plain SQL (the
 * triggers keep the search keys and SQLite the indexes). */
static void random_changes(xl_db *d, int n)
{
    static const char *const names[] = {"张三", "张伟", "张珊", "王小明", "王晓敏", "李娜", "吕芳",
                                        "曾山", "单梅", "张三丰", "王芳", "刘洋", "欧阳娜", "陈思"};
    srand(14);
    for (int i = 0; i < n; i++) {
        int op = rand() % 3;
        char *room = room_values(d, rand());
        int64_t live = int_sql(d, "SELECT count(*) FROM residency WHERE moved_out IS NULL AND ?1 = ?1", 0);
        int64_t rid = int_sql(d, "SELECT id FROM residency WHERE moved_out IS NULL ORDER BY id LIMIT 1 OFFSET ?",
                              rand() % (live ? live : 1));
        char *sql;
        if (op == 0 || rid < 0) {
            int64_t pid = int_sql(d, "SELECT max(id) + 1 FROM person WHERE ?1 = ?1", 0);
            sql = xl_asprintf("INSERT INTO person(id, name, created_at) VALUES (%lld, '%s', '2026-01-01');"
                              "INSERT INTO residency(person_id, building, room, role, moved_in)"
                              " VALUES (%lld, %s, 'tenant', '2026-02-01');",
                              (long long)pid, names[rand() % 14], (long long)pid, room);
        } else if (op == 1) {
            sql = xl_asprintf("UPDATE residency SET moved_out = '2026-11-01' WHERE id = %lld;"
                              "INSERT INTO residency(person_id, building, room, role, moved_in)"
                              " SELECT person_id, %s, role, '2026-11-01' FROM residency WHERE id = %lld;",
                              (long long)rid, room, (long long)rid);
        } else {
            sql = xl_asprintf("UPDATE residency SET moved_out = '2026-11-02' WHERE id = %lld;", (long long)rid);
        }
        exec_ok(d, sql);
        free(sql);
        free(room);
    }
}

/* The walk's index (migration 013) holds exactly the current residents: read through it and
 * read from the table, the same rows in the same order. */
static void assert_walk_index_is_the_table(xl_db *d)
{
    sqlite3_stmt *a = xl_db_prepare(d, "SELECT building, room, person_id FROM residency INDEXED BY residency_walk"
                                       " WHERE moved_out IS NULL ORDER BY building, room, person_id", NULL);
    sqlite3_stmt *b = xl_db_prepare(d, "SELECT building, room, person_id FROM residency NOT INDEXED"
                                       " WHERE moved_out IS NULL ORDER BY building, room, person_id", NULL);
    int ra, rb;
    size_t rows = 0;
    while ((ra = sqlite3_step(a)) == SQLITE_ROW && (rb = sqlite3_step(b)) == SQLITE_ROW) {
        assert_int_equal(sqlite3_column_int64(a, 0), sqlite3_column_int64(b, 0));
        assert_string_equal(sqlite3_column_text(a, 1), sqlite3_column_text(b, 1));
        assert_int_equal(sqlite3_column_int64(a, 2), sqlite3_column_int64(b, 2));
        rows++;
    }
    assert_int_equal(ra, SQLITE_DONE);
    assert_int_equal(sqlite3_step(b), SQLITE_DONE);
    assert_true(rows > 1000);
    sqlite3_finalize(a);
    sqlite3_finalize(b);
    assert_int_equal(int_sql(d, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok' AND ?1 = ?1", 0), 0);
}

/* After random sign-ins, moves and sign-outs, a page is the first hits of the unlimited
 * search (which puts every hit in order) however the paged search chooses to read: the
 * candidates at once, the walk keeping known hits, the walk keeping FTS candidates, or the
 * plain walk. */
static void lookup__limit__every_way_after_changes(void **state)
{
    (void)state;
    xl_db *d = tu_demo_db(NULL);
    random_changes(d, 400);
    assert_walk_index_is_the_table(d);
    static const struct { size_t sparse, few, share; } ways[] = {
        {3000, 600, 16},      /* the defaults */
        {100000, 0, 16},      /* every class's hits known, then walked */
        {0, 0, 1},            /* the walk keeping FTS candidates */
        {0, 0, 100000000},    /* the plain walk */
    };
    const char *queries[] = {"zs", "zhangs", "zhangsan", "wang", "wxm", "lv", "lvf", "zhang", "张", "张三",
                             "王小", "欧阳", "shan", "cs", "xiaom"};
    const size_t limits[] = {1, 7, 50, 201};
    for (size_t w = 0; w < sizeof ways / sizeof ways[0]; w++) {
        xl_lookup_tune(ways[w].sparse, ways[w].few, ways[w].share);
        for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
            xl_lookup_result all, some;
            xl_err e;
            assert_int_equal(xl_lookup(d, queries[i], 0, &all, &e), XL_OK);
            assert_true(all.n > 0);
            for (size_t j = 0; j < sizeof limits / sizeof limits[0]; j++) {
                assert_int_equal(xl_lookup(d, queries[i], limits[j], &some, &e), XL_OK);
                if (some.n != (all.n < limits[j] ? all.n : limits[j]))
                    fail_msg("way %zu '%s' limit %zu: %zu hits of %zu", w, queries[i], limits[j], some.n, all.n);
                for (size_t k = 0; k < some.n; k++)
                    if (some.hits[k].person_id != all.hits[k].person_id || some.hits[k].rank != all.hits[k].rank)
                        fail_msg("way %zu '%s' limit %zu: hit %zu differs", w, queries[i], limits[j], k);
                xl_lookup_release(&some);
            }
            xl_lookup_release(&all);
        }
    }
    xl_lookup_tune(3000, 600, 16);
    tu_db_free(d);
}

/* ---------- person_key (migration 015): the same as a recount, the same hits as a scan ---------- */

/* person_key holds exactly the keys of every person's name with the building they live in
 * now: compared with a recount from scratch (the names' keys made again, the view of 015
 * over them, the current residencies), both ways. */
static void assert_keys_are_a_recount(xl_db *d)
{
    assert_int_equal(int_sql(d, "SELECT count(*) FROM person WHERE pinyin IS NOT xl_search_keys(name) AND ?1 = ?1", 0),
                     0);
    static const char recount[] =
        "SELECT v.k, v.pid, coalesce(r.building, 0) FROM person_keys v"
        " LEFT JOIN residency r ON r.person_id = v.pid AND r.moved_out IS NULL";
    char *sql = xl_asprintf("SELECT (SELECT count(*) FROM (%s EXCEPT SELECT k, pid, b FROM person_key))"
                            " + (SELECT count(*) FROM (SELECT k, pid, b FROM person_key EXCEPT %s))"
                            " WHERE ?1 = ?1", recount, recount);
    int64_t differ = int_sql(d, sql, 0);
    free(sql);
    if (differ != 0)
        fail_msg("person_key differs from a recount in %lld rows", (long long)differ);
    static const char recount_v[] =
        "SELECT j.value, p.id, coalesce(r.building, 0) FROM person p"
        " LEFT JOIN residency r ON r.person_id = p.id AND r.moved_out IS NULL,"
        " json_each(xl_search_v_keys(p.name, xl_search_keys(p.name))) j";
    sql = xl_asprintf("SELECT (SELECT count(*) FROM (%s EXCEPT SELECT k, pid, b FROM person_key_v))"
                      " + (SELECT count(*) FROM (SELECT k, pid, b FROM person_key_v EXCEPT %s))"
                      " WHERE ?1 = ?1", recount_v, recount_v);
    differ = int_sql(d, sql, 0);
    free(sql);
    if (differ != 0)
        fail_msg("person_key_v differs from a recount in %lld rows", (long long)differ);
    assert_true(int_sql(d, "SELECT count(*) FROM person_key_v WHERE ?1 = ?1", 0) > 0);
    assert_true(int_sql(d, "SELECT count(*) FROM person_key WHERE b > 0 AND ?1 = ?1", 0) > 1000);
}

/* The unlimited search by brute force: every person the matcher (pinyin) or instr (names)
 * accepts, in the order of lookup.h (rank; current, moved out, never lived; building, room,
 * name, id), as "id:rank" lines. */
static void brute_force(xl_db *d, const char *q, int pinyin, xl_buf *out)
{
    char *sql = xl_asprintf(
        "SELECT p.id, %s AS rk FROM person p NOT INDEXED"
        " LEFT JOIN residency r ON r.id = coalesce("
        "   (SELECT id FROM residency x WHERE x.person_id = p.id AND x.moved_out IS NULL),"
        "   (SELECT id FROM residency x WHERE x.person_id = p.id ORDER BY x.moved_in DESC, x.id DESC LIMIT 1))"
        " WHERE %s ORDER BY rk DESC, CASE WHEN r.id IS NULL THEN 2 WHEN r.moved_out IS NULL THEN 0 ELSE 1 END,"
        " r.building, r.room, p.name, p.id",
        pinyin ? "xl_pinyin_match(p.name, ?1)" : "0",
        pinyin ? "xl_pinyin_match(p.name, ?1) > 0" : "instr(p.name, ?1) > 0");
    sqlite3_stmt *st = xl_db_prepare(d, sql, NULL);
    free(sql);
    assert_non_null(st);
    sqlite3_bind_text(st, 1, q, -1, SQLITE_TRANSIENT);
    while (sqlite3_step(st) == SQLITE_ROW)
        xl_buf_printf(out, "%lld:%d\n", (long long)sqlite3_column_int64(st, 0), sqlite3_column_int(st, 1));
    sqlite3_finalize(st);
}

static void hits_text(const xl_lookup_result *r, size_t n, xl_buf *out)
{
    for (size_t i = 0; i < n && i < r->n; i++)
        xl_buf_printf(out, "%lld:%d\n", (long long)r->hits[i].person_id, r->hits[i].rank);
}

/* The first n lines of text. */
static size_t lines_prefix(const char *text, size_t n)
{
    size_t len = 0;
    for (size_t i = 0; i < n && text[len]; i++)
        len += strcspn(text + len, "\n") + 1;
    return len;
}

/* A query a person would type for a random person's name: a full spelling's prefix, the
 * initials, a mixed cut (some letters of each reading), a piece of the name, the last four
 * of a phone number, or random letters. */
static void random_query(xl_db *d, int kind, char *q, size_t size)
{
    q[0] = '\0';
    int64_t max_id = int_sql(d, "SELECT max(id) FROM person WHERE ?1 = ?1", 0);
    sqlite3_stmt *st = xl_db_prepare(d, "SELECT name, coalesce(phone, '') FROM person WHERE id >= ?1 ORDER BY id LIMIT 1",
                                     NULL);
    sqlite3_bind_int64(st, 1, 1 + rand() % max_id);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char name[256], phone[32];
    snprintf(name, sizeof name, "%s", xl_col_text(st, 0));
    snprintf(phone, sizeof phone, "%s", xl_col_text(st, 1));
    sqlite3_finalize(st);
    size_t len = strlen(name), off = 0, chars = 0, at[70];
    for (uint32_t cp; off < len && chars < 64; off += xl_utf8_decode(name + off, len - off, &cp))
        at[chars++] = off;
    at[chars] = len;
    size_t from = (size_t)rand() % chars;
    xl_buf keys;
    xl_buf_init(&keys);
    xl_pinyin_keys(name + at[from], &keys);
    char items[8][128];
    int nitems = 0;
    for (const char *p = keys.data; *p == '|' && nitems < 8;) {
        size_t n = strcspn(p + 1, "|");
        if (!p[1 + n])
            break;
        snprintf(items[nitems++], sizeof items[0], "%.*s", (int)n, p + 1);
        p += 1 + n;
    }
    xl_buf_release(&keys);
    switch (kind) {
    case 0: /* a full spelling's prefix */
        if (nitems)
            snprintf(q, size, "%.*s", 1 + rand() % (int)strlen(items[0]), items[0]);
        break;
    case 1: /* initials (the last item), two letters or more */
        if (nitems && strlen(items[nitems - 1]) >= 2)
            snprintf(q, size, "%.*s", 2 + rand() % (int)(strlen(items[nitems - 1]) - 1), items[nitems - 1]);
        break;
    case 2: { /* mixed: one to four letters of each reading of two or three characters */
        size_t n = 0;
        for (size_t c = from; c < chars && c < from + 2 + (size_t)(rand() % 2) && n + 8 < size; c++) {
            uint32_t cp;
            xl_utf8_decode(name + at[c], at[c + 1] - at[c], &cp);
            const char *r[4];
            size_t nr = xl_pinyin_readings(cp, r, 4);
            if (nr == 0)
                break;
            const char *rd = r[(size_t)rand() % (nr < 4 ? nr : 4)];
            size_t take = 1 + (size_t)rand() % 4;
            if (take > strlen(rd))
                take = strlen(rd);
            memcpy(q + n, rd, take);
            n += take;
        }
        q[n] = '\0';
        break;
    }
    case 3: /* a piece of the name: one or two characters */
        snprintf(q, size, "%.*s", (int)(at[from + 1 < chars && rand() % 2 ? from + 2 : from + 1] - at[from]),
                 name + at[from]);
        break;
    case 4: /* the last four of a phone number */
        if (strlen(phone) >= 4)
            snprintf(q, size, "%s", phone + strlen(phone) - 4);
        break;
    default: /* random letters */
        for (int i = 0, n = 1 + rand() % 4; i < n; i++)
            q[i] = (char)('a' + rand() % 26), q[i + 1] = '\0';
        break;
    }
}

/* Every way of reading a page: person_key's ranges read at once (the defaults on a demo
 * register), their first buildings too few (read again), the walk all the way, the walk
 * giving way to the ranges. */
static const struct { size_t small, pages, walk; } key_ways[] = {
    {6000, 4, 30000}, {6000, 0, 30000}, {0, 4, 100000000}, {0, 4, 0}, {0, 0, 0},
};

static void check_query(xl_db *d, const char *q, size_t *checked)
{
    xl_query_kind kind;
    int b;
    char room[9];
    xl_err e;
    if (!q[0] || xl_lookup_classify(q, &kind, &b, room, &e) != XL_OK)
        return;
    xl_lookup_result all;
    assert_int_equal(xl_lookup(d, q, 0, &all, &e), XL_OK);
    xl_buf got, want;
    xl_buf_init(&got);
    xl_buf_init(&want);
    hits_text(&all, all.n, &got);
    if (kind == XL_Q_PINYIN || kind == XL_Q_NAME) {
        brute_force(d, q, kind == XL_Q_PINYIN, &want);
        if (strcmp(got.data, want.data) != 0)
            fail_msg("query '%s': %zu hits differ from the brute force", q, all.n);
    }
    static const size_t limits[] = {1, 7, 50, 201};
    for (size_t w = 0; w < sizeof key_ways / sizeof key_ways[0]; w++) {
        xl_lookup_tune_keys(key_ways[w].small, key_ways[w].pages, key_ways[w].walk);
        for (size_t j = 0; j < sizeof limits / sizeof limits[0]; j++) {
            xl_lookup_result some;
            assert_int_equal(xl_lookup(d, q, limits[j], &some, &e), XL_OK);
            xl_buf page;
            xl_buf_init(&page);
            hits_text(&some, some.n, &page);
            size_t n = lines_prefix(got.data, limits[j]);
            if (page.len != n || strncmp(page.data, got.data, n) != 0)
                fail_msg("query '%s' way %zu limit %zu: the page is not the first hits", q, w, limits[j]);
            xl_buf_release(&page);
            xl_lookup_release(&some);
        }
    }
    xl_lookup_tune_keys(6000, 4, 30000);
    xl_buf_release(&got);
    xl_buf_release(&want);
    xl_lookup_release(&all);
    (*checked)++;
}

static void random_queries(xl_db *d, int n)
{
    size_t checked = 0;
    char q[64];
    for (int i = 0; i < n; i++) {
        random_query(d, i % 6, q, sizeof q);
        check_query(d, q, &checked);
    }
    assert_true(checked > (size_t)n / 2);
}

/* A few hundred random queries find what a scan finds, in the same order, and every page is
 * their first hits, however a page is read; again after random sign-ins, moves, sign-outs
 * and renames, with person_key a recount of the register each time. */
static void lookup__keys__random_queries_same_as_a_scan(void **state)
{
    (void)state;
    xl_db *d = tu_demo_db(NULL);
    assert_keys_are_a_recount(d);
    srand(15);
    random_queries(d, 240);
    random_changes(d, 300);
    exec_ok(d, "UPDATE person SET name = '吕绿' WHERE id = 7;"
               "UPDATE person SET name = 'Anna 张' WHERE id = 8;"
               "UPDATE person SET name = name || '明' WHERE id % 50 = 9;"
               /* an address corrected, a sign-out undone, a residency deleted */
               "UPDATE residency SET (building, room) = (SELECT building, room FROM room ORDER BY building DESC,"
               " room LIMIT 1) WHERE id IN (SELECT id FROM residency WHERE moved_out IS NULL ORDER BY id LIMIT 5);"
               "UPDATE residency SET moved_out = NULL WHERE id IN (SELECT r.id FROM residency r"
               " WHERE r.moved_out IS NOT NULL AND NOT EXISTS (SELECT 1 FROM residency x"
               " WHERE x.person_id = r.person_id AND x.moved_out IS NULL) GROUP BY r.person_id LIMIT 5);"
               "DELETE FROM residency WHERE id IN (SELECT id FROM residency WHERE moved_out IS NULL"
               " ORDER BY id DESC LIMIT 3);");
    assert_keys_are_a_recount(d);
    srand(16);
    random_queries(d, 240);
    const char *fixed[] = {"lv", "lvl", "lulu", "anna", "an", "az", "zhangsan", "zsan", "zhs", "wangxm", "xiaom",
                           "张", "三", "ang", "i", "u", "v"};
    size_t checked = 0;
    for (size_t i = 0; i < sizeof fixed / sizeof fixed[0]; i++)
        check_query(d, fixed[i], &checked);
    tu_db_free(d);
}

/* An import defers the search index and fills person_key for its new people in one
 * statement; the moves it writes follow at once: a recount after it, and the search finds. */
static void lookup__keys__import_fills_them(void **state)
{
    (void)state;
    xl_db *d = tu_demo_db(NULL);
    sqlite3_stmt *st = xl_db_prepare(d, "SELECT p.name, p.id_number, r.building FROM person p JOIN residency r"
                                        " ON r.person_id = p.id AND r.moved_out IS NULL"
                                        " WHERE length(p.id_number) = 18 ORDER BY p.id LIMIT 1", NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char name[64], id[19], a[19], b[19];
    snprintf(name, sizeof name, "%s", xl_col_text(st, 0));
    snprintf(id, sizeof id, "%s", xl_col_text(st, 1));
    int from = sqlite3_column_int(st, 2);
    sqlite3_finalize(st);
    snprintf(a, sizeof a, "310117199003078%02d", 51);
    a[17] = xl_id_check_char(a);
    a[18] = '\0';
    snprintf(b, sizeof b, "310117199201012%02d", 22);
    b[17] = xl_id_check_char(b);
    b[18] = '\0';
    int to = from == 1 ? 2 : 1;
    st = xl_db_prepare(d, "SELECT room FROM room WHERE building = ?1 ORDER BY room LIMIT 1", NULL);
    sqlite3_bind_int(st, 1, to);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *csv = xl_asprintf("姓名,性别,身份证号,手机号,楼栋,房间,身份,入住日期,户籍省份,工作单位\n"
                            "欧阳明月,男,%s,13812345678,%d,%s,租客,2026-11-20,安徽,顺丰\n"
                            "吕小绿,女,%s,13812345679,%d,%s,租客,2026-11-20,河南,饭店\n"
                            "%s,,%s,,%d,%s,租客,2026-11-20,,\n",
                            a, to, xl_col_text(st, 0), b, to, xl_col_text(st, 0), name, id, to, xl_col_text(st, 0));
    sqlite3_finalize(st);
    char *dir = tu_tmpdir(), *path = xl_asprintf("%s/in.csv", dir);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fputs(csv, f);
    fclose(f);
    xl_import_report rep;
    xl_import_report_init(&rep);
    xl_err e;
    if (xl_import_residents(d, path, 0, &rep, &e) != XL_OK)
        fail_msg("import: %s", e.msg);
    assert_int_equal(rep.new_people, 2);
    assert_int_equal(rep.moves, 1);
    xl_import_report_release(&rep);
    assert_keys_are_a_recount(d);
    xl_lookup_result r;
    assert_int_equal(xl_lookup(d, "oymy", 0, &r, &e), XL_OK);
    assert_true(hit_named(&r, "欧阳明月") >= 0);
    xl_lookup_release(&r);
    assert_int_equal(xl_lookup(d, "lvxiaol", 0, &r, &e), XL_OK);
    assert_true(hit_named(&r, "吕小绿") >= 0);
    xl_lookup_release(&r);
    unlink(path);
    free(path);
    free(dir);
    free(csv);
    tu_db_free(d);
}

static void fn_not_deferred(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, 0);
}

extern const char *const xl_schema_migrations[];

/* A database of the version before 015 (with people living, moved out and never living
 * anywhere) is carried forward: every row kept, person_key the recount, the search finds. */
static void lookup__keys__migration_keeps_data(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *path = xl_asprintf("%s/v14.db", dir);
    int before = xl_db_schema_latest() - 1;
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(xl_search_sql_register(h), SQLITE_OK);
    assert_int_equal(sqlite3_create_function(h, "xl_index_deferred", 0, SQLITE_UTF8, NULL, fn_not_deferred, NULL,
                                             NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (int v = 0; v < before; v++)
        assert_int_equal(sqlite3_exec(h, xl_schema_migrations[v], NULL, NULL, NULL), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA application_id=%d", before, XL_APPLICATION_ID);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    const char *fill =
        "INSERT INTO lane(id, name) VALUES (1, 'L');"
        "INSERT INTO building(number, lane_id) VALUES (5, 1), (6, 1);"
        "INSERT INTO room(building, room) VALUES (5, '101'), (6, '201');"
        "INSERT INTO person(id, name, created_at) VALUES (1, '张三', 'x'), (2, '吕芳', 'x'), (3, '单梅', 'x'),"
        " (4, 'Anna 李', 'x');"
        "INSERT INTO residency(person_id, building, room, role, moved_in, moved_out) VALUES"
        " (1, 5, '101', 'owner', '2020-01-01', NULL), (2, 5, '101', 'tenant', '2020-01-01', '2021-01-01'),"
        " (2, 6, '201', 'tenant', '2021-01-01', NULL), (3, 6, '201', 'tenant', '2020-01-01', '2022-01-01');"
        "COMMIT";
    if (sqlite3_exec(h, fill, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s", sqlite3_errmsg(h));
    sqlite3_close(h);

    xl_db *d = NULL;
    xl_err e;
    if (xl_db_open(&d, path, 0, &e) != XL_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(xl_db_user_version(d), xl_db_schema_latest());
    assert_int_equal(int_sql(d, "SELECT count(*) FROM person WHERE ?1 = ?1", 0), 4);
    assert_int_equal(int_sql(d, "SELECT count(*) FROM residency WHERE ?1 = ?1", 0), 4);
    assert_int_equal(int_sql(d, "SELECT count(DISTINCT pid) FROM person_key WHERE ?1 = ?1", 0), 4);
    assert_int_equal(int_sql(d, "SELECT b FROM person_key WHERE k = '|zhangsan' AND pid = ?1", 1), 5);
    assert_int_equal(int_sql(d, "SELECT b FROM person_key WHERE k = '|lufang' AND pid = ?1", 2), 6);
    assert_int_equal(int_sql(d, "SELECT b FROM person_key_v WHERE k = '|lvfang' AND pid = ?1", 2), 6);
    assert_int_equal(int_sql(d, "SELECT b FROM person_key WHERE k = '~单梅' AND pid = ?1", 3), 0);
    assert_int_equal(int_sql(d, "SELECT count(*) FROM person_key WHERE k = '#' AND pid = ?1", 4), 1);
    assert_int_equal(int_sql(d, "SELECT count(*) FROM pragma_foreign_key_check WHERE ?1 = ?1", 0), 0);
    const char *recount =
        "SELECT count(*) FROM (SELECT v.k, v.pid, coalesce(r.building, 0) FROM person_keys v"
        " LEFT JOIN residency r ON r.person_id = v.pid AND r.moved_out IS NULL"
        " EXCEPT SELECT k, pid, b FROM person_key) WHERE ?1 = ?1";
    assert_int_equal(int_sql(d, recount, 0), 0);
    expect_hit(d, "zs", "张三", 1);
    expect_hit(d, "lvf", "吕芳", 1);
    expect_hit(d, "dmei", "单梅", 1);
    expect_hit(d, "ann", "Anna 李", 1);
    /* and it follows a move and a sign-in made after the migration */
    exec_ok(d, "UPDATE residency SET moved_out = '2023-01-01' WHERE person_id = 1 AND moved_out IS NULL;"
               "INSERT INTO residency(person_id, building, room, role, moved_in) VALUES (3, 5, '101', 'tenant', '2023-01-01');");
    assert_int_equal(int_sql(d, "SELECT b FROM person_key WHERE k = '|zhangsan' AND pid = ?1", 1), 0);
    assert_int_equal(int_sql(d, "SELECT b FROM person_key WHERE k = '~单梅' AND pid = ?1", 3), 5);
    assert_int_equal(int_sql(d, recount, 0), 0);
    tu_db_free(d);
    unlink(path);
    free(path);
    free(dir);
}

/* `xiangli lookup zs --json` prints what xl_lookup gives (the TUI calls xl_lookup too). */
static void lookup__cli__agrees(void **state)
{
    (void)state;
    char exe[4096], bin[4096], path[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    assert_true(n > 0);
    exe[n] = '\0';
    snprintf(bin, sizeof bin, "%s", exe);
    for (int up = 0; up < 3; up++)
        *strrchr(bin, '/') = '\0';
    strncat(bin, "/xiangli", sizeof bin - strlen(bin) - 1);
    if (access(bin, X_OK) != 0)
        skip();
    xl_db *d = tu_demo_db(path);
    const char *queries[] = {"zs", "wang", "zhangs"};
    for (size_t i = 0; i < sizeof queries / sizeof queries[0]; i++) {
        xl_lookup_result r;
        xl_err e;
        assert_int_equal(xl_lookup(d, queries[i], 0, &r, &e), XL_OK);
        xl_buf want;
        xl_buf_init(&want);
        xl_lookup_json(&r, &want);
        char *cmd = xl_asprintf("'%s' --db '%s' lookup %s --json", bin, path, queries[i]);
        FILE *p = popen(cmd, "r");
        assert_non_null(p);
        xl_buf got;
        xl_buf_init(&got);
        char chunk[4096];
        size_t k;
        while ((k = fread(chunk, 1, sizeof chunk, p)) > 0)
            xl_buf_put(&got, chunk, k);
        assert_int_equal(pclose(p), 0);
        assert_string_equal(got.data, want.data);
        assert_true(r.n > 0);
        xl_buf_release(&got);
        xl_buf_release(&want);
        free(cmd);
        xl_lookup_release(&r);
    }
    tu_db_free(d);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lookup__classify__each_kind),
        cmocka_unit_test(lookup__complete__same_as_the_register),
        cmocka_unit_test(lookup__building__everyone_by_room),
        cmocka_unit_test(lookup__room__one_room_and_unknowns),
        cmocka_unit_test(lookup__name__substring),
        cmocka_unit_test(lookup__tail__phone_and_id),
        cmocka_unit_test(lookup__tail__digit_attack_finds_nothing_beyond_last_4),
        cmocka_unit_test(lookup__json__fields_and_no_unmasked_numbers),
        cmocka_unit_test(lookup__classify__pinyin),
        cmocka_unit_test(lookup__pinyin__polyphonic_surnames_by_surname_reading),
        cmocka_unit_test(lookup__pinyin__full_initials_mixed_no_false_hits),
        cmocka_unit_test(lookup__pinyin__ranked_then_current_first),
        cmocka_unit_test(lookup__pinyin__keys_follow_renames_and_refuse_stray_writes),
        cmocka_unit_test(lookup__pinyin__signin_commit_is_searchable),
        cmocka_unit_test(lookup__pinyin__index_finds_what_a_scan_finds),
        cmocka_unit_test(lookup__limit__prefix_of_unlimited),
        cmocka_unit_test(lookup__limit__every_way_after_changes),
        cmocka_unit_test(lookup__keys__random_queries_same_as_a_scan),
        cmocka_unit_test(lookup__keys__migration_keeps_data),
        cmocka_unit_test(lookup__keys__import_fills_them),
        cmocka_unit_test(lookup__cli__agrees),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
