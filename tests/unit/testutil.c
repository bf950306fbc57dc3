/* testutil.c — throw-away databases for unit tests. */
#include "testutil.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <sqlite3.h>

#include "core/db/db_internal.h"
#include "demo/demo.h"
#include "xiangli/mem.h"

/* Every directory name handed out stays reachable here for the life of the test program
 * (the "static-lifetime" promise of testutil.h), so callers need not free it. */
static char *tmpdirs[256];
static size_t ntmpdirs;

char *tu_tmpdir(void)
{
    const char *base = getenv("TMPDIR");
    char *tmpl = xl_asprintf("%s/xiangli-test-XXXXXX", base && *base ? base : "/tmp");
    if (!mkdtemp(tmpl))
        fail_msg("mkdtemp failed");
    if (ntmpdirs < sizeof tmpdirs / sizeof tmpdirs[0])
        tmpdirs[ntmpdirs++] = tmpl;
    return tmpl;
}

char *tu_write_file(const char *dir, const char *name, const char *text)
{
    char *path = xl_asprintf("%s/%s", dir, name);
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    fwrite(text, 1, strlen(text), f);
    fclose(f);
    return path;
}

char *tu_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    xl_buf b;
    xl_buf_init(&b);
    char tmp[65536];
    size_t n;
    while ((n = fread(tmp, 1, sizeof tmp, f)) > 0)
        xl_buf_put(&b, tmp, n);
    fclose(f);
    if (len)
        *len = b.len;
    return b.data;
}

xl_db *tu_db_new(char *path)
{
    char *dir = tu_tmpdir();
    char *file = xl_asprintf("%s/test.db", dir);
    xl_db *db = NULL;
    xl_err err;
    xl_err_clear(&err);
    if (xl_db_open(&db, file, 1, &err) != XL_OK)
        fail_msg("open %s: %s", file, err.msg);
    if (path)
        snprintf(path, 4096, "%s", file);
    free(file);
    free(dir);
    return db;
}

void tu_db_free(xl_db *db)
{
    if (!db)
        return;
    char *file = xl_strdup(xl_db_path(db));
    xl_db_close(db);
    char *dir = xl_strdup(file);
    char *slash = strrchr(dir, '/');
    if (slash)
        *slash = '\0';
    char *cmd = xl_asprintf("rm -rf '%s'", dir);
    if (strstr(dir, "xiangli-test-"))
        (void)!system(cmd);
    free(cmd);
    free(dir);
    free(file);
}

static char *demo_template;

xl_db *tu_demo_db(char *path)
{
    xl_err err;
    xl_err_clear(&err);
    if (!demo_template) {
        char *dir = tu_tmpdir();
        demo_template = xl_asprintf("%s/demo-template.db", dir);
        free(dir);
        xl_db *t = NULL;
        if (xl_db_open(&t, demo_template, 1, &err) != XL_OK)
            fail_msg("open template: %s", err.msg);
        xl_demo_opts o = {.seed = 1, .scale = 1};
        if (xl_demo_build(t, &o, &err) != XL_OK)
            fail_msg("demo: %s", err.msg);
        xl_db_close(t); /* checkpoints the WAL into the main file */
    }
    char *dir = tu_tmpdir();
    char *file = xl_asprintf("%s/test.db", dir);
    char *cmd = xl_asprintf("cp '%s' '%s'", demo_template, file);
    if (system(cmd) != 0)
        fail_msg("copy template failed");
    xl_db *db = NULL;
    if (xl_db_open(&db, file, 0, &err) != XL_OK)
        fail_msg("open %s: %s", file, err.msg);
    if (path)
        snprintf(path, 4096, "%s", file);
    free(cmd);
    free(file);
    free(dir);
    return db;
}

/* ---- content checks ---- */

int64_t tu_one_int(xl_db *db, const char *sql)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    int64_t v = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    return v;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001B3ULL;
    return h;
}

