/* db.c — open, migrate, transactions, audit. */
#include "core/db/db_internal.h"

#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "core/db/search_sql.h"
#include "xiangli/date.h"
#include "xiangli/fileio.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

extern const char *const xl_schema_migrations[];
extern const size_t xl_schema_migration_count;

struct xl_db {
    sqlite3 *h;
    char *path;
    char operator_login[64];
    char notice[512];   /* e.g. permissions tightened at open */
    int data_version;          /* last PRAGMA data_version seen by xl_db_changed, 0 = none */
    sqlite3_stmt *audit_st;    /* the audit INSERT, prepared once (an import writes thousands) */
    sqlite3_stmt *seen_st;     /* the operator's last_seen, once per transaction */
    int operator_noted;        /* this transaction has noted the operator */
    int busy_ms;               /* how long a write waits for another's lock */
    double busy_since;         /* monotonic ms when the current wait began */
    int busy_told;             /* the hook was told of the current wait */
    xl_db_busy_hook busy_hook;
    void *busy_ctx;
    int index_deferred;        /* xl_index_deferred() answers this (xl_db_defer_search_index) */
    double tx_started;         /* monotonic ms at BEGIN IMMEDIATE (XIANGLI_TRACE_TX) */
    double tx_cpu_started;     /* and the process's CPU time then */
    sqlite3_stmt *cached[XL_DB_CACHED]; /* xl_db_cached: statements run once per row */
};

static double clock_ms(clockid_t which)
{
    struct timespec t;
    clock_gettime(which, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

sqlite3 *xl_db_handle(xl_db *db) { return db->h; }
const char *xl_db_path(const xl_db *db) { return db->path; }
int xl_db_schema_latest(void) { return (int)xl_schema_migration_count; }

/* What an officer can do about an SQLite result code, or NULL when it is a program error
 * (then the technician needs SQLite's own text). Never SQLite's English for a normal failure:
 * busy, read-only, disk full, not a database, damaged, I/O, cannot open, out of memory. */
static const char *sqlite_reason(int code)
{
    switch (code & 0xff) {
    case SQLITE_BUSY:
    case SQLITE_LOCKED: return _(DB_WHY_BUSY);
    case SQLITE_READONLY:
    case SQLITE_PERM:
    case SQLITE_AUTH: return _(DB_WHY_READONLY);
    case SQLITE_FULL: return _(DB_WHY_FULL);
    case SQLITE_NOTADB: return _(DB_WHY_NOTADB);
    case SQLITE_CORRUPT: return _(DB_WHY_CORRUPT);
    case SQLITE_IOERR: return _(DB_WHY_IOERR);
    case SQLITE_CANTOPEN: return _(DB_WHY_CANTOPEN);
    case SQLITE_NOMEM: return _(DB_WHY_NOMEM);
    default: return NULL;
    }
}

/* One sentence for a failed SQLite call on h: the reason for a normal failure, else the
 * program error with SQLite's text, marked for the technician. */
static int sqlite_fail(sqlite3 *h, int code, const char *what, const char *detail, xl_err *err)
{
    const char *why = sqlite_reason(code);
    if (why)
        return xl_err_set(err, XL_EFAIL, "%s", why);
    (void)what; /* names the call site for a reader of the code; the officer does not need it */
    return xl_err_set(err, XL_EFAIL, _(DB_E_INTERNAL_FMT),
                      detail ? detail : h ? sqlite3_errmsg(h) : sqlite3_errstr(code));
}

int xl_db_fail(xl_db *db, const char *what, xl_err *err)
{
    if (!db || !db->h)
        return sqlite_fail(NULL, SQLITE_MISUSE, what, NULL, err);
    return sqlite_fail(db->h, sqlite3_extended_errcode(db->h), what, NULL, err);
}

sqlite3_stmt *xl_db_prepare(xl_db *db, const char *sql, xl_err *err)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) != SQLITE_OK) {
        xl_db_fail(db, "prepare", err);
        return NULL;
    }
    return st;
}

