/* test_db.c — open, migrations, pragmas, transactions and audit. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "core/db/search_sql.h"
#include "xiangli/mem.h"
#include "xiangli/operator.h"

static int one_int(xl_db *db, const char *sql)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

static void db__open__creates_private_wal_file(void **state)
{
    (void)state;
    char path[4096];
    xl_db *db = tu_db_new(path);
    struct stat sb;
    assert_int_equal(stat(path, &sb), 0);
    assert_int_equal(sb.st_mode & 0777, 0600);
    sqlite3_stmt *st = xl_db_prepare(db, "PRAGMA journal_mode", NULL);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_string_equal(xl_col_text(st, 0), "wal");
    sqlite3_finalize(st);
    assert_int_equal(one_int(db, "PRAGMA foreign_keys"), 1);
    assert_int_equal(one_int(db, "PRAGMA application_id"), XL_APPLICATION_ID);
    assert_int_equal(xl_db_user_version(db), xl_db_schema_latest());
    assert_true(xl_db_schema_latest() >= 1);
    assert_true(xl_db_is_empty(db));
    tu_db_free(db);
}

static void db__open__tables_are_strict(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    assert_int_equal(one_int(db, "SELECT count(*) FROM pragma_table_list WHERE schema='main' AND "
                                 "name NOT LIKE 'sqlite_%' AND type = 'table' AND strict = 0"), 0); /* FTS5 index tables are virtual/shadow */
    xl_err e;
    /* STRICT refuses text in an INTEGER column */
    assert_int_not_equal(xl_db_exec(db, "INSERT INTO lane(id, name) VALUES ('x', 'a')", &e), XL_OK);
    /* foreign keys are enforced */
    assert_int_not_equal(xl_db_exec(db, "INSERT INTO building(number, lane_id) VALUES (1, 99)", &e), XL_OK);
    tu_db_free(db);
}

static void db__open__reopen_keeps_version(void **state)
{
    (void)state;
    char path[4096];
    xl_db *db = tu_db_new(path);
    char *copy = xl_strdup(path);
    xl_db_close(db);
    xl_err e;
    assert_int_equal(xl_db_open(&db, copy, 0, &e), XL_OK);
    assert_int_equal(xl_db_user_version(db), xl_db_schema_latest());
    tu_db_free(db);
    free(copy);
}

static void db__open__missing_without_create(void **state)
{
    (void)state;
    xl_db *db = NULL;
    xl_err e;
    assert_int_equal(xl_db_open(&db, "/nonexistent-dir/x.db", 0, &e), XL_EFAIL);
    assert_null(db);
    assert_non_null(strstr(e.msg, "/nonexistent-dir/x.db"));
}

static void db__open__refuses_foreign_and_newer(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *path = xl_asprintf("%s/other.db", dir);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_exec(h, "CREATE TABLE t(x)", NULL, NULL, NULL);
    sqlite3_close(h);
    xl_db *db = NULL;
    xl_err e;
    assert_int_equal(xl_db_open(&db, path, 0, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "不是巷里数据库"));
    free(path);

    path = xl_asprintf("%s/newer.db", dir);
    assert_int_equal(xl_db_open(&db, path, 1, &e), XL_OK);
    xl_db_close(db);
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    sqlite3_exec(h, "PRAGMA user_version=999", NULL, NULL, NULL);
    sqlite3_close(h);
    assert_int_equal(xl_db_open(&db, path, 0, &e), XL_EFAIL);
    assert_non_null(strstr(e.msg, "比本程序"));
    free(path);
    free(dir);
}

extern const char *const xl_schema_migrations[];

/* A database left at schema version 1 (with data) by an older Xiangli is carried forward
 * to the latest version at open, in one go, keeping its rows. */
