/* lists_demo_internal.h — for the demo lists' own files only (lists_demo.c,
 * lists_demo_meetings.c, lists_demo_chains.c): the context, the meeting plan and the helpers
 * they share. Never include this from outside src/core. */
#ifndef XL_LISTS_DEMO_INTERNAL_H
#define XL_LISTS_DEMO_INTERNAL_H

#include "core/db/db_internal.h"

#include <stddef.h>
#include <stdint.h>

#include "demo/demo.h"
#include "xiangli/lists.h"
#include "core/lists/lists_tx.h"
#include "xiangli/meeting.h"

#define REF_Y 2026 /* statuses are those of 2026-11-01 */
#define REF_M 11
#define REF_D 1
#define MAX_RESIDENTS 64
#define MAX_ATTENDEES 24
#define CHAIN_PERMILLE 150 /* roundtables that raise a chain */

/* ---------- organisations (found by name, inserted when missing) ---------- */

#define DEMO_ORGS(X)                                             \
    X(STREET, "九里亭街道办事处", "street")                       \
    X(POLICE, "九里亭派出所", "police")                           \
    X(HOUSING, "松江区房屋管理局", "department")                  \
    X(FIRE, "松江区消防救援支队九里亭站", "department")            \
    X(URBAN, "松江区城管执法局九里亭中队", "department")           \
    X(EDU, "松江区教育局", "department")                          \
    X(JOBS, "九里亭街道就业服务站", "department")                  \
    X(NPC, "区人大代表九里亭联络站", "deputy")                     \
    X(CPPCC, "区政协委员工作室", "deputy")                         \
    X(VOLUNTEER, "巷里一家志愿者队", "volunteer")                  \
    X(CLINIC, "九里亭社区卫生服务中心", "other")                    \
    X(PROPERTY, "杜巷物业服务站", "other")

enum {
#define XL_X(id, name, kind) O_##id,
    DEMO_ORGS(XL_X)
#undef XL_X
    O_COUNT,
    RESP = -1, /* the building's first responsible person */
};

/* ---------- chains: %d is the building number ---------- */

typedef struct act_tpl {
    const char *title;
    int owner; /* O_* or RESP */
} act_tpl;

typedef struct chain_tpl {
    int weight; /* how often the problem comes up */
    const char *cat;
    const char *problem, *detail;
    const char *demand;  /* NULL: the problem leads straight to actions */
    const char *empower; /* NULL: the demand leads straight to actions */
    int empower_org;
    act_tpl act[3];
    const char *note, *decision;
} chain_tpl;

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

/* ---------- context ---------- */

#define LD_SQL(X)                                                                              \
    X(MEETING, "INSERT INTO meeting(kind, title, starts_at, place, host_person_id, host_org_id,"  \
               " building, pioneer_group, status, started_at, created_at)"                      \
               " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)")                         \
    X(AGENDA, "INSERT INTO agenda_item(meeting_id, position, list_item_id, title, minutes,"     \
              " notes, decision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)")                           \
    X(AACTION, "INSERT INTO agenda_action(agenda_item_id, action_id) VALUES (?1, ?2)")          \
    X(ATTEND, "INSERT INTO attendance(meeting_id, person_id, org_id, role) VALUES (?1, ?2, ?3, ?4)") \
    X(RESIDENTS, "SELECT person_id, role FROM residency WHERE building = ?1 AND moved_in <= ?2" \
                 " AND (moved_out IS NULL OR moved_out > ?2) ORDER BY id")                       \
    X(REVIEW_BLD, "SELECT DISTINCT i.id FROM list_item i JOIN list_item_building b ON b.item_id = i.id" \
                  " WHERE b.building = ?1 AND i.kind = 'problem' AND i.raised_at < ?2"           \
                  " ORDER BY i.id DESC LIMIT ?3")                                                \
    X(REVIEW_GROUP, "SELECT DISTINCT i.id FROM list_item i JOIN list_item_building b ON b.item_id = i.id" \
                    " JOIN building g ON g.number = b.building WHERE g.pioneer_group = ?1"       \
                    " AND i.kind = 'problem' AND i.raised_at < ?2 ORDER BY i.id DESC LIMIT ?3")  \
    X(REVIEW_SAFETY, "SELECT i.id FROM list_item i WHERE ?1 = ?1 AND i.kind = 'problem'"        \
                     " AND i.category = 'safety' AND i.raised_at < ?2 ORDER BY i.id DESC LIMIT ?3") \
    X(OPEN_BLD, "SELECT DISTINCT i.id FROM list_item i JOIN list_item_building b ON b.item_id = i.id" \
                " WHERE b.building = ?1 AND i.kind = 'problem' AND i.status IN ('open', 'in_progress')" \
                " AND ?2 = ?2 ORDER BY i.id LIMIT ?3")                                           \
    X(CLOSE, "UPDATE meeting SET status = 'closed', closed_at = ?2 WHERE id = ?1")              \
    X(MINUTES, "UPDATE meeting SET minutes = ?2 WHERE id = ?1")

