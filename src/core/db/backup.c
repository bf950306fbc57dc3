/* backup.c — consistent copies through SQLite's online backup API, checks, and setting a
 * database aside for `init --force` without losing a commit. */
#include "core/db/db_internal.h"

#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

/* Pages from src (a live connection: its view includes what is still in the WAL) into the
 * file dest. */
static int copy_pages(sqlite3 *src, const char *dest, xl_err *err)
{
    sqlite3 *dst = NULL;
    int rc = sqlite3_open_v2(dest, &dst, SQLITE_OPEN_READWRITE, NULL);
    sqlite3_backup *b = rc == SQLITE_OK ? sqlite3_backup_init(dst, "main", src, "main") : NULL;
    if (b) {
        while ((rc = sqlite3_backup_step(b, 256)) == SQLITE_OK || rc == SQLITE_BUSY || rc == SQLITE_LOCKED)
            if (rc != SQLITE_OK)
                sqlite3_sleep(20);
        sqlite3_backup_finish(b);
    }
    if (rc == SQLITE_DONE)
        rc = sqlite3_exec(dst, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL);
    else if (b || rc == SQLITE_OK)
        rc = sqlite3_errcode(dst);
    sqlite3_close_v2(dst);
    return rc == SQLITE_OK ? XL_OK : xl_err_set(err, XL_EFAIL, _(BAK_E_COPY_FMT), dest);
}

static int64_t count_rows(sqlite3 *h, const char *table)
{
    char *sql = sqlite3_mprintf("SELECT count(*) FROM main.\"%w\"", table);
    sqlite3_stmt *st = NULL;
    int64_t n = -1;
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_free(sql);
    return n;
}

/* Every ordinary table holds as many rows in a as in b. */
static int same_counts(sqlite3 *a, sqlite3 *b)
{
    sqlite3_stmt *st = NULL;
    int same = sqlite3_prepare_v2(a, "SELECT name FROM sqlite_schema WHERE type='table' "
                                     "AND name NOT LIKE 'sqlite_%'", -1, &st, NULL) == SQLITE_OK;
    while (same && sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        same = count_rows(a, t) == count_rows(b, t);
    }
    sqlite3_finalize(st);
    return same;
}

static int integrity_ok(sqlite3 *h)
{
    sqlite3_stmt *st = NULL;
    int ok = sqlite3_prepare_v2(h, "PRAGMA integrity_check", -1, &st, NULL) == SQLITE_OK &&
             sqlite3_step(st) == SQLITE_ROW && !strcmp((const char *)sqlite3_column_text(st, 0), "ok");
    sqlite3_finalize(st);
    return ok;
}

/* The copy at path passes integrity_check (and, with like != NULL, holds the same rows). */
static int verify_copy(const char *path, sqlite3 *like, xl_err *err)
{
    sqlite3 *h = NULL;
    int ok = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK && integrity_ok(h) &&
             (!like || same_counts(like, h));
    sqlite3_close_v2(h);
    return ok ? XL_OK : xl_err_set(err, XL_EFAIL, _(BAK_E_VERIFY_FMT), path);
}

/* Copy of src at dest: written to a temporary file beside dest, verified, renamed. */
static int backup_file(sqlite3 *src, const char *dest, int same_rows, xl_err *err)
{
    char *tmp = NULL;
    if (xl_file_temp(dest, &tmp, err))
        return XL_EFAIL;
    int rc = copy_pages(src, tmp, err);
    if (rc == XL_OK)
        rc = verify_copy(tmp, same_rows ? src : NULL, err);
    if (rc == XL_OK)
        rc = xl_file_commit_temp(tmp, dest, err);
    else
        unlink(tmp);
    free(tmp);
    return rc;
}

int xl_db_backup(xl_db *db, const char *dest, xl_err *err)
{
    if (!dest || !*dest)
        return xl_err_set(err, XL_EUSAGE, "%s", _(FIO_E_NOPATH));
    return backup_file(xl_db_handle(db), dest, 0, err);
}

/* ---------- init --force ---------- */

/* A connection that alone holds path: exclusive locking mode, so no other process can read
 * or write until it closes; BUSY (another desk or command has it open) is refused. */
static int hold_alone(const char *path, sqlite3 **out, xl_err *err)
{
    sqlite3 *h = NULL;
    int rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READWRITE, NULL);
    if (rc == SQLITE_OK) {
        sqlite3_busy_timeout(h, 1500);
        rc = sqlite3_exec(h, "PRAGMA locking_mode=EXCLUSIVE; BEGIN EXCLUSIVE; "
                             "SELECT count(*) FROM sqlite_schema; COMMIT", NULL, NULL, NULL);
    }
    if (rc == SQLITE_OK)
        rc = sqlite3_exec(h, "PRAGMA journal_mode=DELETE", NULL, NULL, NULL); /* WAL → main file */
    if (rc != SQLITE_OK) {
        int busy = (rc & 0xff) == SQLITE_BUSY || (rc & 0xff) == SQLITE_LOCKED;
        sqlite3_close_v2(h);
        return xl_err_set(err, XL_EFAIL, busy ? _(BAK_E_IN_USE_FMT) : _(BAK_E_COPY_FMT), path);
    }
    *out = h;
    return XL_OK;
}

