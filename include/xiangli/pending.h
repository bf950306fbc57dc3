/* pending.h — phone sign-in and sign-out (扫码签进 / 签出) waiting for an officer.
 *
 * A tenant scans the building's poster, fills the phone form (`xiangli serve`, src/web/) and
 * the submission lands here, never straight in the register. An officer confirms it (the
 * sign-in becomes a residency with channel 扫码, the sign-out ends one) or rejects it with a
 * reason, from the desk or with `xiangli pending`. Every write is one transaction with its
 * audit row ("pending.submit", "pending.confirm", "pending.reject", "pending.expire").
 *
 * The whole ID number and phone are kept only while a submission waits: confirming,
 * rejecting or expiring (older than [serve] pending_days) erases them. Rows leave this
 * module with masked numbers only.
 *
 * For the web front end this module also answers the only questions the server may ask:
 * does a building's sign-in token match, which rooms does the building have, and the
 * per-database secret behind the form's anti-forgery field. Nothing else of the register
 * is offered to it. */
#ifndef XL_PENDING_H
#define XL_PENDING_H

#include <stddef.h>
#include <stdint.h>

#include "xiangli/db.h"
#include "xiangli/mem.h"
#include "xiangli/resident.h"

#define XL_RECEIPT_LEN 6
#define XL_SECRET_HEX 64

/* ---- what the phone form may ask ---- */

/* 1 when building exists and token is its current sign-in token (a rotated or never
 * created token never matches), else 0 (also on a database error). */
int xl_pending_token_ok(xl_db *db, int building, const char *token);
/* The building's rooms in order, as a heap array of 9-byte strings (free()). */
int xl_pending_rooms(xl_db *db, int building, char (**rooms)[9], size_t *n, xl_err *err);
/* The per-database secret (64 hex characters), created by migration 008. */
int xl_pending_secret(xl_db *db, char out[XL_SECRET_HEX + 1], xl_err *err);

/* ---- submitting ---- */

/* The phone form as typed (UTF-8; NULL is the same as ""). action "in" (sign in) or "out"
 * (sign out). Checked by the desk's sign-in rules (resident.h) for name, ID number, phone,
 * room and date, with the role tenant and channel 扫码; on the phone the ID number and the
 * mobile number are required. date: empty = today; for "out" it is the move-out date. */
typedef struct xl_pending_form {
    const char *action, *name, *id_number, *phone, *room, *date;
} xl_pending_form;

/* Validates (XL_EFAIL with fe filled: fields NAME, ID_NUMBER, PHONE, ROOM, and MOVED_IN for
 * the date whichever the action; a bad action is reported on CHANNEL) and stores the
 * submission with a new receipt code (6 characters, no 0/O/1/I). XL_ENOTFOUND when the
 * building does not exist. */
int xl_pending_submit(xl_db *db, int building, const xl_pending_form *f, xl_field_errors *fe,
                      char receipt[XL_RECEIPT_LEN + 1], xl_err *err);
/* The same checks without storing anything (XL_OK when the form is fine). */
int xl_pending_check(xl_db *db, int building, const xl_pending_form *f, xl_field_errors *fe,
                     xl_err *err);

/* ---- the officer's queue ---- */

typedef struct xl_pending_row {
    int64_t id;
    char receipt[XL_RECEIPT_LEN + 1];
    int building;
    char room[9];
    char action[4];          /* "in" / "out" */
    char name[100];
    char id_masked[24];      /* "" once erased */
    char phone_masked[16];   /* "" once erased */
    char date[11];           /* move-in or move-out date asked for */
    char submitted_at[20];   /* "YYYY-MM-DD HH:MM:SS" */
    int expired;             /* older than pending_days: numbers erased, can only be rejected */
} xl_pending_row;

/* Marks waiting submissions older than days (submitted before today - days) as expired and
 * erases their numbers, in one transaction with one audit row; *n = how many (may be NULL). */
int xl_pending_expire(xl_db *db, int days, int *n, xl_err *err);
/* Expires first, then every waiting and expired submission, oldest first (heap; free()). */
int xl_pending_list(xl_db *db, int days, xl_pending_row **rows, size_t *n, xl_err *err);
/* Waiting submissions not yet expired (read only; the desk's badge). */
int xl_pending_count(xl_db *db, int days, size_t *n, xl_err *err);
/* The rows as a JSON array of objects with exactly the keys id, building, room, name,
 * action, id_masked, phone_masked, submitted_at. */
void xl_pending_json(const xl_pending_row *rows, size_t n, xl_buf *out);

/* Who a submission's ID number belongs to in the register, before confirming. */
typedef struct xl_pending_match {
    int64_t person_id;       /* 0 when the ID number is not registered */
    char name[100];
    int building;            /* current home, 0 when living nowhere */
    char room[9];
} xl_pending_match;

/* XL_ENOTFOUND for no such waiting submission. */
int xl_pending_match_find(xl_db *db, int64_t id, xl_pending_match *m, xl_err *err);

typedef struct xl_pending_outcome {
    int64_t person_id;
    int moved;               /* sign-in of someone living elsewhere: moved from building/room */
    int from_building;
    char from_room[9];
} xl_pending_outcome;

/* Confirms a waiting submission in one transaction:
 *   in   the person signs in with channel 扫码 and the submission's date (a new person, or an
 *        already registered one moving in or coming back). When they live elsewhere now and
 *        allow_move is 0, nothing is written: XL_EFAIL with out->moved = 1 and the current
 *        home in out, so the caller can offer the move and call again with allow_move 1.
 *   out  ends the current residency in that building and room with the given date.
 * Then the submission is marked confirmed with the operator and its numbers erased; audit
 * "pending.confirm". XL_ENOTFOUND for no such waiting submission; XL_EFAIL when expired or
 * the register refuses (the message says why). */
int xl_pending_confirm(xl_db *db, int64_t id, int allow_move, xl_pending_outcome *out,
                       xl_err *err);
/* Rejects a waiting or expired submission: reason required (at least 2 characters besides
 * blanks, XL_EUSAGE), numbers erased, audit "pending.reject" with the reason. */
int xl_pending_reject(xl_db *db, int64_t id, const char *reason, xl_err *err);

#endif
