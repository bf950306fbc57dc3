/* lists.h — the four lists (问题 / 需求 / 赋能 / 行动清单): list items, the links along the
 * chain, filtered windows for the lists pane, a building's open items and map figures, and an
 * item's history from the audit table.
 *
 * Rules (the schema, data/schema/003_lists.sql, enforces them too):
 * - An item concerns the buildings it names (up to XL_ITEM_MAX_BUILDINGS); none = the whole
 *   community.
 * - Raised by and owner are a person or an organisation (xl_party). An action must have an
 *   owner and a due date.
 * - Links follow the chain: problem → demand → empowerment → action, plus the shortcuts
 *   problem → action and demand → action (XL_ITEM_LINKS). Every link goes to a later kind,
 *   so there are no cycles; both ends must exist; items are dropped, never deleted, so no link
 *   ever dangles.
 * - Overdue: an action whose due date is before xl_today() and whose status is open or in
 *   progress.
 * - Every change is one transaction with one audit row (entity 'list_item', entity_id = the
 *   item id; links: entity 'list_link', entity_id "FROM>TO"); a rejected form writes nothing
 *   and answers "FIELD: reason", FIELD being one of kind, title, detail, category, buildings,
 *   raised_by, raised_at, source_meeting, owner, due, status, closing_note, link. */
#ifndef XL_LISTS_H
#define XL_LISTS_H

#include <stddef.h>
#include <stdint.h>
#include "xiangli/categories.h"
#include "xiangli/db.h"

/* ---------- enumerations (labels in messages.def: LIST_KIND_*, LIST_STATUS_*, LIST_CAT_*) */

#define XL_ITEM_KINDS(X)          \
    X(PROBLEM, "problem")         \
    X(DEMAND, "demand")           \
    X(EMPOWERMENT, "empowerment") \
    X(ACTION, "action")

/* The links allowed, from → to (the chain order; kept in step with list_link's CHECK). */
#define XL_ITEM_LINKS(X)      \
    X(PROBLEM, DEMAND)        \
    X(DEMAND, EMPOWERMENT)    \
    X(EMPOWERMENT, ACTION)    \
    X(PROBLEM, ACTION)        \
    X(DEMAND, ACTION)

#define XL_ITEM_STATUSES(X)          \
    X(OPEN, "open")                  \
    X(IN_PROGRESS, "in_progress")    \
    X(DONE, "done")                  \
    X(DROPPED, "dropped")

typedef enum {
#define XL_X(id, key) XL_ITEM_##id,
    XL_ITEM_KINDS(XL_X)
#undef XL_X
    XL_ITEM_KIND_COUNT
} xl_item_kind;

typedef enum {
#define XL_X(id, key) XL_ITEM_##id,
    XL_ITEM_STATUSES(XL_X)
#undef XL_X
    XL_ITEM_STATUS_COUNT
} xl_item_status;

#define XL_STATUS_BIT(s) (1u << (unsigned)(s))
#define XL_STATUS_ACTIVE (XL_STATUS_BIT(XL_ITEM_OPEN) | XL_STATUS_BIT(XL_ITEM_IN_PROGRESS))

const char *xl_item_kind_key(xl_item_kind k);
const char *xl_item_kind_label(xl_item_kind k);   /* 问题 / Problem */
const char *xl_item_list_label(xl_item_kind k);   /* 问题清单 / Problem list */
/* Key or label in either language; -1 when unknown. */
int xl_item_kind_parse(const char *s);
const char *xl_item_status_key(xl_item_status s);
const char *xl_item_status_label(xl_item_status s);
/* The labels in a given language ("zh" for the street office's workbook). */
const char *xl_item_kind_label_in(xl_item_kind k, const char *lang);
const char *xl_item_status_label_in(xl_item_status s, const char *lang);
int xl_item_status_parse(const char *s);
/* 1 if a link from → to is allowed by XL_ITEM_LINKS. */
int xl_item_link_allowed(xl_item_kind from, xl_item_kind to);

/* ---------- who: a person or an organisation ---------- */

typedef enum { XL_PARTY_NONE, XL_PARTY_PERSON, XL_PARTY_ORG } xl_party_kind;
typedef struct xl_party {
    xl_party_kind kind;
    int64_t id;
} xl_party;