sqlite3_stmt *xl_db_cached(xl_db *db, const char *sql, xl_err *err)
{
    int free_slot = -1;
    for (int i = 0; i < XL_DB_CACHED; i++) {
        sqlite3_stmt *st = db->cached[i];
        if (st && strcmp(sqlite3_sql(st), sql) == 0) {
            sqlite3_reset(st);
            sqlite3_clear_bindings(st);
            return st;
        }
        if (!st && free_slot < 0)
            free_slot = i;
    }
    /* Full: one not in use goes (a caller steps and resets its statement before asking for
     * another, so only a statement between its first step and its reset is busy). */
    for (int i = 0; free_slot < 0 && i < XL_DB_CACHED; i++)
        if (!sqlite3_stmt_busy(db->cached[i])) {
            sqlite3_finalize(db->cached[i]);
            db->cached[i] = NULL;
            free_slot = i;
        }
    sqlite3_stmt *st = NULL;
    if (free_slot < 0 ||
        sqlite3_prepare_v3(db->h, sql, -1, SQLITE_PREPARE_PERSISTENT, &st, NULL) != SQLITE_OK) {
        sqlite3_finalize(st);
        xl_db_fail(db, "prepare", err);
        return NULL;
    }
    db->cached[free_slot] = st;
    return st;
}

int xl_db_exec(xl_db *db, const char *sql, xl_err *err)
{
    char *msg = NULL;
    int rc = sqlite3_exec(db->h, sql, NULL, NULL, &msg);
    if (rc != SQLITE_OK) {
        xl_err why;
        sqlite_fail(db->h, rc, "exec", msg, &why);
        xl_err_field(err, "database", "%s", why.msg);
        sqlite3_free(msg);
        return XL_EFAIL;
    }
    return XL_OK;
}

const char *xl_col_text(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return t ? (const char *)t : "";
}

static int pragma_int(xl_db *db, const char *sql)
{
    sqlite3_stmt *st = xl_db_prepare(db, sql, NULL);
    int v = -1;
    if (st && sqlite3_step(st) == SQLITE_ROW)
        v = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    return v;
}

int xl_db_user_version(xl_db *db) { return pragma_int(db, "PRAGMA user_version"); }
int xl_db_data_version(xl_db *db) { return pragma_int(db, "PRAGMA data_version"); }

xl_db_stamp xl_db_stamp_take(xl_db *db)
{
    return (xl_db_stamp){xl_db_data_version(db), sqlite3_total_changes64(db->h)};
}

int xl_db_stamp_same(xl_db_stamp a, xl_db_stamp b)
{
    return a.data_version >= 0 && a.data_version == b.data_version && a.changes == b.changes;
}

int xl_db_changed(xl_db *db)
{
    int v = pragma_int(db, "PRAGMA data_version");
    int changed = db->data_version != 0 && v != db->data_version;
    db->data_version = v;
    return changed;
}

int xl_db_is_empty(xl_db *db)
{
    return pragma_int(db, "SELECT (SELECT count(*) FROM building) + (SELECT count(*) FROM person)") == 0;
}

static void default_operator(xl_db *db)
{
    const char *login = NULL;
    struct passwd *pw = getpwuid(geteuid());
    if (pw && pw->pw_name && *pw->pw_name)
        login = pw->pw_name;
    if (!login)
        login = getenv("USER");
    xl_strlcpy_utf8(db->operator_login, login && *login ? login : "unknown", sizeof db->operator_login);
}

/* No login given: the account's, looked up when first needed (an audit row, the desk's
 * header), not at every open — a lookup reads and never asks (issue 14: getpwuid costs a
 * walk through nsswitch and /etc/passwd). */
void xl_db_set_operator(xl_db *db, const char *login)
{
    xl_strlcpy_utf8(db->operator_login, login && *login ? login : "", sizeof db->operator_login);
}

static const char *operator_of(xl_db *db)
{
    if (!db->operator_login[0])
        default_operator(db);
    return db->operator_login;
}

/* The handle is never const where it was made (xl_db_open allocates it). */
const char *xl_db_operator(const xl_db *db) { return operator_of((xl_db *)db); }

