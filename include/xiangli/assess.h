/* assess.h — the street's property-service assessment (物业服务管理考核) of the self-built
 * houses, per lane (弄) and quarter.
 *
 * Criteria and weights come from a data file the office can edit (datadir.h):
 * assessment/criteria.ini — the office's copy next to the database wins over the shipped
 * one. Each criterion is scored 0..100 with a comment; a score row keeps the criterion's
 * name and weight as they were when it was scored, so history does not change when the
 * file does.
 *
 * Total of a lane in a quarter = Σ weight × score / Σ weight over the criteria scored; the
 * criteria of the current file without a score count as missing (shown, not zero). A lane
 * with nothing scored has no total. Ranking: by total rounded to 2 decimals, highest
 * first; equal totals share a rank and the next rank skips (1, 2, 2, 4); lanes without a
 * total are unranked (rank 0) and listed last. */
#ifndef XL_ASSESS_H
#define XL_ASSESS_H

#include <stddef.h>

#include "xiangli/db.h"

typedef struct xl_criterion {
    char key[33];
    char name[64];
    char name_en[64];
    int weight;
} xl_criterion;

typedef struct xl_criteria {
    char source[4096];
    int local;                  /* 1 = the office's own copy */
    char version[32];
    char date[11];
    xl_criterion *c;
    size_t n;
} xl_criteria;

/* Parses a criteria file; a problem names the file, line and key. */
int xl_criteria_parse(const char *path, xl_criteria *out, xl_err *err);
/* The office's copy or the shipped file (datadir.h). */
int xl_criteria_load(xl_db *db, xl_criteria *out, xl_err *err);
void xl_criteria_release(xl_criteria *c);
/* Index of key, or -1. */
int xl_criteria_find(const xl_criteria *c, const char *key);

/* ---- scoring (pure) ---- */

typedef struct xl_assess_item {
    int weight;
    int score;                  /* 0..100, -1 = not scored */
} xl_assess_item;

/* The weighted total over the scored items, or -1 when nothing is scored; *missing (may be
 * NULL) gets the number not scored. */
double xl_assess_total(const xl_assess_item *items, size_t n, int *missing);
/* Ranks totals[0..n) as described above (total < 0: rank 0). */
void xl_assess_rank(const double *totals, size_t n, int *ranks);

/* "2026-Q4": 1 if valid. */
int xl_quarter_valid(const char *q);
/* The quarter of a date "YYYY-MM-DD". */
void xl_quarter_of(const char *date, char out[8]);
/* The quarter before q. */
void xl_quarter_prev(const char *q, char out[8]);

/* ---- saving ---- */

typedef struct xl_assess_entry {
    const char *criterion;      /* key */
    int score;                  /* 0..100, or -1 to clear a score */
    const char *comment;        /* at most 200 characters; may be NULL */
} xl_assess_entry;

/* Saves the entries for a lane (id) and quarter in one transaction with its audit row
 * ("assessment.score", lane and quarter, the scores): a score replaces the earlier one of
 * the same criterion, -1 removes it. Refused (nothing written) for an unknown lane,
 * quarter or criterion, a score outside 0..100, or a comment too long. */
int xl_assess_save(xl_db *db, const xl_criteria *crit, int lane_id, const char *quarter,
                   const xl_assess_entry *e, size_t n, xl_err *err);

/* Lane by id ("3") or by name ("东一巷"): its id, or 0 when there is none. */
int xl_lane_find(xl_db *db, const char *s);

/* ---- reading ---- */

typedef struct xl_assess_row {
    int lane_id;
    char lane[32];
    char quarter[8];
    double total;               /* -1 when nothing scored */
    int scored, missing;
    int rank;                   /* within the quarter, 0 = unranked */
    double prev_total;          /* the quarter before, -1 when none: the trend */
} xl_assess_row;

/* Every lane for a quarter, ranked. */
int xl_assess_quarter(xl_db *db, const xl_criteria *crit, const char *quarter,
                      xl_assess_row **out, size_t *n, xl_err *err);
/* One lane over the quarters it was scored in, oldest first, each with its rank then. */
int xl_assess_history(xl_db *db, const xl_criteria *crit, int lane_id, xl_assess_row **out,
                      size_t *n, xl_err *err);
/* Every quarter with any score, oldest first. */
int xl_assess_quarters(xl_db *db, char (**out)[8], size_t *n, xl_err *err);

typedef struct xl_assess_score {
    char criterion[33];
    char name[64];
    int weight;
    int score;                  /* -1 not scored */
    char comment[256];
} xl_assess_score;

/* The lane's scores in a quarter: the current criteria in file order (unscored ones with
 * score -1), then scored criteria no longer in the file. */
int xl_assess_scores(xl_db *db, const xl_criteria *crit, int lane_id, const char *quarter,
                     xl_assess_score **out, size_t *n, xl_err *err);

#endif
