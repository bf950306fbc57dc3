/* operator.h — who is on duty, and the audit read back: who did what to whom, when.
 *
 * Every audit row names the operator set on the connection (xl_db_set_operator): the name
 * given with --operator or XIANGLI_OPERATOR, or picked at the desk's start; the operating
 * system's login only when none was given. Each name used is kept in the operator table
 * with when it was last seen (written with the transaction's audit row), so the desk can
 * offer the recent names, most recent first. The audit table is append-only (triggers
 * refuse UPDATE and DELETE). */
#ifndef XL_OPERATOR_H
#define XL_OPERATOR_H

#include <stddef.h>
#include <stdint.h>

#include "xiangli/db.h"
#include "xiangli/err.h"

#define XL_OPERATOR_NAME_MAX 64 /* bytes, with the NUL */

/* name trimmed into out: 1..20 characters, no control characters. XL_OK or XL_EUSAGE with a
 * message saying what to type. */
int xl_operator_check(const char *name, char out[XL_OPERATOR_NAME_MAX], xl_err *err);

typedef struct xl_operator_list {
    char (*name)[XL_OPERATOR_NAME_MAX];
    char (*last_seen)[20];
    size_t n;
} xl_operator_list;

/* Up to max names, most recently seen first. */
int xl_operators_recent(xl_db *db, size_t max, xl_operator_list *out, xl_err *err);
void xl_operator_list_release(xl_operator_list *l);

/* The desk's pick: the name checked, set on the connection and recorded (audit
 * "operator.on_duty", which also notes the name as last seen now). */
int xl_operator_on_duty(xl_db *db, const char *name, xl_err *err);

/* ---------- the audit, read back ---------- */

typedef struct xl_audit_row {
    int64_t id;
    char at[20];
    char operator_name[XL_OPERATOR_NAME_MAX];
    char action[48];
    char entity[24];
    char entity_id[24];
    char whom[160];      /* the person's name or the building ("127号楼"), else "" */
    char detail[512];
    int flagged;         /* a revealed number or an unmasked export: shown highlighted */
} xl_audit_row;

typedef struct xl_audit_rows {
    xl_audit_row *rows;
    size_t n;
} xl_audit_rows;

typedef struct xl_audit_filter {
    const char *since;         /* YYYY-MM-DD or NULL: from that day on */
    const char *operator_name; /* NULL: everyone */
    size_t limit;              /* 0: all */
} xl_audit_filter;

/* Newest first. */
int xl_audit_list(xl_db *db, const xl_audit_filter *f, xl_audit_rows *out, xl_err *err);
void xl_audit_rows_release(xl_audit_rows *r);
/* What an action key ("qr.rotate") means in the UI's language; an unknown key as stored. */
const char *xl_audit_action_label(const char *key);
/* 1 for the actions shown highlighted (person.reveal, export.unmasked). */
int xl_audit_action_flagged(const char *action);

#endif