/* 1 when PRAGMA foreign_key_check finds a dangling reference. */
static int foreign_keys_broken(xl_db *db)
{
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(db->h, "PRAGMA foreign_key_check", -1, &st, NULL) != SQLITE_OK)
        return 1;
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc != SQLITE_DONE;
}

static int apply_migrations(xl_db *db, int have, int latest, xl_err *err)
{
    if (xl_db_exec(db, "BEGIN IMMEDIATE", err))
        return XL_EFAIL;
    for (int v = have; v < latest; v++) {
        if (xl_db_exec(db, xl_schema_migrations[v], err)) {
            xl_db_rollback(db);
            return xl_err_set(err, XL_EFAIL, _(DB_E_MIGRATE_FMT), db->path, v + 1, err ? err->msg : "");
        }
    }
    if (foreign_keys_broken(db)) {
        xl_db_rollback(db);
        return xl_err_set(err, XL_EFAIL, _(DB_E_MIGRATE_REFS_FMT), db->path);
    }
    char sql[96];
    snprintf(sql, sizeof sql, "PRAGMA user_version=%d; PRAGMA application_id=%d", latest, XL_APPLICATION_ID);
    if (xl_db_exec(db, sql, err) || xl_db_exec(db, "COMMIT", err)) {
        xl_db_rollback(db);
        return XL_EFAIL;
    }
    return XL_OK;
}

/* Another application's database, or one from a newer Xiangli, is refused before anything
 * (even the journal mode) is changed. */
static int check_identity(xl_db *db, xl_err *err)
{
    int have = xl_db_user_version(db);
    int app = pragma_int(db, "PRAGMA application_id");
    if (have < 0 || app == -1)
        return XL_EFAIL;
    if (have > 0 && app != XL_APPLICATION_ID)
        return xl_err_set(err, XL_EFAIL, _(DB_E_FOREIGN_FMT), db->path);
    if (have == 0 && app == 0 && pragma_int(db, "SELECT count(*) FROM sqlite_schema") > 0)
        return xl_err_set(err, XL_EFAIL, _(DB_E_FOREIGN_FMT), db->path);
    if (have > (int)xl_schema_migration_count)
        return xl_err_set(err, XL_EFAIL, _(DB_E_NEWER_FMT), db->path, have, (int)xl_schema_migration_count);
    return XL_OK;
}

static int migrate(xl_db *db, xl_err *err)
{
    int have = xl_db_user_version(db);
    int latest = (int)xl_schema_migration_count;
    if (have == latest)
        return XL_OK;
    /* Foreign keys off while the schema changes (a table rebuilt to change a CHECK, as
     * SQLite's ALTER TABLE documentation says), checked whole before the commit. */
    if (xl_db_exec(db, "PRAGMA foreign_keys=OFF", err))
        return XL_EFAIL;
    int rc = apply_migrations(db, have, latest, err);
    if (xl_db_exec(db, "PRAGMA foreign_keys=ON", rc ? NULL : err))
        rc = XL_EFAIL;
    return rc;
}

/* The application SQL functions that triggers and migrations call (search_sql.c): on
 * every connection, before migrations run. */
static void fn_index_deferred(sqlite3_context *ctx, int argc, sqlite3_value **argv)
{
    (void)argc, (void)argv;
    sqlite3_result_int(ctx, *(const int *)sqlite3_user_data(ctx));
}

void xl_db_defer_search_index(xl_db *db, int on) { db->index_deferred = on != 0; }

static int register_functions(xl_db *db, xl_err *err)
{
    if (xl_search_sql_register(db->h) != SQLITE_OK ||
        sqlite3_create_function_v2(db->h, "xl_index_deferred", 0, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                   &db->index_deferred, fn_index_deferred, NULL, NULL, NULL) != SQLITE_OK)
        return sqlite_fail(db->h, sqlite3_errcode(db->h), "register functions", NULL, err);
    return XL_OK;
}

/* ---------- opening: look before touching ---------- */

static int busy_ms = 5000;

void xl_db_set_default_busy_timeout(int ms) { busy_ms = ms > 0 ? ms : 5000; }

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* 1 when a non-empty -wal lies beside path: commits not yet copied into the main file (a
 * desk open elsewhere), so the main file's header may be out of date. */
