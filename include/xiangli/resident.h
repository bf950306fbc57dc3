/* resident.h — the tenant register (实有人口底册): sign-in (签进) and moves, sign-out (签出),
 * confirmation, change of first responsible person, the person card, the audited reveal of
 * a full number, the stale-tenancy list and the register window.
 *
 * Writes (src/core/resident.c) are each one transaction with their audit row; a rejected
 * input leaves the database unchanged. Reads (src/core/residency.c) return ID numbers and
 * phones masked; xl_person_reveal() is the only function here that returns a whole number,
 * and it writes an audit row first.
 *
 * Registration state (登记状态) of a person, used by the register filter, the register rows
 * and the person card — "complete" (完整) when BOTH hold:
 *   1. an ID number is recorded, of GB 11643 shape (17 digits then a digit or X; every writer
 *      checks the check character and birth date before storing one), and
 *   2. a mainland mobile number of 11 digits 1[3-9]… is recorded, OR the holder is under 16
 *      today by the birth date in the ID number (children have no phone of their own).
 * Anything else is "incomplete" (不完整): the office follows these up.
 *
 * Order of the register: building number, then room (as text: "101" < "1001" < "102"), then
 * name (binary UTF-8 order), then residency id. */
#ifndef XL_RESIDENT_H
#define XL_RESIDENT_H

#include <stddef.h>
#include <stdint.h>
#include "xiangli/db.h"
#include "xiangli/model.h"

/* ---------- sign-in form ---------- */

/* The form's fields, declared once: X(ID, key, label message id). */
#define XL_SIGNIN_FIELDS(X)                     \
    X(NAME, "name", NAME)                 \
    X(GENDER, "gender", REG_F_GENDER)           \
    X(ID_NUMBER, "id_number", ID_NUMBER)  \
    X(PHONE, "phone", PHONE)              \
    X(PROVINCE, "province", REG_F_PROVINCE)     \
    X(WORKPLACE, "workplace", REG_F_WORKPLACE)  \
    X(BUILDING, "building", BUILDING)     \
    X(ROOM, "room", ROOM)                 \
    X(ROLE, "role", ROLE)                 \
    X(MOVED_IN, "moved_in", REG_F_MOVED_IN)     \
    X(CHANNEL, "channel", REG_F_CHANNEL)

typedef enum {
#define XL_X(id, key, label) XL_SF_##id,
    XL_SIGNIN_FIELDS(XL_X)
#undef XL_X
    XL_SF_COUNT
} xl_signin_field;

const char *xl_signin_field_key(xl_signin_field f);   /* "id_number" */
const char *xl_signin_field_label(xl_signin_field f); /* "身份证号" / "ID number" (xl_tr) */

/* Every field as typed (UTF-8; NULL is the same as ""). Surrounding blanks are ignored.
 *   name       required, 1–32 characters, no control characters
 *   gender     optional: 男/女/M/F/male/female; when empty it is taken from the ID number;
 *              when both are given they must agree (17th digit odd = male)
 *   id_number  optional (without it the registration is incomplete); 18 characters,
 *              check character and birth date (real, not after today); x is read as X
 *   phone      optional; an 11-digit mobile 1[3-9]…; spaces and '-' are ignored
 *   province   optional, at most 16 characters; workplace optional, at most 40
 *   building   required, an existing building number
 *   room       required, a room of that building
 *   role       required: xl_role_parse() (owner/sublandlord/tenant/family, 业主/二房东/租客/家属)
 *   moved_in   YYYY-MM-DD, a real date not after today nor before the birth date in the ID;
 *              empty = today
 *   channel    xl_channel_parse() (qr/desk/landlord, 扫码/窗口/房东代办); empty = desk */
typedef struct xl_signin_form {
    const char *name, *gender, *id_number, *phone, *province, *workplace;
    const char *building, *room, *role, *moved_in, *channel;
} xl_signin_form;

typedef struct xl_field_error {
    xl_signin_field field;
    char msg[256]; /* in the UI language, meant to be shown beside the field */
} xl_field_error;

/* At most one message per field, in form order. */
typedef struct xl_field_errors {
    xl_field_error e[XL_SF_COUNT];
    size_t n;
} xl_field_errors;

/* The message for field f, or NULL when the field is fine. */
const char *xl_field_errors_get(const xl_field_errors *fe, xl_signin_field f);

/* Checks every field (does not stop at the first problem). XL_OK when all are fine, else
 * XL_EFAIL with out->n > 0. A database failure while checking building/room is reported as
 * that field's message. Does not look for an existing person: see xl_signin_find_existing. */
int xl_signin_validate(xl_db *db, const xl_signin_form *form, xl_field_errors *out);

