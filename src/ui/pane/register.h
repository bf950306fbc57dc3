/* register.h — the register's screens (登记) opened over the current pane, and the few
 * helpers they share. The register tab itself is ui_register_new() in panes.h.
 * Every opener returns key flags; a failure leaves a message in the status line instead. */
#ifndef UI_REGISTER_H
#define UI_REGISTER_H

#include <stddef.h>
#include <stdint.h>

#include "ui/pane.h"
#include "xiangli/resident.h"

/* 人员卡片: every residency, past and present, newest first. */
int ui_person_open(ui_app *app, int64_t person_id);

/* 签进: the sign-in form for someone new; building > 0 fills the building field. */
int ui_signin_open(ui_app *app, int building);
/* The same with the building and the room filled (from a building card's room row); room
 * may be NULL or "". The focus is on the name. */
int ui_signin_open_at(ui_app *app, int building, const char *room);
/* 迁入: the same form for a registered person moving (MOVE), filled from their card. */
int ui_signin_open_move(ui_app *app, const xl_person_card *card);

/* 签出: moved-out date and channel for one open residency. */
typedef struct ui_signout_who {
    int64_t residency_id;
    const char *name;
    int building;
    const char *room, *role, *moved_in; /* role key */
    const char *last_seen; /* the stale view: the last confirmed date, proposed as the
                            * moved-out date (editable); NULL proposes today */
} ui_signout_who;
int ui_signout_open(ui_app *app, const ui_signout_who *who);

/* 长期未确认: open tenancies without confirmation for [register] stale_days days. */
int ui_stale_open(ui_app *app);

/* 待确认: phone sign-ins and sign-outs waiting for an officer. */
int ui_pending_open(ui_app *app);

/* 操作留痕: who did what to whom, when; revealed numbers and unmasked exports marked. */
int ui_audit_open(ui_app *app);

/* 更换第一责任人 of a building. */
int ui_resp_open(ui_app *app, int building);

/* 导入: a file of residents, dry run first, problems listed, then the real import. */
int ui_import_open(ui_app *app);
/* 导入社区工作簿: the same view for the whole community workbook (community.h), the path
 * field filled with path. */
int ui_import_open_community(ui_app *app, const char *path);

/* ---- shared helpers (regcommon.c) ---- */

/* Translated label of a role or channel key ("tenant" → 租客); the key itself if unknown. */
const char *ui_role_label(const char *key);
const char *ui_channel_label(const char *key);
/* Translated labels in enum order (XL_ROLE_COUNT / XL_CHANNEL_COUNT of them). */
const char *const *ui_role_choices(void);
const char *const *ui_channel_choices(void);
/* "127-302", or the "living nowhere" mark for building 0. */
void ui_place_format(char *out, size_t size, int building, const char *room);
/* Character filters for text fields. */
int ui_accept_digit(uint32_t cp);
int ui_accept_date(uint32_t cp);
int ui_accept_id(uint32_t cp);
int ui_accept_room(uint32_t cp);
int ui_accept_phone(uint32_t cp);

#endif
