/* lists_internal.h — for the lists' own files only (lists.c, lists_item.c, lists_query.c,
 * lists_chain.c): the key tables, SQL fragments and helpers they share. Never include this from
 * outside src/core. */
#ifndef XL_LISTS_INTERNAL_H
#define XL_LISTS_INTERNAL_H

#include "core/db/db_internal.h"

#include <stdint.h>

#include "xiangli/lists.h"

/* Queries that need today's date use parameter ?19 for it (bound by lists_bind_today). */
#define XL_LISTS_TODAY_PARAM "?19"

#define XL_LISTS_OVERDUE_EXPR "(i.kind = 'action' AND i.due < " XL_LISTS_TODAY_PARAM " AND i.status IN ('open', 'in_progress'))"

#define XL_LISTS_ROW_COLUMNS                                                                       \
    "i.id, i.kind, i.status, i.title, i.category,"                                        \
    " coalesce((SELECT min(x.building) FROM list_item_building x WHERE x.item_id = i.id), 0),"  \
    " (SELECT count(*) FROM list_item_building x WHERE x.item_id = i.id),"                \
    " coalesce(op.name, oo.name, ''), coalesce(i.due, ''), i.raised_at, " XL_LISTS_OVERDUE_EXPR ","  \
    " (SELECT count(*) FROM list_link l WHERE l.to_id = i.id),"                           \
    " (SELECT count(*) FROM list_link l WHERE l.from_id = i.id)"

#define XL_LISTS_ROW_JOINS                                                  \
    " LEFT JOIN person op ON op.id = i.owner_person"               \
    " LEFT JOIN organisation oo ON oo.id = i.owner_org"

/* A new item and its audit row (lists_create_body runs inside a transaction). */
typedef struct xl_lists_create_ctx {
    const xl_item_form *f;
    int64_t id;
} xl_lists_create_ctx;

extern const char *const lists_kind_keys[];
extern const char *const lists_status_keys[];

/* Index of a kind / status key, -1 if unknown. */
int lists_kind_of_key(const char *key);
int lists_status_of_key(const char *key);

/* 1 if sql (one ?1 integer parameter) yields a row, 0 if not, -1 on a database error. */
int lists_row_exists(xl_db *db, const char *sql, int64_t id);
/* Binds today's date to ?19 if the statement has that parameter. */
void lists_bind_today(sqlite3_stmt *st);
/* stamp if given, else the current time. */
void lists_stamp_or_now(const char *stamp, char out[20]);
/* A kind as a word for messages: its key in English, its label otherwise. */
const char *lists_kind_word(int k);
/* The transaction body behind xl_list_item_create; p is an xl_lists_create_ctx. */
int lists_create_body(xl_db *db, void *p, xl_err *err);
/* One row of XL_LISTS_ROW_COLUMNS into r. */
void lists_row_from_stmt(sqlite3_stmt *st, xl_list_row *r);

#endif
