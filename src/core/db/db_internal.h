/* db_internal.h — for core/ modules only: the raw SQLite handle and statement helpers.
 * Never include this from ui/ or cli/. */
#ifndef XL_DB_INTERNAL_H
#define XL_DB_INTERNAL_H

#include <sqlite3.h>
#include "xiangli/db.h"

sqlite3 *xl_db_handle(xl_db *db);
/* Prepares sql (cached per db by its text pointer is not done: SQLite is fast enough; callers
 * finalize). Returns NULL and fills err on failure. */
sqlite3_stmt *xl_db_prepare(xl_db *db, const char *sql, xl_err *err);
/* The same, for a statement a writer or checker runs once per row (an import's thousands):
 * prepared once per connection and kept (found again by its text), returned reset with no
 * bindings. The caller steps it and calls sqlite3_reset when done — never finalizes it —
 * and resets it before asking for another cached statement it is not stepping. */
#define XL_DB_CACHED 16
sqlite3_stmt *xl_db_cached(xl_db *db, const char *sql, xl_err *err);
/* Runs a statement with no result rows. */
int xl_db_exec(xl_db *db, const char *sql, xl_err *err);
/* Fills err from the connection's last error: what an officer can do (busy, read-only, disk
 * full, damaged …), or for a program error SQLite's text for the technician. what names the
 * call site for a reader of the code; it is not shown (the officer cannot act on it). Returns
 * XL_EFAIL. */
int xl_db_fail(xl_db *db, const char *what, xl_err *err);
/* PRAGMA data_version: changes when ANOTHER connection commits (-1 on error). */
int xl_db_data_version(xl_db *db);
/* on: people inserted with their search keys are not put into the search index one by one
 * (FTS5 writes its pending data at every statement of a transaction, which made a 20,000-row
 * import hold the write lock for seconds); the caller indexes them in one statement before
 * its commit and turns this off again. */
void xl_db_defer_search_index(xl_db *db, int on);
/* 1 when a statement journal kept outside memory (temp_store=FILE) stays in memory in one
 * 120 KiB piece before spilling to a file; 0 when SQLite had started before the first
 * xl_db_open and kept its 64 KiB (then an import's journals would go to a file). */
int xl_db_big_stmt_journal(void);
/* Column text or "" (never NULL). */
const char *xl_col_text(sqlite3_stmt *st, int col);

/* One transaction around body: BEGIN IMMEDIATE, body, COMMIT; rolled back when body fails.
 * body writes its own audit row. */
typedef int (*xl_tx_body)(xl_db *db, void *ctx, xl_err *err);
int xl_db_tx(xl_db *db, xl_tx_body body, void *ctx, xl_err *err);
/* Steps a prepared write to completion and finalizes it; what as for xl_db_fail. */
int xl_db_step_done(xl_db *db, sqlite3_stmt *st, const char *what, xl_err *err);
/* Binds s, or NULL when s is NULL or empty. */
void xl_bind_text_or_null(sqlite3_stmt *st, int idx, const char *s);
/* Copies a text column (never splitting a UTF-8 character). */
void xl_col_copy(sqlite3_stmt *st, int col, char *dst, size_t size);

#endif