static int wal_holds_more(const char *path)
{
    char wal[4200];
    struct stat sb;
    snprintf(wal, sizeof wal, "%s-wal", path);
    return lstat(wal, &sb) == 0 && S_ISREG(sb.st_mode) && sb.st_size > 0;
}

/* The identity through SQLite opened read-only (it reads the WAL and writes nothing). */
static int probe_read_only(const char *path, int init, xl_err *err)
{
    sqlite3 *h = NULL;
    int app = -1, version = -1, rc;
    if ((rc = sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL)) == SQLITE_OK) {
        sqlite3_busy_timeout(h, busy_ms); /* another desk may be writing right now */
        sqlite3_stmt *st = NULL;
        if (sqlite3_prepare_v2(h, "PRAGMA application_id", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            app = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
        st = NULL;
        if (sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL) == SQLITE_OK &&
            sqlite3_step(st) == SQLITE_ROW)
            version = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    rc = h ? sqlite3_errcode(h) : rc;
    sqlite3_close(h);
    if ((app == -1 || version == -1) && (rc == SQLITE_NOTADB || rc == SQLITE_CORRUPT))
        return xl_err_set(err, XL_EFAIL, _(DB_E_NOT_SQLITE_FMT), path);
    if (app == -1 || version == -1)
        return xl_err_set(err, XL_EFAIL, _(DB_E_OPEN_FMT), path,
                          sqlite_reason(rc) ? sqlite_reason(rc) : sqlite3_errstr(rc));
    if (app == XL_APPLICATION_ID || (init && app == 0 && version == 0))
        return XL_OK;
    return xl_err_set(err, XL_EFAIL, _(DB_E_FOREIGN_FMT), path);
}

/* Reads the file's header without SQLite: a special file, an empty file (unless init) or
 * another application's database is refused before anything is written to it. */
static int look_before_open(const char *path, int init, xl_err *err)
{
    int fd = xl_file_open_regular(path, err);
    if (fd < 0)
        return XL_EFAIL;
    unsigned char h[100];
    ssize_t n = read(fd, h, sizeof h);
    close(fd);
    if (wal_holds_more(path)) /* the header may still be in the WAL: ask SQLite, read-only */
        return probe_read_only(path, init, err);
    if (n == 0)
        return init ? XL_OK : xl_err_set(err, XL_EFAIL, _(DB_E_EMPTY_FMT), path);
    if (n < (ssize_t)sizeof h || memcmp(h, "SQLite format 3", 16) != 0)
        return xl_err_set(err, XL_EFAIL, _(DB_E_NOT_SQLITE_FMT), path);
    uint32_t app = be32(h + 68), version = be32(h + 60);
    if (app == XL_APPLICATION_ID || (init && app == 0 && version == 0))
        return XL_OK;
    return xl_err_set(err, XL_EFAIL, _(DB_E_FOREIGN_FMT), path);
}

/* Creates the file with mode 0600 before SQLite opens it, so residents' data is never
 * world-readable, whatever the umask; an existing file is looked at first. */
static int create_private(const char *path, int create, xl_err *err)
{
    struct stat sb;
    if (stat(path, &sb) == 0)
        return look_before_open(path, create, err);
    if (!create)
        return xl_err_set(err, XL_EFAIL, _(DB_E_MISSING_FMT), path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd < 0)
        return xl_err_set(err, XL_EFAIL, _(FIO_E_WRITE_FMT), path, xl_sys_reason(errno));
    close(fd);
    return XL_OK;
}

/* The database, its side files and its directory owner-only; what was tightened is kept as
 * a notice for the front end to show. A shared directory (sticky, e.g. /tmp) or $HOME is left
 * alone. */
static int tighten(xl_db *db, xl_err *err)
{
    const char *side[] = {"", "-wal", "-shm", "-journal"};
    for (size_t i = 0; i < sizeof side / sizeof side[0]; i++) {
        char *p = xl_asprintf("%s%s", db->path, side[i]);
        int changed = 0, rc = xl_file_tighten(p, &changed, err);
        if (changed && !db->notice[0])
            snprintf(db->notice, sizeof db->notice, _(FIO_TIGHTENED_FMT), p);
        free(p);
        if (rc)
            return XL_EFAIL;
    }
    char *dir = xl_path_dir(db->path);
    struct stat sb;
    const char *home = getenv("HOME");
    int changed = 0;
    if (stat(dir, &sb) == 0 && !(sb.st_mode & S_ISVTX) && sb.st_uid == geteuid() &&
        strcmp(dir, "/") && !(home && !strcmp(dir, home)))
        (void)xl_file_tighten(dir, &changed, NULL);
    if (changed && !db->notice[0]) {
        char *shown = realpath(dir, NULL); /* "/home/…/data", not "." */
        snprintf(db->notice, sizeof db->notice, _(FIO_TIGHTENED_FMT), shown ? shown : dir);
        free(shown);
    }
    free(dir);
    return XL_OK;
}

const char *xl_db_notice(const xl_db *db) { return db->notice; }

static int open_fail(xl_db *db, xl_err *err)
{
    char what[512];
    int code = sqlite3_extended_errcode(db->h);
    xl_strlcpy_utf8(what, sqlite_reason(code) ? sqlite_reason(code) : sqlite3_errmsg(db->h), sizeof what);
    return xl_err_set(err, XL_EFAIL, _(DB_E_OPEN_FMT), db->path, what);
}

/* SQLite's busy handler: waits in short sleeps up to busy_ms; after BUSY_TELL_MS of waiting
 * the front end's hook is told once (the desk says it is waiting instead of looking stuck). */
#define BUSY_TELL_MS 150
static int on_busy(void *p, int count)
{
    xl_db *db = p;
    double now = clock_ms(CLOCK_MONOTONIC);
    if (count == 0)
        db->busy_since = now, db->busy_told = 0;
    if (now - db->busy_since >= db->busy_ms)
        return 0;
    if (!db->busy_told && now - db->busy_since >= BUSY_TELL_MS && db->busy_hook) {
        db->busy_told = 1;
        db->busy_hook(db->busy_ctx);
    }
    sqlite3_sleep(count < 4 ? 1 << count : 20);
    return 1;
}

void xl_db_on_busy(xl_db *db, xl_db_busy_hook hook, void *ctx)
{
    db->busy_hook = hook;
    db->busy_ctx = ctx;
}

/* Connection settings; WAL only after the file was found to be ours. */
static int configure(xl_db *db, xl_err *err)
{
    db->busy_ms = busy_ms;
    sqlite3_busy_handler(db->h, on_busy, db);
    sqlite3_extended_result_codes(db->h, 1);
    if (xl_db_exec(db, "PRAGMA foreign_keys=ON", NULL) || check_identity(db, err))
        return err && err->msg[0] ? XL_EFAIL : open_fail(db, err);
    if (xl_db_exec(db, "PRAGMA journal_mode=WAL", NULL) || xl_db_exec(db, "PRAGMA synchronous=NORMAL", NULL) ||
        xl_db_exec(db, "PRAGMA cache_size=-65536", NULL) || /* 64 MiB: large communities */
        /* statement journals (every insert that fires triggers, inside a transaction) in
         * memory, not in a temporary file per statement: an import or the demo 2-3x faster */
        xl_db_exec(db, "PRAGMA temp_store=MEMORY", NULL))
        return open_fail(db, err);
    return XL_OK;
}

/* Before SQLite's first use: no allocation statistics (Xiangli never reads them, and keeping
 * them takes a global lock on every allocation: about a third of an import's write cost).
 * A later call, after SQLite has started, is refused by SQLite and changes nothing. */
static int big_stmt_journal; /* SQLITE_CONFIG_STMTJRNL_SPILL took (xl_db_big_stmt_journal) */

static void sqlite_setup_once(void)
{
    static int done;
    if (done)
        return;
    done = 1;
    (void)sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    /* A statement journal outside memory (temp_store=FILE: the import's transaction) is
     * kept in memory up to this size, in one piece, before it spills to a file: any one
     * row's insert with its triggers stays under it. Under glibc's mmap threshold. */
    big_stmt_journal = sqlite3_config(SQLITE_CONFIG_STMTJRNL_SPILL, 120 * 1024) == SQLITE_OK;
}

int xl_db_big_stmt_journal(void) { return big_stmt_journal; }

int xl_db_open(xl_db **out, const char *path, int create, xl_err *err)
{
    *out = NULL;
    sqlite_setup_once();
    if (err)
        xl_err_clear(err);
    if (!path || !*path)
        return xl_err_set(err, XL_EFAIL, "%s", _(FIO_E_NOPATH));
    if (create_private(path, create, err))
        return XL_EFAIL;
    xl_db *db = xl_calloc(1, sizeof *db);
    db->path = xl_strdup(path);
    int rc = tighten(db, err);
    /* NOMUTEX: a connection is only ever used by the thread that opened it (the web server
     * runs its requests on the calling thread; poster workers never touch the database), so
     * SQLite need not lock a mutex around every call — a 45,000-building map makes half a
     * million column calls. */
    if (rc == XL_OK && sqlite3_open_v2(path, &db->h, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX,
                                       NULL) != SQLITE_OK)
        rc = db->h ? open_fail(db, err) : xl_err_set(err, XL_EFAIL, _(DB_E_OPEN_FMT), path, _(DB_WHY_NOMEM));
    if (rc == XL_OK)
        rc = configure(db, err);
    if (rc == XL_OK && (register_functions(db, err) || migrate(db, err)))
        rc = XL_EFAIL;
    if (rc != XL_OK) {
        xl_db_close(db);
        return XL_EFAIL;
    }
    *out = db;
    return XL_OK;
}

void xl_db_close(xl_db *db)
{
    if (!db)
        return;
    sqlite3_finalize(db->audit_st);
    sqlite3_finalize(db->seen_st);
    for (int i = 0; i < XL_DB_CACHED; i++)
        sqlite3_finalize(db->cached[i]);
    if (db->h)
        sqlite3_close_v2(db->h);
    free(db->path);
    free(db);
}

/* ---------- transactions: XIANGLI_TRACE_TX=1 prints how long each held the write lock ---------- */


static int tracing(void)
{
    const char *v = getenv("XIANGLI_TRACE_TX");
    return v && *v && strcmp(v, "0") != 0;
}

static void trace_end(xl_db *db, const char *how)
{
    if (tracing() && db->tx_started > 0)
        fprintf(stderr, "xiangli: write lock held %.1f ms (%.1f ms CPU) (%s)\n",
                clock_ms(CLOCK_MONOTONIC) - db->tx_started,
                clock_ms(CLOCK_PROCESS_CPUTIME_ID) - db->tx_cpu_started, how);
    db->tx_started = 0;
}

int xl_db_begin(xl_db *db, xl_err *err)
{
    int rc = xl_db_exec(db, "BEGIN IMMEDIATE", err);
    db->operator_noted = 0;
    db->tx_started = rc == XL_OK ? clock_ms(CLOCK_MONOTONIC) : 0;
    db->tx_cpu_started = clock_ms(CLOCK_PROCESS_CPUTIME_ID);
    return rc;
}

int xl_db_commit(xl_db *db, xl_err *err)
{
    if (xl_db_exec(db, "COMMIT", err)) {
        xl_db_rollback(db);
        return XL_EFAIL;
    }
    trace_end(db, "commit");
    return XL_OK;
}

void xl_db_rollback(xl_db *db)
{
    if (!sqlite3_get_autocommit(db->h))
        sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
    trace_end(db, "rollback");
}

static sqlite3_stmt *audit_stmt(xl_db *db, xl_err *err)
{
    if (!db->audit_st && sqlite3_prepare_v3(db->h,
            "INSERT INTO audit(at, operator, action, entity, entity_id, detail) VALUES (?,?,?,?,?,?)", -1,
            SQLITE_PREPARE_PERSISTENT, &db->audit_st, NULL) != SQLITE_OK) {
        xl_db_fail(db, "prepare", err);
        return NULL;
    }
    return db->audit_st;
}

/* The operator named in audit rows is kept in the operator table with when last seen (the
 * desk's pick of recent names), once per transaction. */
static int note_operator(xl_db *db, const char *now, xl_err *err)
{
    if (db->operator_noted)
        return XL_OK;
    if (!db->seen_st && sqlite3_prepare_v3(db->h,
            "INSERT INTO operator(login, name, created_at, last_seen) VALUES (?1, ?1, ?2, ?2)"
            " ON CONFLICT(login) DO UPDATE SET last_seen = excluded.last_seen", -1,
            SQLITE_PREPARE_PERSISTENT, &db->seen_st, NULL) != SQLITE_OK)
        return xl_db_fail(db, "prepare", err);
    sqlite3_bind_text(db->seen_st, 1, operator_of(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(db->seen_st, 2, now, -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(db->seen_st) == SQLITE_DONE ? XL_OK : xl_db_fail(db, "operator", err);
    sqlite3_reset(db->seen_st);
    db->operator_noted = rc == XL_OK;
    return rc;
}

int xl_db_audit(xl_db *db, const char *action, const char *entity, const char *entity_id,
                const char *detail, xl_err *err)
{
    if (sqlite3_get_autocommit(db->h))
        return xl_err_set(err, XL_EFAIL, "%s", _(E_PROGRAM));
    char at[20];
    xl_now(at);
    if (note_operator(db, at, err))
        return XL_EFAIL;
    sqlite3_stmt *st = audit_stmt(db, err);
    if (!st)
        return XL_EFAIL;
    sqlite3_bind_text(st, 1, at, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 2, operator_of(db), -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 3, action, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 4, entity, -1, SQLITE_TRANSIENT);
    if (entity_id)
        sqlite3_bind_text(st, 5, entity_id, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text(st, 6, detail ? detail : "", -1, SQLITE_TRANSIENT);
    int rc = sqlite3_step(st) == SQLITE_DONE ? XL_OK : xl_db_fail(db, "audit", err);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return rc;
}

int64_t xl_db_audit_count(xl_db *db, const char *action)
{
    sqlite3_stmt *st = xl_db_prepare(db,
        action ? "SELECT count(*) FROM audit WHERE action = ?" : "SELECT count(*) FROM audit", NULL);
    if (!st)
        return -1;
    if (action)
        sqlite3_bind_text(st, 1, action, -1, SQLITE_TRANSIENT);
    int64_t n = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int64(st, 0) : -1;
    sqlite3_finalize(st);
    return n;
}

void xl_today(char out[11])
{
    const char *pinned = getenv("XIANGLI_TODAY");
    if (xl_date_valid(pinned)) {
        memcpy(out, pinned, 10);
        out[10] = '\0';
        return;
    }
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    strftime(out, 11, "%Y-%m-%d", &tm);
}

void xl_now(char out[20])
{
    time_t t = time(NULL);
    struct tm tm;
    localtime_r(&t, &tm);
    char today[11];
    xl_today(today);
    snprintf(out, 20, "%s %02d:%02d:%02d", today, tm.tm_hour, tm.tm_min, tm.tm_sec);
}

int xl_db_tx(xl_db *db, xl_tx_body body, void *ctx, xl_err *err)
{
    if (xl_db_begin(db, err))
        return XL_EFAIL;
    int rc = body(db, ctx, err);
    if (rc != XL_OK) {
        xl_db_rollback(db);
        return rc;
    }
    return xl_db_commit(db, err);
}

int xl_db_step_done(xl_db *db, sqlite3_stmt *st, const char *what, xl_err *err)
{
    int rc = sqlite3_step(st);
    sqlite3_finalize(st);
    return rc == SQLITE_DONE ? XL_OK : xl_db_fail(db, what, err);
}

void xl_bind_text_or_null(sqlite3_stmt *st, int idx, const char *s)
{
    if (s && *s)
        sqlite3_bind_text(st, idx, s, -1, SQLITE_TRANSIENT);
    else
        sqlite3_bind_null(st, idx);
}

void xl_col_copy(sqlite3_stmt *st, int col, char *dst, size_t size)
{
    xl_strlcpy_utf8(dst, xl_col_text(st, col), size);
}
