/* cardedit.c — the building card's edits: the building itself (e: lane, address, floors,
 * owner, pioneer group, micro-grid, grid leader; the first responsible person has its own
 * R), a room added or changed (r: number, declared headcount, use, floor) and a room removed
 * (D: refused by core while people live there). Saving is core's (cform.c). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/pane/cform.h"
#include "ui/widget/uitext.h"
#include "xiangli/community.h"
#include "xiangli/i18n.h"
#include "xiangli/mem.h"

int ui_card_edit_building(ui_app *app, int number)
{
    static const int cols[] = {XL_B_LANE, XL_B_ADDRESS, XL_B_FLOORS, XL_B_OWNER, XL_B_OWNER_PHONE,
                               XL_B_GROUP, XL_B_GRID, XL_B_GRID_LEADER};
    xl_cvalue v[XL_B_COUNT];
    xl_err err;
    char title[96];
    if (xl_building_values(ui_app_db(app), number, v, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    ui_format(title, sizeof title, _(CF_BUILDING_TITLE_FMT), number);
    return ui_cform_open(app, XL_CK_BUILDINGS, title, _(CF_BUILDING_INTRO), cols,
                         sizeof cols / sizeof cols[0], v);
}

/* The room the prompts are about (one prompt is open at a time). */
static struct {
    int building;
    char room[9];
} asked;

static int accept_room(int ch)
{
    return (ch >= '0' && ch <= '9') || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') ||
           ch == '-';
}

static int room_done(void *ctx, ui_app *app, const char *text)
{
    (void)ctx;
    static const int edit_cols[] = {XL_R_DECLARED, XL_R_USE, XL_R_FLOOR};
    static const int add_cols[] = {XL_R_ROOM, XL_R_DECLARED, XL_R_USE, XL_R_FLOOR};
    xl_cvalue v[XL_R_COUNT];
    xl_err err;
    char title[96];
    if (!*text)
        return UI_REDRAW;
    int rc = xl_room_values(ui_app_db(app), asked.building, text, v, &err);
    if (rc == XL_OK) {
        ui_format(title, sizeof title, _(CF_ROOM_TITLE_FMT), asked.building, text);
        return ui_cform_open(app, XL_CK_ROOMS, title, NULL, edit_cols, 3, v);
    }
    if (rc != XL_ENOTFOUND) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    snprintf(v[XL_R_BUILDING], sizeof v[0], "%d", asked.building);
    snprintf(v[XL_R_ROOM], sizeof v[0], "%s", text);
    snprintf(v[XL_R_USE], sizeof v[0], "rent");
    ui_format(title, sizeof title, _(CF_ROOM_NEW_TITLE_FMT), asked.building);
    return ui_cform_open(app, XL_CK_ROOMS, title, _(CF_ROOM_NEW_INTRO), add_cols, 4, v);
}

int ui_card_room_ask(ui_app *app, int number)
{
    asked.building = number;
    ui_app_prompt(app, &(ui_prompt_spec){_(CF_ROOM_PROMPT), 8, accept_room, room_done, NULL});
    return UI_REDRAW;
}

static int accept_any(int ch)
{
    return ch > ' ' && ch < 0x7f;
}

static int remove_confirmed(void *ctx, ui_app *app, const char *text)
{
    (void)ctx;
    xl_err err;
    if (strcmp(text, "y") != 0 && strcmp(text, "Y") != 0)
        return UI_REDRAW;
    if (xl_room_remove(ui_app_db(app), asked.building, asked.room, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    ui_app_message(app, 0, _(CF_ROOM_REMOVED_FMT), asked.building, asked.room);
    return UI_RELOAD;
}

static int remove_done(void *ctx, ui_app *app, const char *text)
{
    (void)ctx;
    xl_cvalue v[XL_R_COUNT];
    xl_err err;
    static char label[160];
    if (!*text)
        return UI_REDRAW;
    if (xl_room_values(ui_app_db(app), asked.building, text, v, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    xl_strlcpy_utf8(asked.room, text, sizeof asked.room);
    ui_format(label, sizeof label, _(CF_ROOM_REMOVE_ASK_FMT), asked.building, asked.room);
    ui_app_prompt(app, &(ui_prompt_spec){label, 1, accept_any, remove_confirmed, NULL});
    return UI_REDRAW;
}

int ui_card_room_remove_ask(ui_app *app, int number)
{
    asked.building = number;
    ui_app_prompt(app, &(ui_prompt_spec){_(CF_ROOM_REMOVE_PROMPT), 8, accept_room, remove_done, NULL});
    return UI_REDRAW;
}