static inline xl_party xl_party_person(int64_t id) { return (xl_party){XL_PARTY_PERSON, id}; }
static inline xl_party xl_party_org(int64_t id) { return (xl_party){XL_PARTY_ORG, id}; }
static inline xl_party xl_party_none(void) { return (xl_party){XL_PARTY_NONE, 0}; }

/* 1 if the person / organisation exists (NONE: 1). */
int xl_party_exists(xl_db *db, xl_party p);
/* 1 when p is the community office itself (an organisation named 居委/居民委员会): the
 * office hands items out, it cannot be an item's owner. */
int xl_party_is_office(xl_db *db, xl_party p);
int xl_org_name_is_office(const char *name);
/* Name of the person or organisation; "" for NONE or unknown. */
int xl_party_name(xl_db *db, xl_party p, char *out, size_t size, xl_err *err);

typedef struct xl_org {
    int64_t id;
    char name[96];
    char kind[16]; /* street, police, department, deputy, volunteer, other */
} xl_org;
/* All organisations, by kind then name (a small table: the owner picker shows it whole). */
int xl_orgs_list(xl_db *db, xl_org **out, size_t *n, xl_err *err);
/* Organisation id by exact name; 0 if none. */
int64_t xl_org_find(xl_db *db, const char *name);

/* ---------- one item ---------- */

#define XL_ITEM_TITLE_MAX 80   /* characters */
#define XL_ITEM_DETAIL_MAX 500
#define XL_ITEM_NOTE_MAX 200
#define XL_ITEM_MAX_BUILDINGS 16
#define XL_TEXT_BYTES(chars) ((chars) * 4 + 1)

/* What the item editor submits. Strings are borrowed. */
typedef struct xl_item_form {
    xl_item_kind kind;
    const char *title;       /* 1..80 characters, one line */
    const char *detail;      /* NULL = ""; up to 500 characters */
    const char *category;    /* key or label */
    const int *buildings;    /* distinct, existing; nbuildings = 0: the whole community */
    size_t nbuildings;
    xl_party raised_by;      /* optional */
    const char *raised_at;   /* YYYY-MM-DD; NULL or "" = today */
    int64_t source_meeting;  /* 0 = none */
    xl_party owner;          /* required for an action */
    const char *due;         /* YYYY-MM-DD, not before raised_at; required for an action */
} xl_item_form;

