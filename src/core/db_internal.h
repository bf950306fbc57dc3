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
/* Runs a statement with no result rows. */
int xl_db_exec(xl_db *db, const char *sql, xl_err *err);
/* Fills err from the connection's last error, prefixed by what. Returns XL_EFAIL. */
int xl_db_fail(xl_db *db, const char *what, xl_err *err);
/* Column text or "" (never NULL). */
const char *xl_col_text(sqlite3_stmt *st, int col);

#endif
