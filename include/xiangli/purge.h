/* purge.h — letting go of personal numbers (issue 9, "Keeping and letting go").
 *
 * A person whose every residency has ended, the last one more than `years` years before
 * today (xl_today: XIANGLI_TODAY honoured), keeps their name and history of who lived where,
 * but their ID number and phone number are erased: set to NULL in one transaction with
 * SQLite's secure_delete on (freed content overwritten with zeros) and the WAL checkpointed
 * and truncated afterwards, so the digits are not left in the file. One audit row
 * "privacy.purge" carries the counts. People with no residency at all (owners recorded only
 * as a building's owner) are not touched. */
#ifndef XL_PURGE_H
#define XL_PURGE_H

#include "xiangli/db.h"
#include "xiangli/err.h"

typedef struct xl_purge_report {
    char before[11];     /* moved out before this day */
    int people;          /* people whose numbers are (or would be) erased */
    int id_numbers;      /* of them, with an ID number */
    int phones;          /* of them, with a phone number */
} xl_purge_report;

/* dry_run: counts only, nothing written. */
int xl_purge_numbers(xl_db *db, int years, int dry_run, xl_purge_report *rep, xl_err *err);

#endif