/* Someone already registered under an ID number, so the form can offer to move them. */
typedef struct xl_existing {
    int64_t person_id;
    char name[100];
    char id_masked[24];
    int64_t residency_id; /* current residency, 0 when living nowhere in the register */
    int building;
    char room[9];
    char role[16];        /* role key */
    char moved_in[11];
} xl_existing;

/* XL_OK and *out filled when id_number (blanks and case of x ignored) is registered,
 * XL_ENOTFOUND when it is not (or is empty), XL_EFAIL on a database error. */
int xl_signin_find_existing(xl_db *db, const char *id_number, xl_existing *out, xl_err *err);

typedef enum {
    XL_SIGNIN_NEW,  /* a new person and their residency */
    XL_SIGNIN_MOVE, /* an already registered person moves (or comes back) */
} xl_signin_mode;

/* Validates the form (XL_EFAIL, err = the first field's "label: message"), then in one
 * transaction with its audit row:
 *   NEW   creates the person and the residency ("resident.signin"). Refused (XL_EFAIL) when
 *         the ID number is already registered; *person_id then names that person, so the
 *         caller can offer MOVE.
 *   MOVE  ("resident.move") the person is the holder of the form's ID number; when the form
 *         has no ID number, the one named by *person_id on entry (whose missing ID number is
 *         recorded if the form brings one). Closes the current residency, if any, with
 *         moved_out = the new moved_in and channel_out = the form's channel, opens the new one,
 *         and updates gender, phone, province and workplace where the form gives them (the
 *         name on record is kept). Refused when the person already lives in that very room or
 *         the move-in date is before the current residency began. XL_ENOTFOUND when nobody
 *         matches.
 * On success *person_id is the person. On any failure the database is unchanged. */
int xl_signin_commit(xl_db *db, const xl_signin_form *form, xl_signin_mode mode,
                     int64_t *person_id, xl_err *err);
/* ---------- sign-out, confirmation, first responsible person ---------- */

/* Closes an open residency: moved_out = date (YYYY-MM-DD; empty = today; not before
 * moved_in, not after today), channel_out = channel (empty = desk). The person and the
 * history stay. Audit "resident.signout". XL_ENOTFOUND for no such residency; XL_EFAIL when
 * it is already closed or the input is bad. */
int xl_signout(xl_db *db, int64_t residency_id, const char *moved_out, const char *channel,
               xl_err *err);
/* The same for the person's current residency (XL_ENOTFOUND when they live nowhere). */
int xl_signout_person(xl_db *db, int64_t person_id, const char *moved_out, const char *channel,
                      xl_err *err);

/* "Still living here": confirmed_at = now (date part = xl_today()). Audit "resident.confirm".
 * XL_ENOTFOUND for no such residency, XL_EFAIL when it is closed. */
int xl_residency_confirm(xl_db *db, int64_t residency_id, xl_err *err);

/* Makes person_id the building's first responsible person from date since (empty = today;
 * not after today, not before the current holder's since). role is XL_ROLE_OWNER or
 * XL_ROLE_SUBLANDLORD.
 * Who may be chosen: any registered person — a sub-landlord often does not live in the house.
 * With role owner the person must be the building's owner of record; when the building has
 * none recorded, this person becomes it.
 * Closes the open responsible_history row (until = since), adds the new one, updates
 * building.responsible_id/responsible_role; audit "building.responsible". Refused when the
 * same person already holds it in the same role. */
int xl_building_set_responsible(xl_db *db, int building, int64_t person_id, xl_role role,
                                const char *since, xl_err *err);

/* ---------- reveal ---------- */

typedef enum {
    XL_REVEAL_ID_NUMBER,
    XL_REVEAL_PHONE,
} xl_reveal_field;

/* The whole ID number or phone, for someone who must see it. reason is required (at least
 * 2 characters besides blanks): it is written with the field to an audit row
 * ("person.reveal") in its own transaction before the number is returned. XL_EUSAGE for a
 * missing reason, XL_ENOTFOUND for no such person or no such number recorded (nothing is
 * written then). out gets "" on any failure. */
int xl_person_reveal(xl_db *db, int64_t person_id, xl_reveal_field field, const char *reason,
                     char *out, size_t size, xl_err *err);

/* ---------- person card ---------- */

typedef struct xl_card_residency {
    int64_t residency_id;
    int building;
    char room[9];
    char role[16];          /* role key */
    char moved_in[11];
    char moved_out[11];     /* "" while living there */
    char channel_in[16];    /* channel key */
    char channel_out[16];   /* "" while living there */
    char confirmed_at[20];  /* "YYYY-MM-DD HH:MM:SS", or "" when never confirmed */
    /* the building's current first responsible person */
    char resp_name[100];
    char resp_role[16];     /* "owner" / "sublandlord", "" when nobody is recorded */
    char resp_phone_masked[16];
} xl_card_residency;