enum {
#define XL_X(id, sql) LS_##id,
    LD_SQL(XL_X)
#undef XL_X
    LS_COUNT
};

typedef struct bld {
    int number;
    int64_t resp;          /* 0 none */
    char resp_role[16];    /* owner / sublandlord */
    int group;
} bld;

typedef struct mplan {
    int day, minute;       /* day number; minutes after midnight */
    int kind;              /* xl_meeting_kind */
    int bi;                /* index into buildings (roundtable), else -1 */
    int group;             /* pioneer group */
    int64_t id;
} mplan;

typedef struct person_role {
    int64_t person;
    char role[16];
} person_role;

typedef struct ld {
    xl_db *db;
    xl_err *err;
    int rc; /* sticky: once set, every further write is skipped */
    xl_rng rng;
    sqlite3_stmt *st[LS_COUNT];
    int64_t org[O_COUNT];
    bld *b;
    size_t nb;
    mplan *m;
    size_t nm, mcap;
    int reps[3];           /* discussion-point representatives: building indexes, -1 none */
    int group_host[4];     /* pioneer group hosts: building indexes, -1 none */
    size_t next_community;
    size_t community_left_meetings;
    int ref;               /* day number of 2026-11-01 */
    /* the meeting being written */
    int64_t seen[MAX_ATTENDEES];
    size_t nseen;
    person_role res[MAX_RESIDENTS];
    size_t nres;
} ld;

typedef struct chain_ctx {
    const mplan *m;
    int building;      /* 0: the whole community */
    int64_t resp;      /* the building's first responsible person, 0 none */
    xl_party raised_by;
    char day[11];
    char stamp[20];
} chain_ctx;

/* ---------- dates, random helpers (lists_demo.c) ---------- */

void ld_fmt_day(int z, char out[11]);
/* "YYYY-MM-DD HH:MM" (seconds = 0: 16 characters) or with ":SS" when sec >= 0. */
void ld_fmt_time(int z, int minute, int sec, char out[20]);
int ld_month_of(int z);
int ld_chance(ld *d, unsigned permille);
int ld_between(ld *d, int lo, int hi);
const char *ld_pick_str(ld *d, const char *const *a, size_t n);

/* ---------- statements (lists_demo.c) ---------- */

int ld_fail_db(ld *d, const char *what);
sqlite3_stmt *ld_stmt(ld *d, int which);
void ld_bind_i64(sqlite3_stmt *st, int idx, int64_t v);
void ld_bind_str(sqlite3_stmt *st, int idx, const char *s);
int64_t ld_run_insert(ld *d, sqlite3_stmt *st, const char *what);
/* Up to max ids from a query bound as (?1 int, ?2 text, ?3 limit). */
size_t ld_query_ids(ld *d, int which, int64_t a, const char *b, int64_t *out, size_t max);

/* ---------- the buildings' first responsible persons (lists_demo.c) ---------- */

/* The first responsible person of building index bi as a party (NONE for -1 or nobody). */
xl_party ld_resp_party(const ld *d, int bi);
const char *ld_resp_role(const ld *d, int bi);

/* ---------- meetings (lists_demo_meetings.c) ---------- */

int64_t ld_add_agenda(ld *d, const mplan *m, int pos, int64_t item, const char *title, int minutes,
                      const char *notes, const char *decision);
void ld_emit_meeting(ld *d, mplan *m);

/* ---------- chains of list items (lists_demo_chains.c) ---------- */

/* A problem raised at meeting m, on its agenda at pos, and the chain that answers it. */
void ld_emit_chain(ld *d, const chain_ctx *c, const chain_tpl *t, int pos);
void ld_chain_init(ld *d, const mplan *m, int building, int64_t resp, chain_ctx *c);

/* ---------- the demo community's lists and meetings (src/demo/lists_demo.c) ----------
 * Called by the demo generator inside its own transaction, after buildings, people and
 * organisations exist: a few hundred list items across the categories, with chains and
 * statuses as of 2026-11-01 (some done, some actions overdue), and a history of meetings
 * 2024-2026 (building roundtables, pioneer groups, the discussion point, joint meetings with
 * departments) with agendas, attendance, actions from decisions and minutes; a few meetings
 * planned after 2026-11-01. Deterministic from seed; reads no clock; writes no audit rows
 * (the demo's own row covers it). XL_EFAIL if list items or meetings exist already. */
int xl_lists_demo_build(xl_db *db, unsigned long long seed, xl_err *err);


#endif
