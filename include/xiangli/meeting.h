/* meeting.h — the roundtable (小圆桌) and the other meetings: lifecycle, agenda, attendance,
 * notes and decisions, actions made from decisions, minutes, and which buildings have had no
 * roundtable for a while.
 *
 * Rules:
 * - Kinds: building roundtable (needs a building), pioneer group (needs group 1..3),
 *   discussion point "巷里一家", joint meeting with departments.
 * - Host: a person or an organisation; left empty on a building roundtable it is the building's
 *   first responsible person.
 * - Status moves planned → running → closed only. Agenda, attendance, notes and decisions
 *   change while planned or running; actions are made from decisions while running; a closed
 *   meeting is final (its minutes are written at close and kept in the database).
 * - Agenda positions are always 1..n without gaps.
 * - An attendee's role is the person's current residency role in the meeting's building (for a
 *   meeting without a building: anywhere in the community), else "other"; organisations count
 *   as "org", or "deputy" for the two deputies and one member (organisation kind 'deputy').
 * - Every change is one transaction with one audit row (entity 'meeting', entity_id = the
 *   meeting id; an action made from a decision is audited as entity 'list_item'). Rejected
 *   input writes nothing and answers "FIELD: reason". */
#ifndef XL_MEETING_H
#define XL_MEETING_H

#include <stddef.h>
#include <stdint.h>
#include "xiangli/db.h"
#include "xiangli/lists.h"

struct xl_buf;

/* Labels in messages.def: MTG_KIND_*, MTG_STATUS_*, MTG_ROLE_*. */
#define XL_MEETING_KINDS(X)       \
    X(ROUNDTABLE, "roundtable")   \
    X(PIONEER, "pioneer")         \
    X(DISCUSSION, "discussion")   \
    X(JOINT, "joint")

#define XL_MEETING_STATUSES(X) \
    X(PLANNED, "planned")      \
    X(RUNNING, "running")      \
    X(CLOSED, "closed")

#define XL_ATTEND_ROLES(X)          \
    X(OWNER, "owner")               \
    X(SUBLANDLORD, "sublandlord")   \
    X(TENANT, "tenant")             \
    X(FAMILY, "family")             \
    X(OTHER, "other")               \
    X(ORG, "org")                   \
    X(DEPUTY, "deputy")

typedef enum {
#define XL_X(id, key) XL_MEETING_##id,
    XL_MEETING_KINDS(XL_X)
#undef XL_X
    XL_MEETING_KIND_COUNT
} xl_meeting_kind;

typedef enum {
#define XL_X(id, key) XL_MEETING_##id,
    XL_MEETING_STATUSES(XL_X)
#undef XL_X
    XL_MEETING_STATUS_COUNT
} xl_meeting_status;

typedef enum {
#define XL_X(id, key) XL_ATTEND_##id,
    XL_ATTEND_ROLES(XL_X)
#undef XL_X
    XL_ATTEND_ROLE_COUNT
} xl_attend_role;

#define XL_MEETING_STATUS_BIT(s) (1u << (unsigned)(s))

const char *xl_meeting_kind_key(xl_meeting_kind k);
const char *xl_meeting_kind_label(xl_meeting_kind k);
int xl_meeting_kind_parse(const char *s);     /* key or label; -1 unknown */
const char *xl_meeting_status_key(xl_meeting_status s);
const char *xl_meeting_status_label(xl_meeting_status s);
/* The labels in a given language ("zh" for the street office's workbook). */
const char *xl_meeting_kind_label_in(xl_meeting_kind k, const char *lang);
const char *xl_meeting_status_label_in(xl_meeting_status s, const char *lang);
const char *xl_attend_role_key(xl_attend_role r);
const char *xl_attend_role_label(xl_attend_role r);

#define XL_MEETING_TITLE_MAX 80   /* characters */
#define XL_MEETING_PLACE_MAX 64
#define XL_AGENDA_TITLE_MAX 80
#define XL_AGENDA_NOTES_MAX 1000
#define XL_AGENDA_DECISION_MAX 500
#define XL_AGENDA_MINUTES_DEFAULT 10
#define XL_AGENDA_MINUTES_MAX 240
#define XL_ROUNDTABLE_STALE_DAYS 365 /* default period for "no roundtable lately" */

