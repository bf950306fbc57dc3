/* lists_tx.h — for core modules and the demo generator only (not public API): the lists'
 * writes inside the caller's own transaction. */
#ifndef XL_LISTS_TX_H
#define XL_LISTS_TX_H

#include "xiangli/lists.h"

/* ---------- for core modules writing inside their own transaction ----------
 * (agenda.c, lists_demo.c.) Same validation and writes as above, but no BEGIN/COMMIT and no
 * audit row: the caller owns both. stamp "YYYY-MM-DD HH:MM:SS" dates the change (NULL = now). */
int xl_list_item_insert_tx(xl_db *db, const xl_item_form *f, const char *stamp, int64_t *id,
                           xl_err *err);
int xl_list_item_status_tx(xl_db *db, int64_t id, xl_item_status st, const char *note,
                           const char *stamp, xl_err *err);
int xl_list_link_tx(xl_db *db, int64_t from, int64_t to, const char *stamp, xl_err *err);

#endif
