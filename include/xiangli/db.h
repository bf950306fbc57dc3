/* db.h — the SQLite data layer: open/migrate, transactions with audit rows.
 * The handle is opaque outside core/: ui/ never sees SQL. */
#ifndef XL_DB_H
#define XL_DB_H

#include <stdint.h>
#include "xiangli/err.h"

#define XL_APPLICATION_ID 0x58474C49 /* 'XGLI' */

typedef struct xl_db xl_db;

/* Opens (and with create != 0 creates, mode 0600) the database at path, applies pending
 * migrations in one transaction, sets WAL, foreign keys, busy timeout. */
#define XL_DB_INIT 1 /* create: only `init` makes a schema in a new or empty file */
int xl_db_open(xl_db **out, const char *path, int create, xl_err *err);
/* A notice from opening for the front end to show (e.g. permissions tightened), or "". */
const char *xl_db_notice(const xl_db *db);
/* Busy timeout for connections opened from now on ([db] busy_timeout_ms; default 5000). */
void xl_db_set_default_busy_timeout(int ms);
/* A write that finds another connection writing waits up to the busy timeout. When it has
 * waited a moment (~150 ms), hook(ctx) is called once for that wait, so a front end can say
 * it is waiting (the desk's status line) — from inside the waiting call: draw, do not write
 * to the database. NULL: no hook. */
typedef void (*xl_db_busy_hook)(void *ctx);
void xl_db_on_busy(xl_db *db, xl_db_busy_hook hook, void *ctx);
/* A consistent copy of the open database at dest (online backup API, 0600, written beside
 * dest then renamed), verified with integrity_check. */
int xl_db_backup(xl_db *db, const char *dest, xl_err *err);
/* dir/xiangli-YYYY-MM-DD.db for today (xl_today); heap. */
char *xl_db_backup_default_name(const char *dir);
/* The desk's daily copy: today's backup into dir (made 0700 if missing) unless it is there
 * already; then only the newest keep daily backups stay. *made: the new file's path (heap),
 * or NULL when today's existed. */
int xl_db_backup_daily(xl_db *db, const char *dir, int keep, char **made, xl_err *err);
/* PRAGMA integrity_check and foreign_key_check: XL_OK, or XL_EFAIL with a message saying
 * what is wrong and what to do (restore a backup). */
int xl_db_check(xl_db *db, xl_err *err);
/* init --force: a verified copy of the database at path is kept as bak and a fresh empty
 * database takes its place. Refused while another connection has path open; nothing lost. */
int xl_db_start_over(const char *path, const char *bak, xl_err *err);
void xl_db_close(xl_db *db);
const char *xl_db_path(const xl_db *db);

int xl_db_user_version(xl_db *db);
/* 1 when another connection (another desk, the phone server, a CLI import) has committed
 * since the previous call (SQLite's PRAGMA data_version), else 0. The first call only takes
 * note. This connection's own writes do not count: their callers reload already. */
int xl_db_changed(xl_db *db);
/* A stamp of everything written so far: other connections' commits (PRAGMA data_version)
 * and this connection's own writes (sqlite3_total_changes64). Two equal stamps: nothing was
 * written in between, so figures read at the first are still true. data_version -1: unknown
 * (never equal). */
typedef struct xl_db_stamp {
    int data_version;
    int64_t changes;
} xl_db_stamp;
xl_db_stamp xl_db_stamp_take(xl_db *db);
int xl_db_stamp_same(xl_db_stamp a, xl_db_stamp b);
int xl_db_schema_latest(void);
/* 1 if the database holds no buildings and no people. */
int xl_db_is_empty(xl_db *db);

/* Who is recorded in audit rows: the OS user unless set. */
void xl_db_set_operator(xl_db *db, const char *login);
const char *xl_db_operator(const xl_db *db);

/* BEGIN IMMEDIATE / COMMIT / ROLLBACK. Every write is one transaction with its audit row. */
int xl_db_begin(xl_db *db, xl_err *err);
int xl_db_commit(xl_db *db, xl_err *err);
void xl_db_rollback(xl_db *db);
/* Appends an audit row inside the current transaction. */
int xl_db_audit(xl_db *db, const char *action, const char *entity, const char *entity_id,
                const char *detail, xl_err *err);
int64_t xl_db_audit_count(xl_db *db, const char *action);

/* "Today" as YYYY-MM-DD: $XIANGLI_TODAY if set (tests pin it), else the local date. */
void xl_today(char out[11]);
/* Now as ISO-8601 local time "YYYY-MM-DD HH:MM:SS" (date part follows xl_today). */
void xl_now(char out[20]);

#endif