static void db__migrate__forward_from_version_1_keeps_data(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *path = xl_asprintf("%s/old.db", dir);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, xl_schema_migrations[0], NULL, NULL, NULL), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA user_version=1; PRAGMA application_id=%d", XL_APPLICATION_ID);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "INSERT INTO person(name, created_at) VALUES ('张三', 'x')",
                                  NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(h);
    xl_db *db = NULL;
    xl_err e;
    if (xl_db_open(&db, path, 0, &e) != XL_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(xl_db_user_version(db), xl_db_schema_latest());
    assert_int_equal(one_int(db, "SELECT count(*) FROM person WHERE name = '张三'"), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    tu_db_free(db);
    free(path);
    free(dir);
}

/* 1 when sql's program builds a temporary index (an IN list of three or more constants).
 * The statement's own program, where its CHECKs are: the programs of triggers follow it
 * (015's person_key triggers look up a person's few keys with IN (json_each)). */
static int builds_ephemeral(xl_db *db, const char *sql)
{
    char *explain = xl_asprintf("EXPLAIN %s", sql);
    sqlite3_stmt *st = xl_db_prepare(db, explain, NULL);
    assert_non_null(st);
    int found = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *p4 = (const char *)sqlite3_column_text(st, 5);
        if (p4 && !strncmp(p4, "-- TRIGGER", 10))
            break;
        found |= !strcmp((const char *)sqlite3_column_text(st, 1), "OpenEphemeral");
    }
    sqlite3_finalize(st);
    free(explain);
    return found;
}

static void fn_zero(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc;
    (void)argv;
    sqlite3_result_int(ctx, 0);
}

/* 014 rebuilds residency and person with their CHECKs written without IN (…): a database
 * at version 13 keeps every row, the tallies, the search index, the indexes and triggers;
 * every role, channel and gender is still accepted, anything else refused; the inserts
 * build no temporary index any more. */
