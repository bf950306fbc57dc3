/* register_tx.h — for core modules and the demo generator only (not public API): sign-in
 * inside the caller's own transaction. */
#ifndef XL_REGISTER_TX_H
#define XL_REGISTER_TX_H

#include "xiangli/resident.h"

/* The same inside the caller's transaction (xl_db_begin already done; no BEGIN/COMMIT
 * here), for a batch that must be all-or-nothing (the importer): writes the same rows and
 * the same audit row. On failure the caller must roll back (xl_db_rollback). */
int xl_signin_commit_in_tx(xl_db *db, const xl_signin_form *form, xl_signin_mode mode,
                           int64_t *person_id, xl_err *err);
/* xl_signout inside the caller's transaction (the phone queue's confirmation). */
int xl_signout_in_tx(xl_db *db, int64_t residency_id, const char *moved_out, const char *channel,
                     xl_err *err);

/* xl_residency_confirm inside the caller's transaction (a whole building's stale list). */
int xl_residency_confirm_in_tx(xl_db *db, int64_t residency_id, xl_err *err);

#endif
