/* report.h — the statistics the office looks at monthly (统计), as plain rows for the
 * statistics pane, the workbook for the street office and the CSV tables.
 *
 * Every figure is computed from the database as it is on `today` (xl_today(), so
 * XIANGLI_TODAY pins it). Definitions, one place:
 *   residents by role    open residencies (moved_out IS NULL) by role;
 *   registration rate    as in stats.h: per room min(current residents, declared headcount),
 *                        summed, over the declared headcount (the totals ARE xl_stats_compute,
 *                        so the workbook's summary equals `xiangli stats --json`);
 *   buildings            every building, worst registration rate first (then by number),
 *                        with its current first responsible person;
 *   monthly moves        12 calendar months ending with `month` (default today's month):
 *                        residencies whose moved_in falls in the month (入住) and whose
 *                        moved_out falls in it (搬离); a move within the community (换房)
 *                        counts once each way, as the register records it;
 *   home provinces       current residents by person.province ("" = not recorded);
 *   open list items      items in state open or in progress, by category, per state;
 *   overdue actions      actions open or in progress whose due date is before today, by owner;
 *   roundtable coverage  share of buildings whose last closed building roundtable was at most
 *                        `roundtable_days` days ago (the map's "no roundtable lately" rule,
 *                        xl_roundtable_ages), overall, by lane and by pioneer group. */
#ifndef XL_REPORT_H
#define XL_REPORT_H

#include <stddef.h>
#include <stdint.h>

#include "xiangli/db.h"
#include "xiangli/stats.h"

#define XL_REPORT_MONTHS 12
#define XL_TARGET_RATE_DEFAULT 0.80

typedef struct xl_report_opts {
    double target;          /* [register] target_rate, 0..1 */
    int roundtable_days;    /* [roundtable] stale_days */
    int stale_days;         /* [register] stale_days */
    char month[8];          /* "YYYY-MM": the last month of the monthly figures; "" = today's */
} xl_report_opts;

/* Defaults: target 0.80, 365 and 180 days, this month. */
void xl_report_opts_init(xl_report_opts *o);
/* 1 if s is "YYYY-MM" with a real month (1900..9999). */
int xl_month_valid(const char *s);

typedef struct xl_fig_building {
    int number;
    char lane[32];
    int pioneer_group;
    char resp_name[64];         /* "" when nobody is recorded */
    char resp_role[16];         /* "owner" / "sublandlord" / "" */
    char resp_phone_masked[16];
    int residents, tenants, declared;
    double rate;
} xl_fig_building;

typedef struct xl_fig_month {
    char month[8];              /* "YYYY-MM" */
    int moved_in, moved_out;
} xl_fig_month;

/* A named count: a province, an owner of overdue actions. key identifies it for the rows
 * behind (a province as written, an owner as "P<id>" or "O<id>"). */
typedef struct xl_fig_count {
    char key[64];
    char label[100];
    int count;
} xl_fig_count;

typedef struct xl_fig_items {
    char category[24];          /* category key */
    int open, in_progress;
} xl_fig_items;

enum { XL_COVER_LANE = 1, XL_COVER_GROUP = 2 };

typedef struct xl_fig_cover {
    int kind;                   /* XL_COVER_LANE / XL_COVER_GROUP */
    int id;                     /* lane id, or pioneer group 1..3 */
    char label[40];             /* lane name, or "" for a group (the caller names it) */
    int buildings, covered;
    double share;               /* covered / buildings (0 for none) */
} xl_fig_cover;

typedef struct xl_figures {
    char today[11];
    xl_report_opts opts;
    xl_stats st;                /* the totals of `xiangli stats` */
    int by_role[4];             /* xl_role order: owner, sub-landlord, tenant, family */
    xl_fig_building *buildings; /* worst rate first */
    size_t nbuildings;
    int below_target;           /* buildings under opts.target */
    xl_fig_month months[XL_REPORT_MONTHS]; /* oldest first */
    xl_fig_count *provinces;    /* most first, then by name */
    size_t nprovinces;
    xl_fig_items *items;        /* by category key */
    size_t nitems;
    xl_fig_count *overdue;      /* most first, then by name */
    size_t noverdue;
    int overdue_total;
    int rt_buildings, rt_covered;
    double rt_share;
    xl_fig_cover *cover;        /* lanes (by id), then groups 1..3 */
    size_t ncover;
} xl_figures;

