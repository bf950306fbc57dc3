/* firstrun.c — what the map shows while the database has no buildings: the three steps that
 * bring a community in (write the template, fill it in, import it), with the exact commands
 * and the template's path, and the keys that do steps 1 and 3 from the desk (t writes the
 * template, i opens the community import with that path filled in). */
#include "ui/pane/firstrun.h"

#include <stdio.h>
#include <stdlib.h>

#include "ui/pane/register.h"
#include "ui/theme.h"
#include "ui/widget/uitext.h"
#include "xiangli/i18n.h"
#include "xiangli/template.h"

#define TEMPLATE_NAME "xiangli-社区模板.xlsx"

void ui_firstrun_path(char *full, size_t fsize, char *shown, size_t ssize)
{
    const char *home = getenv("HOME");
    if (home && *home) {
        snprintf(full, fsize, "%s/%s", home, TEMPLATE_NAME);
        snprintf(shown, ssize, "~/%s", TEMPLATE_NAME);
    } else {
        snprintf(full, fsize, "%s", TEMPLATE_NAME);
        snprintf(shown, ssize, "%s", TEMPLATE_NAME);
    }
}

/* A command line, indented, in the label colour; returns the rows used. */
static int command(WINDOW *w, int y, const char *fmt, const char *path)
{
    char text[600];
    snprintf(text, sizeof text, fmt, path);
    return ui_text_wrap(w, y, 7, getmaxx(w) - 9, 2, text, ui_attr(UI_C_LABEL));
}

void ui_firstrun_draw(WINDOW *w)
{
    char full[1024], shown[600], text[800];
    int width = getmaxx(w) - 4, y = 1;
    ui_firstrun_path(full, sizeof full, shown, sizeof shown);
    ui_text_put(w, y, 2, width, _(FR_TITLE), ui_attr(UI_C_HEADING));
    y += 2;
    y += ui_text_wrap(w, y, 2, width, 2, _(FR_INTRO), ui_attr(UI_C_NORMAL)) + 1;
    ui_format(text, sizeof text, _(FR_STEP1_FMT), shown);
    y += ui_text_wrap(w, y, 2, width, 2, text, ui_attr(UI_C_NORMAL));
    y += command(w, y, "xiangli template community -o %s", shown) + 1;
    y += ui_text_wrap(w, y, 2, width, 2, _(FR_STEP2), ui_attr(UI_C_NORMAL)) + 1;
    y += ui_text_wrap(w, y, 2, width, 2, _(FR_STEP3), ui_attr(UI_C_NORMAL));
    y += command(w, y, "xiangli import community %s", shown) + 1;
    ui_text_wrap(w, y, 2, width, 3, _(FR_NOTE), ui_attr(UI_C_DIM));
}

static int write_template(ui_app *app)
{
    char full[1024], shown[600];
    xl_err err;
    ui_firstrun_path(full, sizeof full, shown, sizeof shown);
    if (xl_template_community(full, 0, &err) != XL_OK) {
        ui_app_message(app, 1, "%s", err.msg);
        return UI_REDRAW;
    }
    ui_app_message(app, 0, _(FR_TEMPLATE_WRITTEN_FMT), shown);
    return UI_REDRAW;
}

int ui_firstrun_key(ui_app *app, ui_action act)
{
    char full[1024], shown[600];
    switch (act) {
    case UI_ACT_FIRST_TEMPLATE: return write_template(app);
    case UI_ACT_FIRST_IMPORT:
        ui_firstrun_path(full, sizeof full, shown, sizeof shown);
        return ui_import_open_community(app, shown);
    default: return UI_IGNORED;
    }
}