/* ---------- meetings ---------- */

typedef struct xl_meeting_form {
    xl_meeting_kind kind;
    const char *title;      /* NULL or "" = from the kind: 5号楼小圆桌, 第2先锋楼组工作会 … */
    const char *starts_at;  /* "YYYY-MM-DD HH:MM" */
    const char *place;      /* NULL or "" = 5号楼公共区域 / 巷里一家议事点 / "" */
    xl_party host;          /* NONE = default (roundtable: the first responsible person) */
    int building;           /* required for a roundtable; 0 = none otherwise */
    int pioneer_group;      /* 1..3, required for a pioneer group meeting; 0 otherwise */
} xl_meeting_form;

void xl_meeting_form_init(xl_meeting_form *f, xl_meeting_kind kind);
int xl_meeting_create(xl_db *db, const xl_meeting_form *f, int64_t *id, xl_err *err);
/* While planned: title, time, place and host (kind, building and group stay). */
int xl_meeting_update(xl_db *db, int64_t id, const xl_meeting_form *f, xl_err *err);
int xl_meeting_start(xl_db *db, int64_t id, xl_err *err);   /* planned → running */
/* running → closed: writes the minutes into the meeting. */
int xl_meeting_close(xl_db *db, int64_t id, xl_err *err);

/* ---------- agenda ---------- */

/* Adds a list item (minutes 0 = XL_AGENDA_MINUTES_DEFAULT) at the end. */
int xl_agenda_add_item(xl_db *db, int64_t meeting, int64_t list_item, int minutes,
                       int64_t *agenda_id, xl_err *err);
/* Adds a free item with its own title at the end. */
int xl_agenda_add_free(xl_db *db, int64_t meeting, const char *title, int minutes,
                       int64_t *agenda_id, xl_err *err);
/* delta -1 moves up one place, +1 down one place; at the top/bottom it is refused. */
int xl_agenda_move(xl_db *db, int64_t agenda_id, int delta, xl_err *err);
/* Removes an item that has no actions; the rest close ranks. */
int xl_agenda_remove(xl_db *db, int64_t agenda_id, xl_err *err);
int xl_agenda_set_minutes(xl_db *db, int64_t agenda_id, int minutes, xl_err *err);
int xl_agenda_set_notes(xl_db *db, int64_t agenda_id, const char *notes, xl_err *err);
int xl_agenda_set_decision(xl_db *db, int64_t agenda_id, const char *decision, xl_err *err);

/* Turns a decision into an action list item: owner and due required, title 1..80 characters
 * (NULL or "" = the decision text cut to 80). The action gets source_meeting = the meeting,
 * detail = the decision, the agenda item's category and buildings (free item: "other" and the
 * meeting's building), and a chain link from the agenda's list item when that is a problem,
 * demand or empowerment. Only while the meeting runs. */
int xl_meeting_decision_to_action(xl_db *db, int64_t agenda_item, const char *title,
                                  xl_party owner, const char *due, int64_t *action_id, xl_err *err);

/* ---------- attendance ---------- */

int xl_attendance_add_person(xl_db *db, int64_t meeting, int64_t person, int64_t *attendance_id,
                             xl_err *err);
int xl_attendance_add_org(xl_db *db, int64_t meeting, int64_t org, int64_t *attendance_id,
                          xl_err *err);
int xl_attendance_remove(xl_db *db, int64_t attendance_id, xl_err *err);

typedef struct xl_attend_counts {
    int by_role[XL_ATTEND_ROLE_COUNT];
    int persons;
    int orgs;      /* organisations, deputies included */
    int total;
} xl_attend_counts;

int xl_attendance_counts(xl_db *db, int64_t meeting, xl_attend_counts *c, xl_err *err);

/* ---------- reading a meeting ---------- */

