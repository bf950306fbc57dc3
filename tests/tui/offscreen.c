/* offscreen.c — see offscreen.h. */
#include "offscreen.h"

#include <curses.h>
#include <locale.h>
#include <stdio.h>

#include "ui/keys.h"

static SCREEN *screen;
static FILE *out, *in;

int offscreen_setup(void **state)
{
    (void)state;
    if (!setlocale(LC_ALL, "C.UTF-8"))
        return -1;
    out = fopen("/dev/null", "w");
    in = fopen("/dev/null", "r");
    screen = out && in ? newterm("xterm-256color", out, in) : NULL;
    if (!screen)
        return -1;
    ui_keys_init();
    return 0;
}

int offscreen_teardown(void **state)
{
    (void)state;
    endwin();
    delscreen(screen);
    fclose(out);
    fclose(in);
    return 0;
}