static void db__migrate__014_residency_checks_same_meaning(void **state)
{
    (void)state;
    char *dir = tu_tmpdir();
    char *path = xl_asprintf("%s/v13.db", dir);
    sqlite3 *h;
    assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
    assert_int_equal(xl_search_sql_register(h), SQLITE_OK);
    /* db.c's own function (011's triggers): this connection indexes at once */
    assert_int_equal(sqlite3_create_function(h, "xl_index_deferred", 0, SQLITE_UTF8, NULL, fn_zero, NULL, NULL),
                     SQLITE_OK);
    assert_int_equal(sqlite3_exec(h, "BEGIN", NULL, NULL, NULL), SQLITE_OK);
    for (int v = 0; v < 13; v++)
        assert_int_equal(sqlite3_exec(h, xl_schema_migrations[v], NULL, NULL, NULL), SQLITE_OK);
    char sql[128];
    snprintf(sql, sizeof sql, "PRAGMA user_version=13; PRAGMA application_id=%d", XL_APPLICATION_ID);
    assert_int_equal(sqlite3_exec(h, sql, NULL, NULL, NULL), SQLITE_OK);
    const char *fill =
        "INSERT INTO lane(id, name) VALUES (1, 'L');"
        "INSERT INTO building(number, lane_id) VALUES (5, 1);"
        "INSERT INTO room(building, room) VALUES (5, '101'), (5, '102');"
        "INSERT INTO person(id, name, gender, created_at, party_member) VALUES (1, '甲', 'M', 'x', 1),"
        " (2, '乙', 'F', 'x', 0), (3, '丙', '', 'x', 0), (4, '丁', 'F', 'x', 0);"
        "INSERT INTO residency(id, person_id, building, room, role, moved_in, moved_out,"
        " channel_in, channel_out, confirmed_at) VALUES"
        " (1, 1, 5, '101', 'owner', '2020-01-01', NULL, 'desk', NULL, NULL),"
        " (2, 2, 5, '101', 'sublandlord', '2020-01-01', NULL, 'qr', NULL, '2024-01-01'),"
        " (3, 3, 5, '102', 'tenant', '2020-01-01', NULL, 'landlord', NULL, NULL),"
        " (4, 4, 5, '102', 'family', '2020-01-01', '2021-01-01', 'desk', 'qr', NULL),"
        " (5, 4, 5, '101', 'tenant', '2021-01-01', NULL, 'desk', NULL, NULL);"
        "COMMIT";
    if (sqlite3_exec(h, fill, NULL, NULL, NULL) != SQLITE_OK)
        fail_msg("%s", sqlite3_errmsg(h));
    sqlite3_close(h);

    xl_db *db = NULL;
    xl_err e;
    if (xl_db_open(&db, path, 0, &e) != XL_OK)
        fail_msg("%s", e.msg);
    assert_int_equal(xl_db_user_version(db), xl_db_schema_latest());
    assert_int_equal(one_int(db, "SELECT count(*) FROM residency"), 5);
    assert_int_equal(one_int(db, "SELECT count(*) FROM residency WHERE id = 4 AND moved_out = '2021-01-01'"
                                 " AND channel_out = 'qr' AND role = 'family'"), 1);
    assert_int_equal(one_int(db, "SELECT n FROM room_tally WHERE building = 5 AND room = '101'"), 3);
    assert_int_equal(one_int(db, "SELECT tenants FROM room_tally WHERE building = 5 AND room = '101'"), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'residency'"
                                 " AND type = 'index' AND name NOT LIKE 'sqlite_%'"), 6);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'residency'"
                                 " AND type = 'trigger'"), 3 + 3); /* 015's person_key triggers */
    assert_int_equal(one_int(db, "SELECT count(*) FROM pragma_foreign_key_check"), 0);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE name = 'residency_new'"), 0);
    assert_int_equal(one_int(db, "SELECT party FROM room_tally WHERE building = 5 AND room = '101'"), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM person WHERE gender = 'F'"), 2);
    assert_int_equal(one_int(db, "SELECT count(*) FROM person WHERE pinyin = xl_search_keys(name)"), 4);
    assert_int_equal(one_int(db, "SELECT count(*) FROM person_search"), 4);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'person'"
                                 " AND type = 'index'"), 5);
    assert_int_equal(one_int(db, "SELECT count(*) FROM sqlite_schema WHERE tbl_name = 'person'"
                                 " AND type = 'trigger'"), 9 + 4); /* 015's person_key triggers */

    /* The insert the importer reuses builds no temporary index. */
    assert_false(builds_ephemeral(db, "INSERT INTO residency(person_id, building, room, role, moved_in,"
                                      " channel_in) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"));
    assert_false(builds_ephemeral(db, "UPDATE residency SET moved_out = ?2, channel_out = ?3 WHERE id = ?1"));
    assert_false(builds_ephemeral(db, "INSERT INTO person(name, gender, id_number, phone, province, workplace,"
                                      " created_at, pinyin) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)"));

    /* Every value accepted (the tally trigger follows: room 102 gets each), others refused. */
    const char *roles[] = {"owner", "sublandlord", "tenant", "family"};
    const char *channels[] = {"qr", "desk", "landlord"};
    int n = 0;
    for (int r = 0; r < 4; r++)
        for (int c = 0; c < 3; c++) {
            char *ins = xl_asprintf("INSERT INTO person(id, name, gender, created_at) VALUES (%d, '戊', '%s', 'x');"
                                    "INSERT INTO residency(person_id, building, room, role, moved_in,"
                                    " channel_in) VALUES (%d, 5, '102', '%s', '2022-01-01', '%s');"
                                    "UPDATE residency SET moved_out = '2023-01-01', channel_out = '%s'"
                                    " WHERE person_id = %d",
                                    100 + n, c == 0 ? "M" : c == 1 ? "F" : "", 100 + n, roles[r], channels[c],
                                    channels[(c + r) % 3], 100 + n);
            assert_int_equal(xl_db_exec(db, ins, NULL), XL_OK);
            free(ins);
            n++;
        }
    assert_int_equal(one_int(db, "SELECT count(*) FROM residency WHERE person_id >= 100"
                                 " AND moved_out IS NOT NULL"), 12);
    assert_int_equal(one_int(db, "SELECT n FROM room_tally WHERE building = 5 AND room = '102'"), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM person_search"), 16); /* the new people indexed */
    const char *bad[] = {
        "INSERT INTO residency(person_id, building, room, role, moved_in) VALUES (1, 5, '101', 'other', '2022-01-01')",
        "INSERT INTO residency(person_id, building, room, role, moved_in) VALUES (1, 5, '101', 'Owner', '2022-01-01')",
        "INSERT INTO residency(person_id, building, room, role, moved_in) VALUES (1, 5, '101', '', '2022-01-01')",
        "INSERT INTO residency(person_id, building, room, role, moved_in, channel_in)"
        " VALUES (1, 5, '101', 'tenant', '2022-01-01', 'web')",
        "INSERT INTO residency(person_id, building, room, role, moved_in, channel_in)"
        " VALUES (1, 5, '101', 'tenant', '2022-01-01', NULL)",
        "UPDATE residency SET moved_out = '2023-01-01', channel_out = 'mail' WHERE id = 1",
        "UPDATE residency SET moved_out = '2019-01-01', channel_out = 'desk' WHERE id = 1",
        "UPDATE residency SET role = 'landlord' WHERE id = 1",
        "INSERT INTO person(name, gender, created_at) VALUES ('己', 'X', 'x')",
        "INSERT INTO person(name, gender, created_at) VALUES ('己', 'm', 'x')",
        "INSERT INTO person(name, gender, created_at) VALUES ('己', NULL, 'x')",
        "UPDATE person SET gender = '男' WHERE id = 1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(sqlite3_exec(xl_db_handle(db), bad[i], NULL, NULL, NULL) & 0xff, SQLITE_CONSTRAINT);
    assert_int_equal(one_int(db, "SELECT count(*) FROM residency WHERE id = 1 AND moved_out IS NULL"
                                 " AND role = 'owner'"), 1);
    tu_db_free(db);
    free(path);
    free(dir);
}

static void db__audit__inside_transaction_only(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    xl_err e;
    assert_int_equal(xl_db_audit(db, "x", "y", NULL, NULL, &e), XL_EFAIL);
    xl_db_set_operator(db, "duty1");
    assert_int_equal(xl_db_begin(db, &e), XL_OK);
    assert_int_equal(xl_db_audit(db, "test.one", "thing", "7", "detail", &e), XL_OK);
    assert_int_equal(xl_db_commit(db, &e), XL_OK);
    assert_int_equal(xl_db_audit_count(db, "test.one"), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM audit WHERE operator='duty1' AND at LIKE '2026-11-25 %'"), 1);

    assert_int_equal(xl_db_begin(db, &e), XL_OK);
    assert_int_equal(xl_db_audit(db, "test.two", "thing", "8", NULL, &e), XL_OK);
    xl_db_rollback(db);
    assert_int_equal(xl_db_audit_count(db, "test.two"), 0);
    tu_db_free(db);
}

static void db__operator__defaults_to_os_user(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    assert_true(strlen(xl_db_operator(db)) > 0);
    xl_db_set_operator(db, "");
    assert_true(strlen(xl_db_operator(db)) > 0);
    tu_db_free(db);
}

/* A rollback of an audited write: in a body so the audit row really is written first. */
static int audited_body(xl_db *db, void *ctx, xl_err *err)
{
    return xl_db_audit(db, (const char *)ctx, "person", "1", "", err);
}

static int audited(xl_db *db, const char *action, xl_err *e)
{
    char a[64];
    snprintf(a, sizeof a, "%s", action);
    return xl_db_tx(db, audited_body, a, e);
}

static void db__audit__append_only(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    xl_err e;
    assert_int_equal(audited(db, "test.kept", &e), XL_OK);
    assert_int_not_equal(xl_db_exec(db, "UPDATE audit SET operator = 'someone else'", &e), XL_OK);
    assert_non_null(strstr(e.msg, "append-only"));
    assert_int_not_equal(xl_db_exec(db, "DELETE FROM audit", &e), XL_OK);
    assert_non_null(strstr(e.msg, "append-only"));
    assert_int_equal(xl_db_audit_count(db, "test.kept"), 1);
    tu_db_free(db);
}

static void db__operator__recent_names_most_recent_first(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    xl_err e;
    assert_int_equal(xl_operator_on_duty(db, " 王芳 ", &e), XL_OK);
    assert_string_equal(xl_db_operator(db), "王芳");
    tu_exec(db, "UPDATE operator SET last_seen = '2026-11-01 08:00:00'"); /* earlier */
    assert_int_equal(xl_operator_on_duty(db, "李强", &e), XL_OK);
    assert_int_equal(audited(db, "test.by_li", &e), XL_OK);
    assert_int_equal(one_int(db, "SELECT count(*) FROM audit WHERE action = 'test.by_li' AND operator = '李强'"), 1);
    assert_int_equal(one_int(db, "SELECT count(*) FROM operator WHERE login = '李强'"), 1);
    xl_operator_list l;
    assert_int_equal(xl_operators_recent(db, 5, &l, &e), XL_OK);
    assert_int_equal(l.n, 2);
    assert_string_equal(l.name[0], "李强");
    assert_string_equal(l.name[1], "王芳");
    xl_operator_list_release(&l);
    char out[XL_OPERATOR_NAME_MAX];
    assert_int_equal(xl_operator_check("  ", out, &e), XL_EUSAGE);
    assert_int_equal(xl_operator_check("a\tb\x01", out, &e), XL_EUSAGE);
    assert_int_equal(xl_operator_check("一二三四五六七八九十一二三四五六七八九十一", out, &e), XL_EUSAGE);
    tu_db_free(db);
}

static void db__audit__list_filters_and_flags(void **state)
{
    (void)state;
    xl_db *db = tu_db_new(NULL);
    xl_err e;
    xl_db_set_operator(db, "甲");
    assert_int_equal(audited(db, "resident.signin", &e), XL_OK);
    xl_db_set_operator(db, "乙");
    assert_int_equal(audited(db, "person.reveal", &e), XL_OK);
    xl_audit_rows r;
    xl_audit_filter f = {.operator_name = "乙"};
    assert_int_equal(xl_audit_list(db, &f, &r, &e), XL_OK);
    assert_int_equal(r.n, 1);
    assert_string_equal(r.rows[0].action, "person.reveal");
    assert_true(r.rows[0].flagged);
    xl_audit_rows_release(&r);
    f = (xl_audit_filter){.since = "2026-11-26"};
    assert_int_equal(xl_audit_list(db, &f, &r, &e), XL_OK);
    assert_int_equal(r.n, 0);
    xl_audit_rows_release(&r);
    f = (xl_audit_filter){.since = "2026-11-25"};
    assert_int_equal(xl_audit_list(db, &f, &r, &e), XL_OK);
    assert_int_equal(r.n, 2);
    assert_string_equal(r.rows[0].operator_name, "乙"); /* newest first */
    assert_false(r.rows[1].flagged);
    xl_audit_rows_release(&r);
    tu_db_free(db);
}

static void db__today__pinned_by_env(void **state)
{
    (void)state;
    char d[11];
    xl_today(d);
    assert_string_equal(d, "2026-11-25");
    setenv("XIANGLI_TODAY", "garbage", 1);
    xl_today(d);
    assert_int_equal(strlen(d), 10);
    assert_string_not_equal(d, "garbage");
    setenv("XIANGLI_TODAY", "2026-11-25", 1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(db__open__creates_private_wal_file),
        cmocka_unit_test(db__open__tables_are_strict),
        cmocka_unit_test(db__open__reopen_keeps_version),
        cmocka_unit_test(db__open__missing_without_create),
        cmocka_unit_test(db__open__refuses_foreign_and_newer),
        cmocka_unit_test(db__migrate__forward_from_version_1_keeps_data),
        cmocka_unit_test(db__audit__inside_transaction_only),
        cmocka_unit_test(db__operator__defaults_to_os_user),
        cmocka_unit_test(db__audit__append_only),
        cmocka_unit_test(db__operator__recent_names_most_recent_first),
        cmocka_unit_test(db__audit__list_filters_and_flags),
        cmocka_unit_test(db__migrate__014_residency_checks_same_meaning),
        cmocka_unit_test(db__today__pinned_by_env),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
