/* test_db.c — open, migrations, pragmas, transactions and audit. */
#include "testutil.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/db/db_internal.h"
#include "xiangli/mem.h"

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
        cmocka_unit_test(db__today__pinned_by_env),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
