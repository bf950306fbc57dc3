/* regcommon.c — labels and character filters shared by the register's screens. */
#include <stdio.h>

#include "ui/pane/register.h"
#include "xiangli/i18n.h"
#include "xiangli/model.h"


const char *ui_role_label(const char *key) { return xl_role_label_of(key ? key : ""); }

const char *ui_channel_label(const char *key) { return xl_channel_label_of(key ? key : ""); }

const char *const *ui_role_choices(void)
{
    static const char *labels[XL_ROLE_COUNT];
    for (int i = 0; i < XL_ROLE_COUNT; i++)
        labels[i] = xl_role_label((xl_role)i);
    return labels;
}

const char *const *ui_channel_choices(void)
{
    static const char *labels[XL_CHANNEL_COUNT];
    for (int i = 0; i < XL_CHANNEL_COUNT; i++)
        labels[i] = xl_channel_label((xl_channel)i);
    return labels;
}

void ui_place_format(char *out, size_t size, int building, const char *room)
{
    if (building > 0)
        snprintf(out, size, "%d-%s", building, room ? room : "");
    else
        snprintf(out, size, "%s", _(NONE));
}

int ui_accept_digit(uint32_t cp)
{
    return cp >= '0' && cp <= '9';
}

int ui_accept_date(uint32_t cp)
{
    return ui_accept_digit(cp) || cp == '-' || cp == '/' || cp == '.';
}

int ui_accept_id(uint32_t cp)
{
    return ui_accept_digit(cp) || cp == 'x' || cp == 'X';
}

int ui_accept_room(uint32_t cp)
{
    return ui_accept_digit(cp) || (cp >= 'a' && cp <= 'z') || (cp >= 'A' && cp <= 'Z');
}

int ui_accept_phone(uint32_t cp)
{
    return ui_accept_digit(cp) || cp == ' ' || cp == '-';
}
