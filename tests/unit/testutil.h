/* testutil.h — helpers shared by the unit tests: throw-away databases. */
#ifndef XL_TESTUTIL_H
#define XL_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include "xiangli/db.h"

/* "field: reason" for a field refusal (xl_err_field), the message alone otherwise (static
 * buffer: valid until the next call). */
const char *tu_err_text(const xl_err *e);
/* A fresh database in a new temporary directory; path (if non-NULL, 4096 bytes) gets its
 * file name. Fails the test on error. */
xl_db *tu_db_new(char *path);
/* Closes the database and removes its directory. */
void tu_db_free(xl_db *db);
/* A new temporary directory (mkdtemp), returned as a static-lifetime heap string. */
char *tu_tmpdir(void);
/* Writes text to dir/name and returns the full path (heap). */
char *tu_write_file(const char *dir, const char *name, const char *text);
/* Reads a whole file (heap, NUL-terminated); *len gets its size. NULL if missing. */
char *tu_read_file(const char *path, size_t *len);
/* The first column of the first row of sql, as an integer (fails the test if no row). */
int64_t tu_one_int(xl_db *db, const char *sql);
/* Runs sql (several statements allowed); fails the test on error. */
void tu_exec(xl_db *db, const char *sql);
/* The first column of the first row of sql, as text (heap). */
char *tu_one_text(xl_db *db, const char *sql);
/* A content hash of every table (order-independent within a table): equal hashes before
 * and after a refused change show that nothing was written. */
uint64_t tu_db_hash(xl_db *db);
/* The same for one table. */
uint64_t tu_table_hash(xl_db *db, const char *table);
/* A fresh database with a small hand-made community: buildings 5 (first responsible
 * person: 2, the sub-landlord), 7 (nobody), 9; people 1 owner, 2 sub-landlord, 3-4 tenants,
 * 5 family (all of 5), 6 moved out of 5, 7 tenant of 7; organisations 1 street, 2 police,
 * 3 deputies, 4 volunteers. */
xl_db *tu_fixture_db(void);
/* The demo community at seed 1 built once per test program into a template file, then
 * copied for each caller (fast). */
xl_db *tu_demo_db(char *path);

#endif