typedef struct xl_list_item {
    int64_t id;
    xl_item_kind kind;
    xl_item_status status;
    char title[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    char detail[XL_TEXT_BYTES(XL_ITEM_DETAIL_MAX)];
    char category[24];
    int buildings[XL_ITEM_MAX_BUILDINGS]; /* ascending */
    size_t nbuildings;
    xl_party raised_by;
    char raised_by_name[96];
    char raised_at[11];
    int64_t source_meeting;
    char source_meeting_title[XL_TEXT_BYTES(80)];
    xl_party owner;
    char owner_name[96];
    char due[11];            /* "" = none */
    char closing_note[XL_TEXT_BYTES(XL_ITEM_NOTE_MAX)];
    char closed_at[20];      /* "" while open / in progress */
    char created_at[20];
    char updated_at[20];
    int overdue;
} xl_list_item;

/* Blank form of a kind (category "other", today, nothing else). */
void xl_item_form_init(xl_item_form *f, xl_item_kind kind);
/* Form holding an item's current values (pointers into it), for the editor. */
void xl_item_form_from(xl_item_form *f, const xl_list_item *it);

int xl_list_item_create(xl_db *db, const xl_item_form *f, int64_t *id, xl_err *err);
/* Replaces every form field of item id. Nothing changed: XL_OK and no audit row. The kind of
 * an item with links or made from a meeting decision cannot change. */
int xl_list_item_update(xl_db *db, int64_t id, const xl_item_form *f, xl_err *err);
/* done / dropped need a closing note (1..200 characters); going back to open or in progress
 * clears it. The same status again is refused. */
int xl_list_item_set_status(xl_db *db, int64_t id, xl_item_status st, const char *note, xl_err *err);
/* XL_ENOTFOUND if there is no such item. */
int xl_list_item_load(xl_db *db, int64_t id, xl_list_item *out, xl_err *err);
/* Checks a date: YYYY-MM-DD and a real calendar day (no 2026-02-30). */
int xl_list_date_valid(const char *ymd);
/* Checks a form text field: valid UTF-8, at most max characters, not blank when required;
 * one line (multiline 0: no control characters) or a block (newline and tab allowed).
 * Fails with "FIELD: reason". */
int xl_list_check_text(const char *field, const char *s, long max, int required, int multiline,
                       xl_err *err);

/* ---------- links ---------- */

int xl_list_link(xl_db *db, int64_t from, int64_t to, xl_err *err);
/* Creates the next item of a chain already linked from item `from` (from -> new): the item,
 * the link and their audit rows in one transaction. A refused item or link (e.g. a kind that
 * may not follow from's kind) leaves the database unchanged. *id = the new item, 0 on error. */
int xl_list_item_create_linked(xl_db *db, const xl_item_form *f, int64_t from, int64_t *id,
                               xl_err *err);
int xl_list_unlink(xl_db *db, int64_t from, int64_t to, xl_err *err);

/* ---------- windows for the lists pane ---------- */

#define XL_LIST_COMMUNITY (-1) /* building filter: only items about the whole community */

typedef struct xl_list_filter {
    int kind;              /* -1 any, else xl_item_kind */
    const char *category;  /* NULL or "" any; key */
    int building;          /* 0 any, N items naming building N, XL_LIST_COMMUNITY */
    xl_party owner;        /* NONE any */
    unsigned status_mask;  /* 0 any, else XL_STATUS_BIT()s */
    int overdue_only;      /* only overdue actions */
    const char *text;      /* NULL or "" any, else a substring of the title */
} xl_list_filter;

typedef struct xl_list_row {
    int64_t id;
    xl_item_kind kind;
    xl_item_status status;
    char title[XL_TEXT_BYTES(XL_ITEM_TITLE_MAX)];
    char category[24];
    int building;          /* lowest building named, 0 = whole community */
    int nbuildings;
    char owner_name[96];
    char due[11];
    char raised_at[11];
    int overdue;
    int nup;               /* links from earlier items (what it answers) */
    int ndown;             /* links to later items (what answers it) */
} xl_list_row;

typedef struct xl_list_page {
    xl_list_row *rows;
    size_t n;
    size_t total;                            /* rows matching the whole filter */
    size_t per_kind[XL_ITEM_KIND_COUNT];     /* matching the filter but for its kind */
    size_t overdue;                          /* overdue actions matching it but for its kind */
} xl_list_page;

void xl_list_filter_init(xl_list_filter *f); /* everything */
/* One window (offset, limit; limit 0 = no limit). Order: open and in progress first, overdue
 * first, then by due date (none last), newest first. */
int xl_list_query(xl_db *db, const xl_list_filter *f, size_t offset, size_t limit,
                  xl_list_page *out, xl_err *err);
void xl_list_page_release(xl_list_page *p);
/* A building's open and in-progress items (for the building card). */
int xl_list_building_open(xl_db *db, int building, xl_list_page *out, xl_err *err);

/* Per building, for the map overlay: only buildings with at least one open item. */
typedef struct xl_building_items {
    int building;
    int open_items;       /* open or in progress, any kind */
    int open_problems;
    int open_hazards;     /* open problems of category "safety" */
    int overdue_actions;
} xl_building_items;
int xl_list_building_counts(xl_db *db, xl_building_items **out, size_t *n, xl_err *err);

/* ---------- the chain and the history ---------- */

typedef enum {
    XL_CHAIN_LINEAGE,   /* the item, everything it answers and everything that answers it */
    XL_CHAIN_COMPONENT, /* everything connected to it by links, in any direction */
} xl_chain_mode;

#define XL_CHAIN_MAX 500

typedef struct xl_chain_link {
    int64_t from, to;
} xl_chain_link;

typedef struct xl_chain {
    xl_list_row *items;   /* by kind (problem … action), then id; the item itself included */
    size_t n;
    xl_chain_link *links; /* the links among these items */
    size_t nlinks;
    int truncated;        /* more than XL_CHAIN_MAX items */
} xl_chain;

int xl_list_chain(xl_db *db, int64_t id, xl_chain_mode mode, xl_chain *out, xl_err *err);
void xl_chain_release(xl_chain *c);

typedef struct xl_history_row {
    char at[20];
    char operator_login[64];
    char action[32];     /* list.create, list.update, list.status, list.link, ... */
    char detail[1024];
} xl_history_row;
/* Oldest first: the item's audit rows and those of its links. */
int xl_list_history(xl_db *db, int64_t id, xl_history_row **out, size_t *n, xl_err *err);

#endif