/* Order-independent hash of one table's rows (sum of row hashes, plus the count). */
uint64_t tu_table_hash(xl_db *db, const char *table)
{
    char *sql = xl_asprintf("SELECT * FROM \"%s\"", table);
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    free(sql);
    assert_non_null(st);
    uint64_t sum = 0, rows = 0;
    while (sqlite3_step(st) == SQLITE_ROW) {
        uint64_t h = 0xCBF29CE484222325ULL;
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            int t = sqlite3_column_type(st, c);
            h = fnv(h, &t, sizeof t);
            const void *blob = sqlite3_column_blob(st, c);
            h = fnv(h, blob ? blob : "", (size_t)sqlite3_column_bytes(st, c));
        }
        sum += h;
        rows++;
    }
    sqlite3_finalize(st);
    return fnv(sum, &rows, sizeof rows);
}

/* A content hash of every table in the database. */
uint64_t tu_db_hash(xl_db *db)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL);
    assert_non_null(st);
    uint64_t h = 0xCBF29CE484222325ULL;
    while (sqlite3_step(st) == SQLITE_ROW) {
        uint64_t t = tu_table_hash(db, (const char *)sqlite3_column_text(st, 0));
        h = fnv(h, &t, sizeof t);
    }
    sqlite3_finalize(st);
    return h;
}

/* ---- a small hand-made community for list and meeting tests ---- */

/* Buildings 5 (first responsible person: 2, the sub-landlord), 7 (nobody), 9; people:
 * 1 owner, 2 sub-landlord, 3-4 tenants, 5 family (all of 5), 6 moved out of 5, 7 tenant of 7;
 * organisations 1 street, 2 police, 3 deputies, 4 volunteers. */
static const char tu_fixture_sql[] =
    "INSERT INTO lane(id, name) VALUES (1, '东一巷');"
    "INSERT INTO person(id, name, created_at) VALUES (1, '王建国', '2026-01-01'),"
    " (2, '李二房', '2026-01-01'), (3, '张小军', '2026-01-01'), (4, '赵敏', '2026-01-01'),"
    " (5, '王小花', '2026-01-01'), (6, '孙离开', '2026-01-01'), (7, '周七号', '2026-01-01');"
    "INSERT INTO building(number, lane_id, owner_id, responsible_id, responsible_role, pioneer_group)"
    " VALUES (5, 1, 1, 2, 'sublandlord', 1), (7, 1, NULL, NULL, 'owner', 2), (9, 1, NULL, NULL, 'owner', 3);"
    "INSERT INTO room(building, room, floor, declared_headcount) VALUES (5, '101', 1, 3), (5, '201', 2, 3),"
    " (7, '101', 1, 2);"
    "INSERT INTO residency(person_id, building, room, role, moved_in) VALUES"
    " (1, 5, '101', 'owner', '2010-01-01'), (2, 5, '101', 'sublandlord', '2020-01-01'),"
    " (3, 5, '201', 'tenant', '2025-03-01'), (4, 5, '201', 'tenant', '2025-04-01'),"
    " (5, 5, '101', 'family', '2010-01-01'), (7, 7, '101', 'tenant', '2024-01-01');"
    "INSERT INTO residency(person_id, building, room, role, moved_in, moved_out) VALUES"
    " (6, 5, '201', 'tenant', '2023-01-01', '2025-01-01');"
    "INSERT INTO organisation(id, name, kind) VALUES (1, '九里亭街道办事处', 'street'),"
    " (2, '九里亭派出所', 'police'), (3, '区人大代表九里亭联络站', 'deputy'), (4, '巷里一家志愿者队', 'volunteer');";

xl_db *tu_fixture_db(void)
{
    xl_db *db = tu_db_new(NULL);
    xl_err e;
    if (xl_db_exec(db, tu_fixture_sql, &e) != XL_OK)
        fail_msg("fixture: %s", e.msg);
    return db;
}

void tu_exec(xl_db *db, const char *sql)
{
    xl_err e;
    if (xl_db_exec(db, sql, &e) != XL_OK)
        fail_msg("%s: %s", sql, e.msg);
}

char *tu_one_text(xl_db *db, const char *sql)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    assert_non_null(st);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    char *v = xl_strdup(xl_col_text(st, 0));
    sqlite3_finalize(st);
    return v;
}

const char *tu_err_text(const xl_err *e)
{
    static char buf[sizeof e->field + sizeof e->msg + 2];
    if (e->field[0])
        snprintf(buf, sizeof buf, "%s: %s", e->field, e->msg);
    else
        snprintf(buf, sizeof buf, "%s", e->msg);
    return buf;
}