typedef struct xl_person_card {
    int64_t person_id;
    char name[100];
    char gender[2];         /* "M", "F" or "" */
    char id_masked[24];
    char phone_masked[16];
    char province[52];
    char workplace[124];
    int party_member;
    int complete;           /* registration state, see the top of this file */
    char created_at[20];
    xl_card_residency *residencies; /* every residency, newest first (current one first) */
    size_t nresidencies;
} xl_person_card;

/* XL_ENOTFOUND when there is no such person. Release with xl_person_card_release. */
int xl_person_card_load(xl_db *db, int64_t person_id, xl_person_card *card, xl_err *err);
void xl_person_card_release(xl_person_card *card);

/* ---------- stale residencies (forgotten sign-outs) ---------- */

typedef struct xl_stale_row {
    int64_t residency_id;
    int64_t person_id;
    char name[100];
    char room[9];
    char moved_in[11];
    char last_seen[11];     /* date of confirmed_at, or moved_in when never confirmed */
    int days;               /* days since last_seen */
    char phone_masked[16];
} xl_stale_row;

typedef struct xl_stale_group {
    int building;
    char resp_name[100];
    char resp_role[16];
    char resp_phone_masked[16];
    size_t first;           /* index of its first row in xl_stale_list.rows */
    size_t count;
} xl_stale_group;

typedef struct xl_stale_list {
    char cutoff[11];        /* last_seen before this date is stale (today - days) */
    xl_stale_group *groups; /* by building number */
    size_t ngroups;
    xl_stale_row *rows;     /* per building, oldest last_seen first */
    size_t nrows;
} xl_stale_list;

/* Open tenancies (role tenant) whose last confirmation — confirmed_at, else moved_in — is
 * more than days days before today. days must be >= 1 (XL_EUSAGE). */
int xl_stale_list_load(xl_db *db, int days, xl_stale_list *out, xl_err *err);
void xl_stale_list_release(xl_stale_list *list);

/* ---------- the register: current residents (and history), a window at a time ---------- */

typedef enum {
    XL_REG_ALL,
    XL_REG_COMPLETE,
    XL_REG_INCOMPLETE,
} xl_reg_state;

typedef struct xl_register_filter {
    int building;        /* 0 = every building */
    int role;            /* -1 = every role, else an xl_role */
    xl_reg_state state;
    int include_history; /* 1 = moved-out residencies too */
} xl_register_filter;

/* Everything: every building, role and state, current residents only. */
#define XL_REGISTER_FILTER_ALL ((xl_register_filter){0, -1, XL_REG_ALL, 0})

typedef struct xl_register_row {
    int64_t residency_id;
    int64_t person_id;
    char name[100];
    int building;
    char room[9];
    char role[16];          /* role key */
    char moved_in[11];
    char moved_out[11];     /* "" while living there */
    char phone_masked[16];
    char id_masked[24];
    int complete;           /* registration state */
} xl_register_row;

/* Rows matching the filter. XL_EUSAGE for a bad filter. */
int xl_register_count(xl_db *db, const xl_register_filter *f, size_t *count, xl_err *err);

/* Up to limit rows from position offset (0-based) in register order into rows[limit];
 * *n = rows written (fewer at the end). Stateless: from offset 2000 on, each call first
 * counts the rows per building (one index scan: ~100 ms at --scale 100, ~1 ms at the real
 * size), so a scrolling pane should hold an xl_register_view instead. */
int xl_register_window(xl_db *db, const xl_register_filter *f, size_t offset, size_t limit,
                       xl_register_row *rows, size_t *n, xl_err *err);

/* A scrolling view of the register for one filter. It keeps only the count of matching
 * rows per building (one small array, never the rows), so any window is found by a binary
 * search and read with an index range: the same cost at offset 0 and at offset 700,000.
 * The counts are refreshed by itself on the next call after any write to the database (by
 * this connection or another), so the pane's figures follow every change at once. */
typedef struct xl_register_view xl_register_view;

int xl_register_view_open(xl_db *db, const xl_register_filter *f, xl_register_view **out,
                          xl_err *err);
/* Rows matching the filter now (refreshes first if the database changed). */
int xl_register_view_count(xl_register_view *v, size_t *count, xl_err *err);
int xl_register_view_window(xl_register_view *v, size_t offset, size_t limit,
                            xl_register_row *rows, size_t *n, xl_err *err);
void xl_register_view_close(xl_register_view *v);

#endif