int xl_figures_load(xl_db *db, const xl_report_opts *opts, xl_figures *f, xl_err *err);
void xl_figures_release(xl_figures *f);

/* ---- the rows behind a figure ---- */

typedef enum {
    XL_BEHIND_ROLE,      /* key: role key → current residents with that role */
    XL_BEHIND_MONTH,     /* key: "YYYY-MM" → people who moved in or out that month */
    XL_BEHIND_PROVINCE,  /* key: province → current residents from there */
    XL_BEHIND_CATEGORY,  /* key: category key → its open and in-progress items */
    XL_BEHIND_OVERDUE,   /* key: "P<id>" / "O<id>" → that owner's overdue actions */
    XL_BEHIND_LANE,      /* key: lane id → its buildings with their last roundtable */
    XL_BEHIND_GROUP,     /* key: group 1..3 → its buildings with their last roundtable */
} xl_behind_kind;

#define XL_BEHIND_COLS 9

typedef struct xl_behind_row {
    char col[XL_BEHIND_COLS][64]; /* display text, numbers masked */
    int building;                 /* the row's building (0 none): Enter opens its card */
    int64_t person_id;            /* the row's person (0 none) */
    int64_t item_id;              /* the row's list item (0 none) */
} xl_behind_row;

typedef struct xl_behind {
    const char *head[XL_BEHIND_COLS]; /* translated column headings, NULL past the last */
    xl_behind_row *rows;
    size_t nrows;
} xl_behind;

/* The rows behind one figure, at most limit rows (0 = all). today as in xl_figures_load;
 * roundtable_days for LANE/GROUP. */
int xl_behind_load(xl_db *db, xl_behind_kind kind, const char *key, int roundtable_days,
                   size_t limit, xl_behind *out, xl_err *err);
void xl_behind_release(xl_behind *b);

/* ---- the first responsible persons' record (第一责任人履职) ----
 * One row per person who is now the first responsible person of at least one building,
 * across those buildings:
 *   rate            registration rate over their buildings (rooms summed, as above);
 *   signouts_on_time  tenant residencies in their buildings closed (签出) no later than
 *                   stale_days after their last confirmation (or move-in);
 *   signouts_late   closed later than that: the sign-out came after the tenancy was stale;
 *   found_stale     open tenancies of their buildings in the stale view now
 *                   (xl_stale_list_load), plus chase records once they exist (the hook
 *                   xl_resp_chase_count in respons.c, issue 12);
 *   rt_convened     closed building roundtables they hosted;
 *   rt_attended     closed building roundtables they attended;
 *   open_safety     open or in-progress items of category "safety" naming one of their
 *                   buildings;
 *   changes         handovers (closed responsible_history rows) on their buildings;
 *   since           the earliest date they have held one of them.
 * Sorted whom to thank first: rate (high first), found_stale, open_safety (few first),
 * rt_convened (many first), name. */
typedef struct xl_resp_record {
    int64_t person_id;
    char name[64];
    char role[16];              /* role of their first building ("owner" / "sublandlord") */
    char phone_masked[16];
    int nbuildings;
    char buildings[160];        /* "5、9、12" (cut with "…") */
    int residents, declared;
    double rate;
    int signouts_on_time, signouts_late, found_stale;
    int rt_convened, rt_attended;
    int open_safety;
    int changes;
    char since[11];
} xl_resp_record;

int xl_resp_records_load(xl_db *db, int stale_days, xl_resp_record **out, size_t *n,
                         xl_err *err);

/* The changes of first responsible person over time on one person's buildings (or on every
 * building when person_id is 0), newest first. */
typedef struct xl_resp_change {
    int building;
    char name[64];
    char role[16];
    char since[11];
    char until[11];             /* "" while holding it */
} xl_resp_change;

int xl_resp_changes_load(xl_db *db, int64_t person_id, xl_resp_change **out, size_t *n,
                         xl_err *err);

/* An audit row's detail (kept as a record, in stable English keys) in the officer's words in
 * the current language: its keys (file=, rows=, status: …) and stored values (roles, list
 * kinds and statuses, categories, channels, in/out) as the screens name them; titles in quotes
 * and other values as written. Under English, the detail as stored. out always ends in '\0'. */
void xl_audit_words(const char *detail, char *out, size_t size);

#endif