/* A fresh, empty Xiangli database beside path (migrated, closed); its name in *tmp. */
static int fresh_beside(const char *path, char **tmp, xl_err *err)
{
    if (xl_file_temp(path, tmp, err))
        return XL_EFAIL;
    xl_db *db = NULL;
    int rc = xl_db_open(&db, *tmp, XL_DB_INIT, err);
    xl_db_close(db);
    if (rc != XL_OK) {
        unlink(*tmp);
        free(*tmp);
        *tmp = NULL;
    }
    return rc;
}

int xl_db_start_over(const char *path, const char *bak, xl_err *err)
{
    sqlite3 *h = NULL;
    char *fresh = NULL;
    if (hold_alone(path, &h, err))
        return XL_EFAIL;
    int rc = backup_file(h, bak, 1, err);
    if (rc == XL_OK)
        rc = fresh_beside(path, &fresh, err);
    if (rc == XL_OK)
        rc = xl_file_commit_temp(fresh, path, err); /* still holding the old file: no writer slips in */
    free(fresh);
    sqlite3_close_v2(h);
    return rc;
}

/* ---------- `xiangli backup`, the desk's daily copy, `xiangli check` ---------- */

char *xl_db_backup_default_name(const char *dir)
{
    char today[11];
    xl_today(today);
    return xl_asprintf("%s/xiangli-%s.db", dir, today);
}

/* 1 for a name the daily backups use: xiangli-YYYY-MM-DD.db */
static int daily_name(const char *name)
{
    return strlen(name) == 21 && !strncmp(name, "xiangli-", 8) && !strcmp(name + 18, ".db") &&
           name[12] == '-' && name[15] == '-';
}

static int by_name_desc(const void *a, const void *b)
{
    return strcmp(*(char *const *)b, *(char *const *)a);
}

/* Removes the oldest daily backups in dir beyond keep. */
static void prune(const char *dir, int keep)
{
    DIR *d = opendir(dir);
    if (!d)
        return;
    char **names = NULL;
    size_t n = 0, cap = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!daily_name(e->d_name))
            continue;
        if (n == cap)
            names = xl_reallocarray(names, cap = cap ? cap * 2 : 32, sizeof *names);
        names[n++] = xl_strdup(e->d_name);
    }
    closedir(d);
    xl_qsort(names, n, sizeof *names, by_name_desc);
    for (size_t i = 0; i < n; i++) {
        if (i >= (size_t)keep) {
            char *p = xl_asprintf("%s/%s", dir, names[i]);
            unlink(p);
            free(p);
        }
        free(names[i]);
    }
    free(names);
}

int xl_db_backup_daily(xl_db *db, const char *dir, int keep, char **made, xl_err *err)
{
    *made = NULL;
    if (xl_mkdir_p(dir, 0700, err))
        return XL_EFAIL;
    char *path = xl_db_backup_default_name(dir);
    struct stat sb;
    int rc = XL_OK;
    if (stat(path, &sb) != 0) {
        rc = xl_db_backup(db, path, err);
        if (rc == XL_OK)
            *made = path, path = NULL;
    }
    free(path);
    if (rc == XL_OK)
        prune(dir, keep > 0 ? keep : 14);
    return rc;
}

/* The first rows of a PRAGMA: how many, and the first one's text. */
static int pragma_rows(sqlite3 *h, const char *sql, const char *fine, char *first, size_t size)
{
    sqlite3_stmt *st = NULL;
    int n = 0;
    first[0] = '\0';
    if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
        return -1;
    while (sqlite3_step(st) == SQLITE_ROW) {
        const char *t = (const char *)sqlite3_column_text(st, 0);
        if (fine && t && !strcmp(t, fine))
            continue;
        if (n++ == 0)
            snprintf(first, size, "%s", t ? t : "");
    }
    sqlite3_finalize(st);
    return n;
}

int xl_db_check(xl_db *db, xl_err *err)
{
    char bad[256], dangling[256];
    sqlite3 *h = xl_db_handle(db);
    int nbad = pragma_rows(h, "PRAGMA integrity_check", "ok", bad, sizeof bad);
    int nfk = pragma_rows(h, "PRAGMA foreign_key_check", NULL, dangling, sizeof dangling);
    if (nbad < 0 || nfk < 0)
        return xl_err_set(err, XL_EFAIL, _(CHECK_E_RUN_FMT), xl_db_path(db));
    if (nbad > 0)
        return xl_err_set(err, XL_EFAIL, _(CHECK_E_INTEGRITY_FMT), xl_db_path(db), nbad);
    if (nfk > 0)
        return xl_err_set(err, XL_EFAIL, _(CHECK_E_FK_FMT), xl_db_path(db), nfk, dangling);
    return XL_OK;
}