typedef struct xl_agenda_action {
    int64_t id;
    char title[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    char owner_name[96];
    char due[11];
    xl_item_status status;
} xl_agenda_action;

typedef struct xl_agenda_entry {
    int64_t id;
    int position;               /* 1..n */
    int64_t list_item;          /* 0 = a free item */
    int item_kind;              /* xl_item_kind, -1 for a free item */
    xl_item_status item_status;
    char title[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    int minutes;
    char *notes;                /* owned, never NULL */
    char *decision;             /* owned, never NULL */
    xl_agenda_action *actions;  /* owned */
    size_t nactions;
} xl_agenda_entry;

typedef struct xl_attendee {
    int64_t id;
    xl_party who;
    char name[96];
    xl_attend_role role;
} xl_attendee;

typedef struct xl_meeting {
    int64_t id;
    xl_meeting_kind kind;
    xl_meeting_status status;
    char title[XL_TEXT_BYTES(XL_MEETING_TITLE_MAX)];
    char starts_at[17];
    char place[XL_TEXT_BYTES(XL_MEETING_PLACE_MAX)];
    xl_party host;
    char host_name[96];
    int building;               /* 0 none */
    int pioneer_group;          /* 0 none */
    char started_at[20];
    char closed_at[20];
    char created_at[20];
    xl_agenda_entry *agenda;    /* by position */
    size_t nagenda;
    int total_minutes;
    xl_attendee *attendees;     /* persons by role then name, then organisations */
    size_t nattendees;
    xl_attend_counts counts;
    char *minutes;              /* owned; "" until closed */
} xl_meeting;

/* XL_ENOTFOUND if there is no such meeting. */
int xl_meeting_load(xl_db *db, int64_t id, xl_meeting *m, xl_err *err);
void xl_meeting_release(xl_meeting *m);

typedef struct xl_meeting_filter {
    int kind;               /* -1 any */
    unsigned status_mask;   /* 0 any, else XL_MEETING_STATUS_BIT()s */
    int building;           /* 0 any */
} xl_meeting_filter;

typedef struct xl_meeting_row {
    int64_t id;
    xl_meeting_kind kind;
    xl_meeting_status status;
    char title[XL_TEXT_BYTES(XL_MEETING_TITLE_MAX)];
    char starts_at[17];
    char place[XL_TEXT_BYTES(XL_MEETING_PLACE_MAX)];
    int building;
    char host_name[96];
    int nagenda;
    int nattendees;
} xl_meeting_row;

typedef struct xl_meeting_page {
    xl_meeting_row *rows;
    size_t n;
    size_t total;
} xl_meeting_page;

void xl_meeting_filter_init(xl_meeting_filter *f);
/* Running first, then planned soonest first, then closed latest first. limit 0 = all. */
int xl_meeting_list(xl_db *db, const xl_meeting_filter *f, size_t offset, size_t limit,
                    xl_meeting_page *out, xl_err *err);
void xl_meeting_page_release(xl_meeting_page *p);

/* ---------- minutes ---------- */

/* Renders the meeting's minutes as Markdown from what the database holds now (used at close;
 * also a preview for a meeting still running). Labels follow the current language. */
int xl_meeting_minutes_render(xl_db *db, int64_t meeting, struct xl_buf *out, xl_err *err);
/* Writes the stored minutes of a closed meeting to path (via a temporary file and rename). */
int xl_meeting_export_minutes(xl_db *db, int64_t meeting, const char *path, xl_err *err);
/* "minutes-YYYY-MM-DD-<id>.md" */
void xl_meeting_minutes_filename(const xl_meeting *m, char *out, size_t size);

/* ---------- buildings without a roundtable ---------- */

typedef struct xl_roundtable_age {
    int building;
    char last[11];      /* date of the last closed roundtable, "" never */
    int days;           /* days since then, -1 never */
    int stale;          /* never, or more than period_days ago */
} xl_roundtable_age;

/* Every building (stale_only = 0, for the map overlay) or only the stale ones (the list),
 * by building number. period_days <= 0 means XL_ROUNDTABLE_STALE_DAYS. */
int xl_roundtable_ages(xl_db *db, int period_days, int stale_only, xl_roundtable_age **out,
                       size_t *n, xl_err *err);

#endif
