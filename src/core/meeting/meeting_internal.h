/* meeting_internal.h — for the meeting's own files only (meeting.c, agenda.c, attendance.c,
 * meeting_load.c, minutes.c): the key tables, the meeting state and the helpers they share.
 * Never include this from outside src/core. */
#ifndef XL_MEETING_INTERNAL_H
#define XL_MEETING_INTERNAL_H

#include "core/db/db_internal.h"

#include <stdint.h>

#include "xiangli/lists.h"
#include "core/lists/lists_tx.h"
#include "xiangli/mem.h"
#include "xiangli/meeting.h"

extern const char *const mtg_kind_keys[];
extern const char *const mtg_status_keys[];
extern const char *const mtg_role_keys[];

/* Index of s among keys[0..n), -1 if absent (or s is NULL). */
int mtg_key_index(const char *const *keys, int n, const char *s);

/* Runs sql with ?1 = id and ?2 = text (NULL: not bound) to completion. */
int mtg_exec_id_text(xl_db *db, const char *sql, int64_t id, const char *text, const char *what,
                        xl_err *err);
/* One audit row for the meeting; the detail is cut to ~1000 bytes on a character boundary. */
int mtg_audit_m(xl_db *db, const char *action, int64_t meeting, const xl_buf *b, xl_err *err);

/* What the rules need to know about a meeting. */
typedef struct mtg_mstate {
    int64_t id;
    int kind;
    int status;
    int building;
    xl_party host;
} mtg_mstate;

int mtg_meeting_state(xl_db *db, int64_t id, mtg_mstate *m, xl_err *err);
/* Agenda, attendance, notes and decisions change only before the meeting closes. */
int mtg_require_not_closed(const mtg_mstate *m, xl_err *err);
/* code with "FIELD: reason": the field stays the key the UI matches, the reason (fmt, from
 * messages.def) is in the UI's language. */
int mtg_field_err(xl_err *err, int code, const char *field, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

#endif
