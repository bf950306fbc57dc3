/* community_internal.h — for the community import only (community.c reads and drives,
 * community_apply.c applies rows inside the transaction). */
#ifndef XL_COMMUNITY_INTERNAL_H
#define XL_COMMUNITY_INTERNAL_H

#include "core/db/db_internal.h"
#include "xiangli/community.h"

#define CI_MAXCOL 16

/* What a row did. */
enum { ROW_ADDED, ROW_CHANGED, ROW_UNCHANGED, ROW_REFUSED, ROW_DBERR };

typedef struct ci_run {
    xl_db *db;
    const char *path;          /* NULL: typed at the desk */
    xl_cimport_report *rep;
    int kind;
    xl_csv *t;                 /* the sheet being applied */
    int col[CI_MAXCOL];        /* field of each column, -1 absent */
    char today[11];
    size_t leader_line[4];     /* teams: the row that named each group's leader */
} ci_run;

/* The cell of column k, normalised (trimmed; digits made ASCII when digits is set). */
void ci_cell(const ci_run *r, const xl_csv_row *row, int k, int digits, char *out, size_t size);
/* A problem on row (column k's header). Returns ROW_REFUSED. */
int ci_problem(ci_run *r, const xl_csv_row *row, int k, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* The template's header of column c of kind (its first accepted name). */
void ci_head_label(int kind, int c, char *out, size_t size);
/* An audit row for an entity the file added or changed. */
int ci_audit(ci_run *r, const char *what, const char *entity, const char *id, xl_err *err);

int ci_apply_building(ci_run *r, const xl_csv_row *row, xl_err *err);
int ci_apply_room(ci_run *r, const xl_csv_row *row, xl_err *err);
int ci_apply_org(ci_run *r, const xl_csv_row *row, xl_err *err);
int ci_apply_party(ci_run *r, const xl_csv_row *row, xl_err *err);
int ci_apply_team(ci_run *r, const xl_csv_row *row, xl_err *err);
/* Buildings without a given position: row = lane order, column = order in the lane. */
int ci_layout(xl_db *db, xl_err *err);

#endif
